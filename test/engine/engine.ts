// A private dockerd for the test suite, so tests never touch the engine (and the containers) of
// whoever runs them. Everything it owns lives in /tmp/ww-<hex6>/ and on a bridge named ww<hex6>:
// the shared suffix lets a later run find and remove what a killed run left behind.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import {join} from 'node:path';

/** A running (or restartable) private engine. */
export interface EngineHandle {
  /** Docker host URL, e.g. `unix:///tmp/ww-1a2b3c/d.sock`. */
  host: string;
  /** The instance directory `/tmp/ww-<hex6>` holding socket, data, exec root, pidfile and log. */
  dir: string;
  /** Stops dockerd (SIGTERM, SIGKILL after 20 s), removes its bridge and its directory. */
  stop(): Promise<void>;
  /** Stops dockerd only, keeping data, bridge and directory: for restart tests. */
  kill(): Promise<void>;
  /** Starts dockerd again on the same directories and waits until it answers. */
  start(): Promise<void>;
}

/** Parent of every instance directory; only entries named `ww-<hex6>` are ever touched. */
const TMP = '/tmp';
const INSTANCE_RE = /^ww-([0-9a-f]{6})$/;
const BRIDGE_RE = /^ww([0-9a-f]{6})$/;
const PING_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 20_000;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Paths of one instance, all derived from its hex suffix. */
function layout(hex: string) {
  const dir = join(TMP, `ww-${hex}`);
  return {
    dir,
    bridge: `ww${hex}`,
    sock: join(dir, 'd.sock'),
    data: join(dir, 'data'),
    exec: join(dir, 'exec'),
    pidfile: join(dir, 'd.pid'),
    log: join(dir, 'dockerd.log'),
    config: join(dir, 'daemon.json'),
    owner: join(dir, 'owner'),
  };
}
type Layout = ReturnType<typeof layout>;

/** Runs a command synchronously; returns whether it succeeded (stderr kept for error messages). */
function sh(cmd: string, args: string[]): {ok: boolean; out: string; err: string} {
  const r = spawnSync(cmd, args, {encoding: 'utf8'});
  return {ok: r.status === 0, out: r.stdout ?? '', err: (r.stderr ?? '') + (r.error ? String(r.error) : '')};
}

/** Process start time (clock ticks since boot), so a reused pid is not mistaken for the owner. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) may contain spaces, so count from the closing paren.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // An exited child stays a zombie until node reaps it, which a blocking wait never lets happen.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Blocks the thread. The cleanup below is synchronous so that it can also run from a process
 * 'exit' hook (vitest exits right away on Ctrl-C, without its globalSetup teardown).
 */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** True when the owner recorded in `file` (pid, then start time) is still the same live process. */
function ownerAlive(file: string): boolean {
  const [pidText, started] = readFileSync(file, 'utf8').split('\n');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return false;
  return !started || startTime(pid) === started;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function waitGone(pid: number, ms: number): boolean {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    sleepSync(50);
  }
  return !alive(pid);
}

/** SIGTERM, wait, SIGKILL. Returns once the process is gone (or could not be killed). */
function terminate(pid: number, graceMs: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (waitGone(pid, graceMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
  waitGone(pid, 5_000);
}

/**
 * Kills what an instance leaves running when its dockerd died without shutting down: container
 * processes (found through the cgroups of the container ids in its data root) and its containerd
 * and shims (their command lines name the instance dir). Targets only this instance's processes.
 */
function sweepProcesses(l: Layout): void {
  let ids: string[] = [];
  try {
    ids = readdirSync(join(l.data, 'containers')).filter(id => /^[0-9a-f]{64}$/.test(id));
  } catch {}
  // cgroupfs driver: cgroup v1 puts containers under <controller>/docker/<id>, v2 under docker/<id>.
  const cgroupDirs = ids.flatMap(id => containerCgroups(id));
  const needle = l.dir + '/';
  // Repeat: a shell in a container may fork between reading the list and the kill.
  for (let round = 0; round < 10; round++) {
    const pids = new Set<number>();
    for (const dir of cgroupDirs) {
      try {
        for (const p of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n')) if (p) pids.add(Number(p));
      } catch {}
    }
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (Number.isInteger(pid) && pid !== process.pid && cmdline(pid).includes(needle)) pids.add(pid);
    }
    if (pids.size === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    for (const pid of pids) waitGone(pid, 5_000);
  }
  // Empty cgroups left by a dockerd that died before removing them.
  for (const dir of cgroupDirs) {
    try {
      rmdirSync(dir);
    } catch {}
  }
}

/** The cgroup directories (any controller, v1 or v2) of one container of the cgroupfs driver. */
function containerCgroups(id: string): string[] {
  const dirs: string[] = [];
  const root = '/sys/fs/cgroup';
  if (existsSync(join(root, 'docker', id))) dirs.push(join(root, 'docker', id));
  try {
    for (const controller of readdirSync(root)) {
      const dir = join(root, controller, 'docker', id);
      if (existsSync(dir)) dirs.push(dir);
    }
  } catch {}
  return dirs;
}

/** Mount points at or below `dir`, deepest first (mountinfo escapes spaces etc. as octal). */
function mountsUnder(dir: string): string[] {
  const points = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map(line => line.split(' ')[4])
    .filter((p): p is string => Boolean(p))
    .map(p => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter(p => p === dir || p.startsWith(dir + '/'));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/** Unmounts everything under the dir (overlay layers, shm, netns, the data-root bind), lazily if busy. */
function unmountAll(dir: string): void {
  for (const point of mountsUnder(dir)) {
    if (!sh('umount', [point]).ok) sh('umount', ['-l', point]);
  }
  // A second pass for anything a shared mount propagated back while we were unmounting.
  for (const point of mountsUnder(dir)) sh('umount', ['-R', '-l', point]);
}

function removeBridge(name: string): void {
  if (existsSync(`/sys/class/net/${name}`)) sh('ip', ['link', 'del', name]);
}

/** Removes everything of an instance whose dockerd is already gone. */
function removeInstance(l: Layout): void {
  sweepProcesses(l);
  unmountAll(l.dir);
  removeBridge(l.bridge);
  rmSync(l.dir, {recursive: true, force: true, maxRetries: 3});
}

/** 10.x.y.0/24 networks already in use here (addresses and routes), as "x.y". */
function usedTenNets(): Set<string> {
  const text = sh('ip', ['-4', '-o', 'addr']).out + sh('ip', ['-4', 'route']).out;
  const used = new Set<string>();
  for (const m of text.matchAll(/\b10\.(\d+)\.(\d+)\.\d+/g)) used.add(`${m[1]}.${m[2]}`);
  return used;
}

/** Creates the instance's bridge with a free 10.x.y.1/24 and brings it up. */
function createBridge(l: Layout): void {
  if (existsSync(`/sys/class/net/${l.bridge}`)) return;
  const used = usedTenNets();
  let net: string | undefined;
  for (let i = 0; i < 200 && !net; i++) {
    // 10.100–10.249 keeps clear of the low 10.0.x nets that clouds and VPNs tend to use.
    const candidate = `${100 + Math.floor(Math.random() * 150)}.${Math.floor(Math.random() * 256)}`;
    if (!used.has(candidate)) net = candidate;
  }
  if (!net) throw new Error('whalewatch test engine: no free 10.x.y.0/24 network for its bridge');
  for (const args of [
    ['link', 'add', l.bridge, 'type', 'bridge'],
    ['addr', 'add', `10.${net}.1/24`, 'dev', l.bridge],
    ['link', 'set', l.bridge, 'up'],
  ]) {
    const r = sh('ip', args);
    if (!r.ok) throw new Error(`whalewatch test engine: ip ${args.join(' ')} failed: ${r.err.trim()}`);
  }
}

function logTail(l: Layout, lines = 15): string {
  try {
    return readFileSync(l.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no dockerd log)';
  }
}

/** GET /_ping on the unix socket; resolves true on "OK". */
function ping(sock: string): Promise<boolean> {
  return new Promise(resolve => {
    const req = http.get({socketPath: sock, path: '/_ping', timeout: 2_000}, res => {
      let body = '';
      res.on('data', chunk => (body += chunk));
      res.on('end', () => resolve(res.statusCode === 200 && body === 'OK'));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/**
 * Removes every /tmp/ww-<hex6> instance whose owner process is gone (a killed or crashed test run):
 * its dockerd (from its pidfile, checked to really be that instance's dockerd), containerd, shims and
 * container processes, its mounts, its bridge ww<hex6> and the directory; also ww<hex6> bridges
 * whose directory is already gone. Instances of live owners and any other path are left alone.
 * Returns the directories it removed.
 */
export async function cleanStaleInstances(): Promise<string[]> {
  const removed: string[] = [];
  for (const name of readdirSync(TMP)) {
    const m = INSTANCE_RE.exec(name);
    if (!m) continue;
    const l = layout(m[1]);
    try {
      if (ownerAlive(l.owner)) continue;
    } catch {
      // No owner file yet: the instance may be being created this instant; only old ones are stale.
      try {
        if (Date.now() - statSync(l.dir).mtimeMs < 60_000) continue;
      } catch {
        continue;
      }
    }
    const pid = readPid(l.pidfile);
    // A pidfile can outlive its daemon and the pid be reused: kill only a dockerd of this dir.
    if (pid && cmdline(pid).includes(l.sock)) terminate(pid, STOP_GRACE_MS);
    removeInstance(l);
    removed.push(l.dir);
  }
  for (const name of readdirSync('/sys/class/net')) {
    const m = BRIDGE_RE.exec(name);
    // The dir is created before the bridge and removed after it: a bridge without its dir is stale.
    if (m && !existsSync(layout(m[1]).dir)) removeBridge(name);
  }
  return removed;
}

/** Makes a fresh /tmp/ww-<hex6> (mkdir fails if taken, so two runs never share one). */
function makeInstanceDir(): Layout {
  for (;;) {
    const l = layout(randomBytes(3).toString('hex'));
    try {
      mkdirSync(l.dir, {mode: 0o700});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    // Owner first, so cleanStaleInstances of a concurrent run sees it as alive.
    writeFileSync(l.owner, `${process.pid}\n${startTime(process.pid) ?? ''}\n`);
    return l;
  }
}

/**
 * Starts a private dockerd in a fresh /tmp/ww-<hex6>/ (socket d.sock, data and exec roots, pidfile,
 * log dockerd.log, an `owner` file with this process's pid) on its own bridge, and waits until it
 * answers /_ping (60 s at most; then it throws with the end of the dockerd log, having cleaned up).
 * `args` are added to dockerd's (another -H with TLS, say).
 * `tag` only labels the instance (written to its `tag` file) to tell runs apart when debugging.
 */
export async function startEngine(opts: {tag?: string; args?: string[]} = {}): Promise<EngineHandle> {
  const l = makeInstanceDir();
  if (opts.tag) writeFileSync(join(l.dir, 'tag'), `${opts.tag}\n`);
  // Our own (empty) config file: a system /etc/docker/daemon.json (hosts, data-root…) would clash.
  writeFileSync(l.config, '{}\n');
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async () => {
    createBridge(l);
    const log = openSync(l.log, 'a');
    try {
      child = spawn(
        'dockerd',
        [
          '-H', `unix://${l.sock}`,
          '--config-file', l.config,
          '--data-root', l.data,
          '--exec-root', l.exec,
          '--pidfile', l.pidfile,
          '--bridge', l.bridge,
          // Never --bridge=none: here it deleted the other engine's docker0.
          '--iptables=false',
          '--ip-masq=false',
          // Own containerd namespaces: if a system containerd is running, dockerd shares it, and two
          // engines in one namespace would clean up each other's containers.
          '--containerd-namespace', l.bridge,
          '--containerd-plugins-namespace', `${l.bridge}-plugins`,
          // Bounds how long a shutdown waits for containers that ignore SIGTERM (busybox sh as pid 1).
          '--shutdown-timeout', '3',
          // More listeners, e.g. `-H tcp://127.0.0.1:PORT --tlsverify …` (the unix socket stays).
          ...(opts.args ?? []),
        ],
        // Own process group: a Ctrl-C of the test run must not kill dockerd before teardown runs.
        {detached: true, stdio: ['ignore', log, log], env: {...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin`}},
      );
    } finally {
      closeSync(log);
    }
    const proc = child!;
    proc.unref();
    let gone = false;
    exited = new Promise(resolve => proc.once('exit', () => ((gone = true), resolve())));
    proc.once('error', () => (gone = true));
    const until = Date.now() + PING_TIMEOUT_MS;
    while (!(await ping(l.sock))) {
      if (gone || Date.now() > until) {
        const why = gone ? `dockerd exited (code ${proc.exitCode})` : `no answer on ${l.sock} after ${PING_TIMEOUT_MS / 1000} s`;
        throw new Error(`whalewatch test engine did not start: ${why}. Last lines of ${l.log}:\n${logTail(l)}`);
      }
      await sleep(gone ? 0 : 100);
    }
  };

  const halt = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    // The child is unref'd so it never holds a test run open; while we wait for it, it must, or
    // node exits mid-teardown with nothing else in its event loop.
    proc.ref();
    proc.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>(resolve => (timer = setTimeout(() => resolve('late'), STOP_GRACE_MS)));
    const outcome = await Promise.race([exited, late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      proc.kill('SIGKILL');
      await exited;
    }
  };

  // Last resort when the process exits without calling stop() (vitest on Ctrl-C or SIGTERM calls
  // process.exit without running the globalSetup teardown): same cleanup, synchronously.
  const onExit = () => {
    if (child?.pid !== undefined) terminate(child.pid, STOP_GRACE_MS);
    removeInstance(l);
  };
  process.once('exit', onExit);

  const handle: EngineHandle = {
    host: `unix://${l.sock}`,
    dir: l.dir,
    async stop() {
      process.off('exit', onExit);
      await halt();
      removeInstance(l);
    },
    async kill() {
      await halt();
    },
    async start() {
      if (child) throw new Error('whalewatch test engine: start() while it is running');
      await launch();
    },
  };

  try {
    await launch();
  } catch (error) {
    await handle.stop().catch(() => {});
    throw error;
  }
  return handle;
}
