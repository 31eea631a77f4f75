// vitest globalSetup: one private Docker engine for the whole run, with a busybox fixture image,
// torn down at the end. It fails the run when the engine cannot start: a suite that silently
// skipped its Docker tests would pass in CI while testing nothing.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import type {TestProject} from 'vitest/node';
import {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE} from './constants.js';
import {cleanStaleInstances, startEngine, type EngineHandle} from './engine.js';
import {BUSYBOX_PATH, ensureDockerInstalled} from './install.js';
import {tarArchive} from './tar.js';

type Dockerode = import('dockerode');

/** Dockerfile of FIXTURE_IMAGE: just a static busybox and its applet links. */
const DOCKERFILE = ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox","--install","-s","/bin"]', ''].join('\n');

/**
 * Builds FIXTURE_IMAGE with the legacy builder (BuildKit is not what dockerd 20.10 runs by default
 * here). The benchmark (bench/bench.ts) builds it on its own private engine with this too.
 */
export async function buildFixtureImage(docker: Dockerode): Promise<void> {
  const context = tarArchive([
    {name: 'Dockerfile', data: DOCKERFILE},
    {name: 'busybox', data: readFileSync(BUSYBOX_PATH), mode: 0o755},
  ]);
  const stream = await docker.buildImage(context as unknown as NodeJS.ReadableStream, {
    t: FIXTURE_IMAGE,
    labels: {[TEST_LABEL]: TEST_LABEL_VALUE},
    version: '1',
    rm: true,
    forcerm: true,
  });
  // Build errors arrive inside the stream (HTTP 200), not as a rejected call.
  const output = await new Promise<Array<{error?: string; stream?: string}>>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null, result: Array<{error?: string}>) => (error ? reject(error) : resolve(result))),
  );
  const failed = output.find(item => item.error);
  if (failed) throw new Error(`building ${FIXTURE_IMAGE} failed: ${failed.error}`);
}

/** Removes every container the suite labelled, so the engine shuts down without waiting on them. */
async function removeTestContainers(docker: Dockerode): Promise<void> {
  const containers = await docker.listContainers({all: true, filters: {label: [`${TEST_LABEL}=${TEST_LABEL_VALUE}`]}});
  await Promise.all(containers.map(c => docker.getContainer(c.Id).remove({force: true, v: true}).catch(() => {})));
}

/**
 * Points everything whalewatch discovers at the suite's own world, for the workers and every
 * program the tests start (they inherit this environment): DOCKER_HOST is the private engine, and
 * Docker's and docker-machine's config, whalewatch's config and its log live in an empty folder.
 * Without this, the machines pane showed the machine's own engine and its contexts, and a test
 * that pressed keys at random switched to it. Returns the folder, removed at teardown.
 */
function isolateEnvironment(host: string): string {
  const sandbox = mkdtempSync('/tmp/ww-env-');
  for (const name of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_TLS']) delete process.env[name];
  Object.assign(process.env, {
    DOCKER_HOST: host,
    DOCKER_CONFIG: join(sandbox, 'docker'),
    MACHINE_STORAGE_PATH: join(sandbox, 'machine'),
    XDG_CONFIG_HOME: join(sandbox, 'config'),
    XDG_STATE_HOME: join(sandbox, 'state'),
  });
  return sandbox;
}

/** Starts the engine, builds the fixture image, provides `dockerHost`; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const began = Date.now();
  let engine: EngineHandle | undefined;
  let docker: Dockerode | undefined;
  try {
    ensureDockerInstalled();
    await cleanStaleInstances();
    engine = await startEngine({tag: `vitest-${process.pid}`});
    const {default: Docker} = await import('dockerode');
    docker = new Docker({socketPath: new URL(engine.host).pathname});
    await buildFixtureImage(docker);
  } catch (error) {
    await engine?.stop().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    // One clear first line; the dockerd log tail (if any) follows it.
    throw new Error(`whalewatch tests cannot run without their private Docker engine: ${message}`, {cause: error});
  }
  project.provide('dockerHost', engine.host);
  process.env.WW_TEST_DOCKER_HOST = engine.host;
  const sandbox = isolateEnvironment(engine.host);
  console.log(`whalewatch tests: private Docker engine at ${engine.host} ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);

  const running = engine;
  const client = docker;
  return async () => {
    try {
      await removeTestContainers(client);
    } finally {
      rmSync(sandbox, {recursive: true, force: true});
      await running.stop();
    }
  };
}
