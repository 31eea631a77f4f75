import type {CellContext, Pane} from './pane.js';

/** How the list is shown: the user's filter, sort and folded groups. */
export type ListOptions = {
  filter: string;
  sort: {column: string; descending: boolean};
  /** Group names that are folded. */
  folded: ReadonlySet<string>;
};

/** A line of the list: a group header or an item. */
export type ListRow<Row> =
  | {kind: 'group'; key: string; group: string; count: number; folded: boolean}
  | {kind: 'item'; key: string; row: Row; grouped: boolean};

/** One collator for every comparison: localeCompare with options builds a new one per call. */
const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});

/** Compares two sort values: numbers as numbers, text naturally ("web-2" before "web-10"). */
function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Filters, sorts and groups rows for display. Groups come first (sorted by name), each followed
 * by its rows unless folded; rows without a group follow. Ties keep a stable order by key, so rows
 * do not jump around between updates.
 */
export function buildRows<Row>(pane: Pane<Row>, rows: readonly Row[], options: ListOptions, context: CellContext): ListRow<Row>[] {
  const needle = options.filter.trim().toLowerCase();
  const visible = needle ? rows.filter((row) => pane.filterText(row).includes(needle)) : [...rows];
  const column = pane.columns.find((c) => c.id === options.sort.column) ?? pane.columns[0];
  const value = (row: Row) => (column.sortValue ? column.sortValue(row, context) : column.text(row, context));
  const direction = options.sort.descending ? -1 : 1;
  visible.sort((a, b) => direction * compare(value(a), value(b)) || compare(pane.rowKey(a), pane.rowKey(b)));

  const groups = new Map<string, Row[]>();
  const loose: Row[] = [];
  for (const row of visible) {
    const group = pane.group?.(row);
    if (group === undefined) loose.push(row);
    else groups.set(group, [...(groups.get(group) ?? []), row]);
  }
  const out: ListRow<Row>[] = [];
  for (const group of [...groups.keys()].sort((a, b) => compare(a, b))) {
    const members = groups.get(group)!;
    const folded = options.folded.has(group);
    out.push({kind: 'group', key: `group:${group}`, group, count: members.length, folded});
    if (!folded) for (const row of members) out.push({kind: 'item', key: pane.rowKey(row), row, grouped: true});
  }
  for (const row of loose) out.push({kind: 'item', key: pane.rowKey(row), row, grouped: false});
  return out;
}

/**
 * Where the selection is after the list changed: on the same key if it is still there,
 * otherwise at the same position (clamped), so a removed row hands the selection to its neighbour.
 */
export function followSelection<Row>(rows: readonly ListRow<Row>[], key: string | undefined, previousIndex: number): number {
  if (rows.length === 0) return 0;
  if (key !== undefined) {
    const index = rows.findIndex((row) => row.key === key);
    if (index >= 0) return index;
  }
  return Math.max(0, Math.min(previousIndex, rows.length - 1));
}

/** Which columns fit in `width`: drop the lowest priority until they do; widen the flex one. */
export function fitColumns<Row>(pane: Pane<Row>, width: number): Array<{column: Pane<Row>['columns'][number]; width: number}> {
  let columns = [...pane.columns];
  const total = (list: typeof columns) => list.reduce((sum, c) => sum + c.width, 0) + (list.length - 1);
  while (total(columns) > width && columns.some((c) => c.priority > 0)) {
    const lowest = columns.filter((c) => c.priority > 0).reduce((a, b) => (b.priority < a.priority ? b : a));
    columns = columns.filter((c) => c !== lowest);
  }
  // Dropping a wide column can leave room for a narrower one dropped before it: bring it back.
  for (const column of [...pane.columns].sort((a, b) => b.priority - a.priority)) {
    if (columns.includes(column)) continue;
    const tried = pane.columns.filter((c) => columns.includes(c) || c === column);
    if (total(tried) <= width) columns = tried;
  }
  const spare = Math.max(0, width - total(columns));
  return columns.map((column) => ({column, width: column.flex ? column.width + spare : column.width}));
}
