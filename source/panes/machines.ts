import type {Pane} from './pane.js';
import type {MachineRow} from '../store/machines.js';
import {sanitize} from '../format/sanitize.js';
import {formatBytes, MISSING} from '../format/bytes.js';

/** The state word of a row: connected, unreachable, auth failure, timing out, broken entry, probing. */
export function machineState(row: MachineRow): string {
  if (row.entry.error) return 'broken entry';
  if (!row.probe) return row.probing ? 'probing…' : 'not probed';
  return row.probe.state;
}

/** The state with its reason, one line, for the STATE column and details. */
export function machineStateText(row: MachineRow): string {
  const state = machineState(row);
  if (row.entry.error) return `${state}: ${row.entry.error}`;
  if (row.probe && row.probe.state !== 'connected') return `${state}: ${row.probe.reason}`;
  return state;
}

const facts = (row: MachineRow) => (row.probe?.state === 'connected' ? row.probe.facts : undefined);
const SOURCE_ORDER = ['flag', 'env', 'context', 'machine', 'added'];

/** The Machines pane, as data: one row per Docker host. */
export const machinesPane: Pane<MachineRow> = {
  id: 'machines',
  title: 'Machines',
  rowKey: (row) => row.entry.key,
  defaultSort: {column: 'source', descending: false},
  filterText: (row) => `${row.entry.name} ${row.entry.source} ${row.entry.url} ${machineStateText(row)}`.toLowerCase(),
  columns: [
    {id: 'name', title: 'NAME', width: 14, priority: 0, text: (r) => `${r.active ? '* ' : '  '}${sanitize(r.entry.name)}`, sortValue: (r) => r.entry.name},
    {
      id: 'source', title: 'SOURCE', width: 7, priority: 6, text: (r) => r.entry.source,
      // Stable within a source: the discovery order (env, contexts, machines, added by name).
      sortValue: (r) => `${SOURCE_ORDER.indexOf(r.entry.source)}`,
    },
    {id: 'url', title: 'URL', width: 24, priority: 5, text: (r) => sanitize(r.entry.url) || MISSING},
    {id: 'state', title: 'STATE', width: 24, flex: true, priority: 0, text: (r) => sanitize(machineStateText(r))},
    {id: 'version', title: 'VERSION', width: 9, priority: 4, text: (r) => sanitize(facts(r)?.version ?? MISSING)},
    {id: 'os', title: 'OS/ARCH', width: 13, priority: 2, text: (r) => (facts(r) ? sanitize(`${facts(r)!.os}/${facts(r)!.arch}`) : MISSING)},
    {id: 'cpus', title: 'CPUS', width: 4, align: 'right', priority: 2, text: (r) => (facts(r) ? String(facts(r)!.cpus) : MISSING), sortValue: (r) => facts(r)?.cpus ?? -1},
    {id: 'memory', title: 'MEMORY', width: 8, align: 'right', priority: 2, text: (r) => (facts(r) ? formatBytes(facts(r)!.memory) : MISSING), sortValue: (r) => facts(r)?.memory ?? -1},
    {
      id: 'containers', title: 'RUN/STOP', width: 8, align: 'right', priority: 3,
      text: (r) => (facts(r) ? `${facts(r)!.running}/${facts(r)!.stopped}` : MISSING),
      sortValue: (r) => facts(r)?.running ?? -1,
    },
    {id: 'images', title: 'IMAGES', width: 6, align: 'right', priority: 1, text: (r) => (facts(r) ? String(facts(r)!.images) : MISSING), sortValue: (r) => facts(r)?.images ?? -1},
    {
      id: 'ping', title: 'PING', width: 7, align: 'right', priority: 3,
      text: (r) => (r.probe?.state === 'connected' ? `${r.probe.latencyMs < 10 ? r.probe.latencyMs.toFixed(1) : Math.round(r.probe.latencyMs)} ms` : MISSING),
      sortValue: (r) => (r.probe?.state === 'connected' ? r.probe.latencyMs : Number.MAX_SAFE_INTEGER),
    },
  ],
};
