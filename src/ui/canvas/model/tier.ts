/**
 * How much the canvas draws per pod:
 * - detailed: every pod a card inside its node (React Flow stays well under ~1,000 elements);
 * - compact:  every node a tile, every pod a small cell inside it (DOM cells, no React Flow node each);
 * - heat:     the whole cluster on one <canvas> (pods as pixels), plus the selected node as a tile.
 */
export type Tier = 'detailed' | 'compact' | 'heat';
export type TierChoice = 'auto' | Tier;

export const TIERS: readonly Tier[] = ['detailed', 'compact', 'heat'];

/** Largest cluster each tier takes in auto mode. */
export const TIER_LIMITS: Readonly<Record<Exclude<Tier, 'heat'>, { pods: number; nodes: number }>> = {
  detailed: { pods: 250, nodes: 40 },
  compact: { pods: 3000, nodes: 150 },
};

/** Going back to a more detailed tier needs this much headroom, so a rollout's surge does not flip the view back and forth. */
export const HYSTERESIS = 0.8;

/** A forced detailed view still refuses clusters that would freeze the page. */
export const MAX_FORCED_DETAILED_PODS = 1000;

function lowestFitting(pods: number, nodes: number, factor: number): Tier {
  for (const t of ['detailed', 'compact'] as const) {
    const lim = TIER_LIMITS[t];
    if (pods <= lim.pods * factor && nodes <= lim.nodes * factor) return t;
  }
  return 'heat';
}

export function chooseTier(counts: { pods: number; nodes: number }, prev: Tier | undefined, choice: TierChoice = 'auto'): Tier {
  if (choice === 'detailed') return counts.pods <= MAX_FORCED_DETAILED_PODS ? 'detailed' : 'compact';
  if (choice !== 'auto') return choice;
  const strict = lowestFitting(counts.pods, counts.nodes, 1);
  if (prev === undefined || TIERS.indexOf(strict) >= TIERS.indexOf(prev)) return strict;
  const relaxed = lowestFitting(counts.pods, counts.nodes, HYSTERESIS);
  return TIERS.indexOf(relaxed) < TIERS.indexOf(prev) ? relaxed : prev;
}
