import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {KEYS, lineWith, renderApp, testStore} from './render.js';
import {FIXTURE_IMAGE, removeContainer, runContainer, testDocker, uniqueName} from '../engine/fixtures.js';
import {startRegistry, type RegistryHandle} from '../engine/registry.js';
import {publishImage} from '../engine/images.js';
import type {Store} from '../../source/store/store.js';

const buildDir = fileURLToPath(new URL('../fixtures/build', import.meta.url));
const erase = (n: number) => Array(n).fill(KEYS.backspace) as string[];

describe('the images pane on a real engine and registry', () => {
  let store: Store;
  let app: ReturnType<typeof renderApp>;
  let registry: RegistryHandle;
  let remote: string;
  const images = new Set<string>();
  const containers: string[] = [];
  const volumes: string[] = [];

  beforeAll(async () => {
    registry = await startRegistry();
    remote = await publishImage(registry, `whalewatch/screen-${uniqueName('pull')}`);
    images.add(`${remote}:test`);
    store = testStore();
    await store.start();
  });
  afterEach(() => app?.unmount());
  afterAll(async () => {
    store?.stop();
    await Promise.all(containers.map((id) => removeContainer(id)));
    for (const name of volumes) await testDocker().getVolume(name).remove().catch(() => undefined);
    for (const ref of images) await testDocker().getImage(ref).remove({force: true}).catch(() => undefined);
    await registry?.stop();
  });

  /** Opens the images pane narrowed to `text`. */
  const openImages = async (text: string) => {
    app = renderApp(store);
    await app.press('2');
    await app.waitFor((f) => f.includes('REPOSITORY') && f.includes('whalewatch-fixture'));
    await app.press('/', ...text, KEYS.enter);
    await app.waitFor((f) => f.includes(`filter: ${text}`));
  };

  it('pulls from the registry with progress per layer, then lists the image', async () => {
    await openImages('whalewatch-fixture');
    await app.press('p');
    await app.waitFor((f) => f.includes('Pull image (reference): whalewatch-fixture:test'));
    await app.press(...erase(40), ...`${remote}:test`, KEYS.enter);
    const progress = await app.waitFor((f) => f.includes(`pull ${remote}:test`) && f.includes('total'));
    expect(progress).toMatch(/running|done/);
    const done = await app.waitFor((f) => f.includes('Status: Downloaded newer image'), 30_000);
    // The layer that had to come over the wire is complete; the busybox ones were here already.
    expect(done).toContain('Pull complete');
    expect(done).toContain('Already exists');
    expect(done).toMatch(/total █+ 100%/);
    await app.press(KEYS.escape, KEYS.escape, '/', ...remote.split('/').pop()!, KEYS.enter);
    await app.waitFor((f) => lineWith(f, remote).includes('test'));
    expect((await testDocker().getImage(`${remote}:test`).inspect()).Id).toMatch(/^sha256:/);
  });

  it('says in one line that a reference does not exist, and creates nothing', async () => {
    await openImages('whalewatch-fixture');
    await app.press('p', ...erase(40), ...`${registry.url}/whalewatch/nope:1`, KEYS.enter);
    await app.waitFor((f) => f.includes('was not found in its registry'), 20_000);
    await expect(testDocker().getImage(`${registry.url}/whalewatch/nope:1`).inspect()).rejects.toMatchObject({statusCode: 404});
  });

  it('runs a container through the form with ports, volumes, env and labels; a bad port creates nothing', async () => {
    const name = uniqueName('ww-formrun');
    const volume = uniqueName('ww-formvol');
    volumes.push(volume);
    await openImages('whalewatch-fixture');
    await app.press('r');
    await app.waitFor((f) => f.includes('Run a container (docker run)') && f.includes(`› Image`));
    // Name, then Mode stays detached, then ports: first a bad one.
    await app.press(KEYS.down, ...name, KEYS.down, KEYS.down, ...'99999:80');
    await app.waitFor((f) => /✗ .*99999/.test(lineWith(f, 'Ports (-p)')));
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('1 field to fix'));
    expect((await testDocker().listContainers({all: true})).some((c) => c.Names.includes(`/${name}`))).toBe(false);

    await app.press(...erase(8), ...'127.0.0.1:18089:80 15353:53/udp', KEYS.down);
    await app.press(...`${volume}:/data ${buildDir}:/ctx:ro`, KEYS.down);
    await app.press(...'MODE=screen GREETING="hello there"', KEYS.down);
    await app.press(...'whalewatch.test=1 tier=front', KEYS.down);
    await app.press(...'sh -c "sleep 300"', KEYS.down, ...'on-failure:3');
    const form = await app.waitFor((f) => f.includes('on-failure:3█'));
    expect(form).toContain(`$ docker run -d --name ${name} -p 127.0.0.1:18089:80`);
    expect(form).not.toContain('✗');
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes(`${name} started`), 20_000);

    const found = (await testDocker().listContainers({all: true})).find((c) => c.Names.includes(`/${name}`));
    expect(found).toBeDefined();
    containers.push(found!.Id);
    const inspected = await testDocker().getContainer(found!.Id).inspect();
    expect(inspected.State.Running).toBe(true);
    expect(inspected.HostConfig.PortBindings).toMatchObject({'80/tcp': [{HostIp: '127.0.0.1', HostPort: '18089'}], '53/udp': [{HostPort: '15353'}]});
    expect(inspected.Mounts).toEqual(expect.arrayContaining([
      expect.objectContaining({Type: 'volume', Name: volume, Destination: '/data', RW: true}),
      expect.objectContaining({Type: 'bind', Source: buildDir, Destination: '/ctx', RW: false}),
    ]));
    expect(inspected.Config.Env).toEqual(expect.arrayContaining(['MODE=screen', 'GREETING=hello there']));
    expect(inspected.Config.Labels).toMatchObject({'whalewatch.test': '1', tier: 'front'});
    expect(inspected.Config.Cmd).toEqual(['sh', '-c', 'sleep 300']);
    expect(inspected.HostConfig.RestartPolicy).toMatchObject({Name: 'on-failure', MaximumRetryCount: 3});
  });

  it('builds an image from a directory with its output streamed, and the image appears', async () => {
    const tag = `ww-screen-build:${uniqueName('t')}`;
    images.add(tag);
    await openImages('whalewatch-fixture');
    await app.press('b');
    await app.waitFor((f) => f.includes('Build an image (docker build)'));
    await app.press(...erase(200), ...buildDir, KEYS.down, KEYS.down, ...tag, KEYS.down, ...'GREETING=from-screen');
    await app.waitFor((f) => f.includes(`$ docker build -t ${tag} --build-arg GREETING=from-screen ${buildDir}`));
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes(`build ${tag}`) && /step \d\/\d/.test(f));
    await app.waitFor((f) => f.includes(`built `) && f.includes(`as ${tag}`), 60_000);
    const image = await testDocker().getImage(tag).inspect();
    expect(image.Config.Labels).toMatchObject({'whalewatch.test': '1', 'whalewatch.greeting': 'from-screen'});
  });

  it('refuses to remove an image a container uses, naming the container, and offers force', async () => {
    const user = await runContainer({name: uniqueName('ww-imguser')});
    containers.push(user.id);
    await openImages('whalewatch-fixture');
    await app.press('d');
    const question = await app.waitFor((f) => f.includes(`${FIXTURE_IMAGE} is used by`));
    expect(question).toContain(user.name);
    expect(question).toContain('f remove it forced');
    await app.press('n');
    await app.waitFor((f) => !f.includes('is used by'));
    expect((await testDocker().getImage(FIXTURE_IMAGE).inspect()).Id).toMatch(/^sha256:/);
  });
});
