import {useSyncExternalStore} from 'react';

/** Where a task is. */
export type TaskStatus = 'running' | 'done' | 'failed' | 'cancelled';

/**
 * A long engine call that reports progress (a pull, a build). It lives outside the view that shows
 * it, so Esc can close the view while the work goes on; the pane's toast reports the end.
 */
export class Task<P> {
  status: TaskStatus = 'running';
  /** The result line when done, or the reason when it failed. */
  message?: string;
  private readonly controller = new AbortController();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  /** Resolves once the task has ended, whichever way. */
  readonly finished: Promise<void>;

  constructor(
    readonly title: string,
    public progress: P,
    run: (signal: AbortSignal, update: (progress: P) => void) => Promise<string>,
    describe: (error: unknown) => string,
  ) {
    this.finished = run(this.controller.signal, (next) => {
      this.progress = next;
      this.changed();
    }).then(
      (message) => this.end('done', message),
      (error: unknown) => this.end(this.controller.signal.aborted ? 'cancelled' : 'failed', this.controller.signal.aborted ? 'cancelled' : describe(error)),
    );
  }

  /** Asks the engine call to stop; the task ends as cancelled. */
  cancel(): void {
    if (this.status === 'running') this.controller.abort();
  }

  /** For useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes with every update, for useSyncExternalStore. */
  getVersion = (): number => this.version;

  private end(status: TaskStatus, message: string): void {
    this.status = status;
    this.message = message;
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

/** Re-renders the component whenever the task moves on. */
export function useTask<P>(task: Task<P>): Task<P> {
  useSyncExternalStore(task.subscribe, task.getVersion);
  return task;
}
