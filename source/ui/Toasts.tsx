import React from 'react';
import {Text} from 'ink';
import {truncate} from '../format/cells.js';

/** A short message about an action: working on it, done, or what went wrong. */
export type Toast = {id: number; kind: 'working' | 'done' | 'error'; text: string};

/** The latest toast, one line above the footer. */
export function Toasts({toasts, width}: {toasts: readonly Toast[]; width: number}) {
  const toast = toasts[toasts.length - 1];
  if (!toast) return <Text> </Text>;
  const mark = toast.kind === 'working' ? '… ' : toast.kind === 'done' ? '✓ ' : '✗ ';
  const color = toast.kind === 'error' ? 'red' : toast.kind === 'done' ? 'green' : 'yellow';
  return <Text color={color} wrap="truncate">{truncate(mark + toast.text, width)}</Text>;
}
