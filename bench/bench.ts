// The benchmark: whalewatch as a user runs it, at N = 0, 50, 200 and 1,000 containers, measured
// against the budgets of issue 5. bench/run.mjs bundles this file (it reuses the test suite's
// private engine and pseudo-terminal helpers, which are TypeScript) and runs it. It prints a
// table and writes bench/results/last.json, which the next run compares against. It asserts
// nothing: the test suite has no timed assertions.
import {readFileSync, readdirSync, writeFileSync, mkdirSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import Dockerode from 'dockerode';
import {startEngine, cleanStaleInstances, type EngineHandle} from '../test/engine/engine.js';
import {buildFixtureImage} from '../test/engine/global-setup.js';
import {ensureDockerInstalled} from '../test/engine/install.js';
import {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE} from '../test/engine/constants.js';
import {startPty, type PtyApp} from '../test/e2e/pty.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const COUNTS = option('containers') ? option('containers')!.split(',').map(Number) : [0, 50, 200, 1000];
const IDLE_S = Number(option('idle') ?? 20);
const KEYS = Number(option('keys') ?? 30);
const EVENTS = Number(option('events') ?? 6);
const COLUMNS = 120;
const ROWS = 40;
const BENCH_LABEL = 'whalewatch.bench';
const RESULTS = fileURLToPath(new URL('../../bench/results/last.json', import.meta.url));
/** Short names so the NAME column never truncates them: wwb<tag>-0001, renamed wwb<tag>-0001x. */
const TAG = randomBytes(2).toString('hex');
const nameOf = (i: number) => `wwb${TAG}-${String(i).padStart(4, '0')}`;

/** Budgets of issue 5 (medians, 2 cores, 120×40). */
const BUDGETS: Record<number, {firstFrameMs: number; idleCpu: number; rssMB: number; bytesPerSecond: number; keyP50: number; keyP95: number; eventP50: number; engineLoad: number}> = {
  50: {firstFrameMs: 600, idleCpu: 3, rssMB: 90, bytesPerSecond: 2000, keyP50: 20, keyP95: 50, eventP50: 100, engineLoad: 10},
  200: {firstFrameMs: 800, idleCpu: 5, rssMB: 110, bytesPerSecond: 2500, keyP50: 25, keyP95: 60, eventP50: 150, engineLoad: 12},
  1000: {firstFrameMs: 1500, idleCpu: 10, rssMB: 180, bytesPerSecond: 3000, keyP50: 40, keyP95: 100, eventP50: 300, engineLoad: 15},
};

type Figures = {
  containers: number;
  firstFrameMs: number;
  /** Time to the first frame of any kind (the tabs, "connecting"). */
  firstOutputMs: number;
  idleCpuPercent: number;
  peakRssMB: number;
  /** RSS at the end of the idle window. */
  idleRssMB: number;
  bytesPerSecond: number;
  /** Frames written to the terminal per second while idle. */
  framesPerSecond: number;
  keyP50Ms?: number;
  keyP95Ms?: number;
  eventP50Ms?: number;
  engineIdlePercent: number;
  engineWatchedPercent: number;
  engineLoadPercent: number;
  /** Engine load added, by process (dockerd, containerd, shims). */
  engineLoadBy?: Record<string, number>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TICK = 100; // USER_HZ: /proc times are in 1/100 s on Linux.

function stat(pid: number): {ppid: number; comm: string; ticks: number} | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return {ppid: Number(fields[1]), comm: text.slice(text.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12])};
  } catch {
    return undefined;
  }
}
const allPids = () => readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** A process and all its descendants. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const s = stat(pid);
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

/**
 * The engine's own processes: dockerd, containerd and the shims. With our private engine, those
 * whose command line names its directory (shims are re-parented to init, so "descendants of
 * dockerd" would miss them) plus dockerd and its children; with --host, every such process here.
 */
function enginePids(engine: EngineHandle | undefined): number[] {
  const isEngine = (comm: string) => comm === 'dockerd' || comm === 'containerd' || comm.startsWith('containerd-shim');
  const dockerd = engine ? Number(readFileSync(`${engine.dir}/d.pid`, 'utf8').trim()) : undefined;
  const mine = new Set(dockerd ? tree(dockerd) : []);
  return allPids().filter((pid) => {
    const s = stat(pid);
    if (!s || !isEngine(s.comm)) return false;
    return !engine || mine.has(pid) || cmdline(pid).includes(`${engine.dir}/`);
  });
}

/** The kind of engine process, for the breakdown: dockerd, containerd or shims. */
const kindOf = (comm: string) => (comm.startsWith('containerd-shim') ? 'shims' : comm);

/**
 * CPU used by `pids` over `ms`, in % of one core (processes gone by the end count until then),
 * in total and by command (shims together).
 */
async function cpuOver(pids: () => number[], ms: number): Promise<{total: number; by: Record<string, number>}> {
  const before = new Map(pids().map((pid) => [pid, stat(pid)?.ticks ?? 0]));
  const started = performance.now();
  await sleep(ms);
  const seconds = (performance.now() - started) / 1000;
  let total = 0;
  const by: Record<string, number> = {};
  for (const pid of new Set([...before.keys(), ...pids()])) {
    const now = stat(pid);
    if (!now) continue;
    const percent = (100 * (now.ticks - (before.get(pid) ?? 0))) / TICK / seconds;
    total += percent;
    by[kindOf(now.comm)] = (by[kindOf(now.comm)] ?? 0) + percent;
  }
  return {total, by};
}

const rssMB = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};
const hwmMB = (pid: number) => {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/** Runs `work` on every item, `width` at a time. */
async function inBatches<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

let engine: EngineHandle | undefined;
let docker: Dockerode;
const made: string[] = [];
let app: PtyApp | undefined;

async function cleanup(): Promise<void> {
  app?.pty.kill();
  app = undefined;
  const ids = made.splice(0);
  if (ids.length) process.stdout.write(`removing ${ids.length} containers…\n`);
  await inBatches(ids, 25, (id) => docker.getContainer(id).remove({force: true}).catch(() => {}));
  await engine?.stop().catch(() => {});
  engine = undefined;
}
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  process.stdout.write('\ninterrupted: cleaning up (Ctrl-C again to leave at once)\n');
  void cleanup().finally(() => process.exit(130));
});

/** Brings the number of bench containers up to `count`; one in five prints a line every 0.2 s. */
async function ensureContainers(count: number): Promise<void> {
  const missing = Array.from({length: Math.max(0, count - made.length)}, (_, k) => made.length + k);
  const began = performance.now();
  await inBatches(missing, 20, async (i) => {
    const logs = i % 5 === 0;
    const container = await docker.createContainer({
      name: nameOf(i),
      Image: FIXTURE_IMAGE,
      Cmd: logs ? ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.2; done'] : ['sleep', '1000000'],
      Labels: {[BENCH_LABEL]: '1', [TEST_LABEL]: TEST_LABEL_VALUE},
      StopTimeout: 1,
      HostConfig: {NetworkMode: 'none'},
    });
    made[i] = container.id;
    await container.start();
  });
  if (missing.length) process.stdout.write(`  created ${missing.length} containers in ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
}

/** Resolves with the time of the output chunk after which `test` first holds, or undefined on timeout. */
type Watch = {test: () => boolean; resolve: (at: {perf: number; wall: number} | undefined) => void};
const watches = new Set<Watch>();
function when(test: () => boolean, timeoutMs = 5000): Promise<{perf: number; wall: number} | undefined> {
  return new Promise((resolve) => {
    const watch: Watch = {
      test,
      resolve: (at) => {
        watches.delete(watch);
        clearTimeout(timer);
        resolve(at);
      },
    };
    const timer = setTimeout(() => watch.resolve(undefined), timeoutMs);
    watches.add(watch);
  });
}

/** The screen row drawn inverse at column 0 below the tabs and header: the selection. */
function selectedRow(pty: PtyApp): number {
  for (let row = 2; row < ROWS - 3; row++) if (pty.isInverse(row, 0)) return row;
  return -1;
}
const screenText = (pty: PtyApp) => pty.screen().join('\n');

async function measure(count: number): Promise<Figures> {
  process.stdout.write(`\nN = ${count}\n`);
  await ensureContainers(count);
  await sleep(3000);
  const engineIdle = await cpuOver(() => enginePids(engine), IDLE_S * 1000);

  // Start-up is timed over three launches (median): one launch on a shared machine is noise.
  let bytes = 0;
  let frames = 0;
  const starts: Array<{frame: number; output: number}> = [];
  const profile = option('profile');
  const launch = async (last: boolean): Promise<PtyApp> => {
    let firstOutput = NaN;
    const started = performance.now();
    const pty: PtyApp = startPty(['--host', engine?.host ?? option('host')!], {
      columns: COLUMNS,
      rows: ROWS,
      // --profile DIR: a V8 CPU profile of whalewatch per N, for finding where its time goes.
      nodeArgs: [
        ...(option('node-args')?.split(' ').filter(Boolean) ?? []),
        ...(profile && last ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, `--cpu-prof-name=ww-${count}.cpuprofile`] : []),
      ],
      onData: (data) => {
        bytes += Buffer.byteLength(data);
        // Ink wraps each frame it writes in a synchronized update (ESC[?2026h … ESC[?2026l).
        frames += data.split('\u001b[?2026h').length - 1;
        if (Number.isNaN(firstOutput) && data.includes('whalewatch')) firstOutput = performance.now() - started;
        const at = {perf: performance.now(), wall: Date.now()};
        if (watches.size) void pty.settled().then(() => {
          for (const watch of [...watches]) if (watch.test()) watch.resolve(at);
        });
      },
    });
    app = pty;
    const shown = await when(() => (count === 0 ? /0 running \/ 0/.test(screenText(pty)) : screenText(pty).includes(nameOf(0))), 60_000);
    starts.push({frame: shown ? shown.perf - started : NaN, output: firstOutput});
    if (!last) {
      pty.write('q');
      await Promise.race([pty.exited, sleep(3000)]);
      pty.pty.kill();
    }
    return pty;
  };
  await launch(false);
  await launch(false);
  const pty = await launch(true);
  const firstFrameMs = quantile(starts.map((s) => s.frame), 0.5)!;
  const firstOutput = quantile(starts.map((s) => s.output), 0.5)!;

  // Stats streams open and the first samples arrive before idle is measured.
  await sleep(5000);
  const ours = () => tree(pty.pty.pid);
  const bytes0 = bytes;
  const frames0 = frames;
  const t0 = performance.now();
  const [idleCpu, engineWatched] = await Promise.all([cpuOver(ours, IDLE_S * 1000), cpuOver(() => enginePids(engine), IDLE_S * 1000)]);
  const bytesPerSecond = (bytes - bytes0) / ((performance.now() - t0) / 1000);
  const framesPerSecond = (frames - frames0) / ((performance.now() - t0) / 1000);
  if (profile) writeFileSync(`${profile}/screen-${count}.txt`, pty.output());
  const peakRssMB = ours().reduce((sum, pid) => sum + hwmMB(pid), 0);
  const idleRssMB = ours().reduce((sum, pid) => sum + rssMB(pid), 0);

  // Key latency: j or k sent → the selected row moved on screen.
  const keys: number[] = [];
  if (count > 0) {
    for (let k = 0; k < KEYS; k++) {
      await sleep(150);
      await pty.settled();
      const before = selectedRow(pty);
      const key = k < KEYS / 2 ? 'j' : 'k';
      const sent = performance.now();
      const seen = when(() => selectedRow(pty) !== before, 3000);
      pty.write(key);
      const at = await seen;
      keys.push(at ? at.perf - sent : 3000);
    }
  }

  // Event latency: the engine's event time → the screen shows the new name or "exited".
  const events: number[] = [];
  if (count > 0) {
    const stream = (await docker.getEvents({filters: {label: [`${BENCH_LABEL}=1`], event: ['rename', 'die']}})) as NodeJS.ReadableStream;
    const times = new Map<string, number>();
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (!line.trim()) continue;
        const event = JSON.parse(line);
        times.set(`${event.Action}:${event.id}`, event.timeNano / 1e6);
      }
    });
    const targets = Array.from({length: Math.min(EVENTS, count)}, (_, k) => 1 + k);
    for (const [k, i] of targets.entries()) {
      await sleep(300);
      const container = docker.getContainer(made[i]);
      const rename = k % 2 === 0;
      const name = nameOf(i);
      const seen = rename
        ? when(() => screenText(pty).includes(`${name}x`), 5000)
        : when(() => pty.screen().some((line) => line.includes(`${name} `) && line.includes('exited')), 5000);
      if (rename) await container.rename({name: `${name}x`});
      else await container.stop({t: 0});
      const at = await seen;
      const eventAt = times.get(`${rename ? 'rename' : 'die'}:${made[i]}`);
      events.push(at && eventAt ? at.wall - eventAt : 5000);
    }
    (stream as unknown as {destroy(): void}).destroy();
    for (const [k, i] of targets.entries()) {
      const container = docker.getContainer(made[i]);
      if (k % 2 === 0) await container.rename({name: nameOf(i)});
      else await container.start();
    }
  }

  pty.write('q');
  await Promise.race([pty.exited, sleep(3000)]);
  pty.pty.kill();
  app = undefined;
  const round = (n: number | undefined, digits = 0) => (n === undefined ? undefined : Number(n.toFixed(digits)));
  return {
    containers: count,
    firstFrameMs: Math.round(firstFrameMs),
    firstOutputMs: Math.round(firstOutput),
    idleCpuPercent: round(idleCpu.total, 2)!,
    peakRssMB: round(peakRssMB, 1)!,
    idleRssMB: round(idleRssMB, 1)!,
    bytesPerSecond: Math.round(bytesPerSecond),
    framesPerSecond: round(framesPerSecond, 2)!,
    keyP50Ms: round(quantile(keys, 0.5), 1),
    keyP95Ms: round(quantile(keys, 0.95), 1),
    eventP50Ms: round(quantile(events, 0.5)),
    engineIdlePercent: round(engineIdle.total, 2)!,
    engineWatchedPercent: round(engineWatched.total, 2)!,
    engineLoadPercent: round(engineWatched.total - engineIdle.total, 2)!,
    engineLoadBy: Object.fromEntries(Object.entries(engineWatched.by).map(([k, v]) => [k, round(v - (engineIdle.by[k] ?? 0), 2)!])),
  };
}

/** One markdown row per N, with ✗ where a budget is missed. */
function table(all: Figures[], previous: Record<string, Figures>): string {
  const mark = (ok: boolean | undefined) => (ok === false ? ' ✗' : '');
  const lines = [
    '| N | first frame | idle CPU | peak RSS | bytes/s idle | key p50/p95 | event p50 | engine load added |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const f of all) {
    const b = BUDGETS[f.containers];
    const ok = (value: number | undefined, budget: number | undefined) => (value === undefined || budget === undefined ? undefined : value <= budget);
    lines.push(
      `| ${f.containers.toLocaleString('en')} | ${(f.firstFrameMs / 1000).toFixed(2)} s${mark(ok(f.firstFrameMs, b?.firstFrameMs))}` +
        ` | ${f.idleCpuPercent.toFixed(1)} %${mark(ok(f.idleCpuPercent, b?.idleCpu))}` +
        ` | ${f.peakRssMB.toFixed(0)} MB${mark(ok(f.peakRssMB, b?.rssMB))}` +
        ` | ${f.bytesPerSecond.toLocaleString('en')}${mark(ok(f.bytesPerSecond, b?.bytesPerSecond))}` +
        ` | ${f.keyP50Ms === undefined ? '—' : `${f.keyP50Ms.toFixed(0)}/${f.keyP95Ms!.toFixed(0)} ms`}${mark(ok(f.keyP50Ms, b?.keyP50) === false || ok(f.keyP95Ms, b?.keyP95) === false ? false : undefined)}` +
        ` | ${f.eventP50Ms === undefined ? '—' : `${f.eventP50Ms} ms`}${mark(ok(f.eventP50Ms, b?.eventP50))}` +
        ` | ${f.engineLoadPercent.toFixed(1)} % (${f.engineIdlePercent.toFixed(1)} → ${f.engineWatchedPercent.toFixed(1)})${mark(ok(f.engineLoadPercent, b?.engineLoad))} |`,
    );
  }
  const changes: string[] = [];
  for (const f of all) {
    const before = previous[f.containers];
    if (!before) continue;
    const parts = (Object.keys(f) as (keyof Figures)[])
      .filter((k) => k !== 'containers' && k !== 'engineIdlePercent' && k !== 'engineWatchedPercent' && typeof f[k] === 'number' && typeof before[k] === 'number')
      .map((k) => `${k} ${before[k]} → ${f[k]}`);
    changes.push(`N=${f.containers}: ${parts.join(', ')}`);
  }
  return lines.join('\n') + (changes.length ? `\n\nAgainst the previous run:\n${changes.join('\n')}` : '');
}

async function main(): Promise<void> {
  const host = option('host');
  if (host) {
    docker = new Dockerode({socketPath: new URL(host).pathname});
  } else {
    ensureDockerInstalled();
    await cleanStaleInstances();
    engine = await startEngine({tag: `bench-${process.pid}`});
    docker = new Dockerode({socketPath: new URL(engine.host).pathname});
    await buildFixtureImage(docker);
  }
  process.stdout.write(
    `whalewatch bench on ${engine ? `a private engine (${engine.host})` : host}: N = ${COUNTS.join(', ')}; ${COLUMNS}×${ROWS}; ${IDLE_S} s idle windows\n`,
  );
  const all: Figures[] = [];
  try {
    for (const count of [...COUNTS].sort((a, b) => a - b)) {
      all.push(await measure(count));
      process.stdout.write(`  ${JSON.stringify(all.at(-1))}\n`);
    }
  } finally {
    await cleanup();
  }
  let previous: Record<string, Figures> = {};
  try {
    previous = JSON.parse(readFileSync(RESULTS, 'utf8'));
  } catch {}
  process.stdout.write(`\n${table(all, previous)}\n`);
  mkdirSync(new URL('../../bench/results/', import.meta.url), {recursive: true});
  writeFileSync(RESULTS, JSON.stringify({...previous, ...Object.fromEntries(all.map((f) => [f.containers, f]))}, null, 2) + '\n');
}

await main();
process.exit(0);
