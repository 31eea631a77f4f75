import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/docker/engine.js';
import {describeError} from '../../source/docker/errors.js';
import type {BuildMessage} from '../../source/docker/build-progress.js';
import type {PullProgress} from '../../source/docker/types.js';
import {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE, removeContainer, testDocker, uniqueName} from '../engine/fixtures.js';
import {startRegistry, type RegistryHandle} from '../engine/registry.js';
import {tarArchive, type TarEntry} from '../engine/tar.js';
import {buildRaw, drain, publishImage} from '../engine/images.js';

const fixtureDir = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** A port on 127.0.0.1 where nothing listens: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const tags = async () => (await testDocker().listImages()).flatMap((i) => i.RepoTags ?? []);

describe('images on a real engine and a real registry', () => {
  const engine = new Engine(testDocker(), false);
  let registry: RegistryHandle;
  /** The pushed image: the fixture plus a 3 MiB random layer, so a pull really downloads one. */
  let remote: string;
  const images = new Set<string>(); // references (tags or ids) to remove at the end
  const containers: string[] = [];

  beforeAll(async () => {
    registry = await startRegistry();
    remote = `${registry.url}/whalewatch/fixture`;
    images.add(`${remote}:test`).add(`${remote}:latest`);
    await publishImage(registry, 'whalewatch/fixture', ['test', 'latest']);
  });

  afterAll(async () => {
    await Promise.all(containers.map((id) => removeContainer(id)));
    for (const ref of images) await testDocker().getImage(ref).remove({force: true}).catch(() => undefined);
    await registry?.stop();
  });

  it('pulls with progress per layer and in total, and the image is there', async () => {
    const seen: PullProgress[] = [];
    const final = await engine.pull(`${remote}:test`, (p) => seen.push(p));
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.at(-1)).toBe(final);
    expect(final.done).toBe(true);
    expect(final.error).toBeUndefined();
    expect(final.status).toBe(`Status: Downloaded newer image for ${remote}:test`);
    // The busybox layers were already here; the random one was downloaded.
    const downloaded = final.layers.filter((l) => l.status === 'Pull complete');
    expect(downloaded).toHaveLength(1);
    expect(downloaded[0]!.total).toBeGreaterThan(3 * 1024 * 1024 * 0.99);
    expect(final.layers.filter((l) => l.status === 'Already exists').length).toBeGreaterThanOrEqual(1);
    expect(final.current).toBe(final.total);
    expect(final.total).toBe(downloaded[0]!.total);
    expect(seen.every((p, i) => i === 0 || p.current >= seen[i - 1]!.current)).toBe(true);
    expect(await tags()).toContain(`${remote}:test`);
  });

  it('pulls :latest when the reference names no tag, like docker pull', async () => {
    const final = await engine.pull(remote, () => undefined);
    expect(final.done).toBe(true);
    expect(await tags()).toContain(`${remote}:latest`);
  });

  it('history lists the layers with what made them; a pulled image has <missing> ids below the top', async () => {
    const local = await engine.imageHistory(FIXTURE_IMAGE);
    expect(local.length).toBeGreaterThanOrEqual(2);
    expect(local[0]!.tags).toContain(FIXTURE_IMAGE);
    expect(local[0]!.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(local.some((l) => l.createdBy.includes('busybox --install'))).toBe(true);
    expect(local.every((l) => l.created > 0 && l.size >= 0 && typeof l.comment === 'string')).toBe(true);
    const pulled = await engine.imageHistory(`${remote}:test`);
    // Newest first: the LABEL that buildRaw's labels option added, then the COPY of the blob.
    expect(pulled[0]!.createdBy).toContain(`LABEL ${TEST_LABEL}=${TEST_LABEL_VALUE}`);
    expect(pulled[1]!.createdBy).toMatch(/COPY .* in \/blob/);
    expect(pulled[1]!.size).toBe(3 * 1024 * 1024);
    expect(pulled.slice(1).every((l) => l.id === '<missing>')).toBe(true);
  });

  it('a reference the registry does not have: one clear line, no image', async () => {
    const error = await rejection(engine.pull(`${registry.url}/whalewatch/nope`, () => undefined));
    expect(error.message).toBe(`Image ${registry.url}/whalewatch/nope:latest was not found in its registry`);
    expect(describeError(error)).toBe(error.message);
    expect((await tags()).some((t) => t.includes('whalewatch/nope'))).toBe(false);
  });

  it('a registry that does not answer: one clear line', async () => {
    const port = await closedPort();
    const error = await rejection(engine.pull(`127.0.0.1:${port}/whalewatch/fixture:test`, () => undefined));
    expect(error.message).toBe(`Cannot reach registry 127.0.0.1:${port}: connection refused`);
    expect(describeError(error)).toBe(error.message);
  });

  it('cancels a pull: aborting right after the first progress rejects with "pull cancelled"', async () => {
    await testDocker().getImage(`${remote}:test`).remove({force: true});
    const controller = new AbortController();
    let reports = 0;
    const error = await rejection(engine.pull(`${remote}:test`, () => (reports++, controller.abort()), controller.signal));
    expect(error.message).toBe('pull cancelled');
    expect(reports).toBe(1);
    // Already aborted before the call: nothing is sent.
    expect((await rejection(engine.pull(`${remote}:test`, () => undefined, controller.signal))).message).toBe('pull cancelled');
  });

  it('builds a directory with a tag, a build arg and labels: steps reported, the image tagged', async () => {
    const tag = `${uniqueName('ww-build')}:test`;
    images.add(tag);
    const messages: BuildMessage[] = [];
    const {imageId} = await engine.build(fixtureDir('build'), {tag, buildArgs: {GREETING: 'hi-there'}, labels: {[TEST_LABEL]: TEST_LABEL_VALUE}}, (m) => messages.push(m));
    expect(imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Five steps of the Dockerfile and one LABEL step the engine adds for the labels option.
    expect(messages.filter((m) => m.step).map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({n, of: 6})));
    // The RUN step read a file from a subdirectory and checked that .dockerignore kept ignored.txt out.
    expect(messages.map((m) => m.line)).toContain('data from a subdirectory');
    expect(messages.map((m) => m.line)).toContain(`Successfully tagged ${tag}`);
    const inspect = await testDocker().getImage(tag).inspect();
    expect(inspect.Id).toBe(imageId);
    expect(inspect.Config.Labels).toMatchObject({[TEST_LABEL]: TEST_LABEL_VALUE, 'whalewatch.greeting': 'hi-there'});
    expect(await tags()).toContain(tag);
  });

  it('a failing step rejects with its error line, and no intermediate container is left', async () => {
    const before = (await testDocker().listContainers({all: true})).length;
    const lines: string[] = [];
    const error = await rejection(engine.build(fixtureDir('build-fail'), {labels: {[TEST_LABEL]: TEST_LABEL_VALUE}}, (m) => m.line && lines.push(m.line)));
    expect(error.message).toBe("The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3");
    expect(describeError(error)).toBe("Build step failed: '/bin/sh -c echo about to fail && exit 3' exited with code 3");
    expect(lines).toContain('about to fail');
    expect((await testDocker().listContainers({all: true})).length).toBe(before);
  });

  it('refuses a directory without a Dockerfile before calling the engine', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ww-nodockerfile-'));
    try {
      writeFileSync(path.join(dir, 'README'), 'no Dockerfile here\n');
      const error = await rejection(engine.build(dir, {}, () => undefined));
      expect(error.message).toBe(`Cannot build: there is no Dockerfile in ${dir}`);
      const other = await rejection(engine.build(dir, {dockerfile: 'Other.dockerfile'}, () => undefined));
      expect(other.message).toBe(`Cannot build: there is no Other.dockerfile in ${dir}`);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it('tags an image: latest by default, an explicit tag, a registry host with a port', async () => {
    const repo = uniqueName('ww-tagged');
    images.add(`${repo}:latest`).add(`${repo}:v1`).add(`${registry.url}/${repo}:v2`);
    await engine.tagImage(FIXTURE_IMAGE, repo);
    await engine.tagImage(FIXTURE_IMAGE, `${repo}:v1`);
    await engine.tagImage(FIXTURE_IMAGE, `${registry.url}/${repo}:v2`);
    const fixture = (await testDocker().listImages()).find((i) => i.RepoTags?.includes(FIXTURE_IMAGE))!;
    expect(fixture.RepoTags).toEqual(expect.arrayContaining([`${repo}:latest`, `${repo}:v1`, `${registry.url}/${repo}:v2`]));
    const error = await rejection(engine.tagImage(FIXTURE_IMAGE, 'Not A Valid Ref'));
    expect(describeError(error)).toMatch(/invalid reference format/i);
  });

  it('prunes dangling images, then (all) unused ones, and counts them', async () => {
    const mark = uniqueName('ww-prune');
    const label = `whalewatch.prune=${mark}`;
    const dockerfile = (n: number) => `FROM ${FIXTURE_IMAGE}\nRUN echo ${mark}-${n} > /f\nLABEL whalewatch.prune=${mark}\n`;
    const first = await buildRaw(`${mark}:x`, [{name: 'Dockerfile', data: dockerfile(1)}]);
    images.add(first);
    const second = await buildRaw(`${mark}:x`, [{name: 'Dockerfile', data: dockerfile(2)}]);
    images.add(second);
    expect(second).not.toBe(first); // the first one is dangling now
    const dangling = await engine.pruneImages({all: false}, {label: [label]});
    expect(dangling.deleted.length).toBeGreaterThanOrEqual(1);
    expect(dangling.reclaimed).toBeGreaterThan(0);
    const ids = (await testDocker().listImages({all: true})).map((i) => i.Id);
    expect(ids).not.toContain(first);
    expect(ids).toContain(second);
    const unused = await engine.pruneImages({all: true}, {label: [label]});
    expect(unused.deleted.length).toBeGreaterThanOrEqual(1);
    expect((await testDocker().listImages({all: true})).map((i) => i.Id)).not.toContain(second);
    expect(await tags()).toContain(FIXTURE_IMAGE);
  });

  it('refuses to remove an image a container uses, naming the container', async () => {
    const tag = `${uniqueName('ww-inuse')}:test`;
    const id = await buildRaw(tag, [{name: 'Dockerfile', data: `FROM ${FIXTURE_IMAGE}\nLABEL whalewatch.inuse=${tag}\n`}]);
    images.add(id);
    const container = await testDocker().createContainer({Image: tag, Cmd: ['sh', '-c', 'while true; do sleep 1; done'], Labels: {[TEST_LABEL]: TEST_LABEL_VALUE}, StopTimeout: 1});
    containers.push(container.id);
    await container.start();
    const short = container.id.slice(0, 12);
    const byTag = await rejection(engine.removeImage(tag, {force: false}));
    expect(describeError(byTag)).toBe(`Cannot remove image ${tag}: container ${short} uses it (remove the container first, or force)`);
    const byId = await rejection(engine.removeImage(id, {force: true}));
    expect(describeError(byId)).toBe(`Cannot remove image ${id.slice(7, 19)}: running container ${short} uses it (stop and remove the container first)`);
    expect(await tags()).toContain(tag);
  });
});
