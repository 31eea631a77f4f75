import {describe, expect, it} from 'vitest';
import {backoff} from '../../source/store/store.js';

describe('the reconnection backoff', () => {
  it('starts quick and doubles, up to 5 s for an engine never reached', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => backoff(n))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('tries at least every second for an engine that was connected (most likely restarting)', () => {
    expect([1, 2, 3, 4, 20].map((n) => backoff(n, true))).toEqual([250, 500, 1000, 1000, 1000]);
  });
});
