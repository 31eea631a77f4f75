import realStringWidth from 'string-width';
import {stripVTControlCharacters} from 'node:util';
import {width} from '../format/cells.js';

/**
 * What the bundle gives Ink (and its wrap-ansi, cli-truncate, widest-line) instead of
 * `string-width` (scripts/build.mjs aliases it). string-width runs Intl.Segmenter and several
 * Unicode regexes over any line with one non-ASCII character, and almost every row has one (the
 * "…" of a truncated cell): with 35 rows that was most of the CPU of a frame. Our own width()
 * walks code points and agrees with string-width 8.3 on what we draw (source/format/cells.ts
 * says where they differ). Options we do not handle go to the real one.
 */
export default function stringWidth(input: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  if (options && (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes)) return realStringWidth(input, options);
  return width(input.includes('\u001b') || input.includes('\u009b') ? stripVTControlCharacters(input) : input);
}
