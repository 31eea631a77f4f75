import type {Container, Volume} from '../docker/types.js';
import type {Pane} from './pane.js';
import {sanitize} from '../format/sanitize.js';
import {formatBytesSI, MISSING} from '../format/bytes.js';
import {formatAge} from '../format/duration.js';

/** A row of the volumes pane. */
export type VolumeRow = {
  volume: Volume;
  /** Names of the containers (any state) that mount it. */
  usedBy: string[];
  /** Bytes on disk, from disk usage, when known. */
  size?: number;
};

/** Rows for the volumes pane: who mounts each volume, and its size when disk usage knows it. */
export function volumeRows(volumes: readonly Volume[], containers: readonly Container[], sizes?: ReadonlyMap<string, number>): VolumeRow[] {
  const users = new Map<string, string[]>();
  for (const c of containers) {
    for (const m of c.mounts) if (m.type === 'volume' && m.name) users.set(m.name, [...(users.get(m.name) ?? []), c.name]);
  }
  return volumes.map((volume) => ({volume, usedBy: (users.get(volume.name) ?? []).sort(), size: sizes?.get(volume.name)}));
}

/** The volumes pane, as data. */
export const volumesPane: Pane<VolumeRow> = {
  id: 'volumes',
  title: 'Volumes',
  rowKey: (row) => row.volume.name,
  defaultSort: {column: 'name', descending: false},
  filterText: (row) => {
    const labels = Object.entries(row.volume.labels).map(([k, v]) => `${k}=${v}`).join(' ');
    return `${row.volume.name} ${row.volume.driver} ${row.usedBy.join(' ')} ${labels}`.toLowerCase();
  },
  columns: [
    {id: 'name', title: 'NAME', width: 24, flex: true, priority: 0, text: (r) => sanitize(r.volume.name)},
    {id: 'driver', title: 'DRIVER', width: 8, priority: 2, text: (r) => sanitize(r.volume.driver)},
    {id: 'usedBy', title: 'USED BY', width: 20, priority: 5, text: (r) => sanitize(r.usedBy.join(', ')), sortValue: (r) => r.usedBy.length},
    {id: 'size', title: 'SIZE', width: 9, align: 'right', priority: 4, text: (r) => (r.size === undefined || r.size < 0 ? MISSING : formatBytesSI(r.size)), sortValue: (r) => r.size ?? -1},
    {
      id: 'created', title: 'CREATED', width: 7, align: 'right', priority: 3,
      text: (r, context) => formatAge(r.volume.created === undefined ? undefined : context.nowSeconds - r.volume.created),
      sortValue: (r) => -(r.volume.created ?? 0),
    },
    {id: 'mountpoint', title: 'MOUNTPOINT', width: 30, priority: 1, text: (r) => sanitize(r.volume.mountpoint)},
  ],
};
