import { describe, it, expect } from 'vitest';
import { rfc3339 } from '../../time';
import { accessModesString, age, formatLabelSelector, formatLabels, quantityString } from './format';

describe('AGE (duration.HumanDuration)', () => {
  const at = (ms: number) => age(rfc3339(0), ms);
  it('prints the vectors of apimachinery/pkg/util/duration', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    const d = 24 * h;
    const cases: [number, string][] = [
      [0, '0s'], [119 * s, '119s'], [2 * m, '2m'], [2 * m + 5 * s, '2m5s'], [9 * m + 59 * s, '9m59s'], [10 * m, '10m'],
      [179 * m, '179m'], [3 * h, '3h'], [3 * h + 5 * m, '3h5m'], [8 * h, '8h'], [47 * h + 59 * m, '47h'], [48 * h, '2d'],
      [2 * d + 3 * h, '2d3h'], [8 * d, '8d'], [729 * d, '729d'], [730 * d, '2y'], [2 * 365 * d + 3 * d, '2y3d'], [8 * 365 * d, '8y'],
    ];
    for (const [ms, want] of cases) expect(at(ms)).toBe(want);
    expect(age(undefined, 0)).toBe('<unknown>');
  });
});

describe('quantities as kubectl prints them', () => {
  it('keeps the written format and uses the largest whole suffix', () => {
    expect(quantityString('100m')).toBe('100m');
    expect(quantityString('0.5')).toBe('500m');
    expect(quantityString('1000m')).toBe('1');
    expect(quantityString('2000')).toBe('2k');
    expect(quantityString('1024Mi')).toBe('1Gi');
    expect(quantityString('1536Mi')).toBe('1536Mi');
    expect(quantityString('102625208Ki')).toBe('102625208Ki');
    expect(quantityString('128M')).toBe('128M');
  });
});

describe('labels, selectors and access modes', () => {
  it('formats as kubectl does', () => {
    expect(formatLabels({ tier: 'fe', app: 'web' })).toBe('app=web,tier=fe');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['b', 'a'] }] })).toBe('app=web,env in (a,b)');
    expect(accessModesString(['ReadWriteMany', 'ReadWriteOnce'])).toBe('RWO,RWX');
  });
});
