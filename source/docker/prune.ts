/** The engine's answer to POST /images/prune, counted. */
/**
 * The prune answer counted: image ids deleted (parents included, as `docker image prune` lists them) and bytes freed.
 * A dangling image built in several steps deletes several ids.
 */
export function pruneCounts(raw: {ImagesDeleted?: Array<{Deleted?: string; Untagged?: string}> | null; SpaceReclaimed?: number} | null | undefined): {deleted: number; reclaimed: number} {
  return {
    deleted: (raw?.ImagesDeleted ?? []).filter((entry) => entry.Deleted).length,
    reclaimed: raw?.SpaceReclaimed ?? 0,
  };
}
