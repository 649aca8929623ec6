import { describe, expect, it } from 'vitest';
import { sameCell } from './PodCells';
import type { PodView } from '../model/podView';

describe('sameCell', () => {
  const view = { uid: 'a' } as PodView;
  const onPick = () => {};
  const props = (cell: object, extra: object = {}) => ({ cell: { view, slot: 1, revision: 2, newest: true, ...cell }, cols: 8, top: 20, onPick, ...extra });
  it('skips a cell rebuilt with the same pod and place', () => {
    expect(sameCell(props({}), props({}))).toBe(true);
  });
  it('redraws when the pod, its slot, its revision or the grid changed', () => {
    expect(sameCell(props({}), props({ view: { uid: 'a' } as PodView }))).toBe(false);
    expect(sameCell(props({}), props({ slot: 2 }))).toBe(false);
    expect(sameCell(props({}), props({ newest: false }))).toBe(false);
    expect(sameCell(props({}), props({}, { cols: 9 }))).toBe(false);
  });
});
