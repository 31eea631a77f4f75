import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {KEYS, renderApp, testStore} from './render.js';
import {removeContainer, runContainer, testDocker, uniqueName} from '../engine/fixtures.js';
import type {Store} from '../../source/store/store.js';

/** Keys a person (or a cat, or a paste) can send; q and Ctrl-C quit, so they are tried apart. */
const ALPHABET = [
  ...'abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789/?:.,-_=+!@#$%^&*()[]{}<>|\\\'" ',
  KEYS.up, KEYS.down, KEYS.enter, KEYS.escape, KEYS.tab, KEYS.backspace,
  '\u001b[C', '\u001b[D', '\u001b[5~', '\u001b[6~', '\u001b[H', '\u001b[F', '\u001b[Z', '\u001b[3~',
  '\u001b[1;5A', '\u001bOP', '\u001b[200~pasted text\u001b[201~', '\u0007', '\u0000', '\u0001', '\u001b\u001b', 'ä', '字', '😀',
];

/** A small seeded generator (mulberry32), so a failing run can be repeated with its seed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const counts = async () => {
  const docker = testDocker();
  const [containers, images, volumes, networks] = await Promise.all([docker.listContainers({all: true}), docker.listImages(), docker.listVolumes(), docker.listNetworks()]);
  return {containers: containers.map((c) => `${c.Id}:${c.State}:${c.Names}`).sort(), images: images.map((i) => i.Id).sort(), volumes: (volumes.Volumes ?? []).map((v) => v.Name).sort(), networks: networks.map((n) => n.Id).sort()};
};

describe('10,000 random keys in read-only mode', () => {
  let store: Store;
  let container: {id: string; name: string};

  beforeAll(async () => {
    container = await runContainer({name: uniqueName('ww-fuzz'), env: ['SECRET_TOKEN=x']});
    store = testStore({readOnly: true});
    await store.start();
  });
  afterAll(async () => {
    store.stop();
    await removeContainer(container.id);
  });

  it('never crash the dashboard, change nothing on the engine, and leave it usable', async () => {
    const seed = Number(process.env.WW_FUZZ_SEED ?? 20261203);
    const next = random(seed);
    // React's development build (the tests run it; the bundle does not) warns about long chains
    // of nested updates when thousands of keys queue up: those are kept out of the log, and any
    // other console error fails the test.
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      const text = args.map(String).join(' ');
      if (!text.startsWith('Maximum update depth exceeded')) errors.push(text);
    });
    const before = await counts();
    let app = renderApp(store, {columns: 100, rows: 30});
    await app.waitFor((f) => f.includes(container.name));
    let sent = 0;
    let quits = 0;
    while (sent < 10_000) {
      // The palette can run "quit" (: q u i t Enter): that is a way out, not a crash. Start again.
      if (app.quit) {
        quits++;
        app.unmount();
        app = renderApp(store, {columns: 100, rows: 30});
      }
      // One to four keys per write: a burst arrives in one chunk, as from a fast typist.
      let chunk = '';
      for (let n = 1 + Math.floor(next() * 4); n > 0 && sent < 10_000; n--, sent++) chunk += ALPHABET[Math.floor(next() * ALPHABET.length)];
      app.stdin.write(chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Every key waits for the render of the one before: wait until the queue has drained (the
    // screen stops changing), then come back to the containers pane as a person would.
    for (let last = app.frame(), still = 0; still < 10; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      still = app.frame() === last ? still + 1 : 0;
      last = app.frame();
    }
    if (app.quit) {
      quits++;
      app.unmount();
      app = renderApp(store, {columns: 100, rows: 30});
    }
    expect(quits, `seed ${seed}`).toBeLessThan(50);
    for (const key of [KEYS.escape, KEYS.escape, KEYS.escape, KEYS.escape]) await app.press(key);
    await app.press('1');
    await app.waitFor((f) => f.includes('1 Containers') && f.includes('READ-ONLY') && f.includes(container.name), 20_000);
    expect(await counts()).toEqual(before);
    spy.mockRestore();
    expect(errors).toEqual([]);
    await app.press('q');
    await app.waitFor(() => app.quit);
    app.unmount();
  }, 240_000);
});
