import { createContext, useContext, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { Playground, PlaygroundStore } from '../store/playgroundStore';
import type { ClusterSnapshot } from '../store/snapshot';

export const StoreContext = createContext<PlaygroundStore | null>(null);

export function usePlaygroundStore(): PlaygroundStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('usePlaygroundStore outside <StoreContext.Provider>');
  return s;
}

/** Reads a slice of the playground state; re-renders only when the slice changes. */
export function usePlayground<T>(selector: (s: Playground) => T): T {
  return useStore(usePlaygroundStore(), selector);
}

/** The current cluster snapshot; re-renders when the engine changed. */
export function useSnapshot(): ClusterSnapshot {
  const store = usePlaygroundStore();
  // store.snapshot() returns the same object until the engine changes, as useSyncExternalStore needs.
  return useSyncExternalStore(store.subscribe, store.snapshot, store.snapshot);
}
