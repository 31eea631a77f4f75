/**
 * Reading a finite JSON progress stream of the engine (pull, push, build) to its end, with
 * cancellation. These calls answer HTTP 200 and then report failures inside the stream, so the
 * caller's onValue decides what is an error by throwing; the first throw ends the read.
 */
import type {Readable} from 'node:stream';
import {createNdjsonParser} from './ndjson.js';

/** Raised when the caller's AbortSignal ended a stream. */
export class CancelledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CancelledError';
  }
}

/**
 * Opens the stream, feeds every JSON line to `onValue` and resolves when the stream ends. Rejects
 * with what `open` or `onValue` threw, with a stream error, or with CancelledError(`cancelled`)
 * as soon as `signal` aborts (the stream is destroyed, which makes the engine stop the work).
 * Nothing reaches onValue after the promise settled.
 */
export function readProgressStream(
  open: () => Promise<Readable>,
  onValue: (value: unknown) => void,
  options: {signal?: AbortSignal; cancelled: string},
): Promise<void> {
  const {signal, cancelled} = options;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let stream: Readable | undefined;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error !== undefined) {
        stream?.destroy();
        reject(error);
      } else {
        resolve();
      }
    };
    const onAbort = () => finish(new CancelledError(cancelled));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, {once: true});

    const parser = createNdjsonParser((value) => {
      if (settled) return;
      try {
        onValue(value);
      } catch (error) {
        finish(error);
      }
    });
    open().then((opened) => {
      stream = opened;
      if (settled) return void opened.destroy();
      opened.on('data', (chunk: Buffer) => !settled && parser.push(chunk));
      opened.on('error', (error: Error) => finish(error));
      opened.on('end', () => {
        parser.end();
        finish();
      });
      // A stream closed without 'end' was cut: the engine went away mid-way.
      opened.on('close', () => finish(new Error('the engine closed the stream before it finished')));
    }, (error: unknown) => finish(signal?.aborted ? new CancelledError(cancelled) : error));
  });
}

/**
 * Calls `report` with the first value at once, then at most once every `intervalMs` with the
 * latest one; flush() reports what is still pending and stops the timer. For progress that
 * arrives far faster than a screen should redraw.
 */
export function throttle<T>(report: (value: T) => void, intervalMs: number): {push(value: T): void; flush(): void} {
  let last = -Infinity;
  let pending: {value: T} | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const emit = () => {
    timer = undefined;
    if (!pending) return;
    const {value} = pending;
    pending = undefined;
    last = Date.now();
    report(value);
  };
  return {
    push(value) {
      pending = {value};
      const wait = last + intervalMs - Date.now();
      if (wait <= 0 && !timer) emit();
      else timer ??= setTimeout(emit, Math.max(wait, 0));
    },
    flush() {
      if (timer) clearTimeout(timer);
      emit();
    },
  };
}
