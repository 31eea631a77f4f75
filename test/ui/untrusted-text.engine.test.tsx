import {describe, expect, it} from 'vitest';
import {KEYS, renderApp, testStore} from './render.js';
import {HOSTILE} from '../fixtures/hostile.js';
import {removeContainer, runContainer, uniqueName} from '../engine/fixtures.js';

describe('text from containers', () => {
  it('never lets an escape sequence or control character from a container reach the terminal', async () => {
    const store = testStore();
    await store.start();
    const payload = HOSTILE.join('x');
    const name = uniqueName('ww-hostile');
    const {id} = await runContainer({
      name,
      labels: {'com.docker.compose.project': `proj${payload}`, evil: payload},
      // printf interprets the octal escapes, so the log really carries the raw bytes.
      cmd: ['sh', '-c', `printf 'before \\033[2J \\033]0;pwned-title\\007 \\033]52;c;cHduZWQ=\\007 \\233 31m after\\n'; printf 'err \\033P+q544e\\033\\\\ end\\n' >&2; while true; do sleep 1; done`],
    });
    const app = renderApp(store);
    try {
      await app.waitFor((f) => f.includes(name));
      await app.press('/', ...name, KEYS.enter, 'j');
      await app.press('l');
      const logs = await app.waitFor((f) => f.includes('before') && f.includes('after') && f.includes('err') && f.includes('end'));
      // The whole OSC string goes, its text too; the JSON of inspect shows it escaped, as text.
      expect(logs).not.toContain('pwned-title');
      await app.press('q', KEYS.enter);
      await app.waitFor((f) => f.includes(`details ${name}`) && f.includes('evil='));
      await app.press('q');
      await app.waitFor((f) => f.includes('NAME'));
      await app.press('i');
      await app.waitFor((f) => f.includes(`inspect ${name}`));
      await app.press('/', ...'"evil"', KEYS.enter);
      await app.waitFor((f) => f.includes('"evil"'));
      const written = app.frames.join('');
      for (const sequence of HOSTILE) expect(written.includes(sequence), JSON.stringify(sequence)).toBe(false);
      expect(written).not.toMatch(/\u001b\]|\u001bP|[\u0080-\u009f]|\u0007|\u202e/);
    } finally {
      app.unmount();
      store.stop();
      await removeContainer(id);
    }
  });
});
