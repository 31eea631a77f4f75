import type {Container, Network} from '../docker/types.js';
import type {Pane} from './pane.js';
import {sanitize} from '../format/sanitize.js';
import {formatAge} from '../format/duration.js';

/** A row of the networks pane. */
export type NetworkRow = {
  network: Network;
  /** Names of the containers attached to it. */
  containers: string[];
};

/** Rows for the networks pane: the containers attached to each network (from the container list). */
export function networkRows(networks: readonly Network[], containers: readonly Container[]): NetworkRow[] {
  const attached = new Map<string, string[]>();
  for (const c of containers) for (const n of c.networks) attached.set(n, [...(attached.get(n) ?? []), c.name]);
  return networks.map((network) => ({network, containers: (attached.get(network.name) ?? []).sort()}));
}

/** The networks Docker creates itself; they cannot be removed. */
export const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none']);

/** The networks pane, as data. */
export const networksPane: Pane<NetworkRow> = {
  id: 'networks',
  title: 'Networks',
  rowKey: (row) => row.network.id,
  defaultSort: {column: 'name', descending: false},
  filterText: (row) => `${row.network.name} ${row.network.driver} ${row.network.subnets.join(' ')} ${row.containers.join(' ')}`.toLowerCase(),
  columns: [
    {id: 'name', title: 'NAME', width: 20, flex: true, priority: 0, text: (r) => sanitize(r.network.name)},
    {id: 'driver', title: 'DRIVER', width: 8, priority: 3, text: (r) => sanitize(r.network.driver)},
    {id: 'scope', title: 'SCOPE', width: 6, priority: 1, text: (r) => sanitize(r.network.scope)},
    {id: 'subnet', title: 'SUBNET', width: 18, priority: 4, text: (r) => sanitize(r.network.subnets.join(', '))},
    {id: 'containers', title: 'CONTAINERS', width: 24, priority: 5, text: (r) => sanitize(r.containers.join(', ')), sortValue: (r) => r.containers.length},
    {id: 'id', title: 'NETWORK ID', width: 12, priority: 2, text: (r) => r.network.id.slice(0, 12)},
    {
      id: 'created', title: 'CREATED', width: 7, align: 'right', priority: 1,
      text: (r, context) => formatAge(r.network.created === undefined ? undefined : context.nowSeconds - r.network.created),
      sortValue: (r) => -(r.network.created ?? 0),
    },
  ],
};
