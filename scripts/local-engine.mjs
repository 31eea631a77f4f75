// `npm start` on a fresh machine: when no host was chosen and nothing answers on the local
// socket, make the local engine exist (as root: install docker.io with apt when dockerd is
// missing, then start dockerd in the background). Without root it only says what to do; the
// dashboard then opens anyway and shows why it cannot reach the engine.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, openSync} from 'node:fs';
import http from 'node:http';
import {homedir} from 'node:os';
import {join} from 'node:path';

const SOCKET = '/var/run/docker.sock';

/** True when an engine answers /_ping on the socket within a second. */
function answers(socketPath) {
  return new Promise((resolve) => {
    const request = http.get({socketPath, path: '/_ping', timeout: 1000}, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => (request.destroy(), resolve(false)));
  });
}

/** Whether the person chose a host: a flag, DOCKER_HOST or a context. Then we leave it alone. */
export function hostChosen(args, env) {
  return args.some((a) => /^(-H|--host|-c|--context)(=|$)/.test(a)) || Boolean(env.DOCKER_HOST || env.DOCKER_CONTEXT);
}

const dockerd = () => ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((path) => existsSync(path));

/** Makes sure the local engine runs, when that is ours to do. Prints one line per step. */
export async function ensureLocalEngine(args, env = process.env) {
  if (hostChosen(args, env) || (await answers(SOCKET))) return;
  if (process.getuid?.() !== 0) {
    console.error(`whalewatch: no engine answers on ${SOCKET}; start Docker (e.g. sudo systemctl start docker) or pick one with --host`);
    return;
  }
  if (!dockerd()) {
    console.error('whalewatch: no Docker engine on this machine: apt-get install -y docker.io');
    const install = spawnSync('apt-get', ['install', '-y', 'docker.io'], {stdio: 'inherit', env: {...env, DEBIAN_FRONTEND: 'noninteractive'}});
    if (install.status !== 0) spawnSync('sh', ['-c', 'apt-get update && apt-get install -y docker.io'], {stdio: 'inherit', env: {...env, DEBIAN_FRONTEND: 'noninteractive'}});
    if (!dockerd()) return console.error('whalewatch: docker.io could not be installed; the dashboard opens without an engine');
  }
  if (await answers(SOCKET)) return;
  const logDir = join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'whalewatch');
  mkdirSync(logDir, {recursive: true});
  const logFile = join(logDir, 'dockerd.log');
  console.error(`whalewatch: starting dockerd (its log: ${logFile})`);
  const out = openSync(logFile, 'a');
  spawn(dockerd(), [], {detached: true, stdio: ['ignore', out, out]}).unref();
  for (let waited = 0; waited < 30_000; waited += 250) {
    if (await answers(SOCKET)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error(`whalewatch: dockerd did not answer within 30 s; see ${logFile}`);
}
