import type {Container, HostTarget} from '../docker/types.js';
import type {Pane} from './pane.js';
import {sanitize} from '../format/sanitize.js';

/** A row of the all-hosts view: a container and the host it runs on. */
export type HostContainerRow = {host: HostTarget; container: Container};

/** The containers of every reachable host in one table, as data: HOST first. */
export const allHostsPane: Pane<HostContainerRow> = {
  id: 'allHosts',
  title: 'All hosts',
  // The same container id can exist on two engines: the host is part of the key.
  rowKey: (row) => `${row.host.url}|${row.container.id}`,
  defaultSort: {column: 'host', descending: false},
  filterText: (row) => `${row.host.name} ${row.container.name} ${row.container.image} ${row.container.state}`.toLowerCase(),
  columns: [
    {id: 'host', title: 'HOST', width: 16, priority: 0, text: (r) => sanitize(r.host.name)},
    {id: 'name', title: 'NAME', width: 28, flex: true, priority: 0, text: (r) => sanitize(r.container.name)},
    {id: 'image', title: 'IMAGE', width: 28, priority: 2, text: (r) => sanitize(r.container.image)},
    {id: 'state', title: 'STATE', width: 10, priority: 1, text: (r) => r.container.state},
    {id: 'status', title: 'STATUS', width: 24, priority: 3, text: (r) => sanitize(r.container.status)},
  ],
};
