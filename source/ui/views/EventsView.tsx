import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import type {EngineEvent} from '../../docker/types.js';
import {sanitize} from '../../format/sanitize.js';
import {truncate} from '../../format/cells.js';
import {useEditor, useScope} from '../commands.js';
import {TextView, type ViewLine} from './TextView.js';

/** The actor of an event as people know it: its name when the engine says, else a short id. */
function actor(event: EngineEvent): string {
  return event.attributes.name ?? event.attributes.image ?? (event.id.length > 12 ? event.id.slice(0, 12) : event.id);
}

/** One event as a line: time, type, action, actor and the remaining attributes. Sanitized. */
export function eventLine(event: EngineEvent): string {
  const time = new Date(Math.floor(event.timeNano / 1e6)).toISOString().slice(11, 23);
  const extra = Object.entries(event.attributes)
    .filter(([key]) => key !== 'name')
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  return sanitize(`${time}  ${event.type.padEnd(9)} ${event.action.padEnd(14)} ${actor(event)}  ${extra}`);
}

/** The engine's live event stream: follows the end, `f` narrows it to events matching a text. */
export function EventsView({events, width, height, onClose}: {events: readonly EngineEvent[]; width: number; height: number; onClose(): void}) {
  const [filter, setFilter] = useState('');
  const [typing, setTyping] = useState(false);
  const [following, setFollowing] = useState(true);
  const lines = useMemo<ViewLine[]>(() => {
    const needle = filter.toLowerCase();
    const all = events.map((event) => eventLine(event));
    return (needle ? all.filter((line) => line.toLowerCase().includes(needle)) : all).map((text) => ({text}));
  }, [events, filter]);
  useScope('events', (id) => {
    if (id !== 'events.filter') return false;
    setTyping(true);
  });
  const editor = useMemo(
    () =>
      typing
        ? {
            scope: 'filter' as const,
            value: filter,
            onChange: setFilter,
            onCommand: (id: string) => {
              setTyping(false);
              if (id === 'filter.cancel') setFilter('');
            },
          }
        : undefined,
    [typing, filter],
  );
  useEditor(editor);
  const shown = filter || typing ? 1 : 0;
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <TextView
        title="events"
        lines={lines}
        width={width}
        height={height - shown}
        follow={following}
        status={`${following ? 'following' : 'paused'}${filter ? ` · ${lines.length} of ${events.length} match` : ''}`}
        onClose={onClose}
        onScrolled={(atEnd) => setFollowing(atEnd)}
      />
      {shown ? <Text color="yellow" wrap="truncate">{truncate(`filter: ${sanitize(filter)}${typing ? '█' : ''}`, width)}</Text> : null}
    </Box>
  );
}
