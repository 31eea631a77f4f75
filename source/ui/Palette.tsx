import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import type {Command} from '../keymap/keymap.js';
import {displayKey} from '../keymap/keymap.js';
import {useEditor, useScope} from './commands.js';
import {truncate} from '../format/cells.js';

/** The command palette: type part of a command's name, pick it, Enter runs it. */
export function Palette({commands, width, height, onClose, onRun}: {commands: readonly Command[]; width: number; height: number; onClose(): void; onRun(id: string): void}) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const matches = useMemo(() => {
    const needle = query.toLowerCase();
    return commands.filter((c) => `${c.label} ${c.description} ${c.id}`.toLowerCase().includes(needle));
  }, [commands, query]);
  const current = Math.min(selected, Math.max(0, matches.length - 1));
  const handle = (id: string) => {
    if (id === 'palette.up') setSelected(Math.max(0, current - 1));
    else if (id === 'palette.down') setSelected(Math.min(matches.length - 1, current + 1));
    else if (id === 'palette.cancel') onClose();
    else if (id === 'palette.run' && matches[current]) onRun(matches[current].id);
  };
  useScope('palette', handle);
  const editor = useMemo(
    () => ({
      scope: 'palette' as const,
      value: query,
      onChange: (value: string) => {
        setQuery(value);
        setSelected(0);
      },
      onCommand: handle,
    }),
    [query, current, matches],
  );
  useEditor(editor);
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Text color="yellow" wrap="truncate">{truncate(`: ${query}█`, width)}</Text>
      {matches.slice(0, height - 1).map((c, i) => (
        <Text key={c.id} inverse={i === current} wrap="truncate">
          {truncate(`${c.label.padEnd(16)} ${displayKey(c.keys[0]).padEnd(6)} ${c.description}`, width)}
        </Text>
      ))}
    </Box>
  );
}
