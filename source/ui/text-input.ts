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
