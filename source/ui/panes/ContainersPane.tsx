import React, {useCallback, useMemo} from 'react';
import type {Container} from '../../docker/types.js';
import {containersPane, type ContainerRow} from '../../panes/containers.js';
import {sanitize} from '../../format/sanitize.js';
import {describeError} from '../../docker/errors.js';
import {ResourceList, emptyText, type PaneProps} from '../ResourceList.js';
import {useServices} from '../services.js';
import {CONTAINER_ACTIONS} from '../actions.js';
import {detailLines, jsonLines} from '../details.js';
import {hasSecrets, maskSecrets} from '../../format/secrets.js';

/** Columns whose order needs every container's stats: sorted by one, all of them stream. */
const STATS_COLUMNS = new Set(['cpu', 'mem', 'memPercent', 'net', 'block', 'pids']);

/** States in which a container counts as running for the "running only" view. */
const LIVE = new Set(['running', 'paused', 'restarting']);

/** The containers pane: every container with live stats, and the container actions. */
export function ContainersPane(props: PaneProps) {
  const {snapshot, state, setState} = props;
  const services = useServices();
  const {store, toast} = services;
  // Sorted by name, state…, the order does not depend on stats: the rows are built (filtered,
  // sorted, grouped) again only when the containers change, and stats are added to the rows on
  // screen as they are drawn. Sorted by a stats column, every row carries its stats.
  const sortedOnStats = STATS_COLUMNS.has(state.sort.column);
  const stats = sortedOnStats ? snapshot.stats : undefined;
  const items = useMemo<ContainerRow[]>(
    () => snapshot.containers.filter((c) => state.showAll || LIVE.has(c.state)).map((container) => ({container, stats: stats?.get(container.id)})),
    [snapshot.containers, stats, state.showAll],
  );
  const present = useCallback((row: ContainerRow) => (sortedOnStats ? row : {container: row.container, stats: snapshot.stats.get(row.container.id)}), [sortedOnStats, snapshot.stats]);

  // Stats are read only for the rows on screen (the others keep their last reading), unless the
  // list is sorted by a stats column, whose order needs every container's figure.
  const onVisible = useCallback((ids: readonly string[]) => store.watchStats(sortedOnStats ? 'all' : ids), [store, sortedOnStats]);

  const toggleFold = (group: string) =>
    setState((s) => {
      const folded = new Set(s.folded);
      if (folded.has(group)) folded.delete(group);
      else folded.add(group);
      return {...s, folded, selectedKey: `group:${group}`};
    });

  /** Runs an action on a container: a working toast, the call, then the result in one line. */
  const perform = async (commandId: string, container: Container, volumes = false) => {
    const action = CONTAINER_ACTIONS[commandId]?.(container);
    if (!action) return;
    const name = sanitize(container.name);
    await services.act(
      {working: `${action.working} ${name}…`, done: `${name} ${action.done}${volumes ? ' with its anonymous volumes' : ''}`, failed: `${action.working.replace(/ing$/, '')} ${name}`},
      (engine) => action.run(engine, container, {volumes}),
    );
    store.refresh(container.id);
  };

  const openInspect = async (container: Container, details: boolean) => {
    const engine = store.engine;
    if (!engine) return;
    try {
      const inspected = await engine.inspectContainer(container.id);
      const stats = store.getSnapshot().stats.get(container.id);
      const lines = (doc: unknown) => (details ? detailLines(container, doc, stats) : jsonLines(doc));
      // Secret-looking environment values stay masked until S reveals them.
      services.openText(`${details ? 'details' : 'inspect'} ${sanitize(container.name)}`, lines(maskSecrets(inspected)), hasSecrets(inspected) ? lines(inspected) : undefined);
    } catch (error) {
      toast('error', `inspect ${sanitize(container.name)}: ${describeError(error)}`);
    }
  };

  const renameTo = async (container: Container, name: string) => {
    if (!name || name === container.name) return;
    await services.act(
      {working: `renaming ${sanitize(container.name)}…`, done: `${sanitize(container.name)} renamed to ${sanitize(name)}`, failed: `rename ${sanitize(container.name)}`},
      (engine) => engine.rename(container.id, name),
    );
    store.refresh(container.id);
  };

  const onCommand = (id: string, selected: Parameters<Parameters<typeof ResourceList<ContainerRow>>[0]['onCommand']>[1]) => {
    if (id === 'containers.all') return setState((s) => ({...s, showAll: !s.showAll}));
    if (selected?.kind === 'group') {
      if (id === 'list.open' || id === 'containers.fold') return toggleFold(selected.group);
      return false;
    }
    if (!selected) return false;
    const container = selected.row.container;
    switch (id) {
      case 'containers.fold': return container.project ? toggleFold(sanitize(container.project)) : undefined;
      case 'list.logs': return services.openLogs(container);
      case 'list.inspect': return void openInspect(container, false);
      case 'list.open': return void openInspect(container, true);
      case 'containers.exec':
        return void services.handOver(`shell in ${sanitize(container.name)}`, (engine) => engine.execShell(container.id));
      case 'containers.rename':
        return services.prompt(`Rename ${sanitize(container.name)} to`, sanitize(container.name), (name) => void renameTo(container, name), 'renames');
    }
    const action = CONTAINER_ACTIONS[id]?.(container);
    if (!action) return false;
    if (action.confirm) {
      return services.confirm(`${action.confirm} ${sanitize(container.name)}?`, (answer) => void perform(id, container, answer === 'volumes'), id === 'containers.remove' ? {volumes: 'yes, and its anonymous volumes'} : {});
    }
    void perform(id, container);
  };

  const empty = emptyText(snapshot, state.showAll ? 'No containers on this engine.' : 'No running containers. a shows all of them.');
  return (
    <ResourceList
      {...props}
      pane={containersPane}
      items={items}
      scope="containers"
      onCommand={onCommand}
      empty={empty}
      onVisible={onVisible}
      present={present}
    />
  );
}
