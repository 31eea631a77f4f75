import {spawn, type IPty} from 'node-pty';
import xterm from '@xterm/headless';
import {fileURLToPath} from 'node:url';

/** The built program, as `npm start` runs it. */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A running whalewatch in a pseudo-terminal, read through a terminal emulator. */
export type PtyApp = {
  pty: IPty;
  /** Every byte the program wrote. */
  output(): string;
  /** The screen as a terminal would show it now, one string per row. */
  screen(): string[];
  write(data: string): void;
  waitFor(test: (screen: string) => boolean, timeout?: number): Promise<string>;
  exited: Promise<{exitCode: number; signal?: number}>;
  resize(columns: number, rows: number): void;
  /** Resolves once the emulator has parsed everything received so far. */
  settled(): Promise<void>;
  /** True when the cell at (row, column) of the screen is drawn inverse (the selected row). */
  isInverse(row: number, column: number): boolean;
};

/**
 * Starts the built program in a pseudo-terminal of the given size. `CI` is removed from its
 * environment: with it set, Ink prints only the last frame (DESIGN.md).
 */
export function startPty(
  args: string[],
  options: {columns?: number; rows?: number; env?: Record<string, string | undefined>; onData?: (data: string) => void; nodeArgs?: string[]} = {},
): PtyApp {
  const columns = options.columns ?? 120;
  const rows = options.rows ?? 40;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({...process.env, TERM: 'xterm-256color', ...options.env})) if (value !== undefined && key !== 'CI') env[key] = value;
  const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
  const pty = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {cols: columns, rows, env, name: env.TERM});
  let output = '';
  pty.onData((data) => {
    output += data;
    terminal.write(data);
    options.onData?.(data);
  });
  const exited = new Promise<{exitCode: number; signal?: number}>((resolve) => pty.onExit(resolve));
  const screen = () => {
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < terminal.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines;
  };
  return {
    pty,
    output: () => output,
    screen,
    write: (data) => pty.write(data),
    resize: (c, r) => {
      pty.resize(c, r);
      terminal.resize(c, r);
    },
    exited,
    settled: () => new Promise<void>((resolve) => terminal.write('', resolve)),
    isInverse: (row, column) => Boolean(terminal.buffer.active.getLine(terminal.buffer.active.viewportY + row)?.getCell(column)?.isInverse()),
    async waitFor(test, timeout = 15_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        // The emulator parses asynchronously: let it catch up before reading.
        await new Promise<void>((resolve) => terminal.write('', resolve));
        const text = screen().join('\n');
        if (test(text)) return text;
        if (Date.now() > deadline) throw new Error(`the screen never matched; it shows:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** The sequences that give the terminal back: cursor shown, alternate screen left. */
export const RESTORED = '\u001b[?25h\u001b[?1049l';
