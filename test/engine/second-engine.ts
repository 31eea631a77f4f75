// Helpers for tests that start an engine of their own (startEngine) to kill and start it: a
// client for it, and the fixture image carried over from the suite's engine.
import Dockerode from 'dockerode';
import type {Readable} from 'node:stream';
import type {EngineHandle} from './engine.js';
import {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE, testDocker} from './fixtures.js';

/** A dockerode client for `engine` (it reconnects per request, so it outlives a restart). */
export function dockerFor(engine: EngineHandle): Dockerode {
  return new Dockerode({socketPath: engine.host.replace('unix://', '')});
}

/** Loads FIXTURE_IMAGE into `docker`: a second engine has no images and no registry to pull from. */
export async function loadFixture(docker: Dockerode): Promise<void> {
  const image = (await testDocker().getImage(FIXTURE_IMAGE).get()) as unknown as Readable;
  await new Promise<void>((resolve, reject) =>
    docker.loadImage(image, {}, (error, stream) => (error ? reject(error) : docker.modem.followProgress(stream as Readable, (e) => (e ? reject(e) : resolve())))),
  );
}

/** A container of FIXTURE_IMAGE on `docker` that stops at once on SIGTERM; started unless `start` is false. */
export async function loopOn(docker: Dockerode, name: string, options: {start?: boolean; restart?: 'always'} = {}): Promise<Dockerode.Container> {
  const container = await docker.createContainer({
    name,
    Image: FIXTURE_IMAGE,
    Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
    Labels: {[TEST_LABEL]: TEST_LABEL_VALUE},
    StopTimeout: 1,
    HostConfig: options.restart ? {RestartPolicy: {Name: options.restart}} : {},
  });
  if (options.start ?? true) await container.start();
  return container;
}
