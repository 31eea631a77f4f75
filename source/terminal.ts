import {appendFileSync, mkdirSync, writeSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {maskSecretsInText} from './format/secrets.js';

/** Alternate screen on, cursor hidden. */
export const ENTER = '\u001b[?1049h\u001b[?25l';
/** Cursor shown, alternate screen off: the terminal as it was. */
export const LEAVE = '\u001b[?25h\u001b[?1049l';

/** The XDG state directory of whalewatch: $XDG_STATE_HOME/whalewatch, or ~/.local/state/whalewatch. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'whalewatch');
}

/** Where crashes and unexpected errors are written (never the screen); the crash line names it. */
export const LOG_FILE = join(stateDir(), 'whalewatch.log');

/**
 * Appends a line to the log file, secret-looking env values masked (a library's warning or an
 * error can quote a container's env); logging must never take the program down.
 */
export function log(message: string): void {
  try {
    mkdirSync(stateDir(), {recursive: true, mode: 0o700});
    appendFileSync(LOG_FILE, `${new Date().toISOString()} ${maskSecretsInText(message)}\n`);
  } catch {
    // Nowhere to write: nothing better to do than go on.
  }
}

let active = false;

/** Enters the full screen. Ink 6 has no option for the alternate screen, so we do it. */
export function enterFullScreen(fd = 1): void {
  active = true;
  writeSync(fd, ENTER);
}

/**
 * Leaves the full screen, synchronously so it happens even on the way out of a crash or signal.
 * Safe to call more than once.
 */
export function leaveFullScreen(fd = 1): void {
  if (!active) return;
  active = false;
  try {
    writeSync(fd, LEAVE);
  } catch {
    // The terminal is gone (SIGHUP): nothing to restore.
  }
}
