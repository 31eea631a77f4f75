import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine, MUTATING_METHODS} from '../../source/docker/engine.js';
import {ReadOnlyError} from '../../source/docker/read-only.js';
import {describeError} from '../../source/docker/errors.js';
import {FIXTURE_IMAGE, TEST_LABEL, TEST_LABEL_VALUE, removeContainer, runContainer, testDocker, uniqueName} from '../engine/fixtures.js';

describe('the engine wrapper on a real engine', () => {
  const made: string[] = [];
  beforeAll(() => undefined);
  afterAll(async () => Promise.all(made.map((id) => removeContainer(id))));

  it('refuses every mutating call in read-only mode and the container stays as it was', async () => {
    const {id} = await runContainer({name: uniqueName('ww-guard')});
    made.push(id);
    const engine = new Engine(testDocker(), true);
    const before = await testDocker().getContainer(id).inspect();
    for (const method of MUTATING_METHODS) {
      const call = (engine[method] as (id: string, arg?: unknown) => Promise<unknown>).call(engine, id, method === 'rename' ? 'x' : {force: true, volumes: true});
      await expect(call, method).rejects.toBeInstanceOf(ReadOnlyError);
    }
    const after = await testDocker().getContainer(id).inspect();
    expect(after.State.Running).toBe(true);
    expect(after.Name).toBe(before.Name);
    expect(after.State.StartedAt).toBe(before.State.StartedAt);
    // Every method of the class that is not a reading call must be in the guarded list.
    const reading = new Set(['constructor', 'info', 'listContainers', 'getContainer', 'inspectContainer', 'events', 'statsOnce', 'logs', 'mutate',
      'listImages', 'listVolumes', 'listNetworks', 'inspectImage', 'inspectVolume', 'inspectNetwork', 'imageHistory', 'diskUsage', 'planSystemPrune']);
    const methods = Object.getOwnPropertyNames(Engine.prototype).filter((m) => !reading.has(m));
    expect(methods.sort()).toEqual([...MUTATING_METHODS].sort());
  });

  it('in read-only mode creates and prunes nothing with real arguments, and still reads disk usage and a prune plan', async () => {
    const engine = new Engine(testDocker(), true);
    const name = uniqueName('ww-ro');
    const spec = {image: FIXTURE_IMAGE, name, interactive: false, ports: [], mounts: [], env: [], labels: {[TEST_LABEL]: TEST_LABEL_VALUE}, cmd: ['true']};
    const filters = {label: [`${TEST_LABEL}=${TEST_LABEL_VALUE}`]};
    const calls: Array<[string, Promise<unknown>]> = [
      ['run', engine.run(spec)],
      ['createContainer', engine.createContainer(spec)],
      ['createVolume', engine.createVolume({name, labels: {[TEST_LABEL]: TEST_LABEL_VALUE}})],
      ['createNetwork', engine.createNetwork({name, labels: {[TEST_LABEL]: TEST_LABEL_VALUE}})],
      ['pruneVolumes', engine.pruneVolumes(filters)],
      ['pruneNetworks', engine.pruneNetworks(filters)],
      ['pruneContainers', engine.pruneContainers(filters)],
      ['pruneImages', engine.pruneImages({all: false}, filters)],
      ['pruneBuildCache', engine.pruneBuildCache({all: false})],
      ['systemPrune', engine.systemPrune({all: false, volumes: true}, filters)],
      ['connectNetwork', engine.connectNetwork('bridge', name)],
      ['disconnectNetwork', engine.disconnectNetwork('bridge', name, {force: true})],
    ];
    for (const [what, call] of calls) await expect(call, what).rejects.toBeInstanceOf(ReadOnlyError);
    expect(await testDocker().listContainers({all: true, filters: {name: [name]}})).toEqual([]);
    expect((await engine.listVolumes()).map((v) => v.name)).not.toContain(name);
    expect((await engine.listNetworks()).map((n) => n.name)).not.toContain(name);
    const usage = await engine.diskUsage();
    expect(usage.images.count).toBeGreaterThanOrEqual(1);
    const plan = await engine.planSystemPrune({all: false, volumes: true, filters});
    expect(plan).toEqual({containers: expect.any(Array), images: expect.any(Array), networks: expect.any(Array), volumes: expect.any(Array)});
  });

  it('says plainly when a container vanished before the action', async () => {
    const {id} = await runContainer({name: uniqueName('ww-vanish')});
    await removeContainer(id);
    const engine = new Engine(testDocker(), false);
    const error = await engine.stop(id).catch((e: unknown) => e);
    expect(describeError(error)).toMatch(/^Container [0-9a-f]{12} no longer exists$/);
  });

  it('reads stats computed like docker stats, and logs demultiplexed', async () => {
    const {id} = await runContainer({name: uniqueName('ww-stream'), cmd: ['sh', '-c', 'echo to-out; echo to-err >&2; while true; do sleep 1; done']});
    made.push(id);
    const engine = new Engine(testDocker(), false);
    // Polled as the store does: a first reading for the counters, then one compared with them.
    const first = await engine.statsOnce(id);
    const stats = (await engine.statsOnce(id, first.counters)).stats!;
    expect(stats.memLimit).toBeGreaterThan(0);
    expect(stats.memUsage).toBeGreaterThan(0);
    expect(stats.pids).toBeGreaterThanOrEqual(1);
    expect(stats.cpuPercent).toBeGreaterThanOrEqual(0);
    const lines: Array<[string, string]> = [];
    await new Promise<void>((resolve) => {
      const sub = engine.logs(id, {tail: 100, follow: true}, (line, stream) => {
        lines.push([line.replace(/^\S+Z /, ''), stream]);
        if (lines.length === 2) (sub.close(), resolve());
      }, () => resolve());
    });
    expect(lines).toEqual(expect.arrayContaining([['to-out', 'stdout'], ['to-err', 'stderr']]));
  });
});
