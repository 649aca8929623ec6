import { describe, it, expect } from 'vitest';
import { fromLabelSelector, fromMap, matches } from '../../api/selectors';
import { compiledSelector } from './podFacts';

describe('compiledSelector', () => {
  it('gives the same selector object for an equal rebuilt copy, so a scaling write does not retarget the tracker', () => {
    const a = Object.freeze({ matchLabels: Object.freeze({ app: 'web' }) });
    const b = Object.freeze({ matchLabels: Object.freeze({ app: 'web' }) });
    const sa = compiledSelector(a, 'labelSelector', (s) => fromLabelSelector(s));
    const sb = compiledSelector(b, 'labelSelector', (s) => fromLabelSelector(s));
    expect(sb).toBe(sa);
    expect(matches(sb, { app: 'web' })).toBe(true);
  });

  it('compiles a changed selector anew', () => {
    const a = compiledSelector({ app: 'web' }, 'templateLabels', (m) => fromMap(m));
    const b = compiledSelector({ app: 'api' }, 'templateLabels', (m) => fromMap(m));
    expect(b).not.toBe(a);
    expect(matches(b, { app: 'api' })).toBe(true);
    expect(matches(b, { app: 'web' })).toBe(false);
  });

  it('keeps call sites apart: the same text compiled by another variant is compiled by that variant', () => {
    const everything = compiledSelector({}, 'variantA', () => fromMap({}));
    const nothing = compiledSelector({}, 'variantB', () => fromMap(undefined));
    expect(matches(everything, { app: 'x' })).toBe(true);
    expect(matches(nothing, { app: 'x' })).toBe(false);
  });
});
