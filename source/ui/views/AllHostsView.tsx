import React, {useEffect, useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import type {HostContainers} from '../../docker/probe.js';
import type {HostTarget} from '../../docker/types.js';
import {engineFor} from '../../docker/engine-for.js';
import {describeError} from '../../docker/errors.js';
import {allHostsPane, type HostContainerRow} from '../../panes/all-hosts.js';
import type {ListRow} from '../../panes/list.js';
import {sanitize} from '../../format/sanitize.js';
import {truncate} from '../../format/cells.js';
import {ResourceList} from '../ResourceList.js';
import {initialListState} from '../list-state.js';
import {CONTAINER_ACTIONS} from '../actions.js';
import {useServices, type ViewProps} from '../services.js';

/** The all-hosts commands and the container action each one is. */
const ACTIONS: Record<string, string> = {
  'allHosts.start': 'containers.start',
  'allHosts.stop': 'containers.stop',
  'allHosts.restart': 'containers.restart',
  'allHosts.remove': 'containers.remove',
};

/**
 * Containers of every reachable host in one list with a HOST column. Actions go to the engine of
 * the row's own host (with the same read-only guard), and the list is read again after each.
 */
export function AllHostsView({hosts, list, width, height, onClose}: ViewProps & {hosts: readonly HostTarget[]; list(): Promise<HostContainers[]>}) {
  const services = useServices();
  const [results, setResults] = useState<HostContainers[] | undefined>(undefined);
  const [state, setState] = useState(() => initialListState(allHostsPane));
  const [version, setVersion] = useState(0);
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    let live = true;
    void list().then((next) => {
      if (!live) return;
      setResults(next);
      setNow(Math.floor(Date.now() / 1000));
    });
    return () => {
      live = false;
    };
  }, [version]);
  const items = useMemo<HostContainerRow[]>(() => (results ?? []).flatMap((r) => (r.containers ?? []).map((container) => ({host: r.host, container}))), [results]);
  const failed = (results ?? []).filter((r) => r.error);

  const act = async (commandId: string, row: HostContainerRow) => {
    const action = CONTAINER_ACTIONS[commandId]?.(row.container);
    if (!action) return;
    const what = `${sanitize(row.container.name)} on ${sanitize(row.host.name)}`;
    const id = services.toast('working', `${action.working} ${what}…`);
    try {
      const engine = await engineFor(row.host, services.store.getSnapshot().readOnly);
      await action.run(engine, row.container, {volumes: false});
      services.toast('done', `${what} ${action.done}`, id);
    } catch (error) {
      services.toast('error', `${action.working.replace(/ing$/, '')} ${what}: ${describeError(error, row.host)}`, id);
    }
    setVersion((v) => v + 1);
  };

  const onCommand = (id: string, selected: ListRow<HostContainerRow> | undefined) => {
    if (id === 'allHosts.refresh') return setVersion((v) => v + 1);
    if (id === 'allHosts.close') return state.filter ? setState((s) => ({...s, filter: ''})) : onClose();
    if (selected?.kind !== 'item') return false;
    const command = ACTIONS[id];
    if (!command) return false;
    const row = selected.row;
    const action = CONTAINER_ACTIONS[command](row.container);
    if (action.confirm) return services.confirm(`${action.confirm} ${sanitize(row.container.name)} on ${sanitize(row.host.name)}?`, () => void act(command, row));
    void act(command, row);
  };

  const title = `containers on ${hosts.length} reachable host${hosts.length === 1 ? '' : 's'}${results ? '' : ' · listing…'}`;
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Text bold wrap="truncate">{truncate(title, width)}</Text>
      <ResourceList
        pane={allHostsPane}
        items={items}
        state={state}
        setState={setState}
        width={width}
        height={height - 1 - failed.length}
        nowSeconds={now}
        scope="allHosts"
        onCommand={onCommand}
        empty={hosts.length === 0 ? 'No reachable host yet: r in the machines pane probes them.' : results ? 'No containers on these hosts.' : 'Listing…'}
      />
      {failed.map((r) => (
        <Text key={r.host.url} color="red" wrap="truncate">{truncate(`${sanitize(r.host.name)}: ${sanitize(r.error ?? '')}`, width)}</Text>
      ))}
    </Box>
  );
}
