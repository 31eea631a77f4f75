/**
 * `docker system df` from the engine's GET /system/df answer, computed exactly as the docker CLI
 * does it from that answer (cli/command/system/df.go and cli/command/formatter/disk_usage.go, the
 * versions that compute from the lists, as every CLI talking to API 1.41 does):
 *
 * - images: count all, active = used by a container; size = LayersSize (shared layers once);
 *   reclaimable = size − Σ (Size − SharedSize) of the images in use (an image whose sizes are
 *   unknown, -1, counts as nothing in use). Like the CLI this can overstate what a prune frees,
 *   since a layer shared with an image in use is counted as reclaimable.
 * - containers: active = running, paused or restarting; size = Σ SizeRw; reclaimable = Σ SizeRw
 *   of the others.
 * - volumes: active = RefCount > 0; size = Σ UsageData.Size (unknown, -1, left out);
 *   reclaimable = the same sum over volumes no container refers to.
 * - build cache: active = InUse; size = Σ Size of records not Shared; reclaimable = those not in use.
 */
import type {DiskUsage, DiskUsageRow} from './types.js';

/** The parts of GET /system/df we read. */
export type RawDiskUsage = {
  LayersSize?: number;
  Images?: Array<{Containers?: number; Size?: number; VirtualSize?: number; SharedSize?: number}> | null;
  Containers?: Array<{State?: string; SizeRw?: number}> | null;
  Volumes?: Array<{Name: string; UsageData?: {RefCount?: number; Size?: number} | null}> | null;
  BuildCache?: Array<{InUse?: boolean; Shared?: boolean; Size?: number}> | null;
};

const sum = <T>(items: T[], value: (item: T) => number) => items.reduce((total, item) => total + value(item), 0);

/** The CLI's "active" test for a container (a substring test on the state, as there). */
const isActive = (state = '') => /running|paused|restarting/.test(state);

/** Turns the engine's disk usage answer into the four rows of `docker system df` and each volume's size. */
export function toDiskUsage(raw: RawDiskUsage): DiskUsage {
  const images = raw.Images ?? [];
  const containers = raw.Containers ?? [];
  const volumes = raw.Volumes ?? [];
  const cache = raw.BuildCache ?? [];

  const layers = raw.LayersSize ?? 0;
  // API 1.41 sends Size and VirtualSize (equal); newer engines drop VirtualSize.
  const used = sum(images.filter((i) => (i.Containers ?? 0) !== 0), (i) => {
    const size = i.VirtualSize ?? i.Size ?? -1;
    const shared = i.SharedSize ?? -1;
    return size === -1 || shared === -1 ? 0 : size - shared;
  });
  const imageRow: DiskUsageRow = {
    count: images.length,
    active: images.filter((i) => (i.Containers ?? 0) > 0).length,
    size: layers,
    reclaimable: layers - used,
  };

  const containerRow: DiskUsageRow = {
    count: containers.length,
    active: containers.filter((c) => isActive(c.State)).length,
    size: sum(containers, (c) => c.SizeRw ?? 0),
    reclaimable: sum(containers.filter((c) => !isActive(c.State)), (c) => c.SizeRw ?? 0),
  };

  const known = volumes.filter((v) => (v.UsageData?.Size ?? -1) !== -1);
  const volumeRow: DiskUsageRow = {
    count: volumes.length,
    active: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
    size: sum(known, (v) => v.UsageData!.Size!),
    reclaimable: sum(known.filter((v) => (v.UsageData?.RefCount ?? 0) === 0), (v) => v.UsageData!.Size!),
  };

  const own = cache.filter((b) => !b.Shared);
  const cacheRow: DiskUsageRow = {
    count: cache.length,
    active: cache.filter((b) => b.InUse).length,
    size: sum(own, (b) => b.Size ?? 0),
    reclaimable: sum(own.filter((b) => !b.InUse), (b) => b.Size ?? 0),
  };

  return {
    images: imageRow,
    containers: containerRow,
    volumes: volumeRow,
    buildCache: cacheRow,
    volumeSizes: new Map(volumes.map((v) => [v.Name, v.UsageData?.Size ?? -1])),
  };
}
