/**
 * Display width in terminal columns, and cutting/padding text to a number of columns, without
 * ever cutting a wide character or a surrogate pair in half.
 *
 * Rules (what xterm-like terminals and `string-width` agree on for text we show):
 *  - East Asian Wide and Fullwidth characters take 2 columns (table below), all else 1;
 *  - combining marks (Mn, Me), format characters (Cf, incl. ZWJ and bidi marks), controls and
 *    variation selectors take 0;
 *  - emoji: VS16 after a text-style emoji makes it 2 wide (❤️), a pictograph after ZWJ joins the
 *    previous one (👨‍👩‍👧 is 2), skin-tone modifiers after a pictograph take 0, a pair of regional
 *    indicators (a flag) takes 2, a keycap (1⃣) takes 2.
 * No grapheme segmenter: a code point walk is several times cheaper and table cells are short.
 */

/**
 * East Asian Width W and F, merged into inclusive [from, to] pairs, sorted. Generated from Unicode
 * 17 EastAsianWidth.txt (as packaged in get-east-asian-width 1.7, a dependency of Ink's
 * string-width). Checked once against `string-width` 8.3 over every code point: they agree except
 * on a lone regional indicator (we say 2: it is half a flag, and over-counting is the safe side
 * for cutting), a lone Hangul vowel/final jamo (we say 0: it joins the syllable before it), the
 * three Hangul fillers, and unassigned code points.
 */
// prettier-ignore
const WIDE = [
  0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3,
  0x25fd, 0x25fe, 0x2614, 0x2615, 0x2630, 0x2637, 0x2648, 0x2653, 0x267f, 0x267f, 0x268a, 0x268f,
  0x2693, 0x2693, 0x26a1, 0x26a1, 0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26ce,
  0x26d4, 0x26d4, 0x26ea, 0x26ea, 0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa, 0x26fd, 0x26fd,
  0x2705, 0x2705, 0x270a, 0x270b, 0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755,
  0x2757, 0x2757, 0x2795, 0x2797, 0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50,
  0x2b55, 0x2b55, 0x2e80, 0x2e99, 0x2e9b, 0x2ef3, 0x2f00, 0x2fd5, 0x2ff0, 0x303e, 0x3041, 0x3096,
  0x3099, 0x30ff, 0x3105, 0x312f, 0x3131, 0x318e, 0x3190, 0x31e5, 0x31ef, 0x321e, 0x3220, 0x3247,
  0x3250, 0xa48c, 0xa490, 0xa4c6, 0xa960, 0xa97c, 0xac00, 0xd7a3, 0xf900, 0xfaff, 0xfe10, 0xfe19,
  0xfe30, 0xfe52, 0xfe54, 0xfe66, 0xfe68, 0xfe6b, 0xff01, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x16fe4,
  0x16ff0, 0x16ff6, 0x17000, 0x18cda, 0x18cff, 0x18d20, 0x18d80, 0x18df2, 0x18e00, 0x19191,
  0x191a0, 0x191d2, 0x1aff0, 0x1aff3, 0x1aff5, 0x1affb, 0x1affd, 0x1affe, 0x1b000, 0x1b128,
  0x1b132, 0x1b132, 0x1b150, 0x1b152, 0x1b155, 0x1b155, 0x1b164, 0x1b168, 0x1b170, 0x1b2fb,
  0x1d300, 0x1d356, 0x1d360, 0x1d376, 0x1f004, 0x1f004, 0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e,
  0x1f191, 0x1f19a, 0x1f1ae, 0x1f1ae, 0x1f200, 0x1f202, 0x1f210, 0x1f23b, 0x1f240, 0x1f248,
  0x1f250, 0x1f251, 0x1f260, 0x1f265, 0x1f300, 0x1f320, 0x1f32d, 0x1f335, 0x1f337, 0x1f37c,
  0x1f37e, 0x1f393, 0x1f3a0, 0x1f3ca, 0x1f3cf, 0x1f3d3, 0x1f3e0, 0x1f3f0, 0x1f3f4, 0x1f3f4,
  0x1f3f8, 0x1f43e, 0x1f440, 0x1f440, 0x1f442, 0x1f4fc, 0x1f4ff, 0x1f53d, 0x1f54b, 0x1f54e,
  0x1f550, 0x1f567, 0x1f57a, 0x1f57a, 0x1f595, 0x1f596, 0x1f5a4, 0x1f5a4, 0x1f5fb, 0x1f64f,
  0x1f680, 0x1f6c5, 0x1f6cc, 0x1f6cc, 0x1f6d0, 0x1f6d2, 0x1f6d5, 0x1f6d9, 0x1f6dc, 0x1f6df,
  0x1f6eb, 0x1f6ec, 0x1f6f4, 0x1f6fc, 0x1f7da, 0x1f7da, 0x1f7e0, 0x1f7eb, 0x1f7f0, 0x1f7f0,
  0x1f90c, 0x1f93a, 0x1f93c, 0x1f945, 0x1f947, 0x1f9ff, 0x1fa70, 0x1fa7c, 0x1fa80, 0x1fac6,
  0x1fac8, 0x1fac8, 0x1facc, 0x1fadd, 0x1fadf, 0x1faeb, 0x1faef, 0x1fafa, 0x20000, 0x2fffd,
  0x30000, 0x3fffd,
];

function isWide(cp: number): boolean {
  if (cp < 0x1100) return false;
  // Binary search over pairs.
  let lo = 0;
  let hi = WIDE.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < WIDE[mid * 2]) hi = mid - 1;
    else if (cp > WIDE[mid * 2 + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const EMOJI = /^\p{Emoji}$/u;
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

const ZWJ = 0x200d;
const VS16 = 0xfe0f;
const KEYCAP = 0x20e3;

/** Width of one code point on its own, before the emoji sequence rules. */
function codePointWidth(cp: number): number {
  if (cp < 0x7f) return cp < 0x20 ? 0 : 1;
  if (cp < 0xa0) return 0; // DEL and C1 controls
  if (cp < 0x300) return cp === 0xad ? 0 : 1; // Latin-1 and Latin Extended: only the soft hyphen is 0
  // Wide first: CJK text is the common non-ASCII case, and a table lookup is cheaper than the
  // property regex. The few combining marks inside wide blocks are exceptions.
  if (isWide(cp)) return (cp >= 0x302a && cp <= 0x302d) || cp === 0x3099 || cp === 0x309a ? 0 : 2;
  if (cp >= 0xd800 && cp <= 0xdfff) return 1; // a lone surrogate is written out as U+FFFD
  if (cp >= 0x1160 && cp <= 0x11ff) return 0; // Hangul medial vowels and final consonants join the syllable
  return ZERO_WIDTH.test(String.fromCodePoint(cp)) ? 0 : 1;
}

/**
 * Walk `text` and return the code unit index where the text stops fitting in `limit` columns
 * (text.length when it all fits) and the width up to there. Shared by width() and truncate() so
 * they can never disagree.
 */
function scan(text: string, limit: number): {end: number; width: number} {
  let total = 0;
  let prev = -1; // previous code point other than VS16 / skin tone, -1 at the start
  let afterZwj = false;
  let pendingRegional = false; // an unpaired regional indicator came just before
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    let w: number;
    if (cp < 0x7f) {
      w = cp < 0x20 ? 0 : 1;
    } else if (cp === VS16) {
      // Emoji presentation selector: a narrow emoji (❤, ☺, digits for keycaps) becomes 2 wide.
      w = prev >= 0 && codePointWidth(prev) === 1 && EMOJI.test(String.fromCodePoint(prev)) ? 1 : 0;
    } else if (cp === KEYCAP) {
      // 1⃣ without VS16 is still drawn as a 2-wide keycap.
      // (After VS16 the keycap base is already 2 wide.)
      const base = prev === 0x23 || prev === 0x2a || (prev >= 0x30 && prev <= 0x39);
      w = base && text.charCodeAt(i - 1) !== VS16 ? 1 : 0;
    } else if (cp >= 0x1f3fb && cp <= 0x1f3ff && prev > 0xff && PICTOGRAPHIC.test(String.fromCodePoint(prev))) {
      w = 0; // skin tone modifier on the emoji before it
    } else if (cp >= 0x1f1e6 && cp <= 0x1f1ff) {
      w = pendingRegional ? 0 : 2; // two regional indicators make one flag
    } else {
      w = codePointWidth(cp);
      if (afterZwj && w > 0 && PICTOGRAPHIC.test(String.fromCodePoint(cp))) w = 0;
    }
    if (total + w > limit) return {end: i, width: total};
    total += w;
    pendingRegional = cp >= 0x1f1e6 && cp <= 0x1f1ff ? !pendingRegional : false;
    if (cp !== VS16 && !(cp >= 0x1f3fb && cp <= 0x1f3ff)) {
      afterZwj = cp === ZWJ;
      if (cp !== ZWJ) prev = cp;
    }
    i += size;
  }
  return {end: text.length, width: total};
}

/** Display width of `text` in terminal columns. Expects sanitized text (no escape sequences). */
export function width(text: string): number {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  return scan(text, Infinity).width;
}

/** What marks a cut. One column wide. */
export const ELLIPSIS = '…';

/**
 * `text` cut to at most `cols` columns, ending with `…` (or `ellipsis`: '' to cut clean, for
 * wrapping) when something was cut. Never cuts inside
 * a wide character, a surrogate pair, or before the combining marks of the last kept character.
 */
export function truncate(text: string, cols: number, ellipsis: '' | typeof ELLIPSIS = ELLIPSIS): string {
  if (cols <= 0) return '';
  const room = cols - ellipsis.length;
  if (ASCII_PRINTABLE.test(text)) {
    return text.length <= cols ? text : text.slice(0, room) + ellipsis;
  }
  const all = scan(text, cols);
  if (all.end === text.length) return text;
  return text.slice(0, scan(text, room).end) + ellipsis;
}

/**
 * `text` made exactly `cols` columns wide: cut with `…` when too wide, else filled with spaces on
 * the right (`left`, the default) or on the left (`right`, for numbers).
 */
export function pad(text: string, cols: number, align: 'left' | 'right' = 'left'): string {
  if (cols <= 0) return '';
  let cut: string;
  let w: number;
  if (ASCII_PRINTABLE.test(text)) {
    cut = text.length <= cols ? text : text.slice(0, cols - 1) + ELLIPSIS;
    w = text.length > cols ? cols : text.length;
  } else {
    cut = truncate(text, cols);
    w = width(cut);
  }
  if (w >= cols) return cut;
  const fill = ' '.repeat(cols - w);
  return align === 'right' ? fill + cut : cut + fill;
}
