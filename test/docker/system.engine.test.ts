// Volumes, networks, disk usage, `docker run` and prunes on the suite's private engine. Prunes act
// on the whole engine, which holds the fixture image for the whole run: every prune here is
// narrowed to this file's own label (besides TEST_LABEL), so it can only touch what this file made.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {randomBytes, randomInt} from 'node:crypto';
import {afterAll, describe, expect, it} from 'vitest';
import {Engine} from '../../source/docker/engine.js';
import {describeError} from '../../source/docker/errors.js';
import {EMPTY_RUN_FIELDS, parseRunFields, type RunFields, type RunSpec} from '../../source/docker/run-spec.js';
import {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE, removeContainer, runContainer, testDocker, uniqueName} from '../engine/fixtures.js';

const RUN = randomBytes(4).toString('hex');
const OWN = {[TEST_LABEL]: TEST_LABEL_VALUE, 'whalewatch.system': RUN};
const OWN_FILTER = {label: [`${TEST_LABEL}=${TEST_LABEL_VALUE}`, `whalewatch.system=${RUN}`]};
const LABELS = `${TEST_LABEL}=${TEST_LABEL_VALUE} whalewatch.system=${RUN}`;

const engine = () => new Engine(testDocker(), false);
/** A host port for this test, far from the ones other engines on the machine may hold. */
const freePort = () => randomInt(30_000, 40_000);

function spec(fields: Partial<RunFields>): RunSpec {
  const {spec, errors} = parseRunFields({...EMPTY_RUN_FIELDS, image: FIXTURE_IMAGE, labels: LABELS, command: 'sh -c "while true; do sleep 1; done"', ...fields});
  expect(errors).toEqual({});
  return spec!;
}

async function failure(p: Promise<unknown>): Promise<string> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error, 'expected a rejection').toBeDefined();
  const line = describeError(error);
  expect(line).not.toMatch(/\n/);
  return line;
}

const containers: string[] = [];
const volumes: string[] = [];
const networks: string[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(containers.map((id) => removeContainer(id)));
  for (const name of volumes) await testDocker().getVolume(name).remove().catch(() => undefined);
  for (const id of networks) await testDocker().getNetwork(id).remove().catch(() => undefined);
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true});
});

describe('docker run through the engine', () => {
  it('runs with ports, a named volume, a read-only bind, env, labels, restart policy and network, exactly as asked', async () => {
    const net = uniqueName('ww-sys-net');
    networks.push((await engine().createNetwork({name: net, labels: OWN})).id);
    const vol = uniqueName('ww-sys-vol');
    volumes.push(vol);
    const dir = mkdtempSync(path.join(tmpdir(), 'ww-sys-bind-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'hello'), 'hi');
    const port = freePort();
    const name = uniqueName('ww-sys-run');
    const result = await engine().run(spec({
      name, ports: `127.0.0.1:${port}:80 53/udp`, volumes: `${vol}:/data ${dir}:/in:ro`, env: 'A=1 B="x y"', labels: `${LABELS} role="web server"`,
      restart: 'on-failure:2', network: net,
    }));
    containers.push(result.id);
    expect(result.name).toBe(name);
    const info = await testDocker().getContainer(result.id).inspect();
    expect(info.State.Running).toBe(true);
    expect(info.Name).toBe(`/${name}`);
    expect(info.HostConfig.PortBindings).toEqual({'80/tcp': [{HostIp: '127.0.0.1', HostPort: String(port)}], '53/udp': [{HostIp: '', HostPort: ''}]});
    expect(info.NetworkSettings.Ports['80/tcp']).toEqual([{HostIp: '127.0.0.1', HostPort: String(port)}]);
    expect(info.Mounts.map((m) => [m.Type, m.Type === 'volume' ? m.Name : m.Source, m.Destination, m.RW]).sort()).toEqual([
      ['bind', dir, '/in', false],
      ['volume', vol, '/data', true],
    ]);
    expect(info.Config.Env).toEqual(expect.arrayContaining(['A=1', 'B=x y']));
    expect(info.Config.Labels).toEqual({...OWN, role: 'web server'});
    expect(info.HostConfig.RestartPolicy).toEqual({Name: 'on-failure', MaximumRetryCount: 2});
    expect(info.HostConfig.NetworkMode).toBe(net);
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([net]);
    expect(info.Config.Tty).toBe(false);
  });

  it('removes the created container when the start fails: a host port taken by another container', async () => {
    const port = freePort();
    const first = await engine().run(spec({name: uniqueName('ww-sys-port1'), ports: `${port}:80`}));
    containers.push(first.id);
    const name = uniqueName('ww-sys-port2');
    const line = await failure(engine().run(spec({name, ports: `${port}:80`})));
    expect(line).toBe(`Port 0.0.0.0:${port} is already taken by another container`);
    expect(await testDocker().listContainers({all: true, filters: {name: [name]}})).toEqual([]);
  });

  it('removes the created container when the start fails: a network that does not exist', async () => {
    const name = uniqueName('ww-sys-nonet');
    const line = await failure(engine().run(spec({name, network: `no-such-${RUN}`})));
    expect(line).toBe(`Network no-such-${RUN} not found`);
    expect(await testDocker().listContainers({all: true, filters: {name: [name]}})).toEqual([]);
  });

  it('says a name is taken, and that an image without a command needs one', async () => {
    const {name, id} = await runContainer({name: uniqueName('ww-sys-taken')});
    containers.push(id);
    expect(await failure(engine().run(spec({name})))).toBe(`The name ${name} is already in use by container ${id.slice(0, 12)}`);
    expect(await failure(engine().createContainer(spec({command: ''})))).toBe('No command specified, and the image has no default command: give one');
  });

  it('creates an interactive container without starting it', async () => {
    const created = await engine().createContainer(spec({interactive: true, command: 'sh'}));
    containers.push(created.id);
    expect(created.name).toMatch(/^[a-z]+_[a-z]+$/); // the engine picks a name when none is given
    const info = await testDocker().getContainer(created.id).inspect();
    expect(info.State.Status).toBe('created');
    expect(info.Config).toMatchObject({Tty: true, OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true, Cmd: ['sh']});
  });
});

describe('volumes', () => {
  it('creates with labels and local driver options, inspects, removes', async () => {
    const name = uniqueName('ww-sys-tmpfs');
    volumes.push(name);
    const volume = await engine().createVolume({name, driver: 'local', labels: OWN, driverOpts: {type: 'tmpfs', device: 'tmpfs', o: 'size=1m'}});
    expect(volume).toMatchObject({name, driver: 'local', scope: 'local', labels: OWN, options: {type: 'tmpfs', device: 'tmpfs', o: 'size=1m'}});
    expect(volume.created).toBeGreaterThan(0);
    expect(await engine().inspectVolume(name)).toMatchObject({Name: name, Options: {type: 'tmpfs'}});
    // The tmpfs options are really used: the mount in a container is a 1 MiB tmpfs.
    const {id} = await runContainer({cmd: ['sh', '-c', 'grep " /t " /proc/mounts'], hostConfig: {Binds: [`${name}:/t`]}});
    containers.push(id);
    await testDocker().getContainer(id).wait();
    const mounts = (await testDocker().getContainer(id).logs({stdout: true, stderr: true})).toString('latin1');
    expect(mounts).toMatch(/tmpfs \/t tmpfs .*size=1024k/);
    await engine().remove(id, {force: true, volumes: false});
    await engine().removeVolume(name);
    expect((await engine().listVolumes()).map((v) => v.name)).not.toContain(name);
  });

  it('lets the engine name a volume', async () => {
    const volume = await engine().createVolume({labels: OWN});
    volumes.push(volume.name);
    expect(volume.name).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to remove a volume in use, in one sentence', async () => {
    const name = uniqueName('ww-sys-busy');
    volumes.push(name);
    await engine().createVolume({name, labels: OWN});
    const {id} = await runContainer({hostConfig: {Binds: [`${name}:/b`]}});
    containers.push(id);
    expect(await failure(engine().removeVolume(name))).toBe(`Volume ${name} is in use by container ${id.slice(0, 12)}: remove the container first`);
  });

  it('prunes unused volumes by label, named ones too on API 1.41, and counts what it freed', async () => {
    const name = uniqueName('ww-sys-prune');
    volumes.push(name);
    const keep = uniqueName('ww-sys-keep');
    volumes.push(keep);
    await engine().createVolume({name, labels: OWN});
    await engine().createVolume({name: keep, labels: {[TEST_LABEL]: TEST_LABEL_VALUE}});
    const {id} = await runContainer({cmd: ['sh', '-c', 'head -c 50000 /dev/zero > /p/f'], hostConfig: {Binds: [`${name}:/p`]}});
    await testDocker().getContainer(id).wait();
    await removeContainer(id);
    const pruned = await engine().pruneVolumes(OWN_FILTER);
    expect(pruned.deleted).toContain(name);
    expect(pruned.deleted).not.toContain(keep);
    expect(pruned.reclaimed).toBeGreaterThanOrEqual(50_000);
    expect((await engine().listVolumes()).map((v) => v.name)).toContain(keep);
  });
});

describe('networks', () => {
  it('creates with a subnet, connects and disconnects a container, prunes by label', async () => {
    const name = uniqueName('ww-sys-sub');
    const third = randomInt(1, 250);
    const {id: netId} = await engine().createNetwork({name, subnet: `10.${200 + (third % 50)}.${third}.0/24`, gateway: `10.${200 + (third % 50)}.${third}.1`, labels: OWN});
    networks.push(netId);
    const network = (await engine().listNetworks()).find((n) => n.id === netId);
    expect(network).toMatchObject({name, driver: 'bridge', subnets: [`10.${200 + (third % 50)}.${third}.0/24`], labels: OWN, internal: false});

    const {id, name: cname} = await runContainer();
    containers.push(id);
    await engine().connectNetwork(name, id);
    let info = await testDocker().getContainer(id).inspect();
    expect(info.NetworkSettings.Networks[name]?.IPAddress).toMatch(new RegExp(`^10\\.${200 + (third % 50)}\\.${third}\\.`));
    expect(await failure(engine().connectNetwork(name, id))).toBe(`Container ${cname} is already connected to network ${name}`);
    expect(await failure(engine().removeNetwork(netId))).toBe(`Network ${name} still has containers attached: disconnect them first`);
    expect((await engine().planSystemPrune({all: false, volumes: false, filters: OWN_FILTER})).networks).not.toContain(name);

    await engine().disconnectNetwork(name, id);
    info = await testDocker().getContainer(id).inspect();
    expect(Object.keys(info.NetworkSettings.Networks)).not.toContain(name);

    expect((await engine().pruneNetworks(OWN_FILTER)).deleted).toContain(name);
    expect((await engine().listNetworks()).map((n) => n.id)).not.toContain(netId);
  });

  it('says what is wrong with a network create', async () => {
    const name = uniqueName('ww-sys-dup');
    networks.push((await engine().createNetwork({name, labels: OWN})).id);
    expect(await failure(engine().createNetwork({name, labels: OWN}))).toBe(`A network named ${name} already exists`);
    expect(await failure(engine().createNetwork({name: uniqueName('ww-sys-bad'), subnet: '10.0.0/24', labels: OWN}))).toBe('Invalid subnet "10.0.0/24": give it in CIDR form, e.g. 172.28.0.0/16');
    expect(await failure(engine().createNetwork({name: uniqueName('ww-sys-bad'), gateway: '10.9.9.1', labels: OWN}))).toMatch(/^A gateway needs a subnet/);
    expect(await failure(engine().createNetwork({name: uniqueName('ww-sys-bad'), subnet: '10.251.7.0/24', gateway: '10.99.0.1', labels: OWN}))).toBe('The gateway 10.99.0.1 is not inside the subnet');
  });

  it('forces a disconnect of a stopped container', async () => {
    const name = uniqueName('ww-sys-stopnet');
    networks.push((await engine().createNetwork({name, labels: OWN})).id);
    const {id} = await runContainer({start: false});
    containers.push(id);
    await engine().connectNetwork(name, id);
    expect(Object.keys((await testDocker().getContainer(id).inspect()).NetworkSettings.Networks)).toContain(name);
    await engine().disconnectNetwork(name, id, {force: true});
    expect(Object.keys((await testDocker().getContainer(id).inspect()).NetworkSettings.Networks)).not.toContain(name);
  });
});

describe('disk usage and system prune', () => {
  it('reports disk usage with sane numbers and the size of a volume holding data', async () => {
    const name = uniqueName('ww-sys-du');
    volumes.push(name);
    await engine().createVolume({name, labels: OWN});
    const {id} = await runContainer({cmd: ['sh', '-c', 'head -c 123456 /dev/zero > /v/f; while true; do sleep 1; done'], hostConfig: {Binds: [`${name}:/v`]}});
    containers.push(id);
    // Wait until the file is written (the shell writes it before its first sleep).
    const exec = await testDocker().getContainer(id).exec({Cmd: ['sh', '-c', 'while [ "$(wc -c < /v/f 2>/dev/null)" != 123456 ]; do sleep 0.1; done'], AttachStdout: true});
    await new Promise((resolve) => exec.start({}, (_e: unknown, stream?: NodeJS.ReadableStream) => (stream ? (stream.on('end', resolve), stream.resume()) : resolve(undefined))));
    const usage = await engine().diskUsage();
    expect(usage.volumeSizes.get(name)).toBe(123456);
    expect(usage.images.count).toBeGreaterThanOrEqual(1);
    expect(usage.images.active).toBeGreaterThanOrEqual(1);
    expect(usage.images.size).toBeGreaterThan(1_000_000); // at least the busybox fixture
    expect(usage.containers.active).toBeGreaterThanOrEqual(1);
    expect(usage.containers.count).toBeGreaterThanOrEqual(usage.containers.active);
    expect(usage.volumes.size).toBeGreaterThanOrEqual(123456);
    for (const row of [usage.images, usage.containers, usage.volumes, usage.buildCache]) {
      expect(row.active).toBeLessThanOrEqual(row.count);
      expect(row.reclaimable).toBeGreaterThanOrEqual(0);
      expect(row.reclaimable).toBeLessThanOrEqual(row.size);
    }
  });

  it('plans a system prune that lists a stopped labelled container, then prunes it and keeps the fixture image', async () => {
    const stopped = await runContainer({name: uniqueName('ww-sys-stopped'), cmd: ['true'], labels: OWN});
    containers.push(stopped.id);
    await testDocker().getContainer(stopped.id).wait();
    const running = await runContainer({name: uniqueName('ww-sys-alive'), labels: OWN});
    containers.push(running.id);
    const vol = uniqueName('ww-sys-spare');
    volumes.push(vol);
    await engine().createVolume({name: vol, labels: OWN});

    const plan = await engine().planSystemPrune({all: true, volumes: true, filters: OWN_FILTER});
    expect(plan.containers).toContain(stopped.name);
    expect(plan.containers).not.toContain(running.name);
    expect(plan.volumes).toContain(vol);
    expect(plan.images).not.toContain(FIXTURE_IMAGE); // it lacks this file's label
    expect((await engine().planSystemPrune({all: false, volumes: false, filters: OWN_FILTER})).volumes).toEqual([]);

    const result = await engine().systemPrune({all: true, volumes: true}, OWN_FILTER);
    expect(result.containers).toBeGreaterThanOrEqual(1);
    expect(result.volumes).toBeGreaterThanOrEqual(1);
    expect(result.buildCache).toBe(0);
    expect(await testDocker().listContainers({all: true, filters: {id: [stopped.id]}})).toEqual([]);
    expect((await testDocker().getContainer(running.id).inspect()).State.Running).toBe(true);
    expect((await engine().listVolumes()).map((v) => v.name)).not.toContain(vol);
    expect((await engine().listImages()).flatMap((i) => i.tags)).toContain(FIXTURE_IMAGE);
  });
});
