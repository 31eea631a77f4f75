import {afterAll, afterEach, beforeAll, describe, it} from 'vitest';
import {renderApp, testStore} from './render.js';
import type {Store} from '../../source/store/store.js';

describe('a paste into a text field', () => {
  let store: Store;
  let app: ReturnType<typeof renderApp>;

  beforeAll(async () => {
    store = testStore();
    await store.start();
  });
  afterEach(() => app?.unmount());
  afterAll(() => store.stop());

  it('arrives whole and in order, however long', async () => {
    app = renderApp(store);
    await app.waitFor((f) => f.includes('● connected'));
    await app.press('/');
    await app.waitFor((f) => f.includes('filter: █'));
    // 150 characters in one chunk, as a terminal delivers a paste. Each key waits for the render
    // of the one before, so this makes 150 renders in a row: React's development build warns
    // about that many nested updates (the bundle runs its production build, and the program
    // sends the console to its log file, never to the screen).
    const text = Array.from({length: 15}, (_, i) => `paste${String(i).padStart(2, '0')}-x`).join('');
    app.stdin.write(text);
    await app.waitFor((f) => f.includes(`filter: ${text}█`), 20_000);
  });
});
