/**
 * OSC 52: the terminal puts text on the system clipboard, which also works inside ssh and tmux
 * (with `set -g set-clipboard on`). Pure: the caller writes the sequence to the terminal.
 */

/** The OSC 52 "set clipboard" sequence for `text` (base64 of its UTF-8, ended by BEL). */
export function osc52(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}
