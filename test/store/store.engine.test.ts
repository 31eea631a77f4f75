import {describe, expect, it} from 'vitest';
import {Store} from '../../source/store/store.js';
import {removeContainer, runContainer, testDocker, testHost, uniqueName} from '../engine/fixtures.js';

/** Resolves once the store's snapshot passes the test. */
function until(store: Store, test: (s: ReturnType<Store['getSnapshot']>) => boolean, timeout = 15_000) {
  return new Promise<ReturnType<Store['getSnapshot']>>((resolve, reject) => {
    const check = () => {
      if (test(store.getSnapshot())) {
        unsubscribe();
        clearTimeout(timer);
        resolve(store.getSnapshot());
      }
    };
    const unsubscribe = store.subscribe(check);
    const timer = setTimeout(() => (unsubscribe(), reject(new Error('the store never got there'))), timeout);
    check();
  });
}

describe('the store on a real engine', () => {
  it('lists, then follows create, start, stop and destroy through events, with stats while running and watched', async () => {
    const store = new Store({host: {name: 'test', url: testHost(), source: '--host'}, readOnly: false});
    await store.start();
    expect(store.getSnapshot().connection.status).toBe('connected');
    expect(store.getSnapshot().engine?.apiVersion).toMatch(/^1\.\d+$/);
    const {id} = await runContainer({name: uniqueName('ww-store'), cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done']});
    try {
      await until(store, (s) => s.containers.some((c) => c.id === id && c.state === 'running'));
      // Stats stream only for the containers the screen says it shows.
      store.watchStats([id]);
      await until(store, (s) => s.stats.has(id));
      await testDocker().getContainer(id).stop();
      const stopped = await until(store, (s) => s.containers.some((c) => c.id === id && c.state === 'exited'));
      expect(stopped.stats.has(id)).toBe(false);
      await removeContainer(id);
      await until(store, (s) => !s.containers.some((c) => c.id === id));
    } finally {
      store.stop();
      await removeContainer(id);
    }
  });

  it('reads stats only for the watched containers, and follows a change of them', async () => {
    const [a, b] = await Promise.all([runContainer({name: uniqueName('ww-watch')}), runContainer({name: uniqueName('ww-watch')})]);
    const store = new Store({host: {name: 'test', url: testHost(), source: '--host'}, readOnly: false});
    try {
      await store.start();
      store.watchStats([a.id]);
      await until(store, (s) => s.stats.has(a.id));
      // b never had a stream, so it cannot have a reading.
      expect(store.getSnapshot().stats.has(b.id)).toBe(false);
      store.watchStats([b.id]);
      const later = await until(store, (s) => s.stats.has(b.id));
      // a left the screen: it keeps its last reading rather than going blank.
      expect(later.stats.has(a.id)).toBe(true);
    } finally {
      store.stop();
      await Promise.all([a, b].map((m) => removeContainer(m.id)));
    }
  });

  it('commits in batches, not once per stats sample', async () => {
    const made = await Promise.all(Array.from({length: 8}, () => runContainer({name: uniqueName('ww-batch')})));
    const store = new Store({host: {name: 'test', url: testHost(), source: '--host'}, readOnly: false, batchMs: 500, statsIntervalMs: 500});
    try {
      await store.start();
      store.watchStats('all');
      await until(store, (s) => made.every((m) => s.stats.has(m.id)));
      let commits = 0;
      const unsubscribe = store.subscribe(() => commits++);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      unsubscribe();
      // 8 containers read every 500 ms give ~48 readings in 3 s: one commit per reading would
      // be ~48; batched every 500 ms it is at most 7.
      expect(commits).toBeGreaterThan(1);
      expect(commits).toBeLessThanOrEqual(7);
    } finally {
      store.stop();
      await Promise.all(made.map((m) => removeContainer(m.id)));
    }
  });

  it('says why when the engine cannot be reached, and keeps trying', async () => {
    const store = new Store({host: {name: 'nowhere', url: 'unix:///tmp/ww-no-such-dir/docker.sock', source: '--host'}, readOnly: false});
    await store.start();
    const snapshot = store.getSnapshot();
    store.stop();
    expect(snapshot.connection.status).toBe('unreachable');
    expect(snapshot.connection.error).toMatch(/^cannot reach unix:\/\/\/tmp\/ww-no-such-dir\/docker\.sock: /);
  });
});
