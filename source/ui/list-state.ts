import type {Pane} from '../panes/pane.js';

/** A list's own state, kept by the App per pane so it survives switching panes and opening views. */
export type ListState = {
  filter: string;
  /** The filter is being typed. */
  typing: boolean;
  sort: {column: string; descending: boolean};
  /** Containers: all or only running ones; other panes may use it for their own "all" toggle. */
  showAll: boolean;
  folded: ReadonlySet<string>;
  selectedKey?: string;
  selectedIndex: number;
};

/** The state a pane's list starts with. */
export function initialListState(pane: Pane<never> | Pane<any>): ListState {
  return {filter: '', typing: false, sort: pane.defaultSort, showAll: true, folded: new Set(), selectedIndex: 0};
}
