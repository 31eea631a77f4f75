import {describe, expect, it} from 'vitest';
import {EventEmitter} from 'node:events';
import {PassThrough, Duplex} from 'node:stream';
import {handOverTerminal, scanDetach, HINT, type DetachScan, type TerminalIo} from '../source/handover.js';
import type {TerminalSession} from '../source/docker/types.js';

describe('scanDetach', () => {
  const scan = (chunks: string[]) => {
    const state: DetachScan = {held: false};
    const out: string[] = [];
    for (const chunk of chunks) {
      const {forward, detach} = scanDetach(state, Buffer.from(chunk, 'latin1'));
      out.push(forward.toString('latin1'));
      if (detach) return {out, detach: true, held: state.held};
    }
    return {out, detach: false, held: state.held};
  };

  it('passes ordinary keys through untouched', () => {
    expect(scan(['ls -l\r', '\u0003'])).toEqual({out: ['ls -l\r', '\u0003'], detach: false, held: false});
  });
  it('detaches on Ctrl-P Ctrl-Q in one chunk or across two, dropping the pair and what follows', () => {
    expect(scan(['ab\u0010\u0011cd'])).toEqual({out: ['ab'], detach: true, held: false});
    expect(scan(['ab\u0010', '\u0011cd'])).toEqual({out: ['ab', ''], detach: true, held: false});
  });
  it('holds a Ctrl-P until the next key, and sends it when that is not Ctrl-Q', () => {
    expect(scan(['\u0010'])).toEqual({out: [''], detach: false, held: true});
    expect(scan(['\u0010', 'x'])).toEqual({out: ['', '\u0010x'], detach: false, held: false});
    expect(scan(['\u0010\u0010\u0011'])).toEqual({out: ['\u0010'], detach: true, held: false});
    expect(scan(['\u0011'])).toEqual({out: ['\u0011'], detach: false, held: false});
  });
});

/** A terminal to hand over: stdin with raw mode, stdout with a size and 'resize'. */
function fakeTerminal() {
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream & {isRaw: boolean; rawCalls: boolean[]};
  stdin.isTTY = true;
  stdin.isRaw = false;
  stdin.rawCalls = [];
  stdin.setRawMode = (mode: boolean) => {
    stdin.isRaw = mode;
    stdin.rawCalls.push(mode);
    return stdin;
  };
  let written = '';
  const stdout = Object.assign(new EventEmitter(), {
    columns: 120,
    rows: 40,
    write(chunk: string | Buffer) {
      written += chunk.toString();
      return true;
    },
  }) as unknown as NodeJS.WriteStream;
  // fd -1: the screen switch's writeSync fails and is ignored (the real one writes to fd 1).
  const io: TerminalIo = {stdin, stdout, fd: -1};
  return {stdin, stdout, io, written: () => written};
}

/** A session whose "process" is the test: what we type arrives in `typed`. */
function fakeSession(exitCode = 0) {
  let typed = '';
  const sizes: Array<[number, number]> = [];
  const stream = new Duplex({
    read() {},
    write(chunk, _encoding, done) {
      typed += chunk.toString();
      done();
    },
  });
  const session: TerminalSession = {
    stream,
    resize: async (columns, rows) => void sizes.push([columns, rows]),
    wait: async () => ({exitCode}),
  };
  return {session, stream, sizes, typed: () => typed};
}

const listeners = (emitter: EventEmitter) => Object.fromEntries(emitter.eventNames().map((name) => [String(name), emitter.listeners(name).length]));
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('handOverTerminal', () => {
  it('pipes keys and output, forwards resizes, ends with the process, and leaves stdin and stdout as they were', async () => {
    const terminal = fakeTerminal();
    const {session, stream, sizes, typed} = fakeSession(7);
    const before = {stdin: listeners(terminal.stdin), stdout: listeners(terminal.stdout)};
    const done = handOverTerminal(session, terminal.io);
    expect(terminal.stdin.isRaw).toBe(true);
    expect(sizes).toEqual([[120, 40]]);
    terminal.stdin.write('echo hi\r');
    stream.push('/ # echo hi\r\nhi\r\n');
    Object.assign(terminal.stdout, {columns: 100, rows: 30});
    terminal.stdout.emit('resize');
    await tick();
    expect(typed()).toBe('echo hi\r');
    expect(terminal.written()).toBe(HINT + '/ # echo hi\r\nhi\r\n');
    expect(sizes).toEqual([[120, 40], [100, 30]]);
    stream.push(null);
    expect(await done).toEqual({exitCode: 7});
    expect(terminal.stdin.isRaw).toBe(false);
    expect(terminal.stdin.rawCalls).toEqual([true, false]);
    expect(terminal.stdin.isPaused()).toBe(true);
    expect({stdin: listeners(terminal.stdin), stdout: listeners(terminal.stdout)}).toEqual(before);
    // Nothing listens any more: a key now goes nowhere near the session.
    terminal.stdin.write('late');
    terminal.stdout.emit('resize');
    await tick();
    expect(typed()).toBe('echo hi\r');
    expect(sizes).toHaveLength(2);
  });

  it('detaches on Ctrl-P Ctrl-Q: the pair is not sent, the connection is closed, raw mode is put back as it was', async () => {
    const terminal = fakeTerminal();
    terminal.stdin.isRaw = true;
    const {session, stream, typed} = fakeSession();
    const done = handOverTerminal(session, terminal.io);
    terminal.stdin.write('top\r\u0010');
    await tick();
    terminal.stdin.write('\u0011');
    expect(await done).toEqual({detached: true});
    expect(typed()).toBe('top\r');
    expect(stream.destroyed).toBe(true);
    expect(terminal.stdin.isRaw).toBe(true);
    // A late failure of the closed connection must not throw out of an 'error' event.
    expect(() => stream.emit('error', new Error('late'))).not.toThrow();
  });

  it('ends at once when the session ended before it was handed over', async () => {
    const terminal = fakeTerminal();
    const {session, stream} = fakeSession(1);
    stream.destroy();
    expect(await handOverTerminal(session, terminal.io)).toEqual({exitCode: 1});
    expect(terminal.stdin.isRaw).toBe(false);
  });
});
