import React, {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {useEditor, useScope} from '../commands.js';
import {truncate, width as cellWidth} from '../../format/cells.js';

/** A line of a text view; `stream` marks log lines, stderr drawn apart from stdout. */
export type ViewLine = {text: string; stream?: 'stdout' | 'stderr'; time?: string};

/** Props of a scrollable, searchable text view (inspect, details, help, logs). */
export type TextViewProps = {
  title: string;
  lines: readonly ViewLine[];
  /** The same text with secret-looking values unmasked; S switches to it and back. */
  revealed?: readonly ViewLine[];
  width: number;
  height: number;
  /** Keep the end in view as lines arrive. */
  follow?: boolean;
  wrap?: boolean;
  showTime?: boolean;
  /** Extra text for the view's status line. */
  status?: string;
  onClose(): void;
  /** Scrolling away from the end stops following (logs). */
  onScrolled?(atEnd: boolean): void;
};

/** Cuts a line into rows of at most `width` cells. */
function wrapRows(text: string, width: number): string[] {
  if (cellWidth(text) <= width) return [text];
  const rows: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const row = truncate(rest, width, '');
    rows.push(row);
    rest = rest.slice(row.length || 1);
  }
  return rows;
}

/** Splits text around case-insensitive matches of `query`, for highlighting. */
function highlight(text: string, query: string): Array<{text: string; match: boolean}> {
  if (!query) return [{text, match: false}];
  const parts: Array<{text: string; match: boolean}> = [];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({text: text.slice(from, at), match: false});
    parts.push({text: text.slice(at, at + needle.length), match: true});
    from = at + needle.length;
  }
  if (from < text.length) parts.push({text: text.slice(from), match: false});
  return parts;
}

/** Scrollable text with search, highlight and next/previous match. */
export function TextView({title, lines: masked, revealed, width, height, follow = false, wrap = false, showTime = false, status, onClose, onScrolled}: TextViewProps) {
  const [showSecrets, setShowSecrets] = useState(false);
  const lines = showSecrets && revealed ? revealed : masked;
  const body = Math.max(1, height - 1);
  const [top, setTop] = useState(0);
  const [query, setQuery] = useState('');
  const [typing, setTyping] = useState<string | undefined>(undefined);
  const [match, setMatch] = useState<number | undefined>(undefined);
  const lastTop = Math.max(0, lines.length - body);
  const shownTop = follow ? lastTop : Math.min(top, lastTop);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(lastTop, to));
    setTop(next);
    onScrolled?.(next >= lastTop);
  };
  const find = (needle: string, from: number, step: 1 | -1) => {
    if (!needle) return;
    const lower = needle.toLowerCase();
    for (let i = 0, at = from; i < lines.length; i++, at += step) {
      const index = (at + lines.length) % lines.length;
      if (lines[index].text.toLowerCase().includes(lower)) {
        setMatch(index);
        move(index - Math.floor(body / 3));
        return;
      }
    }
    setMatch(undefined);
  };

  useScope('text', (id) => {
    switch (id) {
      case 'view.close': return onClose();
      case 'text.up': return move(shownTop - 1);
      case 'text.down': return move(shownTop + 1);
      case 'text.pageUp': return move(shownTop - body);
      case 'text.pageDown': return move(shownTop + body);
      case 'text.top': return move(0);
      case 'text.bottom': return move(lastTop);
      case 'text.search': return void setTyping('');
      case 'text.next': return find(query, (match ?? shownTop - 1) + 1, 1);
      case 'text.previous': return find(query, (match ?? shownTop) - 1, -1);
      case 'text.secrets': return revealed ? setShowSecrets((shown) => !shown) : false;
      default: return false;
    }
  });
  const editor = useMemo(
    () =>
      typing === undefined
        ? undefined
        : {
            scope: 'prompt' as const,
            value: typing,
            onChange: setTyping,
            onCommand: (id: string) => {
              if (id === 'prompt.accept') {
                setQuery(typing);
                find(typing, shownTop, 1);
              }
              setTyping(undefined);
            },
          },
    [typing, shownTop, lines],
  );
  useEditor(editor);

  const rows: Array<{line: ViewLine; text: string; index: number}> = [];
  for (let index = shownTop; index < lines.length && rows.length < body; index++) {
    const line = lines[index];
    const prefix = showTime && line.time ? `${line.time} ` : '';
    const gutter = line.stream ? 2 : 0;
    const pieces = wrap ? wrapRows(prefix + line.text, width - gutter) : [truncate(prefix + line.text, width - gutter)];
    for (const text of pieces) if (rows.length < body) rows.push({line, text, index});
  }
  const position = lines.length === 0 ? 'empty' : `${shownTop + 1}-${Math.min(lines.length, shownTop + body)}/${lines.length}`;
  const search = typing !== undefined ? `/${typing}█` : query ? `/${query}${match === undefined ? ' (no match)' : ''}` : '';
  const secrets = revealed ? (showSecrets ? 'secrets shown (S hides)' : 'secrets masked (S shows)') : '';
  const bar = [title, position, status, secrets, search].filter(Boolean).join(' · ');
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      {rows.map(({line, text, index}, i) => (
        <Text key={i} wrap="truncate">
          {line.stream ? <Text color={line.stream === 'stderr' ? 'red' : 'gray'}>{line.stream === 'stderr' ? '▌ ' : '  '}</Text> : null}
          {highlight(text, query).map((part, j) => (
            <Text key={j} inverse={part.match} bold={part.match && index === match} color={line.stream === 'stderr' ? 'red' : undefined}>
              {part.text}
            </Text>
          ))}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text inverse wrap="truncate">{truncate(bar, width)}</Text>
    </Box>
  );
}
