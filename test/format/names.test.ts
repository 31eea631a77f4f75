import {describe, expect, it} from 'vitest';
import {someNames} from '../../source/format/names.js';

describe('someNames', () => {
  it('lists up to five, sanitized, then says how many there are', () => {
    expect(someNames(['a', 'b'])).toBe('a, b');
    expect(someNames(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d, e, … (7)');
    expect(someNames(['x\u001b[31my'])).toBe('xy');
  });
});
