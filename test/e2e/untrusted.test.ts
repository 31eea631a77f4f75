import {describe, expect, it} from 'vitest';
import {startPty} from './pty.js';
import {HOSTILE} from '../fixtures/hostile.js';
import {removeContainer, runContainer, testHost, uniqueName} from '../engine/fixtures.js';

/** What a hostile container puts in its labels and env: each must arrive as harmless text. */
const PAYLOAD = HOSTILE.join('x');

// The log lines, written by printf inside the container so they carry the raw bytes: CSI, OSC,
// 8-bit CSI, NUL, invalid UTF-8 (\377\376), a DCS on stderr, wide characters, and a 100 KB line.
const SCRIPT = [
  `printf 'before \\033[2J \\033]0;pwned-title\\007 \\033]52;c;cHduZWQ=\\007 \\233 31m nul\\000nul bad\\377\\376utf after\\n'`,
  `printf 'err \\033P+q544e\\033\\\\ end\\n' >&2`,
  `printf 'wide 字幕😀 \\342\\200\\256reversed\\n'`,
  `head -c 100000 /dev/zero | tr '\\000' 'W'; printf '\\n'`,
  'while true; do sleep 1; done',
].join('; ');

/**
 * Anything in the bytes written that a container could have smuggled to the terminal. (The words
 * "pwned-title" may show: the details view prints the command, whose printf spells them out.)
 */
const SMUGGLED = /\u001b\]|\u001bP|[\u0080-\u009f]|\u0007|\u0000|\u0008|\u202e/;

describe('untrusted text, checked on the bytes written to the terminal', () => {
  it('draws labels, env, events, inspect and logs of a hostile container as plain text', async () => {
    const app = startPty(['--host', testHost()]);
    const name = uniqueName('ww-hostile');
    let id = '';
    try {
      await app.waitFor((s) => s.includes('● connected'));
      // Created while the dashboard watches, so its events (labels as attributes) are in the log.
      ({id} = await runContainer({name, labels: {evil: PAYLOAD, 'com.docker.compose.project': `proj${PAYLOAD}`}, env: [`EVIL=${PAYLOAD}`], cmd: ['sh', '-c', SCRIPT]}));
      await app.waitFor((s) => s.includes(name));
      app.write(`/${name}\r`);
      await app.waitFor((s) => s.includes(`filter: ${name}`));
      app.write('j\r');
      await app.waitFor((s) => s.includes(`details ${name}`) && s.includes('evil='));
      app.write('q');
      app.write('l');
      await app.waitFor((s) => s.includes('before') && s.includes('after') && s.includes('end') && s.includes('字幕') && s.includes('WWWWWWWW'));
      app.write('q');
      app.write('i');
      await app.waitFor((s) => s.includes(`inspect ${name}`));
      app.write('/EVIL\r');
      await app.waitFor((s) => s.includes('EVIL='));
      app.write('q');
      app.write('E');
      await app.waitFor((s) => s.includes('container') && s.includes('start') && s.includes(name));
      app.write('q');
      app.write('q');
      expect((await app.exited).exitCode).toBe(0);
      const written = app.output();
      const found = SMUGGLED.exec(written);
      expect(found && JSON.stringify(written.slice(Math.max(0, found.index - 40), found.index + 40))).toBeNull();
      // The cursor moves of the payload did not pass either (Ink's own moves are relative).
      expect(written).not.toContain('\u001b[10;10H');
    } finally {
      app.pty.kill();
      if (id) await removeContainer(id);
    }
  });
});
