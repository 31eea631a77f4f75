/**
 * Our own shapes for what the engine tells us. Nothing outside source/docker/ sees a raw Docker API
 * response: the same names are used in the store, the panes and the UI.
 */
import type {Duplex} from 'node:stream';

/** A published or exposed port of a container. */
export type Port = {
  /** Address on the host, when published. */
  ip?: string;
  /** Port on the host, when published. */
  publicPort?: number;
  privatePort: number;
  type: 'tcp' | 'udp' | 'sctp' | string;
};

/** Container state as the engine names it. */
export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** Health as reported by a HEALTHCHECK, when the image has one. */
export type Health = 'healthy' | 'unhealthy' | 'starting' | undefined;

/** One container in the list. */
export type Container = {
  id: string;
  /** Name without the leading slash. */
  name: string;
  image: string;
  state: ContainerState;
  health: Health;
  /** The engine's human status, e.g. "Up 3 minutes (healthy)". */
  status: string;
  /** Creation time, seconds since the epoch. */
  created: number;
  /** Start time of a running container, estimated from `status` when it was read (seconds). */
  startedAt?: number;
  ports: Port[];
  labels: Record<string, string>;
  /** Compose project from the label `com.docker.compose.project`, when there is one. */
  project?: string;
  /** Id (sha256:…) of the image it runs, to count an image's containers. */
  imageId: string;
  /** What is mounted into it: named volumes by name, binds by source path. */
  mounts: Mount[];
  /** Names of the networks it is attached to. */
  networks: string[];
};

/** A mount of a container. */
export type Mount = {
  type: 'volume' | 'bind' | 'tmpfs' | string;
  /** Volume name, for volumes. */
  name?: string;
  source: string;
  destination: string;
};

/** One image; it may carry several tags or none (dangling). */
export type Image = {
  /** sha256:… */
  id: string;
  /** repo:tag references; empty for a dangling image. */
  tags: string[];
  digests: string[];
  /** Seconds since the epoch. */
  created: number;
  /** Bytes. */
  size: number;
  labels: Record<string, string>;
};

/** One volume. */
export type Volume = {
  name: string;
  driver: string;
  mountpoint: string;
  scope: string;
  /** Seconds since the epoch, when the engine says. */
  created?: number;
  labels: Record<string, string>;
  options: Record<string, string>;
};

/** One network. */
export type Network = {
  id: string;
  name: string;
  driver: string;
  scope: string;
  /** Subnets of its IPAM config, CIDR. */
  subnets: string[];
  internal: boolean;
  /** Seconds since the epoch. */
  created?: number;
  labels: Record<string, string>;
};

/** One stats reading of a running container, computed as `docker stats` does. */
export type Stats = {
  /** CPU use in percent of one core (can exceed 100 on several cores), as `docker stats`. */
  cpuPercent: number;
  /** Memory in use, bytes, without the inactive file cache. */
  memUsage: number;
  /** Memory limit, bytes. */
  memLimit: number;
  memPercent: number;
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
};

/**
 * The CPU counters of one stats reading: what the next reading of the same container is compared
 * with when polling (a one-shot reading carries no previous one).
 */
export type StatsCounters = {
  /** Nanoseconds of CPU the container used since it started. */
  readonly cpuTotal: number;
  /** Nanoseconds of CPU the host used since boot (all CPUs). */
  readonly systemTotal: number;
  readonly onlineCpus: number;
};

/** One polled reading: the figures (none when there is nothing to compare with yet) and its counters. */
export type StatsReading = {stats?: Stats; counters: StatsCounters};

/** What the engine says of itself. */
export type EngineInfo = {
  version: string;
  apiVersion: string;
  os?: string;
};

/** A Docker event, reduced to what the store uses. */
export type EngineEvent = {
  type: string;
  action: string;
  id: string;
  /** Attributes, e.g. name and image of a container. */
  attributes: Record<string, string>;
  /** Nanoseconds since the epoch. */
  timeNano: number;
};

/** Where an engine is and how to reach it, resolved as the docker CLI does it. */
export type HostTarget = {
  /** Short name to show: the context name, "default", or the URL's host. */
  name: string;
  /** Endpoint URL: unix:///…, tcp://host:port, ssh://user@host:port. */
  url: string;
  /** Where this host came from, to say in the status bar and in errors. */
  source: '--host' | 'DOCKER_HOST' | '--context' | 'DOCKER_CONTEXT' | 'config' | 'default' | 'context' | 'machine' | 'added';
  /** TLS material for tcp, read from files when resolving. */
  tls?: {ca?: string; cert?: string; key?: string; verify: boolean};
  /** For ssh://: a private key file to use (else ~/.ssh/config's IdentityFile, the default keys and the agent). */
  ssh?: {identityFile?: string};
};

/** One layer of `docker history`, newest first as the engine lists them. */
export type ImageLayer = {
  /** sha256:… of the layer's image, or '<missing>' when the engine says so (pulled layers). */
  id: string;
  /** Seconds since the epoch. */
  created: number;
  /** The instruction that made it, e.g. "/bin/sh -c #(nop)  LABEL a=1" (raw: sanitize to show). */
  createdBy: string;
  /** Bytes this layer adds. */
  size: number;
  /** repo:tag references that point at this layer's image. */
  tags: string[];
  comment: string;
};

/** One layer's pull state. */
export type PullLayer = {
  /** Short layer id as the engine prints it (12 hex). */
  id: string;
  /** e.g. 'Pulling fs layer', 'Waiting', 'Downloading', 'Extracting', 'Pull complete', 'Already exists'. */
  status: string;
  /** Bytes fetched so far; never goes back (Extracting keeps the downloaded count). */
  current: number;
  /** Bytes of the layer; 0 when unknown. */
  total: number;
};

/** Where a pull is: per layer and in total. */
export type PullProgress = {
  /** In first-seen order. */
  layers: PullLayer[];
  /** Sum of `current` over the layers whose total is known. */
  current: number;
  /** Sum of `total` over the layers whose total is known. */
  total: number;
  /** Last overall status line, e.g. 'Pulling from library/x', 'Digest: sha256:…', 'Status: Downloaded newer image for …' (raw). */
  status: string;
  /** The pull has finished (the engine's final 'Status:' line, or the end of the stream). */
  done: boolean;
  /** The engine's error message when the stream reported one (the pull then rejects with it). */
  error?: string;
};

/** One line of `docker system df`: how many, how many in use, bytes, bytes a prune could free. */
export type DiskUsageRow = {count: number; active: number; size: number; reclaimable: number};

/** What `docker system df` shows, computed as the docker CLI does (see disk-usage.ts). */
export type DiskUsage = {
  images: DiskUsageRow;
  containers: DiskUsageRow;
  volumes: DiskUsageRow;
  buildCache: DiskUsageRow;
  /** Bytes per volume name; -1 when the engine could not tell. */
  volumeSizes: Map<string, number>;
};

/** Narrows a prune to what carries these labels (`key` or `key=value`, all must match), as `--filter label=…`. */
export type PruneFilters = {label?: string[]};

/** What a system prune would remove, by name (images by their first tag, else a short id). */
export type PrunePlan = {containers: string[]; images: string[]; networks: string[]; volumes: string[]};

/** What a system prune removed: counts, and the bytes the engine says it freed. */
export type SystemPruneResult = {containers: number; images: number; networks: number; volumes: number; buildCache: number; reclaimed: number};

/**
 * An interactive TTY session in a container (an exec'd shell or an attached `-it` process):
 * raw terminal bytes both ways on `stream` (no demultiplexing, the engine runs a TTY).
 */
export type TerminalSession = {
  /** Write keystrokes, read what the terminal shows; ends when the process's terminal closes. */
  stream: Duplex;
  /** Tells the engine the terminal's size. Never rejects: the process may have exited already. */
  resize(columns: number, rows: number): Promise<void>;
  /** Resolves once the stream has ended, with the process's exit code when the engine tells it. */
  wait(): Promise<{exitCode?: number}>;
};
