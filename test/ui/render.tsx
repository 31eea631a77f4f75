import React from 'react';
import {render} from 'ink-testing-library';
import {App, type AppProps} from '../../source/ui/App.js';
import {Store} from '../../source/store/store.js';
import {testHost} from '../engine/fixtures.js';

/** Key sequences as a terminal sends them. */
export const KEYS = {up: '\u001b[A', down: '\u001b[B', enter: '\r', escape: '\u001b', tab: '\t', backspace: '\u007f', ctrlC: '\u0003'};

/** A store on the suite's private engine. */
export function testStore(options: {readOnly?: boolean; url?: string} = {}): Store {
  return new Store({host: {name: 'test', url: options.url ?? testHost(), source: '--host'}, readOnly: options.readOnly ?? false, batchMs: 50});
}

/** Renders the dashboard on a store, with helpers to press keys and wait for the screen. */
export function renderApp(store: Store, size = {columns: 160, rows: 40}, props: Partial<AppProps> = {}) {
  let quit = false;
  const app = render(<App store={store} size={size} onQuit={() => (quit = true)} {...props} />);
  const frame = () => app.lastFrame() ?? '';
  return {
    ...app,
    frame,
    get quit() {
      return quit;
    },
    /** Types keys one at a time, letting Ink handle each (it reads input asynchronously). */
    async press(...keys: string[]) {
      for (const key of keys) {
        app.stdin.write(key);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    },
    /** Waits until the frame passes the test; fails with the last frame shown. */
    async waitFor(test: (frame: string) => boolean, timeout = 20_000): Promise<string> {
      const deadline = Date.now() + timeout;
      for (;;) {
        const current = frame();
        if (test(current)) return current;
        if (Date.now() > deadline) throw new Error(`the screen never matched; last frame:\n${current}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}

/** The line of the frame that mentions `text`. */
export function lineWith(frame: string, text: string): string {
  return frame.split('\n').find((line) => line.includes(text)) ?? '';
}
