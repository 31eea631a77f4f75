// vitest globalSetup: one private Docker engine for the whole run, with a busybox fixture image,
// torn down at the end. It fails the run when the engine cannot start: a suite that silently
// skipped its Docker tests would pass in CI while testing nothing.
import {readFileSync} from 'node:fs';
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
  console.log(`whalewatch tests: private Docker engine at ${engine.host} ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);

  const running = engine;
  const client = docker;
  return async () => {
    try {
      await removeTestContainers(client);
    } finally {
      await running.stop();
    }
  };
}
