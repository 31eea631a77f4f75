import React, {useMemo} from 'react';
import {volumeRows, volumesPane, type VolumeRow} from '../../panes/volumes.js';
import {sanitize} from '../../format/sanitize.js';
import {ResourceList, emptyText, type PaneProps} from '../ResourceList.js';
import type {ListRow} from '../../panes/list.js';
import {useServices} from '../services.js';
import {openInspect} from './inspect.js';

/** The volumes pane: who uses each volume, with inspect and remove. */
export function VolumesPane({snapshot, state, setState, width, height, nowSeconds}: PaneProps) {
  const services = useServices();
  const items = useMemo(() => volumeRows(snapshot.volumes, snapshot.containers), [snapshot.volumes, snapshot.containers]);

  const onCommand = (id: string, selected: ListRow<VolumeRow> | undefined) => {
    if (selected?.kind !== 'item') return false;
    const {volume, usedBy} = selected.row;
    const name = sanitize(volume.name);
    switch (id) {
      case 'list.inspect':
      case 'list.open':
        return void openInspect(services, `inspect ${name}`, (engine) => engine.inspectVolume(volume.name));
      case 'volumes.remove':
        // The engine would refuse too, but only with the container's id: name the users here.
        if (usedBy.length > 0) return void services.toast('error', `${name} is in use by ${sanitize(usedBy.join(', '))}; remove those containers first`);
        return services.confirm(`Remove volume ${name}? Its data is lost.`, () => {
          void services
            .act({working: `removing ${name}…`, done: `${name} removed`, failed: `remove ${name}`}, (engine) => engine.removeVolume(volume.name))
            .then(() => services.store.refreshResource('volumes'));
        });
    }
    return false;
  };

  return (
    <ResourceList
      pane={volumesPane}
      items={items}
      state={state}
      setState={setState}
      width={width}
      height={height}
      nowSeconds={nowSeconds}
      scope="volumes"
      onCommand={onCommand}
      empty={emptyText(snapshot, 'No volumes on this engine.')}
    />
  );
}
