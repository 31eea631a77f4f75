import {stripColours} from '../format/no-color.js';
import {toAscii} from '../format/ascii.js';

/**
 * Ink 6.8's incremental renderer moves the cursor up one line too few when its output ends in a
 * newline (it sends cursorUp(lines − 1) from the line below the frame), so every frame landed one
 * line lower and the screen scrolled. This stream corrects that first cursor-up of each frame.
 * Our frame always has the same height (rows − 1), so every update takes that path. With
 * `noColour` (NO_COLOR set) it also takes the colours out, keeping bold, dim and inverse; with
 * `ascii` every glyph becomes ASCII of the same width.
 */
export function withIncrementalFix(stream: NodeJS.WriteStream, options: {noColour?: boolean; ascii?: boolean} = {}): NodeJS.WriteStream {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const plain = (text: string) => text;
  const colour = options.noColour ? stripColours : plain;
  const glyphs = options.ascii ? toAscii : plain;
  const fixed = (chunk: unknown, ...rest: unknown[]) =>
    write(
      typeof chunk === 'string' ? glyphs(colour(chunk)).replace(/^(\u001b\[\?2026h)?\u001b\[(\d+)A/, (_, sync = '', n) => `${sync}\u001b[${Number(n) + 1}A`) : chunk,
      ...rest,
    );
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return fixed;
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
