import React, {useMemo} from 'react';
import {BUILTIN_NETWORKS, networkRows, networksPane, type NetworkRow} from '../../panes/networks.js';
import {sanitize} from '../../format/sanitize.js';
import {ResourceList, emptyText, type PaneProps} from '../ResourceList.js';
import type {ListRow} from '../../panes/list.js';
import {useServices} from '../services.js';
import {openInspect} from './inspect.js';

/** The networks pane: subnets and attached containers, with inspect and remove. */
export function NetworksPane({snapshot, state, setState, width, height, nowSeconds}: PaneProps) {
  const services = useServices();
  const items = useMemo(() => networkRows(snapshot.networks, snapshot.containers), [snapshot.networks, snapshot.containers]);

  const onCommand = (id: string, selected: ListRow<NetworkRow> | undefined) => {
    if (selected?.kind !== 'item') return false;
    const {network, containers} = selected.row;
    const name = sanitize(network.name);
    switch (id) {
      case 'list.inspect':
      case 'list.open':
        return void openInspect(services, `inspect ${name}`, (engine) => engine.inspectNetwork(network.id));
      case 'networks.remove':
        if (BUILTIN_NETWORKS.has(network.name)) return void services.toast('error', `${name} is one of Docker's own networks and cannot be removed`);
        if (containers.length > 0) return void services.toast('error', `${name} has containers attached (${sanitize(containers.join(', '))}); disconnect them first`);
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
      pane={networksPane}
      items={items}
      state={state}
      setState={setState}
      width={width}
      height={height}
      nowSeconds={nowSeconds}
      scope="networks"
      onCommand={onCommand}
      empty={emptyText(snapshot, 'No networks on this engine.')}
    />
  );
}
