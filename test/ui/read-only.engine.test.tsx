import {describe, expect, it} from 'vitest';
import {lineWith, renderApp, testStore} from './render.js';
import {removeContainer, runContainer, testDocker, uniqueName} from '../engine/fixtures.js';

describe('read-only mode on screen', () => {
  it('shows the badge, hides the mutating keys and does nothing when they are pressed', async () => {
    const store = testStore({readOnly: true});
    await store.start();
    const {id, name} = await runContainer({name: uniqueName('ww-ro')});
    const app = renderApp(store);
    try {
      let frame = await app.waitFor((f) => lineWith(f, name).includes('running'));
      expect(frame).toContain('READ-ONLY');
      const footer = frame.split('\n').at(-2) ?? '';
      expect(footer).toContain('logs');
      expect(footer).not.toMatch(/\bstop\b|\bremove\b|\bstart\b/);
      await app.press('/', ...name, '\r', 's', 'd', 'y', 'K', 'y', 'p', 'R');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      frame = app.frame();
      expect(frame).not.toMatch(/stopping|removing|Rename|Remove/);
      expect((await testDocker().getContainer(id).inspect()).State.Status).toBe('running');
      await app.press('?');
      frame = await app.waitFor((f) => f.includes('Read-only mode'));
      expect(frame).not.toContain('Stop the selected container');
      expect(frame).toContain('Logs of the selected item');
    } finally {
      app.unmount();
      store.stop();
      await removeContainer(id);
    }
  });
});

