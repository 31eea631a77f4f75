import {describe, expect, it} from 'vitest';
import {startEngine} from '../engine/engine.js';
import {FIXTURE_IMAGE, TEST_LABEL} from '../engine/fixtures.js';
import {dockerFor, loadFixture} from '../engine/second-engine.js';
import {lineWith, renderApp, testStore} from './render.js';

describe('an engine restart under an open dashboard', () => {
  it('shows the outage with its reason, then reconnects by itself and lists again', async () => {
    const engine = await startEngine({tag: 'restart'});
    const app: {current?: ReturnType<typeof renderApp>} = {};
    try {
      const docker = dockerFor(engine);
      await loadFixture(docker);
      const made = await docker.createContainer({name: 'ww-survivor', Image: FIXTURE_IMAGE, Cmd: ['sh', '-c', 'while true; do sleep 1; done'], Labels: {[TEST_LABEL]: '1'}});
      const store = testStore({url: engine.host});
      await store.start();
      app.current = renderApp(store);
      await app.current.waitFor((f) => lineWith(f, 'ww-survivor').includes('created') && f.includes('● connected'));

      await engine.kill();
      const down = await app.current.waitFor((f) => /○ (reconnecting|unreachable)/.test(f));
      expect(lineWith(down, '○')).toMatch(/cannot reach|closed|ended|refused/);

      await engine.start();
      await made.start();
      const back = await app.current.waitFor((f) => f.includes('● connected') && lineWith(f, 'ww-survivor').includes('running'), 30_000);
      expect(back).toContain('1 running / 1');
      store.stop();
    } finally {
      app.current?.unmount();
      await engine.stop();
    }
  });
});
