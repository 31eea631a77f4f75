import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {KEYS, renderApp, testStore} from './render.js';
import {removeContainer, runContainer, testDocker, uniqueName} from '../engine/fixtures.js';
import type {Store} from '../../source/store/store.js';

describe('the events and disk usage views on a real engine', () => {
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

  it('shows the live event stream, and f narrows it to one container', async () => {
    app = renderApp(store);
    await app.waitFor((f) => f.includes('● connected'));
    await app.press('E');
    await app.waitFor((f) => f.includes('events · ') && f.includes('following'));
    const first = await runContainer({name: uniqueName('ww-evone')});
    const second = await runContainer({name: uniqueName('ww-evtwo')});
    created.push(first.id, second.id);
    await app.waitFor((f) => /container start\s+ww-evone-/.test(f) && /container start\s+ww-evtwo-/.test(f));
    await app.press('f', ...first.name, KEYS.enter);
    const narrowed = await app.waitFor((f) => f.includes(`filter: ${first.name}`) && !f.includes(second.name));
    expect(narrowed).toMatch(/container create\s+ww-evone-/);
    expect(narrowed).toMatch(/\d+ of \d+ match/);
  });

  it('shows disk usage as docker system df computes it, and a system prune question naming what goes', async () => {
    const stopped = await runContainer({name: uniqueName('ww-dfstopped'), start: false});
    created.push(stopped.id);
    app = renderApp(store);
    await app.waitFor((f) => f.includes('● connected'));
    await app.press('D');
    const frame = await app.waitFor((f) => f.includes('disk usage (docker system df)') && /Images\s+\d+\s+\d+/.test(f));
    const images = (await testDocker().listImages()).length;
    expect(frame).toMatch(new RegExp(`Images\\s+${images}\\s`));
    expect(frame).toMatch(/Local Volumes\s+\d+/);
    expect(frame).toMatch(/Build Cache\s+\d+/);
    await app.press('P');
    const question = await app.waitFor((f) => f.includes('System prune: remove') && f.includes('A system prune removes:'));
    expect(question).toContain(stopped.name);
    // n keeps everything.
    await app.press('n');
    await app.waitFor((f) => !f.includes('System prune: remove'));
    expect((await testDocker().getContainer(stopped.id).inspect()).State.Status).toBe('created');
  });
});
