import React from 'react';
import {Text} from 'ink';
import {commandsIn, displayKey, type Scope} from '../keymap/keymap.js';
import {truncate} from '../format/cells.js';

/** The keys of what is open, from the keymap table (only the ones marked for the footer). */
export function Footer({scopes, readOnly, width}: {scopes: readonly Scope[]; readOnly: boolean; width: number}) {
  const text = commandsIn(scopes, readOnly)
    .filter((c) => c.footer)
    .map((c) => `${displayKey(c.keys[0])} ${c.label}`)
    .join('  ');
  return <Text dimColor wrap="truncate">{truncate(text, width)}</Text>;
}
