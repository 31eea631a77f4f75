import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {KEYS, lineWith, renderApp, testStore} from './render.js';
import {removeContainer, runContainer, testDocker, uniqueName} from '../engine/fixtures.js';
import type {Store} from '../../source/store/store.js';

/** Presses → until the focused choice shows `text` (the choices' order is the engine's). */
async function chooseUntil(app: ReturnType<typeof renderApp>, text: string, most = 30) {
  for (let i = 0; i < most; i++) {
    if (lineWith(app.frame(), '› Container').includes(`‹ ${text} ›`)) return;
    await app.press('\u001b[C');
  }
  throw new Error(`never offered ${text}:\n${app.frame()}`);
}

describe('the volumes and networks panes on a real engine', () => {
  let store: Store;
  let app: ReturnType<typeof renderApp>;
  const containers: string[] = [];
  const volumes: string[] = [];
  const networks: string[] = [];

  beforeAll(async () => {
    store = testStore();
    await store.start();
  });
  afterEach(() => app?.unmount());
  afterAll(async () => {
    store.stop();
    await Promise.all(containers.map((id) => removeContainer(id)));
    for (const name of volumes) await testDocker().getVolume(name).remove().catch(() => undefined);
    for (const name of networks) await testDocker().getNetwork(name).remove().catch(() => undefined);
  });

  const filterTo = async (name: string) => {
    await app.press('/', ...name, KEYS.enter);
    await app.waitFor((f) => f.includes(`filter: ${name}`));
  };

  it('creates a volume through the form, refuses a bad name first, then removes it', async () => {
    const name = uniqueName('ww-vol');
    volumes.push(name);
    app = renderApp(store);
    await app.press('3');
    await app.waitFor((f) => f.includes('NAME↑') && f.includes('DRIVER'));
    await app.press('c');
    await app.waitFor((f) => f.includes('Create a volume (docker volume create)'));
    // A bad name is an inline message and Enter creates nothing.
    await app.press(...'bad name', KEYS.enter);
    await app.waitFor((f) => f.includes('✗ a name is 2 or more') && f.includes('1 field to fix'));
    expect((await testDocker().listVolumes()).Volumes?.some((v) => v.Name === 'bad name')).toBe(false);
    await app.press(...Array(8).fill(KEYS.backspace), ...name, KEYS.down, KEYS.down);
    await app.press(...'whalewatch.test=1 purpose="screen test"');
    await app.waitFor((f) => f.includes(`$ docker volume create --label whalewatch.test=1 --label 'purpose=screen test' ${name}`));
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes(`volume ${name} created`) && lineWith(f, name).includes('local'));
    const inspected = await testDocker().getVolume(name).inspect();
    expect(inspected.Labels).toMatchObject({'whalewatch.test': '1', purpose: 'screen test'});

    await filterTo(name);
    await app.press('d');
    await app.waitFor((f) => f.includes(`Remove volume ${name}? Its data is lost.`));
    await app.press('y');
    await app.waitFor((f) => f.includes(`${name} removed`));
    await expect(testDocker().getVolume(name).inspect()).rejects.toMatchObject({statusCode: 404});
  });

  it('refuses to remove a volume in use and names the container; prune removes the unused one', async () => {
    const used = uniqueName('ww-used');
    const spare = uniqueName('ww-spare');
    volumes.push(used, spare);
    for (const name of [used, spare]) await testDocker().createVolume({Name: name, Labels: {'whalewatch.test': '1'}});
    const user = await runContainer({name: uniqueName('ww-user'), hostConfig: {Binds: [`${used}:/data`]}});
    containers.push(user.id);
    app = renderApp(store);
    await app.press('3');
    await app.waitFor((f) => lineWith(f, used).includes(user.name));
    await filterTo(used);
    await app.press('d');
    await app.waitFor((f) => f.includes(`${used} is in use by ${user.name}; remove those containers first`));
    expect((await testDocker().getVolume(used).inspect()).Name).toBe(used);

    await app.press(KEYS.escape, 'P');
    await app.waitFor((f) => /Remove \d+ unused volumes? and their data: .*/.test(f) && f.includes(spare));
    await app.press('y');
    await app.waitFor((f) => /\d+ volumes? removed, .* reclaimed/.test(f), 20_000);
    await expect(testDocker().getVolume(spare).inspect()).rejects.toMatchObject({statusCode: 404});
    expect((await testDocker().getVolume(used).inspect()).Name).toBe(used);
  });

  it('creates a network with a subnet, connects and disconnects a container', async () => {
    const name = uniqueName('ww-net');
    networks.push(name);
    const member = await runContainer({name: uniqueName('ww-member')});
    containers.push(member.id);
    app = renderApp(store);
    await app.press('4');
    await app.waitFor((f) => f.includes('bridge'));
    await app.press('c');
    await app.waitFor((f) => f.includes('Create a network (docker network create)'));
    await app.press(...name, KEYS.down, KEYS.down, ...'10.213.300.0/24');
    await app.waitFor((f) => f.includes('✗ 10.213.300.0 is not an IPv4 address'));
    await app.press(...Array(8).fill(KEYS.backspace), ...'57.0/24', KEYS.down, KEYS.down, KEYS.down, ...'whalewatch.test=1');
    await app.waitFor((f) => f.includes(`$ docker network create --subnet 10.213.57.0/24 --label whalewatch.test=1 ${name}`));
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes(`network ${name} created`) && lineWith(f, name).includes('10.213.57.0/24'));

    await filterTo(name);
    await app.press('C');
    await app.waitFor((f) => f.includes(`Connect a container to ${name}`));
    await chooseUntil(app, member.name);
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes(`${member.name} connected to ${name}`) && lineWith(f, name).includes(member.name));
    const connected = await testDocker().getContainer(member.id).inspect();
    expect(Object.keys(connected.NetworkSettings.Networks)).toContain(name);
    expect(connected.NetworkSettings.Networks[name].IPAddress).toMatch(/^10\.213\.57\./);

    await app.press('x');
    await app.waitFor((f) => f.includes(`Disconnect a container from ${name}`) && f.includes(`‹ ${member.name} ›`));
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes(`${member.name} disconnected from ${name}`) && !lineWith(f, name).includes(member.name));
    const after = await testDocker().getContainer(member.id).inspect();
    expect(Object.keys(after.NetworkSettings.Networks)).not.toContain(name);
  });
});
