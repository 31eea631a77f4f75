/** `docker history` entries, turned from the engine's shape into ours. */
import type {ImageLayer} from './types.js';

/** One entry of GET /images/{id}/history as the engine sends it. */
export type RawHistoryEntry = {Id?: string; Created?: number; CreatedBy?: string; Size?: number; Tags?: string[] | null; Comment?: string};

/** Turns one history entry into ours; pulled images have '<missing>' ids for all but the top layer. */
export function toImageLayer(raw: RawHistoryEntry): ImageLayer {
  return {
    id: raw.Id || '<missing>',
    created: raw.Created ?? 0,
    createdBy: raw.CreatedBy ?? '',
    size: raw.Size ?? 0,
    tags: (raw.Tags ?? []).filter((t) => t !== '<none>:<none>'),
    comment: raw.Comment ?? '',
  };
}

