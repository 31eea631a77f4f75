import React from 'react';
import {Text} from 'ink';
import type {Snapshot} from '../store/store.js';
import {truncate} from '../format/cells.js';

/** The connection, the host and the engine, and the READ-ONLY badge: one line at the bottom. */
export function StatusBar({snapshot, width}: {snapshot: Snapshot; width: number}) {
  const {connection, host, engine, containers} = snapshot;
  const running = containers.filter((c) => c.state === 'running').length;
  const status =
    connection.status === 'connected'
      ? '● connected'
      : connection.status === 'connecting'
        ? '○ connecting'
        : connection.status === 'reconnecting'
          ? `○ reconnecting (attempt ${connection.attempt})`
          : '○ unreachable';
  const color = connection.status === 'connected' ? 'green' : connection.status === 'connecting' ? 'yellow' : 'red';
  const badge = snapshot.readOnly ? ' READ-ONLY ' : '';
  const detail =
    connection.status === 'connected' && engine
      ? `Docker ${engine.version} API ${engine.apiVersion} · ${running} running / ${containers.length}`
      : connection.error ?? '';
  const rest = truncate(` ${host.name} ${host.url} · ${detail}`, Math.max(0, width - status.length - badge.length - 1));
  return (
    <Text wrap="truncate">
      <Text color={color}>{` ${status}`}</Text>
      {badge ? <Text inverse color="yellow">{badge}</Text> : null}
      <Text dimColor>{rest}</Text>
    </Text>
  );
}
