import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {toDiskUsage, type RawDiskUsage} from '../../source/docker/disk-usage.js';

// Recorded from dockerd 20.10 (API 1.41): the fixture image used by a running and a stopped
// container, two more images (one dangling) built on it, a volume in use holding 100000 bytes and
// an unused one holding 20000, and the BuildKit cache of one build.
const recorded = JSON.parse(readFileSync(new URL('../fixtures/system-df.json', import.meta.url), 'utf8')) as RawDiskUsage;

describe('toDiskUsage', () => {
  it('computes the recorded answer as `docker system df` shows it', () => {
    const usage = toDiskUsage(recorded);
    // LayersSize 1995472; the image in use shares all its bytes, so the CLI counts none as used.
    expect(usage.images).toEqual({count: 4, active: 1, size: 1995472, reclaimable: 1995472});
    // The running container has no SizeRw worth sending; the stopped one wrote 5000 bytes.
    expect(usage.containers).toEqual({count: 2, active: 1, size: 5000, reclaimable: 5000});
    expect(usage.volumes).toEqual({count: 2, active: 1, size: 120000, reclaimable: 20000});
    // Shared records (7000 bytes among them) are left out, as the CLI does; 2048 + 62 remain.
    expect(usage.buildCache).toEqual({count: 5, active: 0, size: 2110, reclaimable: 2110});
    expect([...usage.volumeSizes.values()].sort()).toEqual([100000, 20000]);
    for (const volume of recorded.Volumes!) expect(usage.volumeSizes.get(volume.Name)).toBe(volume.UsageData!.Size);
  });

  it('counts paused and restarting containers as active', () => {
    const usage = toDiskUsage({Containers: [{State: 'paused', SizeRw: 1}, {State: 'restarting', SizeRw: 2}, {State: 'created', SizeRw: 4}, {State: 'dead', SizeRw: 8}]});
    expect(usage.containers).toEqual({count: 4, active: 2, size: 15, reclaimable: 12});
  });

  it('subtracts what images in use hold on their own, skipping unknown sizes', () => {
    const usage = toDiskUsage({
      LayersSize: 1000,
      Images: [
        {Containers: 1, Size: 600, SharedSize: 100},
        {Containers: 0, Size: 300, SharedSize: 100},
        {Containers: 2, Size: -1, SharedSize: 50},
        {Containers: 1, Size: 200, SharedSize: -1},
      ],
    });
    expect(usage.images).toEqual({count: 4, active: 3, size: 1000, reclaimable: 500});
  });

  it('leaves volumes of unknown size out of the sums and says -1 for them', () => {
    const usage = toDiskUsage({Volumes: [{Name: 'a', UsageData: {RefCount: 0, Size: -1}}, {Name: 'b', UsageData: {RefCount: 0, Size: 10}}, {Name: 'c', UsageData: null}]});
    expect(usage.volumes).toEqual({count: 3, active: 0, size: 10, reclaimable: 10});
    expect(usage.volumeSizes).toEqual(new Map([['a', -1], ['b', 10], ['c', -1]]));
  });

  it('does not count build cache in use as reclaimable', () => {
    const usage = toDiskUsage({BuildCache: [{InUse: true, Shared: false, Size: 5}, {InUse: false, Shared: false, Size: 7}, {InUse: true, Shared: true, Size: 100}]});
    expect(usage.buildCache).toEqual({count: 3, active: 2, size: 12, reclaimable: 7});
  });

  it('takes an empty engine', () => {
    const zero = {count: 0, active: 0, size: 0, reclaimable: 0};
    expect(toDiskUsage({Images: null, Containers: null, Volumes: null, BuildCache: null})).toEqual({images: zero, containers: zero, volumes: zero, buildCache: zero, volumeSizes: new Map()});
  });
});
