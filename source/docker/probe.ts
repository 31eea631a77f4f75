/**
 * One quick look at a host for the Machines pane: ping (the round trip), version and info, all
 * within one time limit, and one state word when it fails. A fresh client per probe: hosts
 * other than the active one have no store, and a probe must never hold a connection open.
 */
import {createDocker, TimeoutError, withTimeout} from './client.js';
import {toContainer} from './engine.js';
import {describeError} from './errors.js';
import type {Container, HostTarget} from './types.js';

/** What a reachable host says about itself (text fields raw from the engine: sanitize to show). */
export type HostFacts = {
  /**
   * Who the engine is, to tell when two URLs (a socket and a TLS port) reach the same one: its
   * ID, host name and data root together. The ID alone is not enough: engines sharing
   * /etc/docker/key.json (two on one machine, cloned VMs) share it (measured on the test engines).
   */
  id: string;
  version: string;
  apiVersion: string;
  /** "linux", and the distribution as the engine names it. */
  os: string;
  operatingSystem?: string;
  arch: string;
  cpus: number;
  /** Bytes of memory of the engine's machine. */
  memory: number;
  running: number;
  /** Stopped (and paused) containers. */
  stopped: number;
  images: number;
};

/** How a probe went: the facts and the ping's round trip, or why it failed as a state. */
export type ProbeResult =
  | {state: 'connected'; latencyMs: number; facts: HostFacts}
  | {state: 'unreachable' | 'auth failure' | 'timing out'; reason: string};

type ErrorLike = {code?: unknown; level?: unknown; statusCode?: unknown; message?: unknown; name?: unknown};

/** Which state a failed probe is in: TLS, ssh (keys, host keys) or HTTP refusals of who we are are auth failures. */
export function failureState(error: unknown): 'unreachable' | 'auth failure' | 'timing out' {
  const e = (error ?? {}) as ErrorLike;
  if (error instanceof TimeoutError || e.name === 'AbortError' || e.code === 'ABORT_ERR') return 'timing out';
  if (e.level === 'client-timeout') return 'timing out';
  if (e.level === 'client-authentication' || e.statusCode === 401 || e.statusCode === 403) return 'auth failure';
  // ssh2's words for a host key our known_hosts check refused: the server is not who we trust.
  if (typeof e.message === 'string' && e.message.startsWith('Host denied')) return 'auth failure';
  if (typeof e.code === 'string' && /CERT|SSL|TLS|OSSL|EPROTO|ERR_TLS|SELF_SIGNED|VERIFY/.test(e.code)) return 'auth failure';
  if (typeof e.message === 'string' && /certificate|\bssl\b|\btls\b|handshake/i.test(e.message)) return 'auth failure';
  return 'unreachable';
}

/** The fields of GET /info that a probe reads. */
type RawInfo = {
  ID?: string; Name?: string; DockerRootDir?: string; ContainersRunning?: number; ContainersStopped?: number; ContainersPaused?: number; Images?: number;
  NCPU?: number; MemTotal?: number; OSType?: string; OperatingSystem?: string; Architecture?: string;
};

type Docker = Awaited<ReturnType<typeof createDocker>>;

/**
 * Probes `target`: ping, then version and info, everything aborted after `timeoutMs` (the
 * request is really cancelled, so an engine that accepts and never answers leaks nothing).
 */
export async function probeHost(target: HostTarget, timeoutMs = 3000): Promise<ProbeResult> {
  const controller = new AbortController();
  const seconds = Number((timeoutMs / 1000).toFixed(2));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutError(`no answer from ${target.url} within ${seconds} s`));
    }, timeoutMs);
    timer.unref();
  });
  const run = async (): Promise<ProbeResult> => {
    const docker: Docker = await createDocker(target);
    const abortSignal = controller.signal;
    const started = performance.now();
    // dockerode takes {abortSignal} on these calls; its type declarations do not say so.
    const withSignal = <T>(call: (options?: object) => Promise<T>) => call({abortSignal});
    await withSignal(docker.ping.bind(docker) as (options?: object) => Promise<unknown>);
    const latencyMs = performance.now() - started;
    const [version, info] = await Promise.all([
      withSignal(docker.version.bind(docker) as (options?: object) => ReturnType<Docker['version']>),
      withSignal(docker.info.bind(docker) as (options?: object) => Promise<RawInfo>),
    ]);
    const stopped = (info.ContainersStopped ?? 0) + (info.ContainersPaused ?? 0);
    return {
      state: 'connected',
      latencyMs,
      facts: {
        id: [info.ID ?? '', info.Name ?? '', info.DockerRootDir ?? ''].join('|'),
        version: version.Version,
        apiVersion: version.ApiVersion,
        os: info.OSType ?? version.Os,
        operatingSystem: info.OperatingSystem,
        arch: info.Architecture ?? version.Arch,
        cpus: info.NCPU ?? 0,
        memory: info.MemTotal ?? 0,
        running: info.ContainersRunning ?? 0,
        stopped,
        images: info.Images ?? 0,
      },
    };
  };
  try {
    return await Promise.race([run(), late]);
  } catch (error) {
    const state = failureState(error);
    const reason = state === 'timing out' ? (error instanceof TimeoutError ? error.message : `no answer from ${target.url} within ${seconds} s`) : describeError(error, target);
    return {state, reason};
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** The containers of one host for the "all hosts" view, or why they could not be listed. */
export type HostContainers = {host: HostTarget; containers?: Container[]; error?: string};

/**
 * Lists the containers of every host in parallel, each within `timeoutMs` (read-only clients:
 * this view changes nothing). A host that fails says why and does not hold up the others.
 */
export async function listContainersOnHosts(targets: readonly HostTarget[], timeoutMs = 5000): Promise<HostContainers[]> {
  return Promise.all(
    targets.map(async (host): Promise<HostContainers> => {
      // Aborted at the limit, like a probe, so a host that stops answering keeps no connection.
      const controller = new AbortController();
      try {
        const docker = await createDocker(host);
        const list = (docker.listContainers as (options: object) => Promise<unknown[]>).bind(docker);
        const raw = await withTimeout(list({all: true, abortSignal: controller.signal}), timeoutMs, `listing containers of ${host.url}`);
        return {host, containers: raw.map((r) => toContainer(r as Parameters<typeof toContainer>[0]))};
      } catch (error) {
        return {host, error: error instanceof TimeoutError ? error.message : describeError(error, host)};
      } finally {
        controller.abort();
      }
    }),
  );
}
