/**
 * Container output (logs, attach, exec without TTY) split into lines per stream.
 *
 * Without a TTY the engine multiplexes stdout and stderr into frames: an 8-byte header (stream
 * type: 0 stdin, 1 stdout, 2 stderr, 3 engine error; three zero bytes; payload size as uint32
 * big-endian) then the payload. With a TTY there are no frames: the bytes are the terminal's
 * output, all of it on stdout. Frames, headers and UTF-8 characters can be cut anywhere across
 * chunks; a line can span frames. Each stream keeps its own decoder and partial line, so stdout
 * and stderr never mix inside a line.
 */
import {StringDecoder} from 'node:string_decoder';

export type StreamName = 'stdout' | 'stderr';

export type DemuxOptions = {
  /** The container (or exec) has a TTY: the stream is raw, not framed. */
  tty: boolean;
  /** Longest line in UTF-16 code units; longer ones are cut and marked, the rest dropped. */
  maxLine?: number;
};

export type Demuxer = {
  /** Feed the next chunk of bytes from the engine. */
  push(chunk: Buffer): void;
  /** The stream ended: emit what is left of each stream's last line. */
  end(): void;
};

/** Default longest line. */
export const DEFAULT_MAX_LINE = 16_384;
/** Appended to a line that was cut at maxLine. */
export const CUT_MARKER = ' …[line cut]';

const HEADER = 8;

/** Partial line of one stream. */
class LineAssembler {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private skipping = false; // the current line was already cut: drop until its newline

  constructor(
    private readonly stream: StreamName,
    private readonly maxLine: number,
    private readonly onLine: (line: string, stream: StreamName) => void,
  ) {}

  write(bytes: Buffer): void {
    this.text(this.decoder.write(bytes));
  }

  end(): void {
    this.text(this.decoder.end());
    if (this.partial !== '' && !this.skipping) this.emit(this.partial);
    this.partial = '';
    this.skipping = false;
  }

  private text(text: string): void {
    if (text === '') return;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (this.skipping) {
        this.skipping = false;
      } else {
        const line = this.partial + text.slice(start, nl);
        this.partial = '';
        this.emit(line.endsWith('\r') ? line.slice(0, -1) : line);
      }
      start = nl + 1;
    }
    if (start < text.length && !this.skipping) {
      this.partial += text.slice(start);
      if (this.partial.length > this.maxLine) {
        this.emit(this.partial);
        this.partial = '';
        this.skipping = true;
      }
    }
  }

  private emit(line: string): void {
    if (line.length > this.maxLine) {
      // Never cut a surrogate pair in half.
      let cut = this.maxLine;
      const code = line.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
      line = line.slice(0, cut) + CUT_MARKER;
    }
    this.onLine(line, this.stream);
  }
}

/**
 * A demuxer that calls `onLine` for every complete line (without its \n or \r\n), tagged with its
 * stream, in the order the engine sent them. Frames of stream type 0 count as stdout, 3 (errors
 * from the engine) as stderr. A header that cannot be one (unknown type, non-zero padding) means
 * the stream is not framed after all (a TTY we were not told about): from there on the bytes are
 * treated as raw stdout rather than dropped.
 */
export function createDemuxer(onLine: (line: string, stream: StreamName) => void, opts: DemuxOptions): Demuxer {
  const maxLine = opts.maxLine ?? DEFAULT_MAX_LINE;
  const out = new LineAssembler('stdout', maxLine, onLine);
  const err = new LineAssembler('stderr', maxLine, onLine);
  let raw = opts.tty;
  const header = Buffer.alloc(HEADER);
  let headerFill = 0;
  let remaining = 0; // payload bytes left in the current frame
  let target: LineAssembler = out;

  return {
    push(chunk) {
      if (raw) {
        out.write(chunk);
        return;
      }
      let pos = 0;
      while (pos < chunk.length) {
        if (remaining > 0) {
          const take = Math.min(remaining, chunk.length - pos);
          target.write(chunk.subarray(pos, pos + take));
          pos += take;
          remaining -= take;
          continue;
        }
        const take = Math.min(HEADER - headerFill, chunk.length - pos);
        chunk.copy(header, headerFill, pos, pos + take);
        headerFill += take;
        pos += take;
        if (headerFill < HEADER) break;
        headerFill = 0;
        const type = header[0];
        if (type > 3 || header[1] !== 0 || header[2] !== 0 || header[3] !== 0) {
          raw = true;
          out.write(Buffer.from(header));
          out.write(chunk.subarray(pos));
          return;
        }
        target = type === 2 || type === 3 ? err : out;
        remaining = header.readUInt32BE(4);
      }
    },
    end() {
      // A header cut short at the very end carries no text: ignore it.
      out.end();
      err.end();
    },
  };
}
