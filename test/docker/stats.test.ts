import {describe, it, expect} from 'vitest';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {cpuPercent, memUsage, memPercent, networkIO, blockIO, toStats, toReading, countersOf, type RawStats} from '../../source/docker/stats.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8');

/**
 * Three consecutive samples streamed by dockerd 20.10 (cgroup v1) for a busybox container
 * `statsy` running a shell loop: `curl --unix-socket … /containers/statsy/stats | head -n 3`.
 * `docker stats --no-stream statsy` at the same time printed
 * "0.13%  708KiB / 23.54GiB  0.00%  1.02kB / 0B  0B / 0B  2".
 */
const v1: RawStats[] = fixture('stats-cgroup-v1.ndjson')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as RawStats);

describe('toStats on recorded cgroup v1 samples', () => {
  it('skips the first streamed sample: its precpu_stats is empty', () => {
    expect(v1[0].precpu_stats?.system_cpu_usage).toBeUndefined();
    expect(toStats(v1[0])).toBeUndefined();
  });

  it('computes the second sample as docker stats does', () => {
    // Read by hand from the fixture:
    //   cpu  total_usage 160434551 − 158762424 = 1672127 ns
    //   system_cpu_usage 7896210000000 − 7894220000000 = 1990000000 ns, online_cpus 2
    //   mem  usage 843776 − total_inactive_file 32768 = 811008, limit 25276063744
    const s = toStats(v1[1])!;
    expect(s.cpuPercent).toBeCloseTo((1672127 / 1990000000) * 2 * 100, 10);
    expect(s.cpuPercent).toBeCloseTo(0.168, 3);
    expect(s.memUsage).toBe(811008);
    expect(s.memLimit).toBe(25276063744);
    expect(s.memPercent).toBeCloseTo((811008 / 25276063744) * 100, 12);
    expect(s.netRx).toBe(1016);
    expect(s.netTx).toBe(0);
    expect(s.blockRead).toBe(0); // this engine's containers report no blkio (empty list)
    expect(s.blockWrite).toBe(0);
    expect(s.pids).toBe(2);
  });

  it('computes the third sample, same order of magnitude as the CLI printed', () => {
    //   cpu 161920799 − 160434551 = 1486248 over 2000000000, × 2 CPUs → 0.1486 % (CLI: 0.13 %)
    //   mem 753664 − 32768 = 720896 = 704 KiB (CLI: 708KiB a moment later)
    const s = toStats(v1[2])!;
    expect(s.cpuPercent).toBeCloseTo((1486248 / 2000000000) * 2 * 100, 10);
    expect(s.cpuPercent).toBeGreaterThan(0.05);
    expect(s.cpuPercent).toBeLessThan(0.5);
    expect(s.memUsage).toBe(720896);
    expect(s.memPercent).toBeLessThan(0.005); // CLI: 0.00%
  });

  it('uses our previous sample when the engine gives no precpu (polling)', () => {
    const s = toStats(v1[0], undefined);
    expect(s).toBeUndefined();
    const first = v1[0];
    const withoutPre: RawStats = {...v1[1], precpu_stats: {cpu_usage: {total_usage: 0}}};
    const t = toStats(withoutPre, first)!;
    expect(t.cpuPercent).toBeCloseTo(toStats(v1[1])!.cpuPercent, 12);
  });
});

describe('toReading: polled one-shot readings compared with our own counters', () => {
  // A one-shot answer has an empty precpu_stats, like the first streamed sample.
  const oneShot = (sample: RawStats): RawStats => ({...sample, precpu_stats: {cpu_usage: {total_usage: 0}}});

  it('has no figures for a first one-shot reading, only its counters', () => {
    const reading = toReading(oneShot(v1[1]));
    expect(reading.stats).toBeUndefined();
    expect(reading.counters).toEqual(countersOf(v1[1]));
  });

  it('compares the next one-shot reading with the counters kept from the last, as docker stats', () => {
    const second = toReading(oneShot(v1[1]), countersOf(v1[0]));
    expect(second.stats?.cpuPercent).toBeCloseTo(toStats(v1[1])!.cpuPercent, 12);
    expect(second.stats?.memUsage).toBe(toStats(v1[1])!.memUsage);
  });

  it('uses the engine\'s own precpu when a stream=false answer carries it', () => {
    expect(toReading(v1[2]).stats?.cpuPercent).toBeCloseTo(toStats(v1[2])!.cpuPercent, 12);
  });
});

describe('toStats on a cgroup v2 sample (constructed from the documented shape)', () => {
  const v2 = JSON.parse(fixture('stats-cgroup-v2.json')) as RawStats;

  it('uses inactive_file, sums block I/O by lower-case op and all interfaces', () => {
    const s = toStats(v2)!;
    // (750000000 − 500000000) / (20004000000000 − 20000000000000) × 4 × 100 = 25 %
    expect(s.cpuPercent).toBeCloseTo(25, 10);
    // 10485760 − 2097152 = 8 MiB of a 2 GiB limit = 0.390625 %
    expect(s.memUsage).toBe(8 * 1024 * 1024);
    expect(s.memLimit).toBe(2 * 1024 ** 3);
    expect(s.memPercent).toBeCloseTo(0.390625, 12);
    expect(s.netRx).toBe(5300);
    expect(s.netTx).toBe(720);
    expect(s.blockRead).toBe(4097000);
    expect(s.blockWrite).toBe(1024);
    expect(s.pids).toBe(7);
  });
});

describe('the formulas on their own', () => {
  it('cpuPercent: 0 when a delta is not positive', () => {
    const a = {cpu_usage: {total_usage: 100}, system_cpu_usage: 1000, online_cpus: 1};
    expect(cpuPercent(a, a)).toBe(0);
    expect(cpuPercent(a, {cpu_usage: {total_usage: 200}, system_cpu_usage: 500})).toBe(0); // counter went back
    expect(cpuPercent({...a, system_cpu_usage: 500}, {cpu_usage: {total_usage: 50}, system_cpu_usage: 600})).toBe(0);
  });

  it('cpuPercent: lazydocker fixture; the CLI multiplies by the CPU count, 0 CPUs known gives 0', () => {
    // lazydocker pkg/commands/container_stats_test.go: total 5→10, system 2→10 ⇒ 62.5 (no CPU count).
    const prev = {cpu_usage: {total_usage: 5}, system_cpu_usage: 2};
    expect(cpuPercent({cpu_usage: {total_usage: 10}, system_cpu_usage: 10, online_cpus: 1}, prev)).toBe(62.5);
    expect(cpuPercent({cpu_usage: {total_usage: 10}, system_cpu_usage: 10}, prev)).toBe(0);
  });

  it('cpuPercent: falls back to the percpu_usage length when online_cpus is missing', () => {
    const cur = {cpu_usage: {total_usage: 10, percpu_usage: [1, 2, 3, 4]}, system_cpu_usage: 10};
    expect(cpuPercent(cur, {cpu_usage: {total_usage: 5}, system_cpu_usage: 2})).toBe(250);
  });

  it('memUsage: v1 key wins when present and smaller; falls back to usage', () => {
    expect(memUsage({usage: 1000, stats: {total_inactive_file: 100, inactive_file: 300}})).toBe(900);
    // v1 key present but not smaller than usage: the CLI goes on to the v2 rule.
    expect(memUsage({usage: 1000, stats: {total_inactive_file: 2000, inactive_file: 300}})).toBe(700);
    expect(memUsage({usage: 1000, stats: {inactive_file: 1000}})).toBe(1000);
    expect(memUsage({usage: 1000})).toBe(1000);
    expect(memUsage(undefined)).toBe(0);
  });

  it('memPercent: 0 without a limit', () => {
    expect(memPercent(100, 0)).toBe(0);
    expect(memPercent(50, 200)).toBe(25);
  });

  it('networkIO and blockIO tolerate missing parts; blockIO matches ops by first letter', () => {
    expect(networkIO(undefined)).toEqual({rx: 0, tx: 0});
    expect(blockIO({io_service_bytes_recursive: null})).toEqual({read: 0, write: 0});
    const v1Ops = ['Read', 'Write', 'Sync', 'Async', 'Discard', 'Total'].map((op, i) => ({major: 8, minor: 0, op, value: (i + 1) * 10}));
    expect(blockIO({io_service_bytes_recursive: [...v1Ops, {op: 'read', value: 1}, {op: '', value: 99}]})).toEqual({read: 11, write: 20});
  });

  it('toStats: a stopped container (all zeros) gives undefined', () => {
    const zero: RawStats = {
      read: '0001-01-01T00:00:00Z',
      cpu_stats: {cpu_usage: {total_usage: 0}, system_cpu_usage: 0},
      precpu_stats: {cpu_usage: {total_usage: 0}, system_cpu_usage: 0},
      memory_stats: {},
    };
    expect(toStats(zero)).toBeUndefined();
    expect(toStats({})).toBeUndefined();
  });
});
