// The private engine really runs containers, and it is ours, not the system's.
import {afterAll, describe, expect, it} from 'vitest';
import {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE, removeContainer, runContainer, testDocker, testHost, uniqueName} from './fixtures.js';

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map(removeContainer));
});

/** Waits for a container to exit (it runs a short command). */
async function waitExit(id: string): Promise<number> {
  const result = (await testDocker().getContainer(id).wait()) as {StatusCode: number};
  return result.StatusCode;
}

describe('private test engine', () => {
  it('is a unix socket under /tmp/ww-', () => {
    expect(testHost()).toMatch(/^unix:\/\/\/tmp\/ww-[0-9a-f]{6}\/d\.sock$/);
  });

  it('answers /_ping and version', async () => {
    const docker = testDocker();
    expect(String(await docker.ping())).toBe('OK');
    const version = await docker.version();
    expect(version.ApiVersion).toMatch(/^1\.\d+$/);
  });

  it('keeps its data under its own /tmp/ww- dir, not the system engine', async () => {
    const info = await testDocker().info();
    const dir = new URL(testHost()).pathname.replace(/\/d\.sock$/, '');
    expect(info.DockerRootDir).toBe(`${dir}/data`);
    expect(info.DockerRootDir).not.toBe('/var/lib/docker');
  });

  it('has the fixture image, labelled', async () => {
    const image = await testDocker().getImage(FIXTURE_IMAGE).inspect();
    expect(image.Config.Labels?.[TEST_LABEL]).toBe(TEST_LABEL_VALUE);
  });

  it('runs a container whose output shows up in its logs', async () => {
    const marker = uniqueName('hello');
    const {id} = await runContainer({cmd: ['sh', '-c', `echo ${marker}; ls /bin/sh`]});
    created.push(id);
    expect(await waitExit(id)).toBe(0);
    const logs = await testDocker().getContainer(id).logs({stdout: true, stderr: true});
    // Not a TTY: the log is multiplexed with 8-byte frame headers; the text is still in it.
    expect(logs.toString('utf8')).toContain(marker);
  });

  it('labels the containers it creates, and they run', async () => {
    const {id, name} = await runContainer({labels: {extra: 'yes'}});
    created.push(id);
    const info = await testDocker().getContainer(id).inspect();
    expect(info.Name).toBe(`/${name}`);
    expect(info.State.Running).toBe(true);
    expect(info.Config.Labels).toMatchObject({[TEST_LABEL]: TEST_LABEL_VALUE, extra: 'yes'});
    const listed = await testDocker().listContainers({filters: {label: [`${TEST_LABEL}=${TEST_LABEL_VALUE}`]}});
    expect(listed.map(c => c.Id)).toContain(id);
  });

  it('removes a container, and a second removal is not an error', async () => {
    const {id} = await runContainer({start: false});
    await removeContainer(id);
    await removeContainer(id);
    await expect(testDocker().getContainer(id).inspect()).rejects.toMatchObject({statusCode: 404});
  });
});

describe('startEngine', () => {
  it('starts a second engine beside the suite one, restarts it with its data, and removes everything on stop', async () => {
    const {startEngine} = await import('./engine.js');
    const {existsSync} = await import('node:fs');
    const Dockerode = (await import('dockerode')).default;
    const engine = await startEngine({tag: 'engine.test'});
    try {
      expect(engine.host).not.toBe(testHost());
      const docker = new Dockerode({socketPath: new URL(engine.host).pathname});
      const volume = uniqueName('ww-test-vol');
      await docker.createVolume({Name: volume, Labels: {[TEST_LABEL]: TEST_LABEL_VALUE}});
      await engine.kill();
      await expect(docker.ping()).rejects.toThrow();
      await engine.start();
      expect((await docker.getVolume(volume).inspect()).Name).toBe(volume);
      // The suite's engine did not notice any of this.
      expect(String(await testDocker().ping())).toBe('OK');
    } finally {
      await engine.stop();
    }
    expect(existsSync(engine.dir)).toBe(false);
    const bridge = `ww${engine.dir.slice('/tmp/ww-'.length)}`;
    expect(existsSync(`/sys/class/net/${bridge}`)).toBe(false);
  });
});
