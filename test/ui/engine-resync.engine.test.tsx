import {describe, expect, it} from 'vitest';
import {startEngine, type EngineHandle} from '../engine/engine.js';
import {TEST_LABEL} from '../engine/fixtures.js';
import {dockerFor, loadFixture, loopOn} from '../engine/second-engine.js';
import {lineWith, renderApp, testStore} from './render.js';
import type {Store} from '../../source/store/store.js';
import type {Engine} from '../../source/docker/engine.js';

/** Every statsOnce the store's engine makes, with when it started (the client outlives reconnects). */
function countStatsReads(engine: Engine): Array<{id: string; at: number}> {
  const reads: Array<{id: string; at: number}> = [];
  const read = engine.statsOnce.bind(engine);
  engine.statsOnce = (id, previous) => {
    reads.push({id, at: Date.now()});
    return read(id, previous);
  };
  return reads;
}

/** Resolves with the time the store commits 'connected' again after it next loses the engine. */
function nextReconnect(store: Store): Promise<number> {
  let lost = false;
  return new Promise((resolve) => {
    const unsubscribe = store.subscribe(() => {
      const connected = store.getSnapshot().connection.status === 'connected';
      if (!connected) lost = true;
      if (!connected || !lost) return;
      unsubscribe();
      resolve(Date.now());
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The names of the rows on screen that start with `prefix`, one entry per row. */
const rowsOf = (frame: string, prefix: string) => [...frame.matchAll(new RegExp(`\\b(${prefix}[\\w-]*)`, 'g'))].map((m) => m[1]!).sort();

describe('the dashboard across engine restarts', () => {
  it('reconnects soon after the engine answers, resyncs lists and stats, and reads stats once per round', async () => {
    const engine: EngineHandle = await startEngine({tag: 'resync'});
    const app: {current?: ReturnType<typeof renderApp>} = {};
    const store = testStore({url: engine.host});
    try {
      const docker = dockerFor(engine);
      await loadFixture(docker);
      // Restarted by the engine when it comes back, so stats have something to read at once.
      const running = await Promise.all(['ww-rs-a', 'ww-rs-b'].map((name) => loopOn(docker, name, {restart: 'always'})));
      const doomed = await loopOn(docker, 'ww-rs-old', {start: false});
      await store.start();
      const reads = countStatsReads(store.engine!);
      app.current = renderApp(store);
      const figures = (f: string, name: string) => /\d+\.\d\d%/.test(lineWith(f, name)) && /B \/ /.test(lineWith(f, name));
      await app.current.waitFor((f) => f.includes('● connected') && figures(f, 'ww-rs-a') && figures(f, 'ww-rs-b') && f.includes('ww-rs-old'));

      /** What the engine lists, against what the screen shows: the same rows, each once. */
      const listed = async () => (await docker.listContainers({all: true, filters: {label: [TEST_LABEL]}})).map((c) => c.Names[0]!.replace(/^\//, '')).sort();
      const resynced = async (label: string) => {
        const expected = await listed();
        const frame = await app.current!.waitFor((f) => JSON.stringify(rowsOf(f, 'ww-rs-')) === JSON.stringify(expected));
        expect(frame).toContain(`${running.length} running / ${expected.length}`);
        await app.current!.waitFor((f) => figures(f, 'ww-rs-a') && figures(f, 'ww-rs-b'));
        // Every round reads each watched running container once: two timers after the reconnect
        // would read some twice within one interval (the next round starts 2 s after one ends).
        const since = Date.now();
        await sleep(7000);
        for (const {id} of running) {
          const times = reads.filter((r) => r.id === id && r.at >= since).map((r) => r.at);
          expect(times.length, `${label}: stats of ${id.slice(0, 12)} read again`).toBeGreaterThanOrEqual(2);
          const gaps = times.slice(1).map((t, i) => t - times[i]!);
          expect(Math.min(...gaps), `${label}: reads of ${id.slice(0, 12)} at ${times.map((t) => t - since).join(', ')} ms`).toBeGreaterThanOrEqual(1900);
        }
      };

      // A long outage: the retry interval has had time to grow to its cap.
      let connected = nextReconnect(store);
      await engine.kill();
      await app.current.waitFor((f) => /○ reconnecting/.test(f));
      await sleep(8000);
      await engine.start();
      const answered = Date.now();
      // Changes right after the engine is back, racing the store's re-list.
      await loopOn(docker, 'ww-rs-new', {start: false});
      await doomed.remove({force: true});
      let recovery = (await connected) - answered;
      await app.current.waitFor((f) => f.includes('● connected'));
      console.log(`engine restart after a long outage: the store was connected ${recovery} ms after the engine's first /_ping answer`);
      expect(recovery).toBeLessThan(10_000);
      await resynced('after a long outage');

      // A quick restart: started again as soon as it has stopped.
      connected = nextReconnect(store);
      await engine.kill();
      await engine.start();
      const quick = Date.now();
      recovery = (await connected) - quick;
      console.log(`quick engine restart: the store was connected ${recovery} ms after the engine's first /_ping answer`);
      expect(recovery).toBeLessThan(10_000);
      await resynced('after a quick restart');
    } finally {
      store.stop();
      app.current?.unmount();
      await engine.stop();
    }
  }, 180_000);
});
