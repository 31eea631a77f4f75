import {describe, it, expect} from 'vitest';
import {width, truncate, pad, ELLIPSIS} from '../../source/format/cells.js';

describe('width', () => {
  it('counts ASCII as one column each', () => {
    expect(width('')).toBe(0);
    expect(width('nginx:1.27-alpine')).toBe(17);
  });

  it('counts East Asian Wide and Fullwidth as two', () => {
    expect(width('日本語')).toBe(6);
    expect(width('한국어')).toBe(6);
    expect(width('ＡＢ')).toBe(4); // fullwidth Latin
    expect(width('ｶﾀｶﾅ')).toBe(4); // halfwidth katakana stays 1
    expect(width('a　b')).toBe(4); // ideographic space
    expect(width('𠀋')).toBe(2); // CJK Extension B: a surrogate pair, one wide char
  });

  it('counts combining marks and format characters as zero', () => {
    expect(width('e\u0301')).toBe(1);
    expect(width('a\u200bb')).toBe(2); // zero width space
    expect(width('a\u200db')).toBe(2); // zero width joiner
    expect(width('\u1100\u1161\u11a8')).toBe(2); // conjoining jamo make one syllable
  });

  it('counts emoji and emoji sequences as two', () => {
    expect(width('👍')).toBe(2);
    expect(width('👍🏽')).toBe(2); // skin tone
    expect(width('👨\u200d👩\u200d👧')).toBe(2); // ZWJ family
    expect(width('🏳️\u200d🌈')).toBe(2);
    expect(width('❤')).toBe(1); // text presentation
    expect(width('❤️')).toBe(2); // + VS16
    expect(width('🇫🇷🇩🇪')).toBe(4); // two flags
    expect(width('1️⃣')).toBe(2);
  });
});

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('日本', 4)).toBe('日本');
  });

  it('cuts with an ellipsis, never exceeding cols', () => {
    expect(truncate('abcdef', 4)).toBe(`abc${ELLIPSIS}`);
    expect(truncate('abcdef', 1)).toBe(ELLIPSIS);
    expect(truncate('abcdef', 0)).toBe('');
    expect(truncate('abcdef', -3)).toBe('');
  });

  it('never cuts inside a wide character', () => {
    // 日(2) 本(2) 語(2): 4 columns leave room for 日 + … (3), not half of 本.
    expect(truncate('日本語', 4)).toBe(`日${ELLIPSIS}`);
    expect(width(truncate('日本語', 4))).toBe(3);
    expect(truncate('日本語', 5)).toBe(`日本${ELLIPSIS}`);
    expect(truncate('a日本', 2)).toBe(`a${ELLIPSIS}`);
  });

  it('never splits a surrogate pair or an emoji sequence', () => {
    const s = '𠀋𠀋𠀋';
    const cut = truncate(s, 4);
    expect(cut).toBe(`𠀋${ELLIPSIS}`);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(cut)).toBe(false);
    expect(truncate('👨\u200d👩\u200d👧xyz', 4)).toBe(`👨\u200d👩\u200d👧x${ELLIPSIS}`);
  });

  it('keeps combining marks with the last kept character', () => {
    expect(truncate('e\u0301e\u0301e\u0301', 2)).toBe(`e\u0301${ELLIPSIS}`);
  });

  it('fits every prefix length of a mixed string within cols', () => {
    const s = 'ab日本語👍🏽cd e\u0301f한국🇫🇷g';
    for (let cols = 0; cols <= width(s) + 1; cols++) {
      const cut = truncate(s, cols);
      expect(width(cut)).toBeLessThanOrEqual(cols);
      if (cols >= width(s)) expect(cut).toBe(s);
      else if (cols > 0) expect(cut.endsWith(ELLIPSIS)).toBe(true);
      // No lone surrogate at the cut.
      expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(cut)).toBe(false);
    }
  });
});

describe('pad', () => {
  it('is exactly cols wide, left or right aligned', () => {
    expect(pad('ab', 5)).toBe('ab   ');
    expect(pad('ab', 5, 'right')).toBe('   ab');
    expect(pad('abcdef', 4)).toBe(`abc${ELLIPSIS}`);
    expect(pad('', 3)).toBe('   ');
    expect(pad('abc', 0)).toBe('');
  });

  it('pads wide text by display width, filling the column a wide char cannot', () => {
    expect(pad('日本', 6)).toBe('日本  ');
    expect(pad('日本語', 4)).toBe(`日${ELLIPSIS} `);
    expect(pad('日本', 5, 'right')).toBe(' 日本');
    for (const s of ['日本語です', 'abc', '👍🏽👍🏽👍🏽', 'e\u0301e\u0301']) {
      for (let cols = 1; cols < 12; cols++) expect(width(pad(s, cols))).toBe(cols);
    }
  });

  it('is cheap for a 200-row × 10-cell table (figure printed, not asserted)', () => {
    const ascii = Array.from({length: 2000}, (_, i) => `container-name-${i}`);
    const mixed = Array.from({length: 2000}, (_, i) => `コンテナ-${i}-日本語`);
    for (const [label, cells] of [['ascii', ascii], ['cjk', mixed]] as const) {
      for (const c of cells) pad(c, 16); // warm-up
      const t0 = performance.now();
      let n = 0;
      for (const c of cells) n += pad(c, 16).length;
      const ms = performance.now() - t0;
      console.log(`pad: 200×10 ${label} cells in ${ms.toFixed(2)} ms`);
      expect(n).toBeGreaterThan(0);
    }
  });
});
