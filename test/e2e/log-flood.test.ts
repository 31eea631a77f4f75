import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {startPty} from './pty.js';
import {removeContainer, runContainer, testHost, uniqueName} from '../engine/fixtures.js';

/**
 * The bound the readme states for the logs view under a flood (the view keeps 10,000 lines).
 * Measured here: RSS climbs from about 110 MB and levels off at 190–205 MB after 20–30 s.
 */
const RSS_BOUND_MB = 256;

const rssMB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe('a container writing logs as fast as it can', () => {
  it('keeps whalewatch under its memory bound for 60 s with the logs view open, and it still answers', async () => {
    // Rotated by the engine, so the flood does not fill the disk of the suite's data root.
    const flood = await runContainer({
      name: uniqueName('ww-flood'),
      cmd: ['yes', 'a flood of log lines, each one the same, as fast as the container can write them'],
      hostConfig: {LogConfig: {Type: 'json-file', Config: {'max-size': '20m', 'max-file': '2'}}},
    });
    try {
      const app = startPty(['--host', testHost()]);
      await app.waitFor((s) => s.includes(flood.name) && s.includes('● connected'));
      app.write('/');
      app.write(flood.name);
      app.write('\r');
      await app.waitFor((s) => s.includes(`filter: ${flood.name}`));
      app.write('l');
      await app.waitFor((s) => s.includes(`logs ${flood.name}`) && s.includes('a flood of log lines'), 30_000);
      const samples: number[] = [];
      for (let second = 0; second < 60; second++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        samples.push(rssMB(app.pty.pid));
      }
      const peak = Math.max(...samples);
      console.log(`log flood: RSS over 60 s from ${samples[0].toFixed(0)} to ${samples.at(-1)!.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (bound ${RSS_BOUND_MB})`);
      expect(peak).toBeLessThan(RSS_BOUND_MB);
      // The view says it keeps the newest lines and drops the older ones.
      await app.waitFor((s) => /older lines dropped/.test(s), 20_000);
      app.write('q');
      app.write('q');
      expect((await app.exited).exitCode).toBe(0);
    } finally {
      await removeContainer(flood.id);
    }
  }, 180_000);
});
