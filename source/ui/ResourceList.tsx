import React, {useMemo} from 'react';
import {Box, Text} from 'ink';
import type {Pane} from '../panes/pane.js';
import type {Scope} from '../keymap/keymap.js';
import {buildRows, followSelection, type ListRow} from '../panes/list.js';
import {useEditor, useScope} from './commands.js';
import {Table} from './Table.js';
import {truncate} from '../format/cells.js';
import type {ListState} from './list-state.js';

/** Props of a pane's list. */
export type ResourceListProps<Row> = {
  pane: Pane<Row>;
  /** The pane's rows before filter and sort. */
  items: readonly Row[];
  state: ListState;
  setState(update: (state: ListState) => ListState): void;
  width: number;
  height: number;
  nowSeconds: number;
  /** The pane's own keymap scope. */
  scope: Scope;
  /**
   * A command of the list scope that is not movement (open, inspect, logs) or of the pane's scope,
   * on the selected line (undefined when the list is empty). Returns false when it does not apply.
   */
  onCommand(id: string, selected: ListRow<Row> | undefined): boolean | void;
  /** Shown instead of rows when there are none and no filter hides them. */
  empty: string;
  /** Told the keys of the rows on screen when they change (see Table). */
  onVisible?(keys: readonly string[]): void;
  /** Completes the rows on screen before they are drawn (see Table). */
  present?(row: Row): Row;
};

/**
 * One pane's list: the table, the filter line, moving, filtering and sorting. What a command does
 * to the selected row is the pane's business (onCommand); the list only knows rows and keys.
 */
export function ResourceList<Row>({pane, items, state, setState, width, height, nowSeconds, scope, onCommand, empty, onVisible, present}: ResourceListProps<Row>) {
  const rows = useMemo(
    () => buildRows(pane, items, {filter: state.filter, sort: state.sort, folded: state.folded}, {nowSeconds}),
    [pane, items, state.filter, state.sort, state.folded, nowSeconds],
  );
  const selected = followSelection(rows, state.selectedKey, state.selectedIndex);
  const current = rows[selected];
  const select = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    setState((s) => ({...s, selectedIndex: clamped, selectedKey: rows[clamped]?.key}));
  };
  const tableHeight = height - (state.filter || state.typing ? 1 : 0);
  const page = Math.max(1, tableHeight - 2);

  useScope('list', (id) => {
    switch (id) {
      case 'list.up': return select(selected - 1);
      case 'list.down': return select(selected + 1);
      case 'list.pageUp': return select(selected - page);
      case 'list.pageDown': return select(selected + page);
      case 'list.top': return select(0);
      case 'list.bottom': return select(rows.length - 1);
      case 'list.filter': return setState((s) => ({...s, typing: true}));
      case 'list.clearFilter': return setState((s) => ({...s, filter: ''}));
      case 'list.sort': {
        const columns = pane.columns;
        const at = columns.findIndex((c) => c.id === state.sort.column);
        return setState((s) => ({...s, sort: {column: columns[(at + 1) % columns.length].id, descending: s.sort.descending}}));
      }
      case 'list.reverse': return setState((s) => ({...s, sort: {...s.sort, descending: !s.sort.descending}}));
    }
    return onCommand(id, current);
  });
  useScope(scope, (id) => onCommand(id, current));
  const editor = useMemo(
    () =>
      state.typing
        ? {
            scope: 'filter' as const,
            value: state.filter,
            onChange: (filter: string) => setState((s) => ({...s, filter, selectedIndex: 0, selectedKey: undefined})),
            onCommand: (id: string) => setState((s) => ({...s, typing: false, filter: id === 'filter.cancel' ? '' : s.filter})),
          }
        : undefined,
    [state.typing, state.filter],
  );
  useEditor(editor);

  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Table
        pane={pane}
        rows={rows}
        selected={selected}
        width={width}
        height={tableHeight}
        context={{nowSeconds}}
        sort={state.sort}
        empty={state.filter ? `Nothing matches “${state.filter}”. Esc clears the filter.` : empty}
        onVisible={onVisible}
        present={present}
      />
      {state.filter || state.typing ? (
        <Text color="yellow" wrap="truncate">
          {truncate(`filter: ${state.filter}${state.typing ? '█' : ''}  ${state.typing ? '(Enter keeps, Esc clears)' : '(Esc clears)'}`, width)}
        </Text>
      ) : null}
    </Box>
  );
}

/** What every pane component is given by the App. */
export type PaneProps = {
  snapshot: import('../store/store.js').Snapshot;
  state: ListState;
  setState(update: (state: ListState) => ListState): void;
  width: number;
  height: number;
  nowSeconds: number;
};

/** The empty-list line while the engine is not reachable, or `ready` once it is. */
export function emptyText(snapshot: PaneProps['snapshot'], ready: string): string {
  if (snapshot.connection.status === 'connected') return ready;
  return snapshot.connection.status === 'connecting' ? 'Connecting to the engine…' : `Waiting for the engine: ${snapshot.connection.error ?? ''}`;
}
