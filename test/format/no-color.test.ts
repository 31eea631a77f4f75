import {describe, expect, it} from 'vitest';
import {stripColours} from '../../source/format/no-color.js';

describe('NO_COLOR', () => {
  it('drops colours, keeps bold, dim, inverse and resets', () => {
    expect(stripColours('\u001b[31mred\u001b[39m')).toBe('red');
    expect(stripColours('\u001b[1;32mbold green\u001b[22;39m')).toBe('\u001b[1mbold green\u001b[22m');
    expect(stripColours('\u001b[7msel\u001b[27m')).toBe('\u001b[7msel\u001b[27m');
    expect(stripColours('\u001b[38;5;208mx\u001b[48;2;1;2;3my\u001b[0m')).toBe('xy\u001b[0m');
    expect(stripColours('\u001b[2;90mdim grey\u001b[22;39m')).toBe('\u001b[2mdim grey\u001b[22m');
    expect(stripColours('\u001b[2K\u001b[1A plain')).toBe('\u001b[2K\u001b[1A plain');
  });
});
