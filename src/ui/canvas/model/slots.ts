import type { ClusterModel } from './clusterModel';

/** The area for pods with no node yet. */
export const UNSCHEDULED = '~unscheduled';

/**
 * Where each pod sits: per area (a node's name, or UNSCHEDULED) the slot index of every pod,
 * and how many slots the area has reserved so far. Slots are kept while a pod lives and areas
 * never shrink while they exist, so nothing jumps when other pods come and go.
 */
export interface SlotState {
  readonly slots: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly capacity: ReadonlyMap<string, number>;
}

export const EMPTY_SLOTS: SlotState = { slots: new Map(), capacity: new Map() };

/**
 * Keeps each surviving pod in its slot; newcomers (in the order given) take the lowest free
 * slots. Returns `prev` itself when nothing changed, so callers can compare by identity.
 */
export function assignSlots(prev: ReadonlyMap<string, number> | undefined, uids: readonly string[]): ReadonlyMap<string, number> {
  if (prev && prev.size === uids.length && uids.every((u) => prev.has(u))) return prev;
  const next = new Map<string, number>();
  const used = new Set<number>();
  const fresh: string[] = [];
  for (const u of uids) {
    const s = prev?.get(u);
    if (s === undefined) fresh.push(u);
    else {
      next.set(u, s);
      used.add(s);
    }
  }
  let free = 0;
  for (const u of fresh) {
    while (used.has(free)) free++;
    next.set(u, free);
    used.add(free);
  }
  return next;
}

function maxSlot(slots: ReadonlyMap<string, number>): number {
  let m = -1;
  for (const s of slots.values()) if (s > m) m = s;
  return m;
}

/** Assigns slots for every area of the model, starting from the previous state. */
export function updateSlots(model: ClusterModel, prev: SlotState): SlotState {
  const slots = new Map<string, ReadonlyMap<string, number>>();
  const capacity = new Map<string, number>();
  const place = (area: string, uids: readonly string[]) => {
    const s = assignSlots(prev.slots.get(area), uids);
    slots.set(area, s);
    capacity.set(area, Math.max(prev.capacity.get(area) ?? 0, maxSlot(s) + 1));
  };
  for (const n of model.nodes) place(n.name, n.pods.map((p) => p.uid));
  place(UNSCHEDULED, model.unscheduled.map((p) => p.uid));
  return { slots, capacity };
}
