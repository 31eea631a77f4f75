import React, {useEffect, useState} from 'react';
import type {HostContainers} from '../../docker/probe.js';
import type {HostTarget} from '../../docker/types.js';
import {sanitize} from '../../format/sanitize.js';
import {pad, truncate} from '../../format/cells.js';
import {TextView, type ViewLine} from './TextView.js';
import type {ViewProps} from '../services.js';

/** The lines of the all-hosts table: one per container with its HOST first, then failed hosts. */
export function allHostsLines(results: readonly HostContainers[]): ViewLine[] {
  const cell = (text: string, width: number) => pad(truncate(sanitize(text), width), width);
  const lines: ViewLine[] = [{text: `${cell('HOST', 16)} ${cell('NAME', 28)} ${cell('IMAGE', 28)} ${cell('STATE', 10)} STATUS`}];
  const rows = results.flatMap((r) => (r.containers ?? []).map((c) => ({host: r.host.name, c})));
  rows.sort((a, b) => a.host.localeCompare(b.host) || a.c.name.localeCompare(b.c.name));
  for (const {host, c} of rows) lines.push({text: `${cell(host, 16)} ${cell(c.name, 28)} ${cell(c.image, 28)} ${cell(c.state, 10)} ${sanitize(c.status)}`});
  for (const r of results) if (r.error) lines.push({text: `${cell(r.host.name, 16)} ${sanitize(r.error)}`, stream: 'stderr'});
  return lines;
}

/** Containers of every reachable host in one table, read once when opened. */
export function AllHostsView({hosts, list, ...props}: ViewProps & {hosts: readonly HostTarget[]; list(): Promise<HostContainers[]>}) {
  const [lines, setLines] = useState<ViewLine[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void list().then((results) => live && setLines(allHostsLines(results)));
    return () => {
      live = false;
    };
  }, []);
  return (
    <TextView
      title={`containers on ${hosts.length} reachable host${hosts.length === 1 ? '' : 's'}`}
      lines={lines ?? [{text: hosts.length === 0 ? 'No reachable host yet: r probes them.' : 'Listing…'}]}
      {...props}
    />
  );
}
