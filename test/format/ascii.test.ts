import {describe, expect, it} from 'vitest';
import {toAscii} from '../../source/format/ascii.js';
import {width} from '../../source/format/cells.js';

describe('ASCII-only output', () => {
  it('turns our marks into look-alikes of the same width', () => {
    expect(toAscii('● connected · ✓ done ✗ failed ▾ shop (2) █░░ NAME↑ cut…')).toBe('* connected - + done x failed v shop (2) #.. NAME^ cut~');
  });

  it('keeps the cells a wide or combined character took, so columns stay aligned', () => {
    for (const text of ['字幕', '😀x', 'é', 'ä👩‍👧b']) {
      const ascii = toAscii(text);
      expect(ascii, text).toMatch(/^[\u0000-\u007f]*$/);
      expect(width(ascii), text).toBe(width(text));
    }
  });

  it('leaves ASCII and escape sequences alone', () => {
    expect(toAscii('\u001b[7mplain\u001b[27m')).toBe('\u001b[7mplain\u001b[27m');
  });
});
