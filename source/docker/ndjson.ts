/**
 * Newline-delimited JSON (the event stream, streamed stats, pull/build progress) parsed line by
 * line. Chunks from the socket are cut anywhere, even inside a multi-byte UTF-8 character, so we
 * split on the newline byte and decode whole lines only: 0x0A never occurs inside a multi-byte
 * UTF-8 sequence, so a line boundary is always a character boundary.
 */

/** What push() and end() accept. */
export type NdjsonParser = {
  /** Feed the next chunk of bytes (or text). */
  push(chunk: Buffer | string): void;
  /** The stream ended: parse what is left after the last newline, if anything. */
  end(): void;
};

/** Longest line kept while waiting for its newline; past it the line is reported and dropped. */
export const MAX_NDJSON_LINE = 16 * 1024 * 1024;

/**
 * A parser that calls `onValue` for every JSON value, one per line, in order. Blank lines are
 * skipped, a trailing \r is ignored. A line that is not JSON (or longer than `maxLine` bytes) goes
 * to `onError` with the text (its beginning, for a long one), and parsing goes on.
 */
export function createNdjsonParser(
  onValue: (value: unknown) => void,
  onError?: (error: Error, line: string) => void,
  maxLine: number = MAX_NDJSON_LINE,
): NdjsonParser {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false; // dropping the rest of a line that was too long

  const emit = (bytes: Buffer) => {
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      onError?.(error instanceof Error ? error : new Error(String(error)), text);
      return;
    }
    onValue(value);
  };

  const takePending = (tail: Buffer): Buffer => {
    if (pending.length === 0) return tail;
    const all = Buffer.concat([...pending, tail], pendingBytes + tail.length);
    pending = [];
    pendingBytes = 0;
    return all;
  };

  const tooLong = (bytes: Buffer) => {
    onError?.(new Error(`line longer than ${maxLine} bytes dropped`), bytes.subarray(0, 200).toString('utf8'));
  };

  return {
    push(chunk) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      let start = 0;
      for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
        if (overflow) {
          overflow = false;
        } else if (pendingBytes + (nl - start) > maxLine) {
          tooLong(takePending(buf.subarray(start, nl)));
        } else {
          emit(takePending(buf.subarray(start, nl)));
        }
        start = nl + 1;
      }
      if (start < buf.length && !overflow) {
        // Copy: the caller may reuse its buffer after push() returns.
        const rest = Buffer.from(buf.subarray(start));
        pending.push(rest);
        pendingBytes += rest.length;
        if (pendingBytes > maxLine) {
          tooLong(takePending(Buffer.alloc(0)));
          overflow = true;
        }
      }
    },
    end() {
      if (!overflow && pendingBytes > 0) emit(takePending(Buffer.alloc(0)));
      pending = [];
      pendingBytes = 0;
      overflow = false;
    },
  };
}
