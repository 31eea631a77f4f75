import {useSyncExternalStore} from 'react';
import type {Snapshot, Store} from '../store/store.js';

/** The store's current snapshot; re-renders only when the store commits a batch. */
export function useSnapshot(store: Store): Snapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
