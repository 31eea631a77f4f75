import type Dockerode from 'dockerode';
import type {Readable} from 'node:stream';
import type {Container, ContainerState, EngineEvent, EngineInfo, Health, Image, Network, Port, Stats, TerminalSession, Volume} from './types.js';
import {createNdjsonParser} from './ndjson.js';
import {createDemuxer} from './demux.js';
import {toStats, type RawStats} from './stats.js';
import {ReadOnlyError} from './read-only.js';
import {openAttach, openExec} from './exec.js';
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
  ImageID?: string;
  Mounts?: Array<{Type?: string; Name?: string; Source?: string; Destination?: string}>;
  NetworkSettings?: {Networks?: Record<string, unknown> | null};
};

/** The image list entry as the engine sends it. */
type RawImage = {Id: string; RepoTags?: string[] | null; RepoDigests?: string[] | null; Created: number; Size: number; Labels?: Record<string, string> | null};
/** The volume list entry as the engine sends it. */
type RawVolume = {Name: string; Driver: string; Mountpoint: string; Scope?: string; CreatedAt?: string; Labels?: Record<string, string> | null; Options?: Record<string, string> | null};
/** The network list entry as the engine sends it. */
type RawNetwork = {Id: string; Name: string; Driver: string; Scope: string; Internal?: boolean; Created?: string; Labels?: Record<string, string> | null; IPAM?: {Config?: Array<{Subnet?: string}> | null}};

/** Seconds since the epoch of an RFC 3339 time, or undefined. */
const seconds = (time?: string) => {
  const ms = time ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
};

/** Turns the engine's image entry into ours; `<none>:<none>` tags mean none. */
export function toImage(raw: RawImage): Image {
  return {
    id: raw.Id,
    tags: (raw.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    digests: (raw.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    created: raw.Created,
    size: raw.Size,
    labels: raw.Labels ?? {},
  };
}

/** Turns the engine's volume entry into ours. */
export function toVolume(raw: RawVolume): Volume {
  return {
    name: raw.Name,
    driver: raw.Driver,
    mountpoint: raw.Mountpoint,
    scope: raw.Scope ?? 'local',
    created: seconds(raw.CreatedAt),
    labels: raw.Labels ?? {},
    options: raw.Options ?? {},
  };
}

/** Turns the engine's network entry into ours. */
export function toNetwork(raw: RawNetwork): Network {
  return {
    id: raw.Id,
    name: raw.Name,
    driver: raw.Driver,
    scope: raw.Scope,
    subnets: (raw.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean),
    internal: Boolean(raw.Internal),
    created: seconds(raw.Created),
    labels: raw.Labels ?? {},
  };
}

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
    imageId: raw.ImageID ?? '',
    mounts: (raw.Mounts ?? []).map((m) => ({type: m.Type ?? '', name: m.Name || undefined, source: m.Source ?? '', destination: m.Destination ?? ''})),
    networks: Object.keys(raw.NetworkSettings?.Networks ?? {}),
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

  /** Every tagged or dangling top-level image (intermediate layers are not listed). */
  async listImages(): Promise<Image[]> {
    const raw = (await this.docker.listImages({all: false})) as unknown as RawImage[];
    return raw.map(toImage);
  }

  /** Every volume. */
  async listVolumes(): Promise<Volume[]> {
    const raw = (await this.docker.listVolumes()) as unknown as {Volumes?: RawVolume[] | null};
    return (raw.Volumes ?? []).map(toVolume);
  }

  /** Every network. */
  async listNetworks(): Promise<Network[]> {
    const raw = (await this.docker.listNetworks()) as unknown as RawNetwork[];
    return raw.map(toNetwork);
  }

  /** An image's full inspect document. */
  async inspectImage(id: string): Promise<unknown> {
    return this.docker.getImage(id).inspect();
  }

  /** A volume's full inspect document. */
  async inspectVolume(name: string): Promise<unknown> {
    return this.docker.getVolume(name).inspect();
  }

  /** A network's full inspect document (with its attached containers). */
  async inspectNetwork(id: string): Promise<unknown> {
    return this.docker.getNetwork(id).inspect();
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

  /**
   * Removes an image reference: a tag is untagged (the image goes once no tag is left); an id
   * deletes the image. `force` also removes it when stopped containers use it or it has several tags.
   */
  removeImage(reference: string, options: {force: boolean}) {
    return this.mutate('remove image', () => this.docker.getImage(reference).remove({force: options.force}));
  }

  /** Removes a volume; the engine refuses one that a container uses. */
  removeVolume(name: string) {
    return this.mutate('remove volume', () => this.docker.getVolume(name).remove());
  }

  /** Removes a network; the engine refuses one with attached containers. */
  removeNetwork(id: string) {
    return this.mutate('remove network', () => this.docker.getNetwork(id).remove());
  }

  /**
   * Opens an interactive shell in a running container (bash if it has one, else sh; or `cmd`),
   * with a TTY. Mutating: a process in someone's container can change anything in it.
   */
  execShell(id: string, options?: {cmd?: string[]}): Promise<TerminalSession> {
    return this.mutate('exec', () => openExec(this.docker, id, options?.cmd));
  }

  /** Attaches a terminal to a container made with Tty and OpenStdin, starting it if needed. */
  attachTerminal(id: string): Promise<TerminalSession> {
    return this.mutate('attach', () => openAttach(this.docker, id));
  }
}

/** Names of every Engine method that changes something, for the read-only test to walk. */
export const MUTATING_METHODS = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove', 'rename', 'removeImage', 'removeVolume', 'removeNetwork', 'execShell', 'attachTerminal'] as const;
