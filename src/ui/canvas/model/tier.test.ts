import { describe, expect, it } from 'vitest';
import { chooseTier, HYSTERESIS, MAX_FORCED_DETAILED_PODS, TIER_LIMITS } from './tier';

describe('chooseTier', () => {
  it('draws every pod while the cluster is small', () => {
    expect(chooseTier({ pods: 3, nodes: 4 }, undefined)).toBe('detailed');
    expect(chooseTier({ pods: TIER_LIMITS.detailed.pods, nodes: TIER_LIMITS.detailed.nodes }, undefined)).toBe('detailed');
  });

  it('collapses to node tiles past the detailed limits (pods or nodes)', () => {
    expect(chooseTier({ pods: TIER_LIMITS.detailed.pods + 1, nodes: 4 }, undefined)).toBe('compact');
    expect(chooseTier({ pods: 10, nodes: TIER_LIMITS.detailed.nodes + 1 }, undefined)).toBe('compact');
  });

  it('draws 10,000 pods on 1,000 nodes as a heat map', () => {
    expect(chooseTier({ pods: 10_000, nodes: 1_001 }, undefined)).toBe('heat');
    expect(chooseTier({ pods: 100, nodes: TIER_LIMITS.compact.nodes + 1 }, undefined)).toBe('heat');
  });

  it('needs headroom before going back to a more detailed tier', () => {
    const justUnder = TIER_LIMITS.detailed.pods - 1;
    expect(chooseTier({ pods: justUnder, nodes: 4 }, 'compact')).toBe('compact');
    expect(chooseTier({ pods: Math.floor(TIER_LIMITS.detailed.pods * HYSTERESIS), nodes: 4 }, 'compact')).toBe('detailed');
    // Going to less detail is immediate.
    expect(chooseTier({ pods: TIER_LIMITS.detailed.pods + 1, nodes: 4 }, 'detailed')).toBe('compact');
    // From heat straight back to detailed when the cluster empties.
    expect(chooseTier({ pods: 0, nodes: 4 }, 'heat')).toBe('detailed');
    expect(chooseTier({ pods: TIER_LIMITS.compact.pods - 1, nodes: 10 }, 'heat')).toBe('heat');
  });

  it('honours a forced tier, but never a detailed view that would freeze the page', () => {
    expect(chooseTier({ pods: 3, nodes: 4 }, undefined, 'heat')).toBe('heat');
    expect(chooseTier({ pods: 500, nodes: 4 }, undefined, 'detailed')).toBe('detailed');
    expect(chooseTier({ pods: MAX_FORCED_DETAILED_PODS + 1, nodes: 4 }, undefined, 'detailed')).toBe('compact');
  });
});
