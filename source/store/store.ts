import type Dockerode from 'dockerode';
import type {Container, EngineEvent, EngineInfo, HostTarget, Image, Network, Stats, StatsCounters, Volume} from '../docker/types.js';
import {Engine, type Subscription} from '../docker/engine.js';
import {createDocker, withTimeout} from '../docker/client.js';
import {describeError} from '../docker/errors.js';
import {quickListContainers} from '../docker/quick-list.js';
import {EventLog} from './event-log.js';
import {patchFromEvent} from './event-patch.js';

/** Where the connection to the engine stands, for the status bar. */
export type Connection = {
  status: 'connecting' | 'connected' | 'reconnecting' | 'unreachable';
  /** Why the engine cannot be reached, one line. */
  error?: string;
  /** Attempts since the connection was lost. */
  attempt: number;
};

/** One immutable picture of a host; a new object whenever anything in it changed. */
export type Snapshot = {
  host: HostTarget;
  readOnly: boolean;
  connection: Connection;
  engine?: EngineInfo;
  containers: readonly Container[];
  /** Latest reading per running container id. */
  stats: ReadonlyMap<string, Stats>;
  images: readonly Image[];
  volumes: readonly Volume[];
  networks: readonly Network[];
  /** The latest engine events since whalewatch connected, oldest first (bounded). */
  events: readonly EngineEvent[];
};

/** The resources besides containers, each re-listed when an event of its type arrives. */
export type ResourceKind = 'images' | 'volumes' | 'networks';

/** How long dockerode waits for the quick list (quick-list.ts) before it loads anyway. */
const QUICK_LIST_HEAD_START_MS = 300;

/** Event type → the resource it changes. */
const EVENT_RESOURCE: Record<string, ResourceKind> = {image: 'images', volume: 'volumes', network: 'networks'};

/** What the store needs from outside; tests pass a real engine's host. */
export type StoreOptions = {
  host: HostTarget;
  readOnly: boolean;
  /** Opens the client; the default imports dockerode lazily. */
  connect?: (host: HostTarget) => Promise<Dockerode>;
  /** Least time between two commits to React for list changes, ms (default 100). */
  batchMs?: number;
  /** Least time between commits that only carry new stats, ms (default 1000). */
  statsBatchMs?: number;
  /** Time from the end of one stats round to the start of the next, ms (default 2000). */
  statsIntervalMs?: number;
};

/** Stats readings in flight at once: enough to read a screen of rows in one go. */
const STATS_CONCURRENCY = 40;

/** Container event actions that change what the list shows. */
const LIST_ACTIONS = new Set(['create', 'start', 'restart', 'die', 'stop', 'kill', 'pause', 'unpause', 'rename', 'update', 'oom', 'destroy']);

/**
 * Delay before the n-th connection attempt: quick at first, then at most every 5 s for an engine
 * never reached (a wrong address stays wrong), and at most every second for one that was
 * connected and went away: it is most likely restarting, and being back within a second or two
 * of it answering matters more than one cheap request a second.
 */
export function backoff(attempt: number, reconnecting = false): number {
  return Math.min(reconnecting ? 1000 : 5000, 250 * 2 ** Math.max(0, attempt - 1));
}

/**
 * The containers of one host, kept current without React: one list, then the event stream
 * (no polling; a full re-list only after a reconnect), and stats read every two seconds for the
 * running containers that the screen shows (see watchStats).
 * Changes are committed to subscribers in batches, at most one per `batchMs`, so a busy engine
 * does not turn into a render per event or per stats sample.
 */
export class Store {
  private snapshot: Snapshot;
  private readonly listeners = new Set<() => void>();
  private readonly containers = new Map<string, Container>();
  private readonly stats = new Map<string, Stats>();
  /** Counters of the last reading per container, which the next one-shot reading compares with. */
  private readonly counters = new Map<string, StatsCounters>();
  /** The containers whose stats are wanted (the rows on screen), or every running one. */
  private watched: ReadonlySet<string> | 'all' = new Set();
  private watchTimer?: NodeJS.Timeout;
  private statsTimer?: NodeJS.Timeout;
  private polling = false;
  private readonly pendingRefresh = new Set<string>();
  private refreshTimer?: NodeJS.Timeout;
  private flushTimer?: NodeJS.Timeout;
  private flushDue = 0;
  private lastFlush = 0;
  private dirtyContainers = false;
  private dirty = false;
  private connection: Connection = {status: 'connecting', attempt: 0};
  private info?: EngineInfo;
  private events?: Subscription;
  private stopped = false;
  private connecting = false;
  private everConnected = false;
  private wake?: () => void;
  private client?: Engine;
  private resources: {images: readonly Image[]; volumes: readonly Volume[]; networks: readonly Network[]} = {images: [], volumes: [], networks: []};
  private readonly pendingResources = new Set<ResourceKind>();
  private readonly eventLog = new EventLog(1000);
  /** Containers that events named while a (re)connection lists; read again once it has. */
  private touchedWhileListing?: Set<string>;
  /** Containers whose stats reading is in flight: a quick reading and a round never read one twice. */
  private readonly reading = new Set<string>();
  private resourceTimer?: NodeJS.Timeout;

  constructor(private readonly options: StoreOptions) {
    this.snapshot = {host: options.host, readOnly: options.readOnly, connection: this.connection, containers: [], stats: new Map(), ...this.resources, events: []};
  }

  /** A new, unstarted store like this one (same options, read-only too) for another host. */
  forHost(host: HostTarget): Store {
    return new Store({...this.options, host});
  }

  /** The current picture; the same object until something changes (for useSyncExternalStore). */
  getSnapshot = (): Snapshot => this.snapshot;

  /** Calls the listener after each batch of changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The engine client, once connected (actions, logs, inspect go through it). */
  get engine(): Engine | undefined {
    return this.client;
  }

  /** Connects, lists, and follows; returns once the first attempt has settled. */
  async start(): Promise<void> {
    this.stopped = false;
    // A local engine's list is shown while dockerode still loads (the connection, events and
    // stats follow); it never replaces a list from the connection.
    if (!this.options.connect) {
      const quick = quickListContainers(this.options.host).then((list) => {
        if (!list || this.stopped || this.everConnected) return;
        for (const container of list) this.containers.set(container.id, container);
        this.dirtyContainers = true;
        this.commit(true);
      });
      // Loading dockerode holds the main thread for ≈ 0.1–0.2 s: a list that arrived meanwhile
      // waited for it. The list (drawn at once) goes first; a slow engine is not waited for long.
      await Promise.race([quick, new Promise((resolve) => setTimeout(resolve, QUICK_LIST_HEAD_START_MS))]);
      await new Promise((resolve) => setImmediate(resolve));
      if (this.stopped) return;
    }
    await this.connectLoop(true);
  }

  /** Closes every stream and timer; the store can be thrown away after. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
    this.events?.close();
    clearTimeout(this.statsTimer);
    clearTimeout(this.refreshTimer);
    clearTimeout(this.watchTimer);
    clearTimeout(this.flushTimer);
    clearTimeout(this.resourceTimer);
  }

  /**
   * Says which containers' stats are wanted: the ids of the rows on screen, or 'all' (a list
   * sorted by a stats column needs every figure). Only these are read, since each reading costs
   * the engine (dockerd asks containerd, which asks the container's shim to read its cgroup) and
   * us; the others keep their last reading. Called on every scroll: rows that came into view
   * are read after a short pause, without waiting for the next round.
   */
  watchStats(ids: Iterable<string> | 'all'): void {
    const next = ids === 'all' ? 'all' : new Set(ids);
    const same = next === 'all' || this.watched === 'all' ? next === this.watched : next.size === this.watched.size && [...next].every((id) => (this.watched as ReadonlySet<string>).has(id));
    if (same) return;
    this.watched = next;
    clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => this.syncStats(true), 200);
  }

  /** Asks for images, volumes or networks to be listed again now (after an action). */
  refreshResource(kind: ResourceKind): void {
    this.pendingResources.add(kind);
    this.scheduleResources(0);
  }

  /** Asks for one container to be read again now (after an action, the event may lag). */
  refresh(id: string): void {
    this.pendingRefresh.add(id);
    this.scheduleRefresh(0);
  }

  /**
   * Tries until connected. The first attempt returns after one try so the caller can draw;
   * the loop goes on in the background.
   */
  private async connectLoop(first: boolean): Promise<void> {
    if (this.connecting) return;
    this.connecting = true;
    let attempt = 0;
    const tryOnce = async (): Promise<boolean> => {
      try {
        const connect = this.options.connect ?? createDocker;
        if (!this.client) this.client = new Engine(await connect(this.options.host), this.options.readOnly);
        const engine = this.client;
        this.info = await withTimeout(engine.info(), 10_000, `reaching ${this.options.host.url}`);
        // Follow events before listing, so nothing that happens in between is missed.
        const events = this.openEvents(engine);
        // A container event that arrives while the lists are read may be older or newer than the
        // list (two sockets, no order between them): those containers are read again after.
        this.touchedWhileListing = new Set();
        const [list, images, volumes, networks] = await Promise.all([
          withTimeout(engine.listContainers(), 30_000, 'listing containers'),
          withTimeout(engine.listImages(), 30_000, 'listing images'),
          withTimeout(engine.listVolumes(), 30_000, 'listing volumes'),
          withTimeout(engine.listNetworks(), 30_000, 'listing networks'),
        ]);
        // The stream broke while listing (a quick restart): connected without events would
        // never hear of a change again, so this attempt failed.
        if (this.events !== events) throw new Error('the event stream ended while listing');
        this.resources = {images, volumes, networks};
        this.containers.clear();
        for (const container of list) this.containers.set(container.id, container);
        for (const id of this.touchedWhileListing) this.pendingRefresh.add(id);
        this.touchedWhileListing = undefined;
        if (this.pendingRefresh.size > 0) this.scheduleRefresh(0);
        this.everConnected = true;
        this.connection = {status: 'connected', attempt: 0};
        this.dirtyContainers = true;
        this.syncStats();
        this.commit(true);
        return true;
      } catch (error) {
        this.events?.close();
        this.events = undefined;
        this.touchedWhileListing = undefined;
        attempt += 1;
        this.connection = {
          status: this.everConnected ? 'reconnecting' : 'unreachable',
          error: describeError(error, this.options.host),
          attempt,
        };
        this.commit(true);
        return false;
      }
    };
    const loop = async () => {
      while (!this.stopped && !(await tryOnce())) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, backoff(attempt, this.everConnected));
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      this.connecting = false;
    };
    if (first) {
      if (await tryOnce()) {
        this.connecting = false;
        return;
      }
      void loop();
    } else {
      await loop();
    }
  }

  private openEvents(engine: Engine): Subscription {
    this.events?.close();
    const events = engine.events(
      (event) => this.onEvent(event),
      (error) => this.onLost(error),
    );
    this.events = events;
    return events;
  }

  /** The event stream broke: the engine went away or restarted. Show it and reconnect. */
  private onLost(error?: Error): void {
    if (this.stopped) return;
    this.events = undefined;
    clearTimeout(this.statsTimer);
    this.statsTimer = undefined;
    this.stats.clear();
    this.counters.clear();
    this.connection = {status: 'reconnecting', error: error ? describeError(error, this.options.host) : 'the engine closed the connection', attempt: 1};
    this.commit(true);
    void this.connectLoop(false);
  }

  private onEvent(event: EngineEvent): void {
    this.eventLog.append(event);
    this.schedule();
    const kind = EVENT_RESOURCE[event.type];
    // Connecting or disconnecting changes the container's networks too, with no container event.
    if (event.type === 'network' && event.attributes.container && (event.action === 'connect' || event.action === 'disconnect')) {
      this.pendingRefresh.add(event.attributes.container);
      this.scheduleRefresh(25);
    }
    if (kind) {
      this.pendingResources.add(kind);
      this.scheduleResources(50);
      return;
    }
    if (event.type !== 'container') return;
    this.touchedWhileListing?.add(event.id);
    const action = event.action.split(':')[0];
    if (action === 'destroy') {
      this.containers.delete(event.id);
      this.stats.delete(event.id);
      this.dirtyContainers = true;
      this.syncStats();
      this.schedule();
      return;
    }
    if (LIST_ACTIONS.has(action) || action === 'health_status') {
      // The event itself says enough for the row (a new name, a new state): shown at once,
      // then the read below brings the engine's own entry.
      const known = this.containers.get(event.id);
      const patched = known && patchFromEvent(known, event);
      if (patched) {
        this.containers.set(event.id, patched);
        this.dirtyContainers = true;
        this.syncStats();
        this.schedule();
      }
      this.pendingRefresh.add(event.id);
      this.scheduleRefresh(25);
    }
  }

  private scheduleRefresh(delay: number): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.runRefresh();
    }, delay);
  }

  private scheduleResources(delay: number): void {
    if (this.resourceTimer) return;
    this.resourceTimer = setTimeout(() => {
      this.resourceTimer = undefined;
      void this.relistResources();
    }, delay);
  }

  /**
   * Lists again the kinds that events touched. Images, volumes and networks change rarely and
   * their events carry too little to patch a row, so a re-list of that one kind is the simple way.
   */
  private async relistResources(): Promise<void> {
    const engine = this.client;
    if (!engine || this.connection.status !== 'connected') return;
    const kinds = [...this.pendingResources];
    this.pendingResources.clear();
    const list = {images: () => engine.listImages(), volumes: () => engine.listVolumes(), networks: () => engine.listNetworks()};
    try {
      const lists = await Promise.all(kinds.map((kind) => withTimeout<readonly unknown[]>(list[kind](), 30_000, `listing ${kind}`)));
      const next = {...this.resources};
      kinds.forEach((kind, index) => Object.assign(next, {[kind]: lists[index]}));
      this.resources = next;
      // The containers did not change: their array stays the same, so their rows are not rebuilt.
      this.schedule();
    } catch {
      // The event stream reports a lost engine; a failed list is tried again at the next event.
    }
  }

  /** Reads the containers named by recent events; many at once are cheaper as one list. */
  private async runRefresh(): Promise<void> {
    const engine = this.client;
    if (!engine || this.connection.status !== 'connected') return;
    const ids = [...this.pendingRefresh];
    this.pendingRefresh.clear();
    try {
      if (ids.length > 20) {
        const list = await engine.listContainers();
        this.containers.clear();
        for (const container of list) this.containers.set(container.id, container);
      } else {
        const found = await Promise.all(ids.map((id) => engine.getContainer(id)));
        ids.forEach((id, index) => {
          const container = found[index];
          if (container) this.containers.set(id, container);
          else this.containers.delete(id);
        });
      }
      this.dirtyContainers = true;
      this.syncStats();
      this.schedule();
    } catch {
      // The event stream reports a lost engine; a failed read alone changes nothing.
    }
  }

  /**
   * Forgets the readings of containers that stopped, and makes sure stats are being read: a
   * round soon when none is planned, and with `soon`, a quick reading of the watched
   * containers that have none yet (rows that just came into view).
   */
  private syncStats(soon = false): void {
    if (!this.client || this.stopped) return;
    for (const id of this.stats.keys()) {
      if (this.containers.get(id)?.state !== 'running') {
        this.stats.delete(id);
        this.counters.delete(id);
        this.dirty = true;
      }
    }
    if (soon) void this.readStats(true);
    if (!this.polling && !this.statsTimer) this.statsTimer = setTimeout(() => void this.readStats(), 0);
  }

  /**
   * One round: reads the stats of every watched running container, commits them as one batch,
   * and plans the next round `statsIntervalMs` after this one ended (so a slow engine is asked
   * less often, never more). With `onlyNew`, only those without a reading yet, between rounds. Polling rather than one stream per container: a stream makes the
   * engine collect every second, and every two seconds halves its load for the same rows.
   */
  private async readStats(onlyNew = false): Promise<void> {
    if (!onlyNew) this.statsTimer = undefined;
    const engine = this.client;
    if (!engine || this.stopped || this.connection.status !== 'connected') return;
    if (!onlyNew) this.polling = true;
    const ids = [...(this.watched === 'all' ? this.containers.keys() : this.watched)].filter(
      (id) => this.containers.get(id)?.state === 'running' && !this.reading.has(id) && !(onlyNew && this.counters.has(id)),
    );
    for (const id of ids) this.reading.add(id);
    let changed = false;
    for (let i = 0; i < ids.length; i += STATS_CONCURRENCY) {
      await Promise.all(
        ids.slice(i, i + STATS_CONCURRENCY).map(async (id) => {
          try {
            const reading = await engine.statsOnce(id, this.counters.get(id));
            if (this.stopped || this.containers.get(id)?.state !== 'running') return;
            this.counters.set(id, reading.counters);
            if (reading.stats) {
              this.stats.set(id, reading.stats);
              changed = true;
            }
          } catch {
            // Gone or stopped meanwhile: its event says so; the next round tries again.
          } finally {
            this.reading.delete(id);
          }
        }),
      );
    }
    if (this.stopped) return;
    if (changed) this.schedule(true);
    if (onlyNew) return;
    this.polling = false;
    clearTimeout(this.statsTimer);
    this.statsTimer = setTimeout(() => void this.readStats(), this.options.statsIntervalMs ?? 2000);
  }

  /**
   * Plans a commit. List changes go out within `batchMs`; stats alone wait up to `statsBatchMs`,
   * since a render costs 12–20 ms of CPU and 50 streams bring 50 samples a second.
   */
  private schedule(statsOnly = false): void {
    this.dirty = true;
    const batch = statsOnly ? (this.options.statsBatchMs ?? Math.max(1000, this.options.batchMs ?? 100)) : (this.options.batchMs ?? 100);
    const due = Math.max(Date.now(), this.lastFlush + batch);
    if (this.flushTimer && this.flushDue <= due) return;
    clearTimeout(this.flushTimer);
    this.flushDue = due;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.commit(false);
    }, due - Date.now());
  }

  /** Builds the next snapshot and tells the subscribers. */
  private commit(force: boolean): void {
    if (!force && !this.dirty && !this.dirtyContainers) return;
    this.lastFlush = Date.now();
    this.snapshot = {
      host: this.options.host,
      readOnly: this.options.readOnly,
      connection: this.connection,
      engine: this.info,
      containers: this.dirtyContainers ? [...this.containers.values()] : this.snapshot.containers,
      stats: new Map(this.stats),
      ...this.resources,
      events: this.eventLog.list(),
    };
    this.dirty = false;
    this.dirtyContainers = false;
    for (const listener of this.listeners) listener();
  }
}
