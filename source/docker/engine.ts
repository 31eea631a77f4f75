import type Dockerode from 'dockerode';
import type {Readable} from 'node:stream';
import type {Container, ContainerState, EngineEvent, EngineInfo, Health, Port, Stats} from './types.js';
import {createNdjsonParser} from './ndjson.js';
import {createDemuxer} from './demux.js';
import {toStats, type RawStats} from './stats.js';
import {ReadOnlyError} from './read-only.js';
import {upSince} from '../format/status.js';

/** A stream we opened and can close; closing twice is harmless. */
export type Subscription = {close(): void};

/** The container list entry as the engine sends it (only what we read). */
type RawContainer = {
  Id: string;
  Names?: string[];
  Image: string;
  State: string;
  Status: string;
  Created: number;
  Ports?: Array<{IP?: string; PrivatePort: number; PublicPort?: number; Type: string}>;
  Labels?: Record<string, string> | null;
};

/**
 * Reads a stream the engine opens until it ends or is closed: chunks go to onChunk, and onEnd
 * fires once (with the error, if any), never after close(). The three streams share this.
 */
function follow(
  open: () => Promise<Readable>,
  onChunk: (chunk: Buffer) => void,
  onEnd: (error?: Error) => void,
): Subscription & {readonly closed: boolean} {
  let stream: Readable | undefined;
  let closed = false;
  let ended = false;
  const end = (error?: Error) => {
    if (ended || closed) return;
    ended = true;
    onEnd(error);
  };
  open().then((opened) => {
    stream = opened;
    if (closed) return void opened.destroy();
    opened.on('data', (chunk: Buffer) => !closed && onChunk(chunk));
    opened.on('error', (error: Error) => end(error));
    opened.on('end', () => end());
    opened.on('close', () => end());
  }, end);
  return {
    get closed() {
      return closed;
    },
    close() {
      closed = true;
      stream?.destroy();
    },
  };
}

/** Turns the engine's list entry into ours. */
export function toContainer(raw: RawContainer): Container {
  const labels = raw.Labels ?? {};
  const health: Health = /\(healthy\)/.test(raw.Status)
    ? 'healthy'
    : /\(unhealthy\)/.test(raw.Status)
      ? 'unhealthy'
      : /\(health: starting\)/.test(raw.Status)
        ? 'starting'
        : undefined;
  const ports: Port[] = (raw.Ports ?? []).map((p) => ({ip: p.IP, publicPort: p.PublicPort, privatePort: p.PrivatePort, type: p.Type}));
  return {
    id: raw.Id,
    name: (raw.Names?.[0] ?? raw.Id.slice(0, 12)).replace(/^\//, ''),
    image: raw.Image,
    state: raw.State as ContainerState,
    health,
    status: raw.Status,
    created: raw.Created,
    startedAt: raw.State === 'running' ? upSince(raw.Status, Date.now() / 1000) : undefined,
    ports,
    labels,
    project: labels['com.docker.compose.project'] || undefined,
  };
}

/**
 * One engine, reached through dockerode. Reading calls are open to all; every call that changes
 * something goes through {@link Engine.mutate}, which refuses in read-only mode. This is the one
 * place the read-only guard lives, so no UI path can get around it.
 */
export class Engine {
  constructor(
    readonly docker: Dockerode,
    readonly readOnly: boolean,
  ) {}

  /** Version and API version, also the liveness check. */
  async info(): Promise<EngineInfo> {
    const v = await this.docker.version();
    return {version: v.Version, apiVersion: v.ApiVersion, os: v.Os};
  }

  /** Every container, running or not. */
  async listContainers(): Promise<Container[]> {
    const raw = (await this.docker.listContainers({all: true})) as unknown as RawContainer[];
    return raw.map(toContainer);
  }

  /** One container's list entry, or undefined when it is gone. */
  async getContainer(id: string): Promise<Container | undefined> {
    const raw = (await this.docker.listContainers({all: true, filters: {id: [id]}})) as unknown as RawContainer[];
    const found = raw.find((c) => c.Id === id);
    return found ? toContainer(found) : undefined;
  }

  /** The container's full inspect document. */
  async inspectContainer(id: string): Promise<unknown> {
    return this.docker.getContainer(id).inspect();
  }

  /**
   * Follows the event stream. The stream is newline-delimited JSON and chunks do not respect
   * lines, so it goes through the ndjson splitter. onEnd fires once, always with a reason: the
   * event stream only ends when the engine goes away.
   */
  events(onEvent: (event: EngineEvent) => void, onEnd: (error?: Error) => void): Subscription {
    const parser = createNdjsonParser((value) => {
      const raw = value as {Type?: string; Action?: string; Actor?: {ID?: string; Attributes?: Record<string, string>}; timeNano?: number};
      onEvent({
        type: raw.Type ?? '',
        action: raw.Action ?? '',
        id: raw.Actor?.ID ?? '',
        attributes: raw.Actor?.Attributes ?? {},
        timeNano: raw.timeNano ?? 0,
      });
    });
    return follow(
      async () => (await this.docker.getEvents({})) as unknown as Readable,
      (chunk) => parser.push(chunk),
      (error) => onEnd(error ?? new Error('the event stream ended')),
    );
  }

  /**
   * One stats stream for a running container; a reading a second, computed as `docker stats`.
   * The first sample has no previous reading and is skipped (as docker does).
   */
  stats(id: string, onStats: (stats: Stats) => void, onEnd: (error?: Error) => void): Subscription {
    let previous: RawStats | undefined;
    const parser = createNdjsonParser((value) => {
      const sample = value as RawStats;
      const stats = toStats(sample, previous);
      previous = sample;
      if (stats && !subscription.closed) onStats(stats);
    });
    const subscription = follow(
      async () => (await this.docker.getContainer(id).stats({stream: true})) as unknown as Readable,
      (chunk) => parser.push(chunk),
      onEnd,
    );
    return subscription;
  }

  /**
   * Reads a container's logs from the last `tail` lines (and on, when following), stdout and
   * stderr told apart. A TTY container sends raw bytes, the others Docker's multiplexed frames.
   */
  logs(
    id: string,
    options: {tail: number; follow: boolean},
    onLine: (line: string, stream: 'stdout' | 'stderr') => void,
    onEnd: (error?: Error) => void,
  ): Subscription {
    const container = this.docker.getContainer(id);
    let demuxer: ReturnType<typeof createDemuxer> | undefined;
    const subscription = follow(
      async () => {
        const details = await container.inspect();
        demuxer = createDemuxer((line, which) => !subscription.closed && onLine(line, which), {tty: Boolean(details.Config?.Tty)});
        return (await container.logs({follow: options.follow, stdout: true, stderr: true, tail: options.tail, timestamps: true} as never)) as unknown as Readable;
      },
      (chunk) => demuxer?.push(chunk),
      (error) => {
        demuxer?.end();
        onEnd(error);
      },
    );
    return subscription;
  }

  /** Runs a call that changes the engine, or refuses it in read-only mode. */
  private async mutate<T>(what: string, call: () => Promise<T>): Promise<T> {
    if (this.readOnly) throw new ReadOnlyError(what);
    return call();
  }

  /** Starts a container. */
  start(id: string) {
    return this.mutate('start', () => this.docker.getContainer(id).start());
  }

  /** Stops a container (the engine's default grace period). */
  stop(id: string) {
    return this.mutate('stop', () => this.docker.getContainer(id).stop());
  }

  /** Restarts a container. */
  restart(id: string) {
    return this.mutate('restart', () => this.docker.getContainer(id).restart());
  }

  /** Pauses a running container. */
  pause(id: string) {
    return this.mutate('pause', () => this.docker.getContainer(id).pause());
  }

  /** Unpauses a paused container. */
  unpause(id: string) {
    return this.mutate('unpause', () => this.docker.getContainer(id).unpause());
  }

  /** Sends SIGKILL. */
  kill(id: string) {
    return this.mutate('kill', () => this.docker.getContainer(id).kill());
  }

  /** Removes a container: forced (a running one is killed first), optionally with its anonymous volumes. */
  remove(id: string, options: {force: boolean; volumes: boolean}) {
    return this.mutate('remove', () => this.docker.getContainer(id).remove({force: options.force, v: options.volumes}));
  }

  /** Renames a container. */
  rename(id: string, name: string) {
    return this.mutate('rename', () => this.docker.getContainer(id).rename({name}));
  }
}

/** Names of every Engine method that changes something, for the read-only test to walk. */
export const MUTATING_METHODS = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove', 'rename'] as const;
