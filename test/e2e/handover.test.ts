import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RESTORED, startPty, type PtyApp} from './pty.js';
import {removeContainer, runContainer, testDocker, testHost, uniqueName} from '../engine/fixtures.js';

const ENTER_ALT = '\u001b[?1049h';

/** Starts whalewatch and selects the container called `name` through the filter. */
async function startOn(name: string): Promise<PtyApp> {
  const app = startPty(['--host', testHost()]);
  await app.waitFor((s) => s.includes(name) && s.includes('● connected'));
  // The filter keeps only this container, so it is the selected row; the keys that follow
  // come at once, as a fast typist's would.
  app.write(`/${name}\r`);
  await app.waitFor((s) => s.includes(`filter: ${name}`));
  return app;
}

/** Types a line into the shell, as a person would. */
const type = (app: PtyApp, line: string) => app.write(`${line}\r`);

describe('a shell in a container, in a real terminal', () => {
  let running: {id: string; name: string};
  let stopped: {id: string; name: string};
  beforeAll(async () => {
    running = await runContainer({name: uniqueName('ww-e2e-shell')});
    stopped = await runContainer({name: uniqueName('ww-e2e-stopped'), start: false});
  });
  afterAll(async () => Promise.all([removeContainer(running.id), removeContainer(stopped.id)]));

  it('e opens a shell that gets the keys and the size, exit brings the dashboard back, and q still quits', async () => {
    const app = await startOn(running.name);
    app.write('e');
    await app.waitFor((s) => s.includes('Ctrl-P Ctrl-Q') && /\/ # $/m.test(s));
    type(app, 'echo hand-$((40+2))');
    await app.waitFor((s) => /^hand-42$/m.test(s));
    app.resize(100, 30);
    // The resize reaches the engine asynchronously: ask until the shell reports it.
    let screen = '';
    for (let attempt = 0; attempt < 20 && !/^30 100$/m.test(screen); attempt++) {
      type(app, 'stty size');
      screen = await app.waitFor((s) => /^\d+ \d+$/m.test(s.split('\n').slice(-12).join('\n')), 5000).catch(() => '');
      screen = app.screen().join('\n');
    }
    expect(screen).toMatch(/^30 100$/m);
    const beforeExit = app.output().length;
    type(app, 'exit');
    screen = await app.waitFor((s) => s.includes(running.name) && s.includes('● connected') && s.includes(`shell in ${running.name} ended (exit 0)`));
    // Back on the alternate screen, drawn for the new size.
    expect(app.output().slice(beforeExit)).toContain(ENTER_ALT);
    expect(screen.split('\n').every((line) => line.length <= 100)).toBe(true);
    expect(screen).not.toContain('hand-42');
    // Keys work again: help opens and closes, then q quits with the terminal given back.
    app.write('?');
    await app.waitFor((s) => s.includes('Open a shell in the selected container.'));
    app.write('\u001b');
    await app.waitFor((s) => !s.includes('Open a shell in the selected container.'));
    app.write('q');
    expect((await app.exited).exitCode).toBe(0);
    expect(app.output().lastIndexOf(RESTORED)).toBeGreaterThan(app.output().lastIndexOf(ENTER_ALT));
  });

  it('Ctrl-P Ctrl-Q detaches: the dashboard comes back, the shell goes on running, keys work', async () => {
    const app = await startOn(running.name);
    app.write('e');
    await app.waitFor((s) => /\/ # $/m.test(s));
    type(app, 'echo detach-$((1+1)) && sleep 1000');
    await app.waitFor((s) => /^detach-2$/m.test(s));
    app.write('\u0010\u0011');
    await app.waitFor((s) => s.includes(`detached from shell in ${running.name}; it goes on running`) && s.includes('● connected'));
    const top = (await testDocker().getContainer(running.id).top()) as {Processes: string[][]};
    expect(top.Processes.some((p) => p.at(-1) === 'sleep 1000')).toBe(true);
    app.write('q');
    expect((await app.exited).exitCode).toBe(0);
    expect(app.output()).toContain(RESTORED);
  });

  it('e on a stopped container says why in one line and the dashboard stays', async () => {
    const app = await startOn(stopped.name);
    const handedOver = () => app.output().includes('Ctrl-P Ctrl-Q');
    app.write('e');
    const screen = await app.waitFor((s) => s.includes(`shell in ${stopped.name}: Container ${stopped.id.slice(0, 12)} is not running`));
    expect(screen).toContain('● connected');
    expect(handedOver()).toBe(false);
    app.write('q');
    expect((await app.exited).exitCode).toBe(0);
  });
});
