/**
 * A pane is declared as data: its columns, how a row is keyed, sorted, filtered and grouped.
 * The generic table and list logic read this; nothing pane-specific lives in the UI.
 */

/** What a cell needs besides its row: the clock, so ages move on. */
export type CellContext = {nowSeconds: number};

/** One column of a pane. */
export type Column<Row> = {
  id: string;
  title: string;
  /** Fixed width in cells; the flex column takes what is left (at least `width`). */
  width: number;
  flex?: boolean;
  align?: 'left' | 'right';
  /** Lower numbers are dropped first when the terminal is narrow; 0 never. */
  priority: number;
  /** Cell text (untrusted parts already sanitized by the pane). */
  text(row: Row, context: CellContext): string;
  /** Value to sort by; defaults to the text. */
  sortValue?(row: Row, context: CellContext): string | number;
};

/** One pane of the dashboard. */
export type Pane<Row> = {
  id: string;
  title: string;
  /** Stable identity of a row, so the selection follows it through updates (never an index). */
  rowKey(row: Row): string;
  columns: Column<Row>[];
  /** Column sorted by when the pane opens. */
  defaultSort: {column: string; descending: boolean};
  /** Everything `/` matches against, lower-cased. */
  filterText(row: Row): string;
  /** Rows with the same group are shown together under a header. */
  group?(row: Row): string | undefined;
};
