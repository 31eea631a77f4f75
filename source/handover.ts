/**
 * Hands the real terminal to a process in a container and gives it back: the terminal layer of
 * "exec shell" and `docker run -it`. Whoever calls this must have stopped drawing and reading
 * stdin first (cli.tsx unmounts Ink); this file knows nothing of Ink.
 */
import type {TerminalSession} from './docker/types.js';
import {leaveFullScreen} from './terminal.js';

/** Ctrl-P then Ctrl-Q detaches, as with docker: the process goes on, the dashboard comes back. */
const CTRL_P = 0x10;
const CTRL_Q = 0x11;

/** The one line shown on the plain screen before the process's own output. */
export const HINT = 'whalewatch: exit, or Ctrl-P Ctrl-Q to detach, brings the dashboard back\r\n';

/** Where the detach scan stands between chunks: whether a Ctrl-P is held back. */
export type DetachScan = {held: boolean};

/**
 * Looks for Ctrl-P Ctrl-Q in a chunk of keystrokes. A Ctrl-P is held back until the next byte
 * shows whether it starts the detach pair (docker does the same); a held Ctrl-P followed by
 * anything else is sent after all. Returns the bytes to forward and whether to detach (bytes
 * after the pair are dropped: they were typed for the dashboard's terminal, not the process).
 */
export function scanDetach(state: DetachScan, chunk: Buffer): {forward: Buffer; detach: boolean} {
  const out: number[] = [];
  for (const byte of chunk) {
    if (state.held) {
      state.held = false;
      if (byte === CTRL_Q) return {forward: Buffer.from(out), detach: true};
      out.push(CTRL_P);
    }
    if (byte === CTRL_P) state.held = true;
    else out.push(byte);
  }
  return {forward: Buffer.from(out), detach: false};
}

/** What the hand-over uses of the process's terminal (process.stdin/stdout in the program). */
export type TerminalIo = {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** File descriptor of stdout, for the synchronous screen switch. */
  fd: number;
};

/**
 * Gives the terminal to `session` until its stream ends (the process exited) or the user
 * detaches, then puts stdin back exactly as it was: raw mode, flowing state and every listener.
 * Leaves the alternate screen and shows the cursor first; re-entering it is the caller's job.
 * Resolves with the exit code when the process ended, with `{}` on detach; never rejects.
 */
export async function handOverTerminal(session: TerminalSession, io: TerminalIo): Promise<{exitCode?: number; detached?: boolean}> {
  const {stdin, stdout, stream} = {...io, stream: session.stream};
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  const wasPaused = stdin.isPaused();
  const wasFlowing = stdin.readableFlowing;

  leaveFullScreen(io.fd);
  stdout.write(HINT);

  let finish!: (how: 'ended' | 'detached') => void;
  const done = new Promise<'ended' | 'detached'>((resolve) => (finish = resolve));
  const scan: DetachScan = {held: false};

  const onInput = (chunk: Buffer | string) => {
    const {forward, detach} = scanDetach(scan, Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    if (forward.length > 0 && stream.writable) stream.write(forward);
    if (detach) finish('detached');
  };
  const onOutput = (chunk: Buffer | string) => stdout.write(chunk);
  const onResize = () => void session.resize(stdout.columns, stdout.rows);
  const onEnd = () => finish('ended');

  // A connection that fails later (after we let go of it) must not take the program down.
  stream.on('error', () => undefined);
  stream.on('data', onOutput);
  stream.on('end', onEnd);
  stream.on('close', onEnd);
  stream.on('error', onEnd);
  stdout.on('resize', onResize);
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.on('data', onInput);
  stdin.resume();
  // The process starts at whatever size the engine picked: tell it ours at once.
  onResize();
  if (stream.readableEnded || stream.destroyed) finish('ended');

  const how = await done;

  stdin.off('data', onInput);
  stdout.off('resize', onResize);
  stream.off('data', onOutput);
  stream.off('end', onEnd);
  stream.off('close', onEnd);
  stream.off('error', onEnd);
  if (stdin.isTTY) stdin.setRawMode(wasRaw);
  // Back to the flowing state it had: Ink reads with 'readable' and read(), which needs a
  // paused stream; a stream that was flowing stays flowing.
  if (wasPaused || wasFlowing !== true) {
    stdin.pause();
    // process.stdin stops its handle one tick after 'pause' (Node's onpause). A reader that
    // attached before that tick (Ink's 'readable' listener, mounted at once after a detach)
    // would find a read "in progress" that never comes, and the dashboard would get no keys.
    await new Promise((resolve) => setImmediate(resolve));
  }

  if (how === 'detached') {
    // Closing our end of the connection leaves the process running with its terminal: the
    // engine only stops copying to us (as `docker attach` does on its detach keys).
    stream.destroy();
    return {detached: true};
  }
  return session.wait().catch(() => ({}));
}
