import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {spawnSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
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
    const app = startPty(['--host', testHost()], {env: {WHALEWATCH_CRASH_TEST: 'boom for the test'}});
    const {exitCode} = await app.exited;
    expect(exitCode).toBe(1);
    // After the line only "show cursor" may follow (Ink restores the cursor on its way out).
    const after = app.output().slice(app.output().lastIndexOf(RESTORED) + RESTORED.length);
    expect(after.replace(/\u001b\[\?25h/g, '').trim()).toMatch(/^whalewatch: crashed: boom for the test \(details in .+\.log\)$/);
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
