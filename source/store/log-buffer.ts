/**
 * The last N lines of a container's log, as a ring: appending past capacity overwrites the oldest
 * line in O(1), so following a chatty container costs bounded memory and no array shifts.
 */
import {sanitizeLine} from '../format/sanitize.js';
import {width} from '../format/cells.js';

/** One log line as the views show it. */
export type LogLine = {
  /** Sanitized text, tabs expanded; the timestamp prefix removed. */
  text: string;
  stream: 'stdout' | 'stderr';
  /** RFC 3339 timestamp the engine put in front of the line, when timestamps were requested. */
  time?: string;
  /** Position in the whole log since the buffer was made: stays with the line, never reused. */
  seq: number;
};

/** Default number of lines kept. */
export const DEFAULT_LOG_CAPACITY = 10_000;

// What the engine prefixes with timestamps=1: RFC3339Nano, then one space.
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) /;

/** Bounded log of lines with stable sequence numbers. */
export class LogBuffer {
  readonly capacity: number;
  private readonly ring: (LogLine | undefined)[];
  private head = 0; // index in ring of the oldest line
  private count = 0;
  private nextSeq = 0;
  private evicted = 0;

  constructor(capacity: number = DEFAULT_LOG_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.ring = new Array<LogLine | undefined>(capacity);
  }

  /** Lines held now (at most capacity). */
  get size(): number {
    return this.count;
  }

  /** Lines pushed out by newer ones since the buffer was made. */
  get dropped(): number {
    return this.evicted;
  }

  /** Seq of the oldest line held (equals `nextSeq` when empty). */
  get firstSeq(): number {
    return this.nextSeq - this.count;
  }

  /** Seq the next appended line will get. */
  get nextSequence(): number {
    return this.nextSeq;
  }

  /**
   * Add one line (without its newline). A leading RFC 3339 timestamp and its space are taken off
   * into `time`; the text is sanitized. Returns the stored line.
   */
  append(line: string, stream: 'stdout' | 'stderr'): LogLine {
    let time: string | undefined;
    let text = line;
    const match = TIMESTAMP.exec(line);
    if (match) {
      time = match[1];
      text = line.slice(match[0].length);
    }
    const entry: LogLine = {text: sanitizeLine(text, width), stream, seq: this.nextSeq++};
    if (time !== undefined) entry.time = time;
    if (this.count < this.capacity) {
      this.ring[(this.head + this.count) % this.capacity] = entry;
      this.count++;
    } else {
      this.ring[this.head] = entry;
      this.head = (this.head + 1) % this.capacity;
      this.evicted++;
    }
    return entry;
  }

  /** The i-th line held, 0 the oldest; undefined out of range. */
  get(i: number): LogLine | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    return this.ring[(this.head + i) % this.capacity];
  }

  /** The line with this seq, if it is still held. */
  getBySeq(seq: number): LogLine | undefined {
    return this.get(seq - this.firstSeq);
  }

  /** Lines held from index start (inclusive) to end (exclusive), like Array.prototype.slice. */
  slice(start = 0, end: number = this.count): LogLine[] {
    const from = Math.max(0, start < 0 ? this.count + start : Math.min(start, this.count));
    const to = Math.max(from, end < 0 ? this.count + end : Math.min(end, this.count));
    const out: LogLine[] = new Array(to - from);
    for (let i = from; i < to; i++) out[i - from] = this.ring[(this.head + i) % this.capacity]!;
    return out;
  }

  /**
   * Seq of the nearest line after (`forward`) or before (`backward`) `fromSeq`, not including it,
   * whose text contains `query` ignoring case; undefined when none is held. `fromSeq` may be
   * outside what is held (e.g. -1 to search from the start, `nextSequence` from the end).
   */
  search(query: string, fromSeq: number, direction: 'forward' | 'backward' = 'forward'): number | undefined {
    if (query === '' || this.count === 0) return undefined;
    const needle = query.toLowerCase();
    const first = this.firstSeq;
    if (direction === 'forward') {
      for (let seq = Math.max(fromSeq + 1, first); seq < this.nextSeq; seq++) {
        if (this.ring[(this.head + seq - first) % this.capacity]!.text.toLowerCase().includes(needle)) return seq;
      }
    } else {
      for (let seq = Math.min(fromSeq - 1, this.nextSeq - 1); seq >= first; seq--) {
        if (this.ring[(this.head + seq - first) % this.capacity]!.text.toLowerCase().includes(needle)) return seq;
      }
    }
    return undefined;
  }

  /**
   * Forget every line (not counted as dropped); seq numbers keep counting so old references never
   * match new lines.
   */
  clear(): void {
    this.ring.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}
