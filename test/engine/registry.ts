// A real image registry for pull/push tests: Debian's docker-registry (distribution 2.8) on
// 127.0.0.1 with its own config and storage under /tmp/ww-reg-<hex>/. dockerd treats loopback
// registries as insecure by default, so plain HTTP works without daemon configuration.
import {spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import {createServer, type AddressInfo} from 'node:net';
import {join} from 'node:path';

import {REGISTRY_PATH as REGISTRY_BINARY} from './install.js';

/** A running registry. */
export interface RegistryHandle {
  /** host:port to put in image references, e.g. `127.0.0.1:41234`. */
  url: string;
  /** Kills the registry and removes its directory; calling it twice is harmless. */
  stop(): Promise<void>;
}

const DIR_RE = /^ww-reg-[0-9a-f]{8}$/;
const READY_TIMEOUT_MS = 30_000;

/** A free TCP port on 127.0.0.1: bind port 0, read what the kernel chose, close. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const {port} = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Kills registries that a killed test run left behind: each directory records its registry's pid
 * and the pid of the process that started it; when that owner is gone, the registry goes too.
 */
function cleanStale(): void {
  for (const name of readdirSync('/tmp')) {
    if (!DIR_RE.test(name)) continue;
    const dir = join('/tmp', name);
    try {
      const {pid, owner} = JSON.parse(readFileSync(join(dir, 'pids.json'), 'utf8')) as {pid: number; owner: number};
      if (alive(owner)) continue;
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // No pid file: another run is setting this one up right now (it writes the file just after
      // spawning); leave it.
      continue;
    }
    rmSync(dir, {recursive: true, force: true});
  }
}

/** GET /v2/ once; resolves true when the registry answers 200. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`http://${url}/v2/`, {timeout: 2000}, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => (req.destroy(), resolve(false)));
  });
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** On any exit of this process, SIGKILL the registries it still runs (sync: 'exit' allows no waiting). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * Starts a registry on a free port of 127.0.0.1 and waits until GET /v2/ answers. It runs under
 * `setpriv --pdeathsig KILL` when setpriv exists, so the kernel kills it even if this process
 * dies by SIGKILL; the exit hook and the stale-directory sweep cover the rest.
 */
export async function startRegistry(): Promise<RegistryHandle> {
  if (!existsSync(REGISTRY_BINARY)) {
    throw new Error(`the registry tests need ${REGISTRY_BINARY}: apt-get install -y docker-registry`);
  }
  cleanStale();
  const dir = join('/tmp', `ww-reg-${randomBytes(4).toString('hex')}`);
  mkdirSync(join(dir, 'data'), {recursive: true});
  const port = await freePort();
  const url = `127.0.0.1:${port}`;
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: ${url}`,
      '',
    ].join('\n'),
  );

  const [command, args] = existsSync('/usr/bin/setpriv')
    ? ['/usr/bin/setpriv', ['--pdeathsig', 'KILL', REGISTRY_BINARY, 'serve', config]]
    : [REGISTRY_BINARY, ['serve', config]];
  let output = '';
  const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']});
  running.add(child);
  installExitHook();
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), running.delete(child), resolve())));
  writeFileSync(join(dir, 'pids.json'), JSON.stringify({pid: child.pid, owner: process.pid}));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) child.kill('SIGKILL');
    await gone;
    rmSync(dir, {recursive: true, force: true});
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(url))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry on ${url} did not start: ${output.trim().split('\n').slice(-3).join(' | ') || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {url, stop};
}
