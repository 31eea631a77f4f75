// Image helpers for tests: read a push or build stream to its end, build a small labelled image
// with dockerode directly (not the code under test), and publish one to a test registry.
import {randomBytes} from 'node:crypto';
import {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE, testDocker} from './fixtures.js';
import {tarArchive, type TarEntry} from './tar.js';
import type {RegistryHandle} from './registry.js';

/** Reads a push/build stream to its end; rejects on an error message inside it. */
export async function drain(stream: NodeJS.ReadableStream): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    testDocker().modem.followProgress(stream, (error: Error | null, out: Array<{error?: string}>) => {
      const failed = out?.find((m) => m.error);
      if (error || failed) reject(error ?? new Error(failed!.error));
      else resolve();
    }),
  );
}

/** Builds a small labelled image from `files` with dockerode directly; returns its id. */
export async function buildRaw(tag: string, files: TarEntry[]): Promise<string> {
  await drain(await testDocker().buildImage(tarArchive(files) as unknown as NodeJS.ReadableStream, {t: tag, version: '1', rm: true, forcerm: true, labels: {[TEST_LABEL]: TEST_LABEL_VALUE}}));
  return (await testDocker().getImage(tag).inspect()).Id;
}

/**
 * Pushes the fixture plus a 3 MiB random layer to `registry` as `<registry>/<name>` with the given
 * tags, then removes it locally: only the registry has it, so a pull really downloads a layer
 * (the busybox layers show as already there). Returns the repository.
 */
export async function publishImage(registry: RegistryHandle, name: string, tags: string[] = ['test']): Promise<string> {
  const remote = `${registry.url}/${name}`;
  await buildRaw(`${remote}:${tags[0]}`, [
    {name: 'Dockerfile', data: `FROM ${FIXTURE_IMAGE}\nCOPY blob /blob\n`},
    {name: 'blob', data: randomBytes(3 * 1024 * 1024)},
  ]);
  for (const tag of tags.slice(1)) await testDocker().getImage(`${remote}:${tags[0]}`).tag({repo: remote, tag});
  for (const tag of tags) await drain((await testDocker().getImage(`${remote}:${tag}`).push({authconfig: {}} as never)) as unknown as NodeJS.ReadableStream);
  for (const tag of tags.reverse()) await testDocker().getImage(`${remote}:${tag}`).remove();
  return remote;
}
