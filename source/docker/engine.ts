import type Dockerode from 'dockerode';
import type {Readable} from 'node:stream';
import type {Container, ContainerState, DiskUsage, EngineEvent, EngineInfo, Health, Image, ImageLayer, Network, Port, PruneFilters, PrunePlan, PullProgress, StatsCounters, StatsReading, SystemPruneResult, TerminalSession, Volume} from './types.js';
import {createNdjsonParser} from './ndjson.js';
import {createDemuxer} from './demux.js';
import {toReading, type RawStats} from './stats.js';
import {ReadOnlyError} from './read-only.js';
import {openAttach, openExec} from './exec.js';
import {upSince} from '../format/status.js';
import {createOptions, type RunSpec} from './run-spec.js';
import {toDiskUsage, type RawDiskUsage} from './disk-usage.js';
import {networkCreateBody, type NetworkCreateOptions} from './network-options.js';
import {planPrune} from './prune-plan.js';
import {EMPTY_PULL, finishPull, reducePull, type RawPullMessage} from './pull-progress.js';
import {parseBuildMessage, type BuildMessage} from './build-progress.js';
import {parseReference} from './reference.js';
import {prepareContext} from './build-context.js';
import {toImageLayer, type RawHistoryEntry} from './image-history.js';
import {CancelledError, readProgressStream, throttle} from './progress-stream.js';
import {describeError} from './errors.js';
import {apiAtLeast, checkApiVersion} from './api-version.js';

/** Pull progress reaches the caller at most this often (a screen redraw costs 12–20 ms). */
const PULL_REPORT_MS = 100;

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

/** Creates a container from a checked run spec; the name is read back, since the engine may pick it. */
async function createFromSpec(docker: Dockerode, spec: RunSpec): Promise<{id: string; name: string}> {
  const container = await docker.createContainer(createOptions(spec) as Dockerode.ContainerCreateOptions);
  const details = await container.inspect();
  return {id: container.id, name: details.Name.replace(/^\//, '')};
}

/** The engine's prune filters for ours (dockerode sends them as the JSON `filters` parameter). */
const pruneFilters = (filters?: PruneFilters, extra: Record<string, string[]> = {}) => ({filters: {...(filters?.label?.length ? {label: filters.label} : {}), ...extra}});

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

  /** Version and API version, also the liveness check; rejects an engine too old to work with. */
  async info(): Promise<EngineInfo> {
    const v = await this.docker.version();
    checkApiVersion(v.Version, v.ApiVersion);
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

  /** An image's layers as `docker history` lists them, newest first. */
  async imageHistory(id: string): Promise<ImageLayer[]> {
    const raw = (await this.docker.getImage(id).history()) as unknown as RawHistoryEntry[];
    return raw.map(toImageLayer);
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
   * One stats reading, for polling. With `previous` (the counters of our last reading) it asks
   * for a one-shot sample, which the engine answers at once, and compares with `previous`;
   * without, a plain stream=false sample, which the engine answers after its next collection
   * (about a second) with its own previous counters, so the first reading already has figures.
   */
  async statsOnce(id: string, previous?: StatsCounters): Promise<StatsReading> {
    const sample = (await this.docker.getContainer(id).stats({stream: false, ...(previous ? {'one-shot': true} : {})} as {stream: false})) as unknown as RawStats;
    return toReading(sample, previous);
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

  /** What `docker system df` shows, computed as the CLI does, and each volume's size. */
  async diskUsage(): Promise<DiskUsage> {
    return toDiskUsage((await this.docker.df()) as RawDiskUsage);
  }

  /**
   * Names of what {@link Engine.systemPrune} with these options would remove, worked out from the
   * four lists by the engine's rules (see prune-plan.ts): stopped containers, then networks,
   * volumes and images nothing surviving uses. Best effort, for a confirmation to list; the
   * engine's API version decides whether named volumes count (≤ 1.41 yes, ≥ 1.42 only anonymous).
   */
  async planSystemPrune(options: {all: boolean; volumes: boolean; filters?: PruneFilters}): Promise<PrunePlan> {
    const [containers, images, networks, volumes, info] = await Promise.all([
      this.listContainers(),
      this.listImages(),
      this.listNetworks(),
      options.volumes ? this.listVolumes() : Promise.resolve([]),
      this.info(),
    ]);
    return planPrune({containers, images, networks, volumes}, {...options, anonymousVolumesOnly: apiAtLeast(info.apiVersion, 1, 42)});
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

  /** Adds the reference `repo[:tag]` (tag latest when omitted; a registry host:port may lead) to an image. */
  tagImage(id: string, reference: string): Promise<void> {
    return this.mutate('tag image', async () => {
      const {repository, tag, digest} = parseReference(reference);
      if (digest) throw new Error(`Cannot tag an image with a digest reference: ${reference}`);
      await this.docker.getImage(id).tag({repo: repository, tag});
    });
  }

  /**
   * Pulls `reference` (':latest' when it names no tag, as docker pull), calling onProgress with
   * each new state (at most 10 a second, the final one always) and resolving with the final one.
   * Rejects with the engine's error (also one sent inside the stream), or with 'pull cancelled'
   * when `signal` aborts; the stream is then destroyed and the engine stops pulling.
   */
  pull(reference: string, onProgress: (progress: PullProgress) => void, signal?: AbortSignal): Promise<PullProgress> {
    return this.mutate('pull', async () => {
      const {repository, tag} = parseReference(reference);
      let progress = EMPTY_PULL;
      let reported: PullProgress | undefined;
      const report = throttle((p: PullProgress) => {
        reported = p;
        if (!signal?.aborted) onProgress(p);
      }, PULL_REPORT_MS);
      try {
        await readProgressStream(
          async () => (await this.docker.createImage({fromImage: repository, tag, ...(signal ? {abortSignal: signal} : {})})) as unknown as Readable,
          (value) => {
            progress = reducePull(progress, value as RawPullMessage);
            if (progress.error !== undefined) throw new Error(progress.error);
            report.push(progress);
          },
          {signal, cancelled: 'pull cancelled'},
        );
      } catch (error) {
        report.flush();
        // The UI shows pull failures as they are: give them the one-sentence form here already.
        throw error instanceof CancelledError ? error : new Error(describeError(error), {cause: error});
      }
      report.flush();
      progress = finishPull(progress);
      if (progress !== reported) onProgress(progress);
      return progress;
    });
  }

  /**
   * Builds the directory `dir` with the legacy builder (intermediate containers removed even on
   * failure). Every stream message goes to onMessage parsed; resolves with the image id, rejects
   * with the build's error line when a step fails, or 'build cancelled' when `signal` aborts.
   * A directory without its Dockerfile is refused before anything is sent.
   */
  build(
    dir: string,
    options: {tag?: string; buildArgs?: Record<string, string>; labels?: Record<string, string>; dockerfile?: string},
    onMessage: (message: BuildMessage) => void,
    signal?: AbortSignal,
  ): Promise<{imageId: string}> {
    return this.mutate('build', async () => {
      const src = await prepareContext(dir, options.dockerfile);
      let imageId = '';
      await readProgressStream(
        async () =>
          (await this.docker.buildImage({context: dir, src}, {
            // Absent options must not go out as empty query parameters ('t=' is an invalid tag).
            ...(options.tag ? {t: options.tag} : {}),
            ...(options.dockerfile ? {dockerfile: options.dockerfile} : {}),
            ...(options.buildArgs ? {buildargs: options.buildArgs} : {}),
            ...(options.labels ? {labels: options.labels} : {}),
            version: '1',
            rm: true,
            forcerm: true,
            ...(signal ? {abortSignal: signal} : {}),
          } as never)) as unknown as Readable,
        (value) => {
          const message = parseBuildMessage(value);
          if (message.imageId && (message.imageId.startsWith('sha256:') || imageId === '')) imageId = message.imageId;
          if (!signal?.aborted) onMessage(message);
          if (message.error !== undefined) throw new Error(message.error);
        },
        {signal, cancelled: 'build cancelled'},
      );
      if (imageId === '') throw new Error('the build ended without naming an image');
      return {imageId};
    });
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
   * `docker run -d`: creates the container ({@link createOptions}) and starts it. When the start
   * fails (a port already allocated, a network that does not exist…) the created container is
   * removed again, so nothing is left half-made, and the start error is what rejects. Named
   * volumes the create made stay (as with docker). The image must be there: nothing is pulled.
   */
  run(spec: RunSpec): Promise<{id: string; name: string}> {
    return this.mutate('run', async () => {
      const created = await createFromSpec(this.docker, spec);
      try {
        await this.docker.getContainer(created.id).start();
      } catch (error) {
        await this.docker.getContainer(created.id).remove({force: true, v: true}).catch(() => undefined);
        throw error;
      }
      return created;
    });
  }

  /** Creates a container without starting it: the interactive path attaches first, then starts. */
  createContainer(spec: RunSpec): Promise<{id: string; name: string}> {
    return this.mutate('create container', () => createFromSpec(this.docker, spec));
  }

  /**
   * Creates a volume (the engine names it when no name is given). Creating one that exists
   * already succeeds and returns the existing volume, as the engine does (its options unchanged).
   */
  createVolume(options: {name?: string; driver?: string; labels?: Record<string, string>; driverOpts?: Record<string, string>}): Promise<Volume> {
    return this.mutate('create volume', async () => {
      const volume = await this.docker.createVolume({
        ...(options.name ? {Name: options.name} : {}),
        ...(options.driver ? {Driver: options.driver} : {}),
        Labels: options.labels ?? {},
        DriverOpts: options.driverOpts ?? {},
      });
      return toVolume((await volume.inspect()) as unknown as RawVolume);
    });
  }

  /**
   * `docker volume prune`: removes local volumes no container (running or stopped) refers to.
   * What counts depends on the engine: API ≤ 1.41 (dockerd 20.10, what the tests run) removes
   * anonymous AND named unused volumes; API ≥ 1.42 removes only anonymous ones (its `all` filter,
   * not sent here, would add the named ones). `reclaimed` is in bytes.
   */
  pruneVolumes(filters?: PruneFilters): Promise<{deleted: string[]; reclaimed: number}> {
    return this.mutate('prune volumes', async () => {
      const result = (await this.docker.pruneVolumes(pruneFilters(filters))) as {VolumesDeleted?: string[] | null; SpaceReclaimed?: number};
      return {deleted: result.VolumesDeleted ?? [], reclaimed: result.SpaceReclaimed ?? 0};
    });
  }

  /** Creates a network (see {@link networkCreateBody}: a name taken already is refused). */
  createNetwork(options: NetworkCreateOptions): Promise<{id: string}> {
    return this.mutate('create network', async () => {
      const network = await this.docker.createNetwork(networkCreateBody(options) as Dockerode.NetworkCreateOptions);
      return {id: network.id};
    });
  }

  /** `docker network prune`: removes custom networks no running container is attached to. */
  pruneNetworks(filters?: PruneFilters): Promise<{deleted: string[]}> {
    return this.mutate('prune networks', async () => {
      const result = (await this.docker.pruneNetworks(pruneFilters(filters))) as {NetworksDeleted?: string[] | null};
      return {deleted: result.NetworksDeleted ?? []};
    });
  }

  /** Attaches a container (id or name) to a network (id or name). */
  connectNetwork(network: string, container: string): Promise<void> {
    return this.mutate('connect network', async () => {
      await this.docker.getNetwork(network).connect({Container: container});
    });
  }

  /** Detaches a container from a network; `force` also when the container is not running. */
  disconnectNetwork(network: string, container: string, options: {force?: boolean} = {}): Promise<void> {
    return this.mutate('disconnect network', async () => {
      await this.docker.getNetwork(network).disconnect({Container: container, Force: Boolean(options.force)});
    });
  }

  /** `docker container prune`: removes every container that is not running (nor paused). */
  pruneContainers(filters?: PruneFilters): Promise<{deleted: string[]; reclaimed: number}> {
    return this.mutate('prune containers', async () => {
      const result = (await this.docker.pruneContainers(pruneFilters(filters))) as {ContainersDeleted?: string[] | null; SpaceReclaimed?: number};
      return {deleted: result.ContainersDeleted ?? [], reclaimed: result.SpaceReclaimed ?? 0};
    });
  }

  /**
   * `docker image prune [-a]`: dangling images, or with `all` every image no container uses.
   * `deleted` lists every image record the engine deleted (intermediate layers of a legacy build
   * among them), `untagged` the references it removed.
   */
  pruneImages(options: {all: boolean}, filters?: PruneFilters): Promise<{deleted: string[]; untagged: string[]; reclaimed: number}> {
    return this.mutate('prune images', async () => {
      const result = (await this.docker.pruneImages(pruneFilters(filters, {dangling: [options.all ? 'false' : 'true']}))) as {
        ImagesDeleted?: Array<{Deleted?: string; Untagged?: string}> | null;
        SpaceReclaimed?: number;
      };
      const entries = result.ImagesDeleted ?? [];
      return {
        deleted: entries.flatMap((e) => (e.Deleted ? [e.Deleted] : [])),
        untagged: entries.flatMap((e) => (e.Untagged ? [e.Untagged] : [])),
        reclaimed: result.SpaceReclaimed ?? 0,
      };
    });
  }

  /**
   * `docker builder prune [-a]`: the build cache not in use (with `all`, not only dangling records).
   * dockerode's pruneBuilder sends no parameters, so this dials the endpoint itself.
   */
  pruneBuildCache(options: {all: boolean}): Promise<{deleted: number; reclaimed: number}> {
    return this.mutate('prune build cache', async () => {
      const result = await new Promise<{CachesDeleted?: string[] | null; SpaceReclaimed?: number}>((resolve, reject) =>
        this.docker.modem.dial(
          {path: '/build/prune?', method: 'POST', options: {all: options.all}, statusCodes: {200: true, 400: 'bad parameter', 500: 'server error'}},
          (error: unknown, data: unknown) => (error ? reject(error) : resolve((data ?? {}) as {CachesDeleted?: string[] | null; SpaceReclaimed?: number})),
        ),
      );
      return {deleted: result.CachesDeleted?.length ?? 0, reclaimed: result.SpaceReclaimed ?? 0};
    });
  }

  /**
   * `docker system prune [-a] [--volumes]`, in the CLI's order: stopped containers, unused
   * networks, unused volumes (when asked; see {@link Engine.pruneVolumes} for which), dangling or
   * with `all` every unused image, then the build cache. With a label filter the build cache is
   * left alone: its records carry no labels, so none can match. `images` counts deleted image
   * records; `reclaimed` is the bytes the engine says it freed, all parts together.
   */
  systemPrune(options: {all: boolean; volumes: boolean}, filters?: PruneFilters): Promise<SystemPruneResult> {
    return this.mutate('system prune', async () => {
      const containers = await this.pruneContainers(filters);
      const networks = await this.pruneNetworks(filters);
      const volumes = options.volumes ? await this.pruneVolumes(filters) : {deleted: [], reclaimed: 0};
      const images = await this.pruneImages({all: options.all}, filters);
      const cache = filters?.label?.length ? {deleted: 0, reclaimed: 0} : await this.pruneBuildCache({all: options.all});
      return {
        containers: containers.deleted.length,
        images: images.deleted.length,
        networks: networks.deleted.length,
        volumes: volumes.deleted.length,
        buildCache: cache.deleted,
        reclaimed: containers.reclaimed + volumes.reclaimed + images.reclaimed + cache.reclaimed,
      };
    });
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
export const MUTATING_METHODS = [
  'start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove', 'rename', 'removeImage', 'removeVolume', 'removeNetwork',
  'run', 'createContainer', 'createVolume', 'pruneVolumes', 'createNetwork', 'pruneNetworks', 'connectNetwork', 'disconnectNetwork',
  'pruneContainers', 'pruneImages', 'pruneBuildCache', 'systemPrune',
  'tagImage', 'pull', 'build', 'execShell', 'attachTerminal',
] as const;
