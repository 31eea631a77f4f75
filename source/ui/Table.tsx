import React, {useEffect, useRef} from 'react';
import {Box, Text} from 'ink';
import type {CellContext, Pane} from '../panes/pane.js';
import {fitColumns, type ListRow} from '../panes/list.js';
import {pad, truncate} from '../format/cells.js';

/** Props of the generic table. */
export type TableProps<Row> = {
  pane: Pane<Row>;
  rows: readonly ListRow<Row>[];
  selected: number;
  width: number;
  /** Lines available, header included. */
  height: number;
  context: CellContext;
  sort: {column: string; descending: boolean};
  /** Drawn instead of rows when there are none. */
  empty: string;
  /** Told the keys of the item rows on screen whenever they change (the store streams only their stats). */
  onVisible?(keys: readonly string[]): void;
  /** Completes a row that is drawn (the containers pane adds the latest stats here, to rows on screen only). */
  present?(row: Row): Row;
};

/** Keeps the selection in view, moving the window as little as possible. */
export function scrollTop(previousTop: number, selected: number, visible: number, total: number): number {
  let top = Math.min(previousTop, Math.max(0, total - visible));
  if (selected < top) top = selected;
  if (selected >= top + visible) top = selected - visible + 1;
  return Math.max(0, top);
}

/**
 * A table of our own (ink-table does not load under Ink 6 and draws one element per cell):
 * one <Text> per row of padded cells, and only the rows that fit are rendered.
 */
export function Table<Row>({pane, rows, selected, width, height, context, sort, empty, onVisible, present}: TableProps<Row>) {
  const columns = fitColumns(pane, width);
  const visible = Math.max(1, height - 1);
  const topRef = useRef(0);
  const top = scrollTop(topRef.current, selected, visible, rows.length);
  topRef.current = top;
  const shown = rows.slice(top, top + visible);
  const shownKeys = shown.flatMap((row) => (row.kind === 'item' ? [row.key] : [])).join('\n');
  useEffect(() => onVisible?.(shownKeys ? shownKeys.split('\n') : []), [shownKeys, onVisible]);
  const header = columns
    .map(({column, width: w}) => {
      const mark = column.id === sort.column ? (sort.descending ? '↓' : '↑') : '';
      return pad(truncate(column.title + mark, w), w, column.align ?? 'left');
    })
    .join(' ');
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Text bold wrap="truncate">{header}</Text>
      {rows.length === 0 ? <Text dimColor>{truncate(empty, width)}</Text> : null}
      {shown.map((row, index) => {
        const isSelected = top + index === selected;
        if (row.kind === 'group') {
          const text = pad(truncate(`${row.folded ? '▸' : '▾'} ${row.group} (${row.count})`, width), width, 'left');
          return <Text key={row.key} bold inverse={isSelected} color="cyan" wrap="truncate">{text}</Text>;
        }
        const item = present ? present(row.row) : row.row;
        const line = columns
          .map(({column, width: w}, i) => {
            const indent = i === 0 && row.grouped ? '  ' : '';
            return pad(truncate(indent + column.text(item, context), w), w, column.align ?? 'left');
          })
          .join(' ');
        return <Text key={row.key} inverse={isSelected} wrap="truncate">{line}</Text>;
      })}
    </Box>
  );
}
