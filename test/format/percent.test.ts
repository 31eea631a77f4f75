import {describe, it, expect} from 'vitest';
import {formatPercent} from '../../source/format/percent.js';

describe('formatPercent', () => {
  it('prints two decimals like docker stats', () => {
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatPercent(12.344)).toBe('12.34%');
    expect(formatPercent(0.14862)).toBe('0.15%');
    expect(formatPercent(162.5)).toBe('162.50%');
  });

  it('prints a dash when there is no reading', () => {
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—');
  });
});
