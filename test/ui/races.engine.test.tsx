import {afterAll, describe, expect, it} from 'vitest';
import {KEYS, lineWith, renderApp, testStore} from './render.js';
import {removeContainer, runContainer, testDocker, testHost, uniqueName} from '../engine/fixtures.js';
import {startEngine} from '../engine/engine.js';
import {dockerFor, loadFixture, loopOn} from '../engine/second-engine.js';
import {heldEventsClient} from './held-events.js';
import {Store} from '../../source/store/store.js';
import {createAppMemory, type AppMemory} from '../../source/ui/App.js';
import type {Toast} from '../../source/ui/Toasts.js';

/** A container that stops at once on SIGTERM (a shell as PID 1 ignores it otherwise). */
const LOOP = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];

/** Every outcome toast (done or error) the App shows, each once, in order: only the last is on screen. */
function recordOutcomes(memory: AppMemory): Toast[] {
  const seen: Toast[] = [];
  memory.toasts.subscribe(() => {
    for (const toast of memory.toasts.getSnapshot()) {
      if (toast.kind !== 'working' && !seen.some((t) => t.id === toast.id && t.kind === toast.kind && t.text === toast.text)) seen.push(toast);
    }
  });
  return seen;
}

/** Waits until `test` holds for the recorded toasts. */
async function outcomes(seen: Toast[], test: (toasts: Toast[]) => boolean, timeout = 20_000): Promise<Toast[]> {
  const deadline = Date.now() + timeout;
  while (!test(seen)) {
    if (Date.now() > deadline) throw new Error(`the toasts never matched: ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return seen;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One readable line: no stack frame, no error class name, no raw JSON. */
const readable = (text: string) => !/\n|\bat \S+ \(|Error:|\{"/.test(text);

describe('actions racing the engine', () => {
  const created: string[] = [];
  afterAll(async () => {
    await Promise.all(created.map((id) => removeContainer(id)));
  });

  it('an action on a container removed meanwhile says it no longer exists, and the row goes', async () => {
    const {id, name} = await runContainer({name: uniqueName('ww-gone'), cmd: LOOP});
    created.push(id);
    // The destroy event is held back, so the row is still on screen when the key is pressed.
    const events = heldEventsClient(testHost());
    const store = new Store({host: {name: 'test', url: testHost(), source: '--host'}, readOnly: false, batchMs: 50, connect: async () => events.docker});
    const memory = createAppMemory();
    const seen = recordOutcomes(memory);
    await store.start();
    const app = renderApp(store, undefined, {memory});
    try {
      await app.waitFor((f) => lineWith(f, name).includes('running'));
      await app.press('/', ...name, KEYS.enter);
      await app.waitFor((f) => f.includes(`filter: ${name}`));
      events.hold();
      await removeContainer(id);
      await app.press('r');
      const [outcome] = await outcomes(seen, (t) => t.length > 0);
      await sleep(500);
      expect(seen).toHaveLength(1);
      expect(outcome).toMatchObject({kind: 'error'});
      expect(outcome!.text).toMatch(new RegExp(`^restart ${name}: .*no longer exists`));
      expect(readable(outcome!.text)).toBe(true);
      // The failed action reads the container again: the row goes before its event arrives.
      await app.waitFor((f) => f.includes('Nothing matches'));
      events.release();
      await sleep(500);
      const frame = app.frame();
      expect(frame).toContain('● connected');
      expect(frame).toContain('Nothing matches');
      expect(store.getSnapshot().containers.some((c) => c.id === id)).toBe(false);
    } finally {
      app.unmount();
      store.stop();
    }
  });

  it('two actions in quick succession each say their outcome once, and the screen ends as the engine is', async () => {
    const {id, name} = await runContainer({name: uniqueName('ww-twice'), cmd: LOOP});
    created.push(id);
    const store = testStore();
    const memory = createAppMemory();
    const seen = recordOutcomes(memory);
    await store.start();
    const app = renderApp(store, undefined, {memory});
    try {
      await app.waitFor((f) => lineWith(f, name).includes('running'));
      await app.press('/', ...name, KEYS.enter);
      await app.waitFor((f) => f.includes(`filter: ${name}`));
      for (const [keys, words] of [
        [['s', 'u'], ['stop', 'start']],
        [['r', 'r'], ['restart', 'restart']],
      ] as const) {
        const before = seen.length;
        // Back to back: the second key is pressed while the first call is in flight.
        await app.press(...keys);
        await outcomes(seen, (t) => t.length >= before + 2);
        await sleep(500);
        const mine = seen.slice(before);
        expect(mine, JSON.stringify(mine)).toHaveLength(2);
        // Either may finish first (a start sent while the stop runs may be answered at once).
        const said = (word: string) => mine.filter((t) => new RegExp(`^${word} ${name}: |^${name} ${word}`).test(t.text)).length;
        for (const word of new Set(words)) expect(said(word), JSON.stringify(mine)).toBe(words.filter((w) => w === word).length);
        for (const toast of mine) expect(readable(toast.text), toast.text).toBe(true);
        // Both calls have returned: the engine's state is final, and the screen must come to it.
        const state = (await testDocker().getContainer(id).inspect()).State.Status;
        await app.waitFor((f) => lineWith(f, name).includes(state));
        await sleep(500);
        expect(lineWith(app.frame(), name)).toContain(state);
        expect((await testDocker().getContainer(id).inspect()).State.Status).toBe(state);
      }
    } finally {
      app.unmount();
      store.stop();
    }
  });

  it('an action while the engine restarts says it cannot reach it, and is not replayed when it is back', async () => {
    const engine = await startEngine({tag: 'races'});
    const store = testStore({url: engine.host});
    const memory = createAppMemory();
    const seen = recordOutcomes(memory);
    const app: {current?: ReturnType<typeof renderApp>} = {};
    try {
      const docker = dockerFor(engine);
      await loadFixture(docker);
      const idle = await loopOn(docker, 'ww-race-idle', {start: false});
      await store.start();
      app.current = renderApp(store, undefined, {memory});
      await app.current.waitFor((f) => lineWith(f, 'ww-race-idle').includes('created') && f.includes('● connected'));

      await engine.kill();
      await app.current.waitFor((f) => /○ reconnecting/.test(f));
      await app.current.press('u');
      const [down] = await outcomes(seen, (t) => t.length > 0);
      expect(down).toMatchObject({kind: 'error'});
      expect(down!.text).toMatch(/^start ww-race-idle: not connected to the engine \(reconnecting\), nothing was sent$/);
      expect(readable(down!.text)).toBe(true);

      // Pressed again while the engine is starting (its socket may already take connections
      // that it answers only once it is ready): refused too, never queued for later.
      const starting = engine.start();
      await app.current.press('u');
      await outcomes(seen, (t) => t.length > 1);
      expect(seen[1]!.text).toMatch(/^start ww-race-idle: not connected to the engine \(reconnecting\), nothing was sent$/);
      await starting;
      await app.current.waitFor((f) => f.includes('● connected'));
      await sleep(3000);
      expect(seen).toHaveLength(2);
      expect((await idle.inspect()).State.Status).toBe('created');
      expect(lineWith(app.current.frame(), 'ww-race-idle')).toContain('created');
    } finally {
      store.stop();
      app.current?.unmount();
      await engine.stop();
    }
  }, 120_000);
});
