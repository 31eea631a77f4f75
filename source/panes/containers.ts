import type {Container, Stats} from '../docker/types.js';
import type {Pane} from './pane.js';
import {sanitize} from '../format/sanitize.js';
import {formatBytes, formatBytesSI} from '../format/bytes.js';
import {formatPercent} from '../format/percent.js';
import {formatAge} from '../format/duration.js';
import {formatPorts} from '../format/ports.js';
import {liveStatus} from '../format/status.js';

/** A row of the containers pane: the container and its latest stats, when running. */
export type ContainerRow = {container: Container; stats?: Stats};

/** The state column: health replaces "running" when the image has a health check. */
export function stateText(container: Container): string {
  if (container.state === 'running' && container.health) return container.health === 'starting' ? 'starting' : container.health;
  return container.state;
}

const pair = (a: number, b: number, format: (n: number) => string) => `${format(a)} / ${format(b)}`;

/** The containers pane, as data. */
export const containersPane: Pane<ContainerRow> = {
  id: 'containers',
  title: 'Containers',
  rowKey: (row) => row.container.id,
  defaultSort: {column: 'name', descending: false},
  filterText: (row) => {
    const c = row.container;
    const labels = Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(' ');
    return `${c.name} ${c.image} ${c.project ?? ''} ${labels}`.toLowerCase();
  },
  group: (row) => (row.container.project ? sanitize(row.container.project) : undefined),
  columns: [
    {id: 'name', title: 'NAME', width: 22, flex: true, priority: 0, text: (r) => sanitize(r.container.name)},
    {id: 'image', title: 'IMAGE', width: 16, priority: 8, text: (r) => sanitize(r.container.image)},
    {id: 'state', title: 'STATE', width: 10, priority: 0, text: (r) => stateText(r.container)},
    {id: 'status', title: 'STATUS', width: 17, priority: 5, text: (r, context) => sanitize(liveStatus(r.container.status, r.container.startedAt, context.nowSeconds))},
    {
      id: 'cpu', title: 'CPU%', width: 7, align: 'right', priority: 9,
      text: (r) => (r.stats ? formatPercent(r.stats.cpuPercent) : ''),
      sortValue: (r) => r.stats?.cpuPercent ?? -1,
    },
    {
      id: 'mem', title: 'MEM USAGE / LIMIT', width: 19, align: 'right', priority: 7,
      text: (r) => (r.stats ? pair(r.stats.memUsage, r.stats.memLimit, formatBytes) : ''),
      sortValue: (r) => r.stats?.memUsage ?? -1,
    },
    {
      id: 'memPercent', title: 'MEM%', width: 6, align: 'right', priority: 9,
      text: (r) => (r.stats ? formatPercent(r.stats.memPercent) : ''),
      sortValue: (r) => r.stats?.memPercent ?? -1,
    },
    {
      id: 'net', title: 'NET I/O', width: 15, align: 'right', priority: 4,
      text: (r) => (r.stats ? pair(r.stats.netRx, r.stats.netTx, formatBytesSI) : ''),
      sortValue: (r) => (r.stats ? r.stats.netRx + r.stats.netTx : -1),
    },
    {
      id: 'block', title: 'BLOCK I/O', width: 15, align: 'right', priority: 2,
      text: (r) => (r.stats ? pair(r.stats.blockRead, r.stats.blockWrite, formatBytesSI) : ''),
      sortValue: (r) => (r.stats ? r.stats.blockRead + r.stats.blockWrite : -1),
    },
    {
      id: 'pids', title: 'PIDS', width: 4, align: 'right', priority: 1,
      text: (r) => (r.stats ? String(r.stats.pids) : ''),
      sortValue: (r) => r.stats?.pids ?? -1,
    },
    {id: 'ports', title: 'PORTS', width: 18, priority: 3, text: (r) => formatPorts(r.container.ports)},
    {
      id: 'age', title: 'AGE', width: 4, align: 'right', priority: 6,
      text: (r, context) => formatAge(Math.max(0, context.nowSeconds - r.container.created)),
      sortValue: (r) => -r.container.created,
    },
  ],
};
