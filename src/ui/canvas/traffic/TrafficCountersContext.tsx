import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ClientStats } from '../../../engine/network/index';
import { NO_COUNTERS, type TrafficCounters } from './counters';

/**
 * The traffic counters of one canvas, in a store of their own: a pod's counter re-renders that
 * pod alone when its count changes, and the React Flow nodes are never rebuilt for traffic.
 */
export type CountersStore = StoreApi<TrafficCounters>;

export function createCountersStore(): CountersStore {
  return createStore<TrafficCounters>(() => NO_COUNTERS);
}

const fallback = createCountersStore();
export const TrafficCountersContext = createContext<CountersStore>(fallback);

function useCounters<T>(select: (c: TrafficCounters) => T): T {
  return useStore(useContext(TrafficCountersContext), select);
}

/** Requests the pod answered for traffic clients (`"namespace/name"`). */
export function useServed(pod: string): number {
  return useCounters((c) => c.served[pod] ?? 0);
}

export function usePodRps(pod: string): number {
  return useCounters((c) => c.podRps[pod] ?? 0);
}

/** Whether any traffic client was started (counters show, even at 0). */
export function useTrafficActive(): boolean {
  return useCounters((c) => c.active);
}

/** The URLs of the running clients inside a pod, joined by spaces ('' for none). */
export function usePodClientUrls(pod: string): string {
  return useCounters((c) => {
    const ids = c.podClients[pod];
    return ids ? c.clients.filter((x) => ids.includes(x.id)).map((x) => x.url).join(' ') : '';
  });
}

export function useClientStats(id: number): ClientStats | undefined {
  return useCounters((c) => c.clients.find((x) => x.id === id));
}

export function useClientRps(id: number): number {
  return useCounters((c) => c.clientRps[id] ?? 0);
}
