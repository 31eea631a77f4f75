/**
 * Make untrusted text (container names, labels, log lines, event attributes) safe to print.
 *
 * Anything a terminal would act on is removed: escape sequences (CSI, OSC incl. OSC 8 hyperlinks
 * and OSC 52 clipboard writes, DCS/SOS/PM/APC strings, two-byte ESC sequences), their 8-bit C1
 * forms, every C0 control, DEL, every C1 control, bidi overrides and isolates (which can make a
 * row lie about what it says) and the Unicode line/paragraph separators.
 *
 * Safety does not depend on parsing sequences exactly: every control character is removed wherever
 * it stands, so whatever a mis-parsed sequence leaves behind is plain printable text. Parsing whole
 * sequences only keeps their parameters ("31m", "8;;http://…") out of what the user reads.
 */

// One alternation, one pass. Order matters: whole sequences first, then single characters.
//  1. String sequences: OSC (ESC ] / U+009D), DCS (ESC P / U+0090), SOS (ESC X / U+0098),
//     PM (ESC ^ / U+009E), APC (ESC _ / U+009F), ended by BEL, ST (ESC \) or 8-bit ST (U+009C).
//     An unterminated one runs to the end of the text: a terminal would swallow that much too.
//     Lazy `[^]*?` followed by a terminator is linear: each position is tried once.
//  2. CSI (ESC [ / U+009B): parameter and intermediate bytes 0x20–0x3F, then a final byte
//     0x40–0x7E; an unterminated one stops at the first byte that cannot belong to it.
//  3. Other ESC sequences: intermediates 0x20–0x2F then one final byte 0x30–0x7E (ESC c, ESC 7,
//     ESC ( B …); a lone ESC at the end goes too.
//  4. Single characters: C0 except TAB (handled by the caller of the pattern), DEL, C1,
//     bidi embedding/override (U+202A–U+202E) and isolates (U+2066–U+2069), U+2028/U+2029.
const SEQUENCE_SOURCE =
  '(?:\\x1b[\\]PX^_]|[\\x90\\x98\\x9d\\x9e\\x9f])[^]*?(?:\\x07|\\x1b\\\\|\\x9c|$)' +
  '|(?:\\x1b\\[|\\x9b)[\\x20-\\x3f]*[\\x40-\\x7e]?' +
  '|\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]?' +
  '|[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029]';

/** Everything that gets removed, plus TAB, which is replaced. */
const UNSAFE = new RegExp(`${SEQUENCE_SOURCE}|\\t`, 'g');
/** Cheap pre-check: most names and log lines contain nothing to remove. */
const HAS_UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/**
 * Single-line safe text: sequences and controls removed, a TAB becomes one space, CR and LF are
 * removed. Use for names, labels, statuses, anything drawn in a table cell.
 */
export function sanitize(text: string): string {
  if (!HAS_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (match) => (match === '\t' ? ' ' : ''));
}

/** Width of a tab stop, as terminals default to. */
const TAB_STOP = 8;

/**
 * Like {@link sanitize}, for a log line: TABs are expanded to spaces up to the next tab stop (every
 * 8 columns) so columns in the program's output still line up. `measure` gives the display width of
 * the text before each TAB; it defaults to the code unit count, pass `width` from cells.ts for wide
 * characters.
 */
export function sanitizeLine(text: string, measure: (s: string) => number = (s) => s.length): string {
  if (!HAS_UNSAFE.test(text)) return text;
  const clean = text.replace(UNSAFE, (match) => (match === '\t' ? '\t' : ''));
  if (!clean.includes('\t')) return clean;
  const parts = clean.split('\t');
  let out = parts[0];
  let column = measure(out);
  for (let i = 1; i < parts.length; i++) {
    const spaces = TAB_STOP - (column % TAB_STOP);
    out += ' '.repeat(spaces) + parts[i];
    column += spaces + measure(parts[i]);
  }
  return out;
}
