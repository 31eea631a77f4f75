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
 * keys: Enter, Tab and Backspace inside it are keys of their own, the text between them is typed.
 */
export function splitInput(input: string, key: InkKey): Array<[string, InkKey]> {
  if (input.length <= 1 || key.ctrl || key.meta || !/[\r\n\t\u007f\b]/.test(input)) return [[input, key]];
  const keys: Array<[string, InkKey]> = [];
  let text = '';
  const flush = () => {
    if (text) keys.push([text, {}]);
    text = '';
  };
  for (const char of input) {
    if (char === '\r' || char === '\n') (flush(), keys.push(['', {return: true}]));
    else if (char === '\t') (flush(), keys.push(['', {tab: true}]));
    else if (char === '\u007f' || char === '\b') (flush(), keys.push(['', {backspace: true}]));
    else text += char;
  }
  flush();
  return keys;
}
