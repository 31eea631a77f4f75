/**
 * The panes of the dashboard in tab order, with the digit that jumps to each. The keymap binds the
 * digits and Tab to these ids; the UI maps each id to its component (source/ui/panes/index.ts).
 */

/** Every pane the dashboard can show. */
export type PaneId = 'containers' | 'images' | 'volumes' | 'networks' | 'machines' | 'swarm';

/** A tab of the dashboard. */
export type PaneTab = {
  id: PaneId;
  /** The digit that jumps to it (DESIGN.md keeps these). */
  key: string;
  title: string;
  /** The keymap command that jumps to it. */
  command: string;
};

/** Every pane in tab order. A pane without a component (see the UI's registry) is not shown. */
export const PANE_TABS: readonly PaneTab[] = [
  {id: 'containers', key: '1', title: 'Containers', command: 'pane.containers'},
  {id: 'images', key: '2', title: 'Images', command: 'pane.images'},
  {id: 'volumes', key: '3', title: 'Volumes', command: 'pane.volumes'},
  {id: 'networks', key: '4', title: 'Networks', command: 'pane.networks'},
  {id: 'machines', key: '5', title: 'Machines', command: 'pane.machines'},
  {id: 'swarm', key: '6', title: 'Swarm', command: 'pane.swarm'},
];

/** The pane after (or before, with step −1) `id` among those shown, wrapping around. */
export function nextPane(shown: readonly PaneId[], id: PaneId, step: 1 | -1): PaneId {
  const at = shown.indexOf(id);
  return shown[(at + step + shown.length) % shown.length] ?? id;
}
