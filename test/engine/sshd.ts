// A real OpenSSH server on 127.0.0.1 for ssh:// tests: its own host key, one authorised client
// key, and DOCKER_HOST set for sessions so `docker system dial-stdio` on the far side reaches the
// suite's private engine — never the machine's default socket.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {connect, createServer} from 'node:net';
import {userInfo} from 'node:os';
import path from 'node:path';
import {onPath} from './install.js';

/** Where Debian's openssh-server puts the daemon. */
export const SSHD_PATH = '/usr/sbin/sshd';

/** A running sshd; `keyFile` is the authorised client's private key, `knownHosts` a known_hosts line for the server. */
export type Sshd = {port: number; user: string; keyFile: string; knownHosts: string; hostKeyPub: string; dir: string; stop(): Promise<void>};

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, {encoding: 'utf8', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error}`);
}

/** Installs openssh-server when sshd is missing (as root with apt-get), else throws one line. */
export function ensureSshdInstalled(): void {
  if (onPath('sshd')) return;
  if (process.getuid?.() !== 0 || !onPath('apt-get')) throw new Error('ssh tests need openssh-server: sudo apt-get install -y openssh-server');
  try {
    run('apt-get', ['install', '-y', 'openssh-server']);
  } catch {
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', 'openssh-server']);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number};
      server.close(() => resolve(port));
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Makes an ed25519 key pair without passphrase at `file` (and `file`.pub). */
export function makeKey(file: string): void {
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'whalewatch-test', '-f', file]);
}

/**
 * Starts sshd under /tmp/ww-ssh-<hex>/ on a free port of 127.0.0.1. Sessions get
 * DOCKER_HOST=`engineHost`. Stopped by stop() and, failing that, when the process exits.
 */
export async function startSshd(options: {engineHost: string}): Promise<Sshd> {
  ensureSshdInstalled();
  if (!onPath('docker')) throw new Error('ssh tests need the docker CLI on PATH (docker.io) for docker system dial-stdio');
  const dir = `/tmp/ww-ssh-${randomBytes(4).toString('hex')}`;
  mkdirSync(dir, {recursive: true, mode: 0o700});
  // sshd refuses to start without its privilege-separation directory.
  mkdirSync('/run/sshd', {recursive: true, mode: 0o755});
  const hostKey = path.join(dir, 'host_key');
  const keyFile = path.join(dir, 'client_key');
  makeKey(hostKey);
  makeKey(keyFile);
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(`${keyFile}.pub`));
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'StrictModes no',
      `SetEnv DOCKER_HOST=${options.engineHost}`,
      '',
    ].join('\n'),
  );
  const log = path.join(dir, 'sshd.log');
  const child: ChildProcess = spawn(SSHD_PATH, ['-D', '-f', config, '-E', log], {stdio: 'ignore'});
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const kill = () => {
    if (!exited) child.kill('SIGTERM');
    rmSync(dir, {recursive: true, force: true});
  };
  process.once('exit', kill);

  const logText = () => {
    try {
      return readFileSync(log, 'utf8').trim();
    } catch {
      return '';
    }
  };
  // Up to a minute: the machine may be loaded; no timing is asserted on.
  for (let i = 0; !(await accepts(port)); i++) {
    if (exited || i > 600) {
      kill();
      throw new Error(`sshd did not start on port ${port}: ${logText()}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }

  const hostKeyPub = readFileSync(`${hostKey}.pub`, 'utf8').trim();
  const [type, key] = hostKeyPub.split(/\s+/);
  return {
    port,
    user: userInfo().username,
    keyFile,
    knownHosts: `[127.0.0.1]:${port} ${type} ${key}\n`,
    hostKeyPub,
    dir,
    async stop() {
      process.removeListener('exit', kill);
      if (!exited) {
        const gone = new Promise<void>(resolve => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, {recursive: true, force: true});
    },
  };
}
