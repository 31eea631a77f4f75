import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {KEYS, renderApp, testStore} from './render.js';
import {removeContainer, runContainer, uniqueName} from '../engine/fixtures.js';
import type {Store} from '../../source/store/store.js';

describe('secret-looking environment values', () => {
  let store: Store;
  let app: ReturnType<typeof renderApp>;
  let container: {id: string; name: string};

  beforeAll(async () => {
    store = testStore();
    await store.start();
    container = await runContainer({name: uniqueName('ww-secret'), env: ['DB_PASSWORD=hunter2', 'API_TOKEN=tok-123', 'MODE=plain']});
  });
  afterEach(() => app?.unmount());
  afterAll(async () => {
    store.stop();
    await removeContainer(container.id);
  });

  for (const [view, key] of [['details', KEYS.enter], ['inspect', 'i']] as const) {
    it(`are masked in ${view} until S shows them, and S masks them again`, async () => {
      app = renderApp(store, {columns: 160, rows: 60});
      await app.waitFor((f) => f.includes(container.name));
      await app.press('/', ...container.name, KEYS.enter);
      await app.waitFor((f) => f.includes(`filter: ${container.name}`));
      await app.press(key);
      await app.waitFor((f) => f.includes(`${view} ${container.name}`));
      // The environment may be below the fold: search brings it into view, as a person would.
      await app.press('/', ...'DB_PASSWORD', KEYS.enter);
      const masked = await app.waitFor((f) => f.includes('DB_PASSWORD=••••••'));
      expect(masked).toContain('API_TOKEN=••••••');
      expect(masked).toContain('MODE=plain');
      expect(masked).toContain('secrets masked (S shows)');
      expect(app.frames.join('\n')).not.toContain('hunter2');
      await app.press('S');
      await app.waitFor((f) => f.includes('DB_PASSWORD=hunter2') && f.includes('API_TOKEN=tok-123') && f.includes('secrets shown'));
      await app.press('S');
      await app.waitFor((f) => f.includes('DB_PASSWORD=••••••') && !f.includes('hunter2'));
    });
  }
});
