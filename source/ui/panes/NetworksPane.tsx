import React, {useMemo} from 'react';
import {BUILTIN_NETWORKS, networkRows, networksPane, type NetworkRow} from '../../panes/networks.js';
import {sanitize} from '../../format/sanitize.js';
import {someNames} from '../../format/names.js';
import type {Network} from '../../docker/types.js';
import type {Engine} from '../../docker/engine.js';
import {ResourceList, emptyText, type PaneProps} from '../ResourceList.js';
import type {ListRow} from '../../panes/list.js';
import {useServices, type Services} from '../services.js';
import {openInspect} from './inspect.js';
import {openForm} from '../forms/open-form.js';
import type {FormSpec} from '../forms/form.js';
import {INITIAL_NETWORK_VALUES, networkForm, networkOptions} from '../forms/network-form.js';


/** A one-field form that picks a container, for connect and disconnect. */
function pickContainer(title: string, choices: readonly string[], verb: string): FormSpec<{container: string}> {
  return {
    title,
    submitLabel: verb,
    fields: [{id: 'container', label: 'Container', kind: 'choice', choices}],
    validate: () => ({}),
  };
}

/** Opens the container picker and runs connect or disconnect with the choice. */
function openPicker(services: Services, network: Network, choices: string[], connect: boolean) {
  const name = sanitize(network.name);
  if (choices.length === 0) {
    return void services.toast('error', connect ? `every container is already on ${name}` : `no container is attached to ${name}`);
  }
  const verb = connect ? 'connects it' : 'disconnects it';
  const shown = choices.map((c) => sanitize(c));
  const spec = pickContainer(`${connect ? 'Connect a container to' : 'Disconnect a container from'} ${name} (← → choose)`, shown, verb);
  const call = (engine: Engine, container: string) => (connect ? engine.connectNetwork(network.id, container) : engine.disconnectNetwork(network.id, container));
  openForm(services, spec, {container: shown[0]}, async (engine, {container}) => {
    // The choice shows sanitized names: act on the real one it stands for.
    const real = choices[shown.indexOf(container)] ?? container;
    await call(engine, real);
    // The engine's network event makes the store read the container again.
    return `${sanitize(real)} ${connect ? 'connected to' : 'disconnected from'} ${name}`;
  });
}

/** The networks pane: subnets and attached containers; create, connect, disconnect, remove, prune. */
export function NetworksPane(props: PaneProps) {
  const {snapshot, state, setState} = props;
  const services = useServices();
  const items = useMemo(() => networkRows(snapshot.networks, snapshot.containers), [snapshot.networks, snapshot.containers]);

  const onCommand = (id: string, selected: ListRow<NetworkRow> | undefined) => {
    if (id === 'networks.create') {
      return openForm(services, networkForm, INITIAL_NETWORK_VALUES, async (engine, values) => {
        await engine.createNetwork(networkOptions(values));
        services.store.refreshResource('networks');
        return `network ${sanitize(values.name.trim())} created`;
      });
    }
    if (id === 'networks.prune') {
      const unused = items.filter((r) => r.containers.length === 0 && !BUILTIN_NETWORKS.has(r.network.name)).map((r) => r.network.name);
      if (unused.length === 0) return void services.toast('done', 'no unused networks to prune');
      return services.confirm(`Remove ${unused.length} unused network${unused.length === 1 ? '' : 's'}: ${someNames(unused)}?`, () => {
        void services
          .act({working: 'pruning networks…', done: (r: {deleted: string[]}) => `${r.deleted.length} network${r.deleted.length === 1 ? '' : 's'} removed`, failed: 'prune networks'}, (engine) => engine.pruneNetworks())
          .then(() => services.store.refreshResource('networks'));
      });
    }
    if (selected?.kind !== 'item') return false;
    const {network, containers} = selected.row;
    const name = sanitize(network.name);
    switch (id) {
      case 'list.inspect':
      case 'list.open':
        return void openInspect(services, `inspect ${name}`, (engine) => engine.inspectNetwork(network.id));
      case 'networks.connect': {
        const outside = snapshot.containers.filter((c) => !c.networks.includes(network.name)).map((c) => c.name).sort();
        return openPicker(services, network, outside, true);
      }
      case 'networks.disconnect':
        return openPicker(services, network, containers, false);
      case 'networks.remove':
        if (BUILTIN_NETWORKS.has(network.name)) return void services.toast('error', `${name} is one of Docker's own networks and cannot be removed`);
        if (containers.length > 0) return void services.toast('error', `${name} has containers attached (${someNames(containers)}); disconnect them first`);
        return services.confirm(`Remove network ${name}?`, () => {
          void services
            .act({working: `removing ${name}…`, done: `${name} removed`, failed: `remove ${name}`}, (engine) => engine.removeNetwork(network.id))
            .then(() => services.store.refreshResource('networks'));
        });
    }
    return false;
  };

  return (
    <ResourceList
      {...props}
      pane={networksPane}
      items={items}
      scope="networks"
      onCommand={onCommand}
      empty={emptyText(snapshot, 'No networks on this engine. c creates one.')}
    />
  );
}
