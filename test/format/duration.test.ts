import {describe, it, expect} from 'vitest';
import {formatAge, formatAgeSince} from '../../source/format/duration.js';

describe('formatAge', () => {
  it('uses one unit, rounded down', () => {
    expect(formatAge(0)).toBe('0s');
    expect(formatAge(5.9)).toBe('5s');
    expect(formatAge(59)).toBe('59s');
    expect(formatAge(60)).toBe('1m');
    expect(formatAge(3 * 60 + 59)).toBe('3m');
    expect(formatAge(2 * 3600)).toBe('2h');
    expect(formatAge(23 * 3600 + 3599)).toBe('23h');
    expect(formatAge(4 * 86400)).toBe('4d');
    expect(formatAge(13 * 86400)).toBe('13d');
    expect(formatAge(14 * 86400)).toBe('2w');
    expect(formatAge(59 * 86400)).toBe('8w');
    expect(formatAge(60 * 86400)).toBe('2mo');
    expect(formatAge(729 * 86400)).toBe('24mo');
    expect(formatAge(730 * 86400)).toBe('2y');
  });

  it('never exceeds 4 characters for ages up to 99 years', () => {
    for (let s = 1; s < 99 * 365 * 86400; s = Math.ceil(s * 1.07)) expect(formatAge(s).length).toBeLessThanOrEqual(4);
  });

  it('clamps clock skew to 0s and shows a dash when unknown', () => {
    expect(formatAge(-30)).toBe('0s');
    expect(formatAge(undefined)).toBe('—');
    expect(formatAge(Number.NaN)).toBe('—');
  });
});

describe('formatAgeSince', () => {
  it('measures from an epoch in seconds to now in milliseconds', () => {
    expect(formatAgeSince(1_000, 1_000_000 + 90_000)).toBe('1m');
    expect(formatAgeSince(undefined)).toBe('—');
  });
});
