import type {InkKey} from '../keymap/keymap.js';

/**
 * Applies a key to a one-line text field: printable input is appended, Backspace deletes.
 * Returns undefined when the key is not editing (Enter, Esc, arrows), so the caller handles it.
 */
export function editText(value: string, input: string, key: InkKey): string | undefined {
  if (key.backspace || key.delete) return value.slice(0, -1);
  if (key.return || key.escape || key.upArrow || key.downArrow || key.tab || key.ctrl || key.meta) return undefined;
  // Pasted text can carry control characters: keep only printable ones.
  const printable = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return printable ? value + printable : undefined;
}

/**
 * Splits input that arrived in one chunk (a paste, or keys typed faster than they are read) into
 * keys, one per character: "jl" is j then l, and Enter, Tab and Backspace inside it are keys.
 */
export function splitInput(input: string, key: InkKey): Array<[string, InkKey]> {
  if ([...input].length <= 1 || key.ctrl || key.meta) return [[input, key]];
  const keys: Array<[string, InkKey]> = [];
  for (const char of input) {
    if (char === '\r' || char === '\n') keys.push(['', {return: true}]);
    else if (char === '\t') keys.push(['', {tab: true}]);
    else if (char === '\u007f' || char === '\b') keys.push(['', {backspace: true}]);
    else keys.push([char, char !== char.toLowerCase() ? {shift: true} : {}]);
  }
  return keys;
}
