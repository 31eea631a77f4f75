import {appendFileSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** Alternate screen on, cursor hidden. */
export const ENTER = '\u001b[?1049h\u001b[?25l';
/** Cursor shown, alternate screen off: the terminal as it was. */
export const LEAVE = '\u001b[?25h\u001b[?1049l';

/** Where crashes and errors are written; never the screen. */
export const LOG_FILE = join(tmpdir(), `whalewatch-${process.getuid?.() ?? 'user'}.log`);

/** Appends a line to the log file; logging must never take the program down. */
export function log(message: string): void {
  try {
    appendFileSync(LOG_FILE, `${new Date().toISOString()} ${message}\n`);
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
