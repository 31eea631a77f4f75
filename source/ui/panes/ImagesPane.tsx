import React, {useMemo} from 'react';
import {imageRows, imagesPane, shortId, type ImageRow} from '../../panes/images.js';
import {sanitize} from '../../format/sanitize.js';
import {ResourceList, emptyText, type PaneProps} from '../ResourceList.js';
import type {ListRow} from '../../panes/list.js';
import {useServices} from '../services.js';
import {openInspect} from './inspect.js';

/** The images pane: one row per tag, with inspect and remove. */
export function ImagesPane({snapshot, state, setState, width, height, nowSeconds}: PaneProps) {
  const services = useServices();
  const items = useMemo(() => imageRows(snapshot.images, snapshot.containers), [snapshot.images, snapshot.containers]);

  const onCommand = (id: string, selected: ListRow<ImageRow> | undefined) => {
    if (selected?.kind !== 'item') return false;
    const {image, tag} = selected.row;
    const name = sanitize(tag ?? shortId(image.id));
    switch (id) {
      case 'list.inspect':
      case 'list.open':
        return void openInspect(services, `inspect ${name}`, (engine) => engine.inspectImage(image.id));
      case 'images.remove':
        // A tag is untagged; a dangling image (no tag) is deleted by id.
        return services.confirm(`${tag ? 'Untag' : 'Remove'} ${name}?`, () => {
          void services
            .act({working: `removing ${name}…`, done: `${name} removed`, failed: `remove ${name}`}, (engine) => engine.removeImage(tag ?? image.id, {force: false}))
            .then(() => services.store.refreshResource('images'));
        });
    }
    return false;
  };

  return (
    <ResourceList
      pane={imagesPane}
      items={items}
      state={state}
      setState={setState}
      width={width}
      height={height}
      nowSeconds={nowSeconds}
      scope="images"
      onCommand={onCommand}
      empty={emptyText(snapshot, 'No images on this engine.')}
    />
  );
}
