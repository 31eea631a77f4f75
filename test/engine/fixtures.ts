// Helpers for test files (they run in vitest workers): reach the private engine that
// global-setup.ts started, and make containers that the teardown can find by label.
import {randomBytes} from 'node:crypto';
import Dockerode from 'dockerode';
import {inject} from 'vitest';
import {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE} from './constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the suite's private engine, e.g. unix:///tmp/ww-1a2b3c/d.sock. */
    dockerHost: string;
  }
}

export {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE} from './constants.js';

/** The private engine's URL (unix:///tmp/ww-…/d.sock). */
export function testHost(): string {
  const host = inject('dockerHost') ?? process.env.WW_TEST_DOCKER_HOST;
  if (!host) throw new Error('no test engine: run the tests through vitest (globalSetup starts it)');
  return host;
}

let client: Dockerode | undefined;

/** A dockerode client for the private engine (one per worker). */
export function testDocker(): Dockerode {
  client ??= new Dockerode({socketPath: new URL(testHost()).pathname});
  return client;
}

/** A name unlikely to collide across files and runs: `<prefix>-<hex8>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** What runContainer creates. */
export interface RunContainerOptions {
  name?: string;
  /** Defaults to an endless `sleep 1` loop. */
  cmd?: string[];
  /** Extra labels; TEST_LABEL is always added. */
  labels?: Record<string, string>;
  /** Start it after creating (default true). */
  start?: boolean;
  env?: string[];
  tty?: boolean;
  /** Merged into HostConfig (e.g. {RestartPolicy: {Name: 'always'}}). */
  hostConfig?: object;
  /** Seconds `stop` waits before SIGKILL; default 1, since busybox sh as pid 1 ignores SIGTERM. */
  stopTimeout?: number;
}

/** Creates (and by default starts) a container from FIXTURE_IMAGE labelled TEST_LABEL. */
export async function runContainer(opts: RunContainerOptions = {}): Promise<{id: string; name: string}> {
  const name = opts.name ?? uniqueName('ww-test');
  const container = await testDocker().createContainer({
    name,
    Image: FIXTURE_IMAGE,
    Cmd: opts.cmd ?? ['sh', '-c', 'while true; do sleep 1; done'],
    Labels: {...opts.labels, [TEST_LABEL]: TEST_LABEL_VALUE},
    Env: opts.env,
    Tty: opts.tty ?? false,
    OpenStdin: opts.tty ?? false,
    StopTimeout: opts.stopTimeout ?? 1,
    HostConfig: {...opts.hostConfig},
  });
  if (opts.start ?? true) await container.start();
  return {id: container.id, name};
}

/** Force-removes a container and its anonymous volumes; a container already gone is fine. */
export async function removeContainer(id: string): Promise<void> {
  try {
    await testDocker().getContainer(id).remove({force: true, v: true});
  } catch (error) {
    if ((error as {statusCode?: number}).statusCode !== 404) throw error;
  }
}
