import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {KEYS, renderApp, testStore} from './render.js';
import {removeContainer, runContainer, uniqueName} from '../engine/fixtures.js';
import {createAppMemory, type AppProps} from '../../source/ui/App.js';
import type {Store} from '../../source/store/store.js';

describe('e opens a shell: the App side of the hand-over', () => {
  let store: Store;
  const apps: Array<ReturnType<typeof renderApp>> = [];
  const created: string[] = [];
  beforeAll(async () => {
    store = testStore();
    await store.start();
  });
  afterEach(() => apps.splice(0).forEach((app) => app.unmount()));
  afterAll(async () => {
    store.stop();
    await Promise.all(created.map((id) => removeContainer(id)));
  });

  const open = async (name: string, props: Partial<AppProps> = {}) => {
    const app = renderApp(store, undefined, props);
    apps.push(app);
    await app.waitFor((f) => f.includes(name));
    await app.press('/', ...name, KEYS.enter);
    await app.waitFor((f) => f.includes(`filter: ${name}`));
    return app;
  };

  it('without a terminal (no onHandOver) says so in a toast', async () => {
    const {id, name} = await runContainer({name: uniqueName('ww-noterm')});
    created.push(id);
    const app = await open(name);
    await app.press('e');
    await app.waitFor((f) => f.includes(`shell in ${name}: a shell needs a terminal`));
  });

  it('hands over a real exec session, and a fresh App on the same memory comes back on the same list with the result', async () => {
    const {id, name} = await runContainer({name: uniqueName('ww-handover')});
    created.push(id);
    const memory = createAppMemory();
    let second: ReturnType<typeof renderApp> | undefined;
    // What cli.tsx does, without a terminal: open, unmount, "hand over", render again.
    const onHandOver: AppProps['onHandOver'] = async (openSession) => {
      const session = await openSession();
      apps[0]!.unmount();
      let seen = '';
      session.stream.on('data', (chunk: Buffer) => (seen += chunk.toString()));
      session.stream.write('echo in-$((2+3)); exit 4\n');
      const result = await session.wait();
      expect(seen).toContain('in-5');
      second = renderApp(store, undefined, {memory, onHandOver});
      apps.push(second);
      return result;
    };
    const first = await open(name, {memory, onHandOver});
    await first.press('e');
    await first.waitFor(() => second !== undefined);
    const frame = await second!.waitFor((f) => f.includes(`shell in ${name} ended (exit 4)`));
    expect(frame).toContain(`filter: ${name}`);
  });

  it('a container that is not running: one line, and nothing is handed over', async () => {
    const {id, name} = await runContainer({name: uniqueName('ww-notrunning'), start: false});
    created.push(id);
    let handedOver = false;
    const app = await open(name, {
      onHandOver: async (openSession) => {
        await openSession();
        handedOver = true;
      },
    });
    await app.press('e');
    await app.waitFor((f) => f.includes(`shell in ${name}: Container ${id.slice(0, 12)} is not running`));
    expect(handedOver).toBe(false);
  });
});
