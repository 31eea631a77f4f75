/**
 * One dockerode client per host. dockerode is imported here lazily: it costs ≈ 0.5 s to load and
 * the first frame has to be on screen before that.
 */
import {Agent as HttpsAgent} from 'node:https';
import type Dockerode from 'dockerode';
import {parseHost} from './hosts.js';
import {sshConnection} from './ssh-connect.js';
import type {HostTarget} from './types.js';

/**
 * The options dockerode gets for `target`. Every connection field is set explicitly (undefined
 * included) because docker-modem merges its own defaults read from DOCKER_HOST & co. underneath.
 */
export function dockerOptions(target: HostTarget): Dockerode.DockerOptions {
  const parsed = parseHost(target.url, target.tls !== undefined);
  // URLs bracket IPv6 addresses; sockets (and url.format, which adds them back) want them bare.
  const host = parsed.hostname?.replace(/^\[(.*)]$/, '$1');
  // No `timeout`: docker-modem applies it to streams as well (logs, events, stats would be cut).
  // Non-streaming calls get withTimeout() instead.
  const base: Dockerode.DockerOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    username: undefined,
    timeout: undefined,
  };
  switch (parsed.scheme) {
    case 'unix': {
      return {...base, socketPath: parsed.socketPath};
    }

    case 'ssh': {
      // docker-modem runs `docker system dial-stdio` remotely; ~/.ssh/config, the agent, a key
      // file and known_hosts are applied as ssh would (ssh-connect.ts).
      const ssh = sshConnection(parsed, target);
      return {...base, protocol: 'ssh', host: ssh.host, port: ssh.port, username: ssh.username, sshOptions: ssh.sshOptions};
    }

    case 'tcp': {
      const {tls} = target;
      if (!tls) return {...base, protocol: 'http', host, port: parsed.port};
      const options: Dockerode.DockerOptions = {
        ...base,
        protocol: 'https',
        host,
        port: parsed.port,
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
      };
      // docker-modem has no "insecure" switch; its requests honour an agent's TLS options.
      if (!tls.verify) {
        (options as {agent?: HttpsAgent}).agent = new HttpsAgent({rejectUnauthorized: false, ca: tls.ca, cert: tls.cert, key: tls.key});
      }

      return options;
    }
  }
}

/** Variables docker-modem reads on its own when a client is constructed. */
const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_CLIENT_TIMEOUT', 'DOCKER_PATH_PREFIX'];

/**
 * Runs `make` with docker-modem's environment variables hidden. Without this, DOCKER_HOST=tcp://…
 * would override a unix socket we resolved from --host, and a bad DOCKER_CERT_PATH would throw
 * even when we do not use it. Synchronous, so nothing else can observe the change.
 */
function withoutModemEnv<T>(make: () => T): T {
  const saved = new Map<string, string>();
  for (const name of MODEM_ENV) {
    const value = process.env[name];
    if (value !== undefined) {
      saved.set(name, value);
      delete process.env[name];
    }
  }

  try {
    return make();
  } finally {
    for (const [name, value] of saved) process.env[name] = value;
  }
}

/** A dockerode client for `target` (from resolveHost). Loads dockerode on first use. */
export async function createDocker(target: HostTarget): Promise<Dockerode> {
  const options = dockerOptions(target);
  const {default: Docker} = await import('dockerode');
  return withoutModemEnv(() => new Docker(options));
}

/** A call that took longer than its withTimeout() limit; `.message` is one line. */
export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/**
 * Rejects with TimeoutError("<what> timed out after N s") when `p` has not settled within `ms`.
 * For non-streaming calls; the request itself is not aborted, its late result is ignored.
 */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const seconds = Number((ms / 1000).toFixed(2));
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new TimeoutError(`${what} timed out after ${seconds} s`));
    }, ms);
    // Never keep the process alive only to report a timeout.
    timer.unref();
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
