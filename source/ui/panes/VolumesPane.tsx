import React, {useEffect, useMemo, useState} from 'react';
import {volumeRows, volumesPane, type VolumeRow} from '../../panes/volumes.js';
import {sanitize} from '../../format/sanitize.js';
import {someNames} from '../../format/names.js';
import {formatBytesSI} from '../../format/bytes.js';
import {ResourceList, emptyText, type PaneProps} from '../ResourceList.js';
import type {ListRow} from '../../panes/list.js';
import {useServices} from '../services.js';
import {openInspect} from './inspect.js';
import {openForm} from '../forms/open-form.js';
import {INITIAL_VOLUME_VALUES, volumeForm, volumeOptions} from '../forms/volume-form.js';


/** The volumes pane: who uses each volume and its size; create, inspect, remove, prune. */
export function VolumesPane(props: PaneProps) {
  const {snapshot, state, setState} = props;
  const services = useServices();
  const [sizes, setSizes] = useState<ReadonlyMap<string, number> | undefined>(undefined);
  // Sizes come from disk usage, which walks the volumes on disk: read it when the pane opens and
  // when the list of volumes changes, never on a timer.
  useEffect(() => {
    const engine = services.store.engine;
    if (!engine || snapshot.connection.status !== 'connected') return;
    let live = true;
    engine.diskUsage().then(
      (usage) => live && setSizes(usage.volumeSizes),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [snapshot.volumes, snapshot.connection.status]);
  const items = useMemo(() => volumeRows(snapshot.volumes, snapshot.containers, sizes), [snapshot.volumes, snapshot.containers, sizes]);

  const onCommand = (id: string, selected: ListRow<VolumeRow> | undefined) => {
    if (id === 'volumes.create') {
      return openForm(services, volumeForm, INITIAL_VOLUME_VALUES, async (engine, values) => {
        const volume = await engine.createVolume(volumeOptions(values));
        services.store.refreshResource('volumes');
        return `volume ${sanitize(volume.name)} created`;
      });
    }
    if (id === 'volumes.prune') {
      const unused = items.filter((r) => r.usedBy.length === 0).map((r) => r.volume.name);
      if (unused.length === 0) return void services.toast('done', 'no unused volumes to prune');
      // dockerd 20.10 (API 1.41) prunes every unused local volume, named ones too: say so.
      return services.confirm(`Remove ${unused.length} unused volume${unused.length === 1 ? '' : 's'} and their data: ${someNames(unused)}?`, () => {
        void services
          .act(
            {working: 'pruning volumes…', done: (r: {deleted: string[]; reclaimed: number}) => `${r.deleted.length} volume${r.deleted.length === 1 ? '' : 's'} removed, ${formatBytesSI(r.reclaimed)} reclaimed`, failed: 'prune volumes'},
            (engine) => engine.pruneVolumes(),
          )
          .then(() => services.store.refreshResource('volumes'));
      });
    }
    if (selected?.kind !== 'item') return false;
    const {volume, usedBy} = selected.row;
    const name = sanitize(volume.name);
    switch (id) {
      case 'list.inspect':
      case 'list.open':
        return void openInspect(services, `inspect ${name}`, (engine) => engine.inspectVolume(volume.name));
      case 'volumes.remove':
        // The engine would refuse too, but only with the container's id: name the users here.
        if (usedBy.length > 0) return void services.toast('error', `${name} is in use by ${someNames(usedBy)}; remove those containers first`);
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
      {...props}
      pane={volumesPane}
      items={items}
      scope="volumes"
      onCommand={onCommand}
      empty={emptyText(snapshot, 'No volumes on this engine. c creates one.')}
    />
  );
}
