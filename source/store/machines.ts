import {discoverMachines, type DiscoveryInput, type MachineEntry} from '../docker/machines.js';
import {listContainersOnHosts, probeHost, type HostContainers, type ProbeResult} from '../docker/probe.js';
import {saveHosts, type AddedHost, type HostConfig} from '../docker/host-config.js';
import type {HostTarget} from '../docker/types.js';

/** Where a probe of one host stands. */
export type ProbeState = ProbeResult | {state: 'probing'};

/** One row of the Machines pane: the entry and its latest probe. */
export type MachineRow = {
  entry: MachineEntry;
  /** The latest finished probe (kept while the next one runs). */
  probe?: ProbeResult;
  /** A probe of this host is under way. */
  probing: boolean;
  /** This is the host every pane shows. */
  active: boolean;
};

/** One immutable picture of every known host. */
export type MachinesSnapshot = {
  rows: readonly MachineRow[];
  /** Why whalewatch's config file could not be read (nothing is written to it then). */
  configError?: string;
  /** The config file's path. */
  configFile: string;
};

/** What the monitor needs; tests pass their own environment and a short interval. */
export type MachinesOptions = DiscoveryInput & {
  /** Limit of one probe, ms (default 3000). */
  timeoutMs?: number;
  /** Time between probes of a reachable host while the pane is visible, ms (default 15 s). */
  intervalMs?: number;
  probe?: (target: HostTarget, timeoutMs: number) => Promise<ProbeResult>;
};

/** Delay before probing again a host that failed `failures` times: doubling, at most 5 min. */
export function probeBackoff(intervalMs: number, failures: number): number {
  return Math.min(300_000, intervalMs * 2 ** Math.max(0, failures - 1));
}

/**
 * Every Docker host and how each is doing, without React. Hosts are probed in parallel, each
 * within its own time limit, so a host that never answers holds up nobody.
 *
 * A timer is right here, where the store refuses one: a host we are not connected to has no
 * event stream to tell us it came back or went away, so the only way to know is to ask again.
 * It runs only while the pane is visible, and backs off for hosts that keep failing.
 */
export class MachinesMonitor {
  private snapshot: MachinesSnapshot;
  private readonly listeners = new Set<() => void>();
  private entries: MachineEntry[] = [];
  private config?: HostConfig;
  private readonly probes = new Map<string, ProbeResult>();
  private readonly inFlight = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly due = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private visible = false;
  private activeKey?: string;
  private activeTarget?: HostTarget;
  private stopped = false;

  constructor(private readonly options: MachinesOptions = {}) {
    this.snapshot = {rows: [], configFile: ''};
  }

  getSnapshot = (): MachinesSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Says which host is active: by entry key when chosen here, else matched by URL. */
  setActive(target: HostTarget, key?: string): void {
    this.activeTarget = target;
    this.activeKey = key;
    this.commit();
  }

  /** Reads every source again (files only; fast) and probes what is new. */
  discover(): void {
    const found = discoverMachines(this.options);
    this.config = found.config;
    this.entries = found.entries;
    const active = this.activeTarget;
    // A host given by --host/--context that no source lists still gets its row.
    if (active && !this.entries.some((e) => e.target?.url === active.url)) {
      this.entries.unshift({key: `flag:${active.name}`, name: active.name, source: 'flag', url: active.url, target: active, env: [['DOCKER_HOST', active.url]]});
    }
    this.commit();
  }

  /** Probes every host now (`r`), or only those due (the timer). Never waits for them. */
  probeAll(force = true): void {
    const now = Date.now();
    for (const entry of this.entries) {
      if (!entry.target || this.inFlight.has(entry.key)) continue;
      if (!force && (this.due.get(entry.key) ?? 0) > now) continue;
      void this.probeOne(entry.key, entry.target);
    }
    this.commit();
  }

  /** Starts or stops the slow re-probe timer; showing the pane re-reads and probes at once. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    clearInterval(this.timer);
    this.timer = undefined;
    if (!visible || this.stopped) return;
    this.discover();
    this.probeAll(false);
    const interval = this.options.intervalMs ?? 15_000;
    // Ticks at a quarter of the interval so backed-off and fresh hosts are each picked up near their due time.
    this.timer = setInterval(() => this.probeAll(false), Math.max(250, interval / 4));
    this.timer.unref();
  }

  /** The hosts added in whalewatch (to check a new name against). */
  addedHosts(): readonly AddedHost[] {
    return this.config?.hosts ?? [];
  }

  /** Adds a host to the config file and probes it; throws one line when it cannot be saved. */
  addHost(host: AddedHost): void {
    this.discover();
    saveHosts(this.config!, [...this.config!.hosts, host]);
    this.discover();
    this.probeAll(false);
  }

  /** Removes an added host from the config file; throws one line when it cannot be saved. */
  removeHost(name: string): void {
    this.discover();
    saveHosts(this.config!, this.config!.hosts.filter((h) => h.name !== name));
    this.discover();
  }

  /**
   * The reachable hosts, each engine once (a context, an added host and DOCKER_HOST may all
   * reach one engine, by socket or by TLS port), the active one first.
   */
  reachableHosts(): HostTarget[] {
    const seen = new Set<string>();
    const reachable = this.snapshot.rows.filter((r) => r.probe?.state === 'connected' && r.entry.target);
    return [...reachable.filter((r) => r.active), ...reachable.filter((r) => !r.active)].flatMap((r) => {
      const id = r.probe?.state === 'connected' && r.probe.facts.id ? r.probe.facts.id : r.entry.url;
      if (seen.has(id)) return [];
      seen.add(id);
      return [r.entry.target!];
    });
  }

  /** The containers of every reachable host (one read-only list each, in parallel). */
  listAllContainers(hosts: readonly HostTarget[] = this.reachableHosts()): Promise<HostContainers[]> {
    return listContainersOnHosts(hosts, this.options.timeoutMs ?? 3000);
  }

  /** Stops the timer; probes under way end on their own time limit. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async probeOne(key: string, target: HostTarget): Promise<void> {
    this.inFlight.add(key);
    const timeoutMs = this.options.timeoutMs ?? 3000;
    let result: ProbeResult;
    try {
      result = await (this.options.probe ?? probeHost)(target, timeoutMs);
    } catch (error) {
      result = {state: 'unreachable', reason: error instanceof Error ? error.message.split('\n')[0]! : String(error)};
    }
    this.inFlight.delete(key);
    this.probes.set(key, result);
    const interval = this.options.intervalMs ?? 15_000;
    const failures = result.state === 'connected' ? 0 : (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, failures);
    this.due.set(key, Date.now() + (failures === 0 ? interval : probeBackoff(interval, failures)));
    this.commit();
  }

  private isActive(entry: MachineEntry): boolean {
    if (this.activeKey) return entry.key === this.activeKey;
    const target = this.activeTarget;
    if (!target || !entry.target) return false;
    // The first entry with the active URL: the environment's engine before a context of the same.
    return this.entries.find((e) => e.target?.url === target.url) === entry;
  }

  private commit(): void {
    this.snapshot = {
      rows: this.entries.map((entry) => ({entry, probe: this.probes.get(entry.key), probing: this.inFlight.has(entry.key), active: this.isActive(entry)})),
      configError: this.config?.error,
      configFile: this.config?.file ?? '',
    };
    for (const listener of this.listeners) listener();
  }
}
