import { describe, it, expect } from 'vitest';
import { numFeasibleNodesToFind, SchedulingAlgorithm } from './algorithm';
import { SchedulerCache } from './cache';
import { Rng } from '../random';

describe('numFeasibleNodesToFind (adaptive percentageOfNodesToScore)', () => {
  it('checks every node in clusters under 100 nodes', () => {
    expect(numFeasibleNodesToFind(5)).toBe(5);
    expect(numFeasibleNodesToFind(99)).toBe(99);
  });

  it('takes 50 − nodes/125 percent, with a floor of 5% and of 100 nodes', () => {
    expect(numFeasibleNodesToFind(100)).toBe(100);
    expect(numFeasibleNodesToFind(200)).toBe(100); // 49% = 98 → 100
    expect(numFeasibleNodesToFind(1000)).toBe(420); // 42%
    expect(numFeasibleNodesToFind(5000)).toBe(500); // 10%
    expect(numFeasibleNodesToFind(6000)).toBe(300); // 2% → 5%
  });

  it('honours an explicit percentage', () => {
    expect(numFeasibleNodesToFind(1000, 30)).toBe(300);
    expect(numFeasibleNodesToFind(1000, 5)).toBe(100);
  });
});

describe('selectHost', () => {
  it('picks the highest total', () => {
    const a = new SchedulingAlgorithm(new SchedulerCache(), new Rng(1));
    expect(a.selectHost(Int32Array.from([10, 30, 20]), 3)).toBe(1);
  });

  it('breaks ties uniformly at random, the same way for the same seed', () => {
    const pick = (seed: number) => {
      const a = new SchedulingAlgorithm(new SchedulerCache(), new Rng(seed));
      return Array.from({ length: 300 }, () => a.selectHost(Int32Array.from([5, 9, 9, 9, 1]), 5));
    };
    const picks = pick(7);
    expect(pick(7)).toEqual(picks);
    const counts = [0, 0, 0, 0, 0];
    for (const p of picks) counts[p]++;
    expect(counts[0] + counts[4]).toBe(0);
    for (const i of [1, 2, 3]) expect(counts[i]).toBeGreaterThan(60);
  });
});
