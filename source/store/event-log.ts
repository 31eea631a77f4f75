import type {EngineEvent} from '../docker/types.js';

/**
 * The latest engine events, at most `capacity` of them: what the events view shows. The list is
 * rebuilt only after an append, so an unchanged log hands out the same array (cheap for React).
 */
export class EventLog {
  private readonly ring: EngineEvent[] = [];
  private start = 0;
  private cached: readonly EngineEvent[] = [];
  private changed = false;
  /** Events dropped because the log was full. */
  dropped = 0;

  constructor(readonly capacity = 1000) {}

  /** Adds an event; the oldest goes once the log is full. */
  append(event: EngineEvent): void {
    this.changed = true;
    if (this.ring.length < this.capacity) {
      this.ring.push(event);
      return;
    }
    this.ring[this.start] = event;
    this.start = (this.start + 1) % this.capacity;
    this.dropped++;
  }

  /** Oldest first. The same array until the next append. */
  list(): readonly EngineEvent[] {
    if (this.changed) {
      this.cached = [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)];
      this.changed = false;
    }
    return this.cached;
  }
}
