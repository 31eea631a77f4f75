import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CLI, RESTORED, startPty} from './pty.js';
import {removeContainer, runContainer, testHost, uniqueName} from '../engine/fixtures.js';

describe('whalewatch in a terminal', () => {
  let container: {id: string; name: string};
  beforeAll(async () => {
    container = await runContainer({name: uniqueName('ww-e2e')});
  });
  afterAll(async () => removeContainer(container.id));

  it('lists containers on the first frame, moves the selection with j, and q gives the terminal back', async () => {
    const app = startPty(['--host', testHost()]);
    const screen = await app.waitFor((s) => s.includes(container.name) && s.includes('● connected'));
    expect(app.output().startsWith('\u001b[?1049h')).toBe(true);
    const selectedBefore = screen.split('\n').findIndex((line) => line.includes(container.name));
    expect(selectedBefore).toBeGreaterThan(0);
    app.write('G');
    app.write('g');
    app.write('j');
    await new Promise((resolve) => setTimeout(resolve, 300));
    app.write('q');
    const {exitCode} = await app.exited;
    expect(exitCode).toBe(0);
    expect(app.output().endsWith(RESTORED) || app.output().includes(RESTORED)).toBe(true);
    expect(app.output().lastIndexOf(RESTORED)).toBeGreaterThan(app.output().lastIndexOf('\u001b[?1049h'));
  });

  it('takes a long paste into the filter whole, and nothing but the frame reaches the screen', async () => {
    const app = startPty(['--host', testHost()]);
    await app.waitFor((s) => s.includes(container.name) && s.includes('● connected'));
    app.write('/');
    await app.waitFor((s) => s.includes('filter: █'));
    // 90 characters in one write, as a terminal sends a paste (the filter line shows them all).
    const text = Array.from({length: 10}, (_, i) => `paste${String(i).padStart(2, '0')}-x`).join('');
    app.write(text);
    const screen = await app.waitFor((s) => s.includes(`filter: ${text}█`), 20_000);
    // The tab bar is still the first line: nothing printed beside the frame scrolled it away.
    expect(screen.split('\n')[0]).toContain('1 Containers');
    expect(app.output()).not.toMatch(/Maximum update depth|Warning:/);
    app.write('\u0003');
    await app.exited;
  });

  it('draws no colours when NO_COLOR is set, but still shows the selection', async () => {
    const app = startPty(['--host', testHost()], {env: {NO_COLOR: '1', FORCE_COLOR: undefined}});
    await app.waitFor((s) => s.includes(container.name) && s.includes('● connected'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // SGR colour codes: 30–37, 38;…, 39, 90–97 (and the background ones).
    expect(app.output()).not.toMatch(/\u001b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/);
    expect(app.output()).toContain('\u001b[7m');
    app.write('q');
    await app.exited;
  });

  for (const [how, args, env] of [['--ascii', ['--ascii'], {}], ['TERM=linux', [], {TERM: 'linux'}]] as const) {
    it(`writes only ASCII with ${how}, names from containers included`, async () => {
      const wide = await runContainer({name: uniqueName('ww-ascii'), labels: {note: '字幕 ✓ 😀'}});
      try {
        const app = startPty(['--host', testHost(), ...args], {env});
        await app.waitFor((s) => s.includes(wide.name) && s.includes('* connected'));
        app.write('/');
        app.write(`${wide.name.slice(0, 8)}字`);
        await app.waitFor((s) => s.includes('filter: ww-ascii??'));
        expect(app.output()).toMatch(/^[\u0000-\u007f]*$/);
        app.write('\u0003');
        await app.exited;
      } finally {
        await removeContainer(wide.id);
      }
    });
  }

  // SGR colour codes: 30–37, 38;…, 39, 90–97 (and the background ones).
  const COLOUR = /\u001b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;
  for (const TERM of ['dumb', 'screen', 'tmux-256color', 'xterm']) {
    it(`works with TERM=${TERM}: the selection shows and moves, q restores the terminal`, async () => {
      // A second row, so that j has somewhere to go.
      const other = await runContainer({name: uniqueName('ww-term')});
      try {
        const app = startPty(['--host', testHost()], {env: {TERM, FORCE_COLOR: undefined, NO_COLOR: undefined}});
        const connected = TERM === 'dumb' ? '* connected' : '● connected';
        await app.waitFor((s) => s.includes(container.name) && s.includes(other.name) && s.includes(connected));
        const before = app.output().length;
        app.write('j');
        // The selection moved: a row was drawn anew in inverse (inverse survives even TERM=dumb).
        await app.waitFor(() => app.output().slice(before).includes('\u001b[7m'));
        app.write('q');
        expect((await app.exited).exitCode).toBe(0);
        expect(app.output()).toContain(RESTORED);
        if (TERM === 'dumb') {
          // The plainest frames: ASCII only, no colours.
          expect(app.output()).toMatch(/^[\u0000-\u007f]*$/);
          expect(app.output()).not.toMatch(COLOUR);
        } else {
          expect(app.output()).toMatch(COLOUR);
        }
      } finally {
        await removeContainer(other.id);
      }
    });
  }

  it('survives a resize storm and ends drawn right at the last size', async () => {
    const app = startPty(['--host', testHost()]);
    await app.waitFor((s) => s.includes(container.name) && s.includes('● connected'));
    // 100 resizes over about two seconds, down to below the smallest layout and back up.
    for (let i = 0; i < 100; i++) {
      app.resize(50 + ((i * 37) % 120), 10 + ((i * 13) % 40));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    app.resize(90, 26);
    const screen = await app.waitFor((s) => {
      const lines = s.split('\n');
      return lines[0].includes('1 Containers') && lines.some((l) => l.includes(container.name)) && lines[24].includes('● connected');
    });
    // Exactly one frame: the tab bar once, the status bar on the last line but one.
    expect(screen.split('\n').filter((l) => l.includes('1 Containers'))).toHaveLength(1);
    app.write('j');
    app.write('q');
    expect((await app.exited).exitCode).toBe(0);
  });

  for (const [how, act] of [
    ['Ctrl-C', (app: ReturnType<typeof startPty>) => app.write('\u0003')],
    ['SIGTERM', (app: ReturnType<typeof startPty>) => app.pty.kill('SIGTERM')],
    ['SIGHUP', (app: ReturnType<typeof startPty>) => app.pty.kill('SIGHUP')],
  ] as const) {
    it(`restores the terminal on ${how}`, async () => {
      const app = startPty(['--host', testHost()]);
      await app.waitFor((s) => s.includes(container.name));
      act(app);
      await app.exited;
      expect(app.output()).toContain(RESTORED);
    });
  }

  it('restores the terminal after a crash and prints one line naming the log file', async () => {
    const state = mkdtempSync(join(tmpdir(), 'ww-state-'));
    const app = startPty(['--host', testHost()], {env: {WHALEWATCH_CRASH_TEST: 'boom for the test', XDG_STATE_HOME: state}});
    const {exitCode} = await app.exited;
    expect(exitCode).toBe(1);
    // After the line only "show cursor" may follow (Ink restores the cursor on its way out).
    const after = app.output().slice(app.output().lastIndexOf(RESTORED) + RESTORED.length);
    const logFile = join(state, 'whalewatch', 'whalewatch.log');
    expect(after.replace(/\u001b\[\?25h/g, '').trim()).toBe(`whalewatch: crashed: boom for the test (details in ${logFile})`);
    // The stack went to the log file under the XDG state directory, not to the screen.
    expect(readFileSync(logFile, 'utf8')).toMatch(/crash: Error: boom for the test\n\s+at /);
    expect(app.output()).not.toMatch(/\n\s+at /);
  });

  it('--print-env prints the active host\'s environment after the terminal is given back', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ww-print-env-'));
    const env = {HOME: home, DOCKER_CONFIG: join(home, 'docker'), XDG_CONFIG_HOME: join(home, 'xdg'), MACHINE_STORAGE_PATH: join(home, 'machine'), DOCKER_HOST: undefined};
    const app = startPty(['--host', testHost(), '--print-env'], {env});
    await app.waitFor((s) => s.includes(container.name));
    app.write('5');
    await app.waitFor((s) => s.includes('RUN/STOP') && /\* \/tmp\/ww-.*connected/.test(s));
    app.write('q');
    const {exitCode} = await app.exited;
    expect(exitCode).toBe(0);
    const after = app.output().slice(app.output().lastIndexOf(RESTORED) + RESTORED.length);
    expect(after).toContain(`export DOCKER_HOST="${testHost()}"`);
  });

  it('refuses a malformed host with one line and exit code 2', () => {
    const result = spawnSync(process.execPath, [CLI, '--host', 'bogus://what'], {encoding: 'utf8'});
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^whalewatch: invalid host "bogus:\/\/what"/);
  });

  it('refuses an unknown context with one line and exit code 2', () => {
    const config = mkdtempSync(join(tmpdir(), 'ww-config-'));
    const result = spawnSync(process.execPath, [CLI, '--context', 'nope'], {encoding: 'utf8', env: {...process.env, DOCKER_CONFIG: config, DOCKER_HOST: ''}});
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^whalewatch: unknown context "nope"/);
  });

  it('opens without an engine and says why in the status bar', async () => {
    const app = startPty(['--host', 'unix:///tmp/ww-nothing-here/docker.sock']);
    const screen = await app.waitFor((s) => s.includes('cannot reach unix:///tmp/ww-nothing-here/docker.sock'));
    expect(screen).toMatch(/unreachable|reconnecting/);
    app.write('q');
    expect((await app.exited).exitCode).toBe(0);
  });

  it('works at 80×24 and shows a short notice when the terminal is too small', async () => {
    const app = startPty(['--host', testHost()], {columns: 80, rows: 24});
    let screen = await app.waitFor((s) => s.includes(container.name));
    expect(screen.split('\n').every((line) => line.length <= 80)).toBe(true);
    app.resize(40, 10);
    screen = await app.waitFor((s) => s.includes('whalewatch needs 60×12'));
    app.resize(100, 30);
    await app.waitFor((s) => s.includes(container.name) && s.includes('● connected'));
    app.write('q');
    expect((await app.exited).exitCode).toBe(0);
  });
});
