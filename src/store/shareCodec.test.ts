import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { decodeScenario, encodeScenario, ShareLinkError } from './shareCodec';
import type { Scenario } from './scenario';

const scenario: Scenario = {
  seed: 42,
  workers: 5,
  editorText: 'apiVersion: v1\nkind: Pod\nmetadata: {name: 网页}\n',
  time: 93_500,
  steps: [
    { time: 0, kind: 'apply', text: 'kind: Pod' },
    { time: 30_000, kind: 'command', text: 'kubectl scale deploy/web --replicas=5' },
  ],
};

describe('share links', () => {
  it('round-trips a scenario through a v1 link', () => {
    const hash = encodeScenario(scenario);
    expect(hash.startsWith('#v1/')).toBe(true);
    expect(decodeScenario(hash)).toEqual(scenario);
  });

  it('treats a hash that is not a share link as no scenario', () => {
    expect(decodeScenario('')).toBeUndefined();
    expect(decodeScenario('#section-2')).toBeUndefined();
  });

  it('keeps decoding links made by the first published format', () => {
    // A v1 link as written by the first release; it must open forever.
    const frozen = '#v1/' + compressToEncodedURIComponent(JSON.stringify({ s: 1, w: 3, e: 'x', t: 0, p: [[0, 'a', 'x']] }));
    expect(decodeScenario(frozen)).toEqual({ seed: 1, workers: 3, editorText: 'x', time: 0, steps: [{ time: 0, kind: 'apply', text: 'x' }] });
  });

  it.each([
    ['garbage after the prefix', '#v1/%%%not-lz%%%'],
    ['valid compression of non-JSON', '#v1/' + compressToEncodedURIComponent('<script>alert(1)</script>')],
    ['a JSON array', '#v1/' + compressToEncodedURIComponent('[1,2]')],
    ['a negative node count', '#v1/' + compressToEncodedURIComponent(JSON.stringify({ s: 1, w: -1, e: '', t: 0, p: [] }))],
    ['an absurd node count', '#v1/' + compressToEncodedURIComponent(JSON.stringify({ s: 1, w: 1e9, e: '', t: 0, p: [] }))],
    ['a step of unknown kind', '#v1/' + compressToEncodedURIComponent(JSON.stringify({ s: 1, w: 3, e: '', t: 0, p: [[0, 'x', 'rm -rf']] }))],
    ['a future format', '#v9/abc'],
  ])('refuses %s with a clear message', (_what, hash) => {
    expect(() => decodeScenario(hash)).toThrow(ShareLinkError);
  });

  it('does not pollute prototypes from a hostile payload', () => {
    const hash = '#v1/' + compressToEncodedURIComponent('{"__proto__":{"polluted":1},"s":1,"w":3,"e":"","t":0,"p":[]}');
    decodeScenario(hash);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
