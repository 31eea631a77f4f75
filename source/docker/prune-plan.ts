/**
 * What `docker system prune` would remove, worked out from the lists (containers, images,
 * networks, volumes) so a confirmation can name everything before anything goes. It follows the
 * engine's prune rules (moby daemon/prune.go) in the order the CLI runs them: containers first,
 * then networks, volumes and images judged against the containers that survive. Best effort: the
 * engine decides at prune time, so something created or stopped meanwhile may differ; `until`
 * filters are not modelled; swarm-scoped networks are never listed (the engine prunes those only
 * when no service uses them, which the lists do not say); the build cache has no names to list.
 */
import type {Container, Image, Network, PruneFilters, PrunePlan, Volume} from './types.js';

/** Networks the engine creates and never prunes. */
const PREDEFINED_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);

/** Container states a container prune leaves alone (the engine prunes what is not running). */
const ALIVE = new Set(['running', 'paused', 'restarting', 'removing']);

/** Whether labels match every `key` / `key=value` of the filter, as the engine's label filter does. */
export function matchesLabels(labels: Record<string, string>, filters?: PruneFilters): boolean {
  return (filters?.label ?? []).every((entry) => {
    const eq = entry.indexOf('=');
    if (eq === -1) return Object.hasOwn(labels, entry);
    return labels[entry.slice(0, eq)] === entry.slice(eq + 1);
  });
}

/** How an image is named in a plan: its first tag, else its first digest, else its short id. */
export function imageLabel(image: Image): string {
  return image.tags[0] ?? image.digests[0] ?? image.id.replace(/^sha256:/, '').slice(0, 12);
}

export type PrunePlanInput = {containers: Container[]; images: Image[]; networks: Network[]; volumes: Volume[]};

export type PrunePlanOptions = {
  /** All unused images, not only dangling ones (`-a`). */
  all: boolean;
  /** Unused volumes too (`--volumes`). */
  volumes: boolean;
  filters?: PruneFilters;
  /**
   * Engines of API 1.42 and later prune only anonymous volumes unless asked for all; API 1.41
   * (dockerd 20.10) prunes named ones too. Anonymous volumes carry `com.docker.volume.anonymous`
   * on those newer engines.
   */
  anonymousVolumesOnly: boolean;
};

/** Names of what a system prune with these options would remove, from the current lists. */
export function planPrune(input: PrunePlanInput, options: PrunePlanOptions): PrunePlan {
  const {filters} = options;
  const doomed = input.containers.filter((c) => !ALIVE.has(c.state) && matchesLabels(c.labels, filters));
  const gone = new Set(doomed.map((c) => c.id));
  const survivors = input.containers.filter((c) => !gone.has(c.id));

  // Only running containers have endpoints; the list names their networks.
  const attached = new Set(survivors.flatMap((c) => c.networks));
  const networks = input.networks.filter(
    (n) => n.scope !== 'swarm' && !PREDEFINED_NETWORKS.has(n.name) && !attached.has(n.name) && matchesLabels(n.labels, filters),
  );

  const mounted = new Set(survivors.flatMap((c) => c.mounts.filter((m) => m.type === 'volume' && m.name).map((m) => m.name!)));
  const volumes = options.volumes
    ? input.volumes.filter(
        (v) =>
          v.driver === 'local' &&
          !mounted.has(v.name) &&
          (!options.anonymousVolumesOnly || Object.hasOwn(v.labels, 'com.docker.volume.anonymous')) &&
          matchesLabels(v.labels, filters),
      )
    : [];

  const used = new Set(survivors.map((c) => c.imageId));
  // Dangling means no reference at all: an image kept only by a digest is not dangling.
  const images = input.images.filter(
    (i) => !used.has(i.id) && (options.all || (i.tags.length === 0 && i.digests.length === 0)) && matchesLabels(i.labels, filters),
  );

  return {
    containers: doomed.map((c) => c.name),
    images: images.map(imageLabel),
    networks: networks.map((n) => n.name),
    volumes: volumes.map((v) => v.name),
  };
}
