import type {Container, Stats} from '../docker/types.js';
import {sanitize} from '../format/sanitize.js';
import {formatBytes, formatBytesSI} from '../format/bytes.js';
import {formatPercent} from '../format/percent.js';
import {formatPorts} from '../format/ports.js';
import type {ViewLine} from './views/TextView.js';

/** The part of a container's inspect document the details view reads. */
type Inspected = {
  Id?: string;
  Created?: string;
  Path?: string;
  Args?: string[];
  State?: {Status?: string; StartedAt?: string; FinishedAt?: string; ExitCode?: number; Health?: {Status?: string}};
  Config?: {Image?: string; Env?: string[]; Labels?: Record<string, string>; Tty?: boolean};
  HostConfig?: {RestartPolicy?: {Name?: string}};
  Mounts?: Array<{Type?: string; Source?: string; Destination?: string; Name?: string}>;
  NetworkSettings?: {Networks?: Record<string, {IPAddress?: string}>};
};

/**
 * The details of a container as readable lines: what it runs, its state, live figures, ports,
 * mounts, networks and labels. Every string from the engine is sanitized.
 */
export function detailLines(container: Container, inspected: unknown, stats: Stats | undefined): ViewLine[] {
  const i = (inspected ?? {}) as Inspected;
  const s = (text: unknown) => sanitize(String(text ?? ''));
  const lines: string[] = [
    `Name       ${s(container.name)}`,
    `ID         ${container.id.slice(0, 12)}`,
    `Image      ${s(container.image)}`,
    `Command    ${s([i.Path, ...(i.Args ?? [])].filter(Boolean).join(' '))}`,
    `State      ${container.state}${container.health ? ` (${container.health})` : ''}${i.State?.ExitCode ? `, exit code ${i.State.ExitCode}` : ''}`,
    `Status     ${s(container.status)}`,
    `Created    ${s(i.Created)}`,
    `Restart    ${s(i.HostConfig?.RestartPolicy?.Name || 'no')}`,
  ];
  if (container.project) lines.push(`Project    ${s(container.project)}`);
  if (stats) {
    lines.push(
      `CPU        ${formatPercent(stats.cpuPercent)}`,
      `Memory     ${formatBytes(stats.memUsage)} / ${formatBytes(stats.memLimit)} (${formatPercent(stats.memPercent)})`,
      `Net I/O    ${formatBytesSI(stats.netRx)} / ${formatBytesSI(stats.netTx)}`,
      `Block I/O  ${formatBytesSI(stats.blockRead)} / ${formatBytesSI(stats.blockWrite)}`,
      `PIDs       ${stats.pids}`,
    );
  }
  lines.push(`Ports      ${formatPorts(container.ports) || 'none'}`);
  lines.push('', 'Mounts');
  for (const m of i.Mounts ?? []) lines.push(`  ${s(m.Type)} ${s(m.Name ?? m.Source)} → ${s(m.Destination)}`);
  if (!i.Mounts?.length) lines.push('  none');
  lines.push('', 'Networks');
  for (const [name, net] of Object.entries(i.NetworkSettings?.Networks ?? {})) lines.push(`  ${s(name)} ${s(net.IPAddress)}`);
  lines.push('', 'Environment');
  for (const entry of i.Config?.Env ?? []) lines.push(`  ${s(entry)}`);
  if (!i.Config?.Env?.length) lines.push('  none');
  lines.push('', 'Labels');
  for (const [key, value] of Object.entries(container.labels).sort()) lines.push(`  ${s(key)}=${s(value)}`);
  if (Object.keys(container.labels).length === 0) lines.push('  none');
  return lines.map((text) => ({text}));
}

/** The inspect document as indented JSON lines, sanitized. */
export function jsonLines(value: unknown): ViewLine[] {
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((text) => ({text: sanitize(text)}));
}
