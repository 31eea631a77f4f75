import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import type {Snapshot} from '../store/store.js';
import type {Container} from '../docker/types.js';
import {containersPane, type ContainerRow} from '../panes/containers.js';
import {buildRows, followSelection, type ListRow} from '../panes/list.js';
import {useEditor, useScope} from './commands.js';
import {Table} from './Table.js';
import {truncate} from '../format/cells.js';

/** The list's own state, kept by the App so it survives opening a view. */
export type ListState = {
  filter: string;
  /** The filter is being typed. */
  typing: boolean;
  sort: {column: string; descending: boolean};
  showAll: boolean;
  folded: ReadonlySet<string>;
  selectedKey?: string;
  selectedIndex: number;
};

/** The state a containers list starts with. */
export const initialListState: ListState = {
  filter: '',
  typing: false,
  sort: containersPane.defaultSort,
  showAll: true,
  folded: new Set(),
  selectedIndex: 0,
};

/** Props of the containers list. */
export type ContainersListProps = {
  snapshot: Snapshot;
  state: ListState;
  setState(update: (state: ListState) => ListState): void;
  width: number;
  height: number;
  nowSeconds: number;
  /** A command of the containers scope on the selected container (actions, logs, inspect, details). */
  onContainerCommand(id: string, container: Container): void;
};

/** Rows of the containers pane as shown, for the list and for tests. */
export function containerRows(snapshot: Snapshot, state: ListState, nowSeconds: number): ListRow<ContainerRow>[] {
  const rows: ContainerRow[] = snapshot.containers
    .filter((c) => state.showAll || c.state === 'running' || c.state === 'paused' || c.state === 'restarting')
    .map((container) => ({container, stats: snapshot.stats.get(container.id)}));
  return buildRows(containersPane, rows, {filter: state.filter, sort: state.sort, folded: state.folded}, {nowSeconds});
}

/** The containers pane: the table, the filter line, and the list and container commands. */
export function ContainersList({snapshot, state, setState, width, height, nowSeconds, onContainerCommand}: ContainersListProps) {
  const rows = useMemo(() => containerRows(snapshot, state, nowSeconds), [snapshot, state.filter, state.sort, state.showAll, state.folded, nowSeconds]);
  const selected = followSelection(rows, state.selectedKey, state.selectedIndex);
  const current = rows[selected];
  const select = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    setState((s) => ({...s, selectedIndex: clamped, selectedKey: rows[clamped]?.key}));
  };
  const toggleFold = (group: string) =>
    setState((s) => {
      const folded = new Set(s.folded);
      if (folded.has(group)) folded.delete(group);
      else folded.add(group);
      return {...s, folded, selectedKey: `group:${group}`};
    });
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
        const columns = containersPane.columns;
        const at = columns.findIndex((c) => c.id === state.sort.column);
        return setState((s) => ({...s, sort: {column: columns[(at + 1) % columns.length].id, descending: s.sort.descending}}));
      }
      case 'list.reverse': return setState((s) => ({...s, sort: {...s.sort, descending: !s.sort.descending}}));
      case 'list.open':
        if (current?.kind === 'group') return toggleFold(current.group);
        break;
    }
    if (current?.kind === 'item') return onContainerCommand(id, current.row.container);
    return false;
  });
  useScope('containers', (id) => {
    if (id === 'containers.all') return setState((s) => ({...s, showAll: !s.showAll}));
    if (id === 'containers.fold') {
      const group = current?.kind === 'group' ? current.group : current?.kind === 'item' ? current.row.container.project : undefined;
      return group ? toggleFold(group) : undefined;
    }
    if (current?.kind === 'item') return onContainerCommand(id, current.row.container);
  });
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

  const empty =
    snapshot.connection.status !== 'connected'
      ? snapshot.connection.status === 'connecting'
        ? 'Connecting to the engine…'
        : `Waiting for the engine: ${snapshot.connection.error ?? ''}`
      : state.filter
        ? `Nothing matches “${state.filter}”. Esc clears the filter.`
        : state.showAll
          ? 'No containers on this engine.'
          : 'No running containers. a shows all of them.';
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Table
        pane={containersPane}
        rows={rows}
        selected={selected}
        width={width}
        height={tableHeight}
        context={{nowSeconds}}
        sort={state.sort}
        empty={empty}
      />
      {state.filter || state.typing ? (
        <Text color="yellow" wrap="truncate">
          {truncate(`filter: ${state.filter}${state.typing ? '█' : ''}  ${state.typing ? '(Enter keeps, Esc clears)' : '(Esc clears)'}`, width)}
        </Text>
      ) : null}
    </Box>
  );
}
