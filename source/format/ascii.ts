import {width} from './cells.js';

/**
 * ASCII-only output for consoles without Unicode glyphs (the Linux console's font, old serial
 * terminals): every character above 0x7F becomes ASCII of the same width, so the layout that Ink
 * measured stays right. Our own marks get a look-alike; anything else (names from containers)
 * becomes '?' for each cell it took.
 */
const LOOK_ALIKE: Record<string, string> = {
  '…': '~', '█': '#', '░': '.', '▌': '|', '▾': 'v', '▸': '>', '●': '*', '○': 'o', '•': '*', '✓': '+', '✗': 'x',
  '›': '>', '‹': '<', '↑': '^', '↓': 'v', '←': '<', '→': '>', '·': '-', '—': '-', '–': '-', '−': '-', '×': 'x',
  '“': '"', '”': '"', '‘': "'", '’': "'", '≥': '>', '≤': '<', '≈': '~', 'Σ': 'S', 'Δ': 'D',
};

/** Made on first use: only --ascii needs it, and making one maps ICU's break data (≈ 0.5 MB of RSS). */
let graphemes: Intl.Segmenter | undefined;

/** `text` with only ASCII characters, each non-ASCII one replaced by as many cells of ASCII as it took. */
export function toAscii(text: string): string {
  // Graphemes, not code points: a family emoji joined by ZWJ is one thing two cells wide.
  return text.replace(/[^\u0000-\u007f]+/gu, (run) => {
    let out = '';
    graphemes ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
    for (const {segment} of graphemes.segment(run)) out += LOOK_ALIKE[segment] ?? '?'.repeat(width(segment));
    return out;
  });
}
