/**
 * `docker stats` figures from the engine's stats JSON, computed exactly as the docker CLI does
 * (cli/command/container/stats_helpers.go): CPU% from the deltas between two readings, memory
 * without the inactive file cache, network and block I/O summed. Pure: no dockerode here, the
 * stream lives elsewhere and feeds samples in.
 */
import type {Stats, StatsCounters, StatsReading} from './types.js';

/** CPU counters of one reading, as the engine sends them (only the fields we use). */
export type RawCpuStats = {
  cpu_usage?: {
    /** Nanoseconds of CPU used by the container since it started. */
    total_usage?: number;
    /** Per-CPU counters; cgroup v1 only, and gone in newer engines. */
    percpu_usage?: number[] | null;
  };
  /** Nanoseconds of CPU used by the whole host since boot (all CPUs). Absent in an empty precpu. */
  system_cpu_usage?: number;
  online_cpus?: number;
};

/** One sample of GET /containers/{id}/stats (Linux engines; only the fields we use). */
export type RawStats = {
  read?: string;
  preread?: string;
  cpu_stats?: RawCpuStats;
  /** The engine's previous reading; empty in the first sample of a stream. */
  precpu_stats?: RawCpuStats;
  memory_stats?: {
    usage?: number;
    limit?: number;
    /** cgroup v1: cache, total_inactive_file, …; cgroup v2: anon, file, inactive_file, … */
    stats?: Record<string, number>;
  };
  networks?: Record<string, {rx_bytes?: number; tx_bytes?: number}>;
  blkio_stats?: {
    /** "Read"/"Write"/"Sync"/… on cgroup v1, "read"/"write" on cgroup v2; null when empty. */
    io_service_bytes_recursive?: Array<{major?: number; minor?: number; op?: string; value?: number}> | null;
  };
  pids_stats?: {current?: number; limit?: number};
};

/**
 * CPU use in percent of one CPU between two readings: Δcontainer / Δsystem × online CPUs × 100
 * (online_cpus, else the length of percpu_usage, as the CLI). 0 when either delta is not
 * positive. Can exceed 100 on several CPUs.
 */
export function cpuPercent(cur: RawCpuStats, prev: RawCpuStats): number {
  const cpuDelta = (cur.cpu_usage?.total_usage ?? 0) - (prev.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cur.system_cpu_usage ?? 0) - (prev.system_cpu_usage ?? 0);
  let online = cur.online_cpus ?? 0;
  if (online === 0) online = cur.cpu_usage?.percpu_usage?.length ?? 0;
  if (systemDelta > 0 && cpuDelta > 0) return (cpuDelta / systemDelta) * online * 100;
  return 0;
}

/**
 * Memory in use without the page cache that could be dropped, as `docker stats`: usage minus
 * `total_inactive_file` on cgroup v1 (its presence is how the CLI tells v1), else minus
 * `inactive_file` (cgroup v2), when that is smaller than usage.
 */
export function memUsage(mem: RawStats['memory_stats']): number {
  const usage = mem?.usage ?? 0;
  const stats = mem?.stats ?? {};
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats.inactive_file ?? 0;
  if (v2 < usage) return usage - v2;
  return usage;
}

/** Memory use in percent of the limit; 0 when there is no limit reading (container not running). */
export function memPercent(usage: number, limit: number): number {
  return limit !== 0 ? (usage / limit) * 100 : 0;
}

/** Bytes received and sent, summed over all interfaces. */
export function networkIO(networks: RawStats['networks']): {rx: number; tx: number} {
  let rx = 0;
  let tx = 0;
  for (const net of Object.values(networks ?? {})) {
    rx += net.rx_bytes ?? 0;
    tx += net.tx_bytes ?? 0;
  }
  return {rx, tx};
}

/**
 * Bytes read and written, summed over devices. Like the CLI, an op counts as a read or a write by
 * its first letter, whatever its case ("Read" on v1, "read" on v2); Sync/Async/Total/Discard are
 * not counted.
 */
export function blockIO(blkio: RawStats['blkio_stats']): {read: number; write: number} {
  let read = 0;
  let write = 0;
  for (const entry of blkio?.io_service_bytes_recursive ?? []) {
    const first = entry.op?.[0];
    if (first === 'r' || first === 'R') read += entry.value ?? 0;
    else if (first === 'w' || first === 'W') write += entry.value ?? 0;
  }
  return {read, write};
}

/**
 * Our {@link Stats} from one engine sample, or undefined when there is nothing to compare the CPU
 * counters with: the first sample of a stream has an empty precpu_stats, and a stopped
 * container's sample has all counters at 0. `previous` (our last sample of the same container)
 * stands in for an empty precpu_stats, e.g. when polling with stream=false.
 */
export function toStats(sample: RawStats, previous?: RawStats): Stats | undefined {
  const cur = sample.cpu_stats;
  if (!cur) return undefined;
  const pre = sample.precpu_stats;
  const prev = pre && (pre.system_cpu_usage ?? 0) > 0 ? pre : previous?.cpu_stats;
  if (!prev) return undefined;
  if ((cur.system_cpu_usage ?? 0) - (prev.system_cpu_usage ?? 0) <= 0) return undefined;

  const usage = memUsage(sample.memory_stats);
  const limit = sample.memory_stats?.limit ?? 0;
  const net = networkIO(sample.networks);
  const blk = blockIO(sample.blkio_stats);
  return {
    cpuPercent: cpuPercent(cur, prev),
    memUsage: usage,
    memLimit: limit,
    memPercent: memPercent(usage, limit),
    netRx: net.rx,
    netTx: net.tx,
    blockRead: blk.read,
    blockWrite: blk.write,
    pids: sample.pids_stats?.current ?? 0,
  };
}

/** The CPU counters of a sample, kept to compare the next one-shot reading with. */
export function countersOf(sample: RawStats): StatsCounters {
  const cpu = sample.cpu_stats;
  return {
    cpuTotal: cpu?.cpu_usage?.total_usage ?? 0,
    systemTotal: cpu?.system_cpu_usage ?? 0,
    onlineCpus: cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 0,
  };
}

/**
 * A polled reading: figures from the sample's own precpu_stats when it has them (stream=false
 * without one-shot), else from our previous counters (one-shot), else none yet.
 */
export function toReading(sample: RawStats, previous?: StatsCounters): StatsReading {
  const before: RawStats | undefined = previous && {
    cpu_stats: {cpu_usage: {total_usage: previous.cpuTotal}, system_cpu_usage: previous.systemTotal, online_cpus: previous.onlineCpus},
  };
  return {stats: toStats(sample, before), counters: countersOf(sample)};
}
