import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {KEYS, lineWith, renderApp, testStore} from './render.js';
import {removeContainer, runContainer, testDocker, uniqueName} from '../engine/fixtures.js';
import type {Store} from '../../source/store/store.js';

/** A container that stops at once on SIGTERM (a shell as PID 1 ignores it otherwise). */
const LOOP = ['sh', '-c', 'trap "exit 0" TERM; echo ready; while true; do sleep 1; done'];

describe('the containers pane on a real engine', () => {
  let store: Store;
  let app: ReturnType<typeof renderApp>;
  const created: string[] = [];

  beforeAll(async () => {
    store = testStore();
    await store.start();
  });
  afterEach(() => app?.unmount());
  afterAll(async () => {
    store.stop();
    await Promise.all(created.map((id) => removeContainer(id)));
  });

  const run = async (options: Parameters<typeof runContainer>[0] = {}) => {
    const container = await runContainer({cmd: LOOP, ...options});
    created.push(container.id);
    return container;
  };
  /** Narrows the list to one name, as a user would. */
  const filterTo = async (name: string) => {
    await app.press('/', ...name, KEYS.enter);
    await app.waitFor((f) => f.includes(`filter: ${name}`));
  };

  it('shows a container the test created, with its live CPU and memory', async () => {
    const {name} = await run({name: uniqueName('ww-appears')});
    app = renderApp(store);
    const frame = await app.waitFor((f) => lineWith(f, name).includes('running'));
    expect(frame).toMatch(/NAME↑\s+IMAGE\s+STATE/);
    expect(frame).toContain('● connected');
    await app.waitFor((f) => /\d+\.\d\d%/.test(lineWith(f, name)) && /B \/ /.test(lineWith(f, name)), 15_000);
  });

  it('stops a container with s: its state changes on screen and a toast says so', async () => {
    const {name, id} = await run({name: uniqueName('ww-stopme')});
    app = renderApp(store);
    await app.waitFor((f) => lineWith(f, name).includes('running'));
    await filterTo(name);
    await app.press('s');
    await app.waitFor((f) => f.includes(`stopping ${name}`) || f.includes(`${name} stopped`));
    // The die event marks the row exited at once, which can be before the stop call returns and
    // its toast says so: wait for both.
    const frame = await app.waitFor((f) => lineWith(f, name).includes('exited') && f.includes(`${name} stopped`), 20_000);
    expect(frame).toContain(`${name} stopped`);
    expect((await testDocker().getContainer(id).inspect()).State.Running).toBe(false);
    await app.press('u');
    await app.waitFor((f) => lineWith(f, name).includes('running'), 20_000);
  });

  it('asks before removing, and n keeps the container', async () => {
    const {name, id} = await run({name: uniqueName('ww-removeme')});
    app = renderApp(store);
    await app.waitFor((f) => f.includes(name));
    await filterTo(name);
    await app.press('d');
    await app.waitFor((f) => f.includes(`Remove (forced, it is running) ${name}?`));
    await app.press('n');
    await app.waitFor((f) => !f.includes('Remove (forced'));
    expect((await testDocker().getContainer(id).inspect()).State.Running).toBe(true);
    await app.press('d', 'y');
    await app.waitFor((f) => f.includes(`${name} removed`) && f.includes('Nothing matches'), 20_000);
    await expect(testDocker().getContainer(id).inspect()).rejects.toMatchObject({statusCode: 404});
  });

  it('renames a container from a prompt', async () => {
    const {name} = await run({name: uniqueName('ww-rename')});
    const renamed = `${name}-new`;
    app = renderApp(store);
    await app.waitFor((f) => f.includes(name));
    await filterTo(name);
    await app.press('R');
    await app.waitFor((f) => f.includes(`Rename ${name} to: ${name}`));
    await app.press(...'-new', KEYS.enter);
    await app.waitFor((f) => f.includes(`renamed to ${renamed}`) && lineWith(f, renamed).includes('running'), 15_000);
  });

  it('follows the logs, tells stderr apart, searches and pauses', async () => {
    const name = uniqueName('ww-logs');
    await run({name, cmd: ['sh', '-c', 'trap "exit 0" TERM; i=0; while true; do i=$((i+1)); echo "out-line $i"; echo "err-line $i" >&2; sleep 0.2; done']});
    app = renderApp(store);
    await app.waitFor((f) => f.includes(name));
    await filterTo(name);
    await app.press('l');
    let frame = await app.waitFor((f) => f.includes(`logs ${name}`) && f.includes('out-line') && f.includes('err-line'));
    expect(lineWith(frame, 'err-line')).toContain('▌');
    expect(lineWith(frame, 'out-line')).not.toContain('▌');
    expect(frame).toContain('following');
    await app.press('f');
    frame = await app.waitFor((f) => f.includes('paused'));
    await app.press('/', ...'out-line 3', KEYS.enter);
    frame = await app.waitFor((f) => f.includes('/out-line 3') && !f.includes('no match'));
    await app.press('t');
    await app.waitFor((f) => /\d{4}-\d\d-\d\dT\d\d:\d\d/.test(f));
    await app.press('q');
    await app.waitFor((f) => f.includes('NAME') && !f.includes(`logs ${name}`));
    expect(app.quit).toBe(false);
  });

  it('inspects the container as JSON and closes with Esc', async () => {
    const {name, id} = await run({name: uniqueName('ww-inspect')});
    app = renderApp(store);
    await app.waitFor((f) => f.includes(name));
    await filterTo(name);
    await app.press('i');
    const frame = await app.waitFor((f) => f.includes(`inspect ${name}`) && f.includes(`"Id": "${id}"`));
    expect(frame).toContain('"State": {');
    await app.press('/', ...'Labels', KEYS.enter);
    await app.waitFor((f) => f.includes('"Labels": {'));
    await app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('NAME') && !f.includes(`inspect ${name}`));
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes(`details ${name}`) && f.includes('Labels') && f.includes('whalewatch.test=1'));
  });
});

describe('filter, sort and groups', () => {
  it('filters by name, sorts both ways, and folds a compose project', async () => {
    const store = testStore();
    await store.start();
    const prefix = uniqueName('ww-sort');
    const names = [`${prefix}-b`, `${prefix}-a`, `${prefix}-c`];
    const project = uniqueName('wwproj');
    const made = await Promise.all([
      ...names.map((name) => runContainer({name, cmd: LOOP})),
      runContainer({name: `${project}-web-1`, cmd: LOOP, labels: {'com.docker.compose.project': project}}),
    ]);
    const app = renderApp(store);
    try {
      await app.waitFor((f) => names.every((n) => f.includes(n)));
      await app.press('/', ...prefix, KEYS.enter);
      let frame = await app.waitFor((f) => f.includes(`filter: ${prefix}`) && !f.includes(project));
      const order = (f: string) => names.map((n) => f.indexOf(n));
      let [b, a, c] = order(frame);
      expect(a).toBeLessThan(b);
      expect(b).toBeLessThan(c);
      await app.press('O');
      frame = await app.waitFor((f) => f.includes('NAME↓'));
      [b, a, c] = order(frame);
      expect(c).toBeLessThan(b);
      expect(b).toBeLessThan(a);
      await app.press(KEYS.escape);
      await app.press('/', ...project, KEYS.enter);
      frame = await app.waitFor((f) => f.includes(`▾ ${project} (1)`) && f.includes(`${project}-web-1`));
      await app.press('z');
      await app.waitFor((f) => f.includes(`▸ ${project} (1)`) && !f.includes(`${project}-web-1`));
    } finally {
      app.unmount();
      store.stop();
      await Promise.all(made.map((m) => removeContainer(m.id)));
    }
  });
});
