import type {FC} from 'react';
import type {PaneId} from '../../panes/registry.js';
import type {Scope} from '../../keymap/keymap.js';
import type {PaneProps} from '../ResourceList.js';
import {ContainersPane} from './ContainersPane.js';
import {ImagesPane} from './ImagesPane.js';
import {VolumesPane} from './VolumesPane.js';
import {NetworksPane} from './NetworksPane.js';
import {MachinesPane} from './MachinesPane.js';
import {machinesPane} from '../../panes/machines.js';
import {containersPane} from '../../panes/containers.js';
import {imagesPane} from '../../panes/images.js';
import {volumesPane} from '../../panes/volumes.js';
import {networksPane} from '../../panes/networks.js';
import type {Pane} from '../../panes/pane.js';

/** How the UI shows one pane: its component, its data (for the initial list state) and its scope. */
export type PaneView = {component: FC<PaneProps>; pane: Pane<any>; scope: Scope};

/** The component of each pane that exists; tabs without one are not shown. */
export const PANE_VIEWS: Partial<Record<PaneId, PaneView>> = {
  containers: {component: ContainersPane, pane: containersPane, scope: 'containers'},
  images: {component: ImagesPane, pane: imagesPane, scope: 'images'},
  volumes: {component: VolumesPane, pane: volumesPane, scope: 'volumes'},
  networks: {component: NetworksPane, pane: networksPane, scope: 'networks'},
  machines: {component: MachinesPane, pane: machinesPane, scope: 'machines'},
};
