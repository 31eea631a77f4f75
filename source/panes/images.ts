import type {Container, Image} from '../docker/types.js';
import type {Pane} from './pane.js';
import {sanitize} from '../format/sanitize.js';
import {formatBytesSI} from '../format/bytes.js';
import {formatAge} from '../format/duration.js';

/** A row of the images pane: one per tag, or one `<none>` row for a dangling image. */
export type ImageRow = {
  image: Image;
  /** repo:tag, or undefined for a dangling image. */
  tag?: string;
  /** Containers (any state) created from this image. */
  containers: number;
};

/** Splits `repo:tag` at the tag's colon (a registry port's colon comes before the last slash). */
export function splitReference(reference: string): {repository: string; tag: string} {
  const at = reference.lastIndexOf(':');
  if (at <= reference.lastIndexOf('/')) return {repository: reference, tag: 'latest'};
  return {repository: reference.slice(0, at), tag: reference.slice(at + 1)};
}

/** The short id `docker images` prints: 12 hex digits without `sha256:`. */
export const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** Rows for the images pane: one per tag; counts the containers each image runs in. */
export function imageRows(images: readonly Image[], containers: readonly Container[]): ImageRow[] {
  const used = new Map<string, number>();
  for (const c of containers) used.set(c.imageId, (used.get(c.imageId) ?? 0) + 1);
  return images.flatMap((image) => {
    const count = used.get(image.id) ?? 0;
    return image.tags.length === 0 ? [{image, containers: count}] : image.tags.map((tag) => ({image, tag, containers: count}));
  });
}

/** The images pane, as data. */
export const imagesPane: Pane<ImageRow> = {
  id: 'images',
  title: 'Images',
  rowKey: (row) => `${row.image.id}|${row.tag ?? ''}`,
  defaultSort: {column: 'repository', descending: false},
  filterText: (row) => `${row.tag ?? '<none>'} ${shortId(row.image.id)}`.toLowerCase(),
  columns: [
    {id: 'repository', title: 'REPOSITORY', width: 30, flex: true, priority: 0, text: (r) => sanitize(r.tag ? splitReference(r.tag).repository : '<none>')},
    {id: 'tag', title: 'TAG', width: 16, priority: 0, text: (r) => sanitize(r.tag ? splitReference(r.tag).tag : '<none>')},
    {id: 'id', title: 'IMAGE ID', width: 12, priority: 3, text: (r) => shortId(r.image.id)},
    {
      id: 'created', title: 'CREATED', width: 7, align: 'right', priority: 2,
      text: (r, context) => formatAge(context.nowSeconds - r.image.created),
      sortValue: (r) => -r.image.created,
    },
    {id: 'size', title: 'SIZE', width: 9, align: 'right', priority: 4, text: (r) => formatBytesSI(r.image.size), sortValue: (r) => r.image.size},
    {id: 'containers', title: 'CONTAINERS', width: 10, align: 'right', priority: 1, text: (r) => String(r.containers), sortValue: (r) => r.containers},
  ],
};
