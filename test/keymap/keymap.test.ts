import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {COMMANDS, commandFor, commandsIn, keyName, type Scope} from '../../source/keymap/keymap.js';
import {BEGIN, END, keyTableMarkdown} from '../../source/keymap/markdown.js';

/** The scopes that are open together: a key must mean one thing in each stack. */
const STACKS: Scope[][] = [
  ['containers', 'list', 'global'],
  ['images', 'list', 'global'],
  ['volumes', 'list', 'global'],
  ['networks', 'list', 'global'],
  ['machines', 'list', 'global'],
  ['logs', 'text', 'global'],
  ['allHosts', 'list', 'global'],
  ['text', 'global'],
  ['confirm'],
  ['prompt'],
  ['filter'],
  ['palette'],
];

describe('the keymap table', () => {
  it('gives every command an id once, a key, a label and a description', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of COMMANDS) {
      expect(c.keys.length, c.id).toBeGreaterThan(0);
      expect(c.label.length, c.id).toBeGreaterThan(0);
      expect(c.description, c.id).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('never binds one key twice within a scope', () => {
    for (const scope of new Set(COMMANDS.map((c) => c.scope))) {
      const keys = COMMANDS.filter((c) => c.scope === scope).flatMap((c) => c.keys);
      expect(new Set(keys).size, scope).toBe(keys.length);
    }
  });

  it('lets the innermost scope of each stack take a key, and reaches the outer ones otherwise', () => {
    expect(commandFor('q', ['text', 'global'], false)?.id).toBe('view.close');
    expect(commandFor('q', ['containers', 'list', 'global'], false)?.id).toBe('app.quit');
    expect(commandFor('n', ['confirm'], false)?.id).toBe('confirm.no');
    expect(commandFor('n', ['logs', 'text', 'global'], false)?.id).toBe('text.next');
    for (const stack of STACKS) for (const c of commandsIn(stack, false)) expect(commandFor(c.keys[0], stack, false)?.scope).toBe(stack.find((s) => commandsIn([s], false).some((x) => x.keys.includes(c.keys[0]))));
  });

  it('keeps the keys DESIGN.md promises', () => {
    const stack: Scope[] = ['containers', 'list', 'global'];
    const expected: Record<string, string> = {
      '1': 'pane.containers', '2': 'pane.images', '3': 'pane.volumes', '4': 'pane.networks', '5': 'pane.machines', tab: 'pane.next', 'shift+tab': 'pane.previous', up: 'list.up', k: 'list.up', down: 'list.down', j: 'list.down',
      pageup: 'list.pageUp', pagedown: 'list.pageDown', g: 'list.top', G: 'list.bottom', return: 'list.open', escape: 'list.clearFilter',
      '/': 'list.filter', '?': 'app.help', ':': 'app.palette', l: 'list.logs', i: 'list.inspect', q: 'app.quit', 'ctrl+c': 'app.quit',
    };
    for (const [key, id] of Object.entries(expected)) expect(commandFor(key, stack, false)?.id, key).toBe(id);
    expect(commandFor('y', ['confirm'], false)?.id).toBe('confirm.yes');
    expect(commandFor('n', ['confirm'], false)?.id).toBe('confirm.no');
  });

  it('finds no mutating command in read-only mode, and hides them from help', () => {
    const mutating = COMMANDS.filter((c) => c.mutating);
    expect(mutating.length).toBeGreaterThan(5);
    for (const c of mutating) {
      expect(commandFor(c.keys[0], [c.scope], true), c.id).toBeUndefined();
      expect(commandFor(c.keys[0], [c.scope], false)?.id).toBe(c.id);
    }
    expect(commandsIn(['containers'], true).some((c) => c.mutating)).toBe(false);
  });

  it('names keys as Ink reports them', () => {
    expect(keyName('', {upArrow: true})).toBe('up');
    expect(keyName('', {tab: true, shift: true})).toBe('shift+tab');
    expect(keyName('c', {ctrl: true})).toBe('ctrl+c');
    expect(keyName('G', {shift: true})).toBe('G');
    expect(keyName('', {return: true})).toBe('return');
    expect(keyName(' ', {})).toBe('space');
  });

  it('agrees with the key table in readme.md', () => {
    const readme = readFileSync(new URL('../../readme.md', import.meta.url), 'utf8');
    const start = readme.indexOf(BEGIN);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start + BEGIN.length, end).trim()).toBe(keyTableMarkdown().trim());
  });
});
