import {describe, expect, it} from 'vitest';
import {progressBar, progressPercent} from '../../source/format/bar.js';

describe('progress bars', () => {
  it('fills in proportion, clamped, and stays empty when the total is unknown', () => {
    expect(progressBar(5, 10, 10)).toBe('█████░░░░░');
    expect(progressBar(20, 10, 4)).toBe('████');
    expect(progressBar(3, 0, 4)).toBe('░░░░');
    expect(progressPercent(1, 3)).toBe('33%');
    expect(progressPercent(1, 0)).toBe('');
  });
});
