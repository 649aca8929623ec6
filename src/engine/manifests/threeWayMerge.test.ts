import { describe, expect, it } from 'vitest';
import { goJson } from './lastApplied';
import { threeWayMerge } from './threeWayMerge';

describe('threeWayMerge(last-applied, manifest, live)', () => {
  it('sets what the manifest says, keeps what only the live object has', () => {
    const live = { spec: { replicas: 5, paused: false }, status: { ready: 5 } };
    expect(threeWayMerge({ spec: {} }, { spec: { paused: true } }, live)).toEqual({ spec: { replicas: 5, paused: true }, status: { ready: 5 } });
  });

  it('removes fields the last apply set and this manifest dropped, at any depth', () => {
    const original = { metadata: { labels: { a: '1', b: '2' } }, data: { x: '1' } };
    const live = { metadata: { labels: { a: '1', b: '2', c: '3' } }, data: { x: '1' } };
    expect(threeWayMerge(original, { metadata: { labels: { a: '1' } } }, live)).toEqual({ metadata: { labels: { a: '1', c: '3' } } });
  });

  it('without a last-applied record removes nothing', () => {
    expect(threeWayMerge(undefined, { a: 1 }, { a: 0, b: 2 })).toEqual({ a: 1, b: 2 });
  });

  it('replaces lists without a merge key whole', () => {
    expect(threeWayMerge({ l: [1, 2] }, { l: [3] }, { l: [1, 2, 9] })).toEqual({ l: [3] });
    const tolerations = { spec: { tolerations: [{ key: 'a', operator: 'Exists' }] } };
    expect(threeWayMerge(tolerations, { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } }, tolerations)).toEqual({ spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } });
  });

  it('merges keyed lists item by item: others\' items stay, dropped items go, new items come last', () => {
    const tokenVolume = { name: 'kube-api-access-x', projected: {} };
    const original = { spec: { volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'old', emptyDir: {} }] } };
    const live = { spec: { volumes: [{ name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } }, { name: 'old', emptyDir: {} }, tokenVolume] } };
    const modified = { spec: { volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'new', emptyDir: {} }] } };
    expect(threeWayMerge(original, modified, live)).toEqual({ spec: { volumes: [{ name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } }, tokenVolume, { name: 'new', emptyDir: {} }] } });
  });

  it("keeps a Service port's allocated nodePort and merges container ports by containerPort", () => {
    const svc = { spec: { type: 'NodePort', ports: [{ port: 80 }] } };
    const live = { spec: { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 31234 }] } };
    expect(threeWayMerge(svc, { spec: { type: 'NodePort', ports: [{ port: 80, name: 'http' }] } }, live)).toEqual({
      spec: { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 31234, name: 'http' }] },
    });
    const pod = { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } };
    const livePod = { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, protocol: 'TCP' }], imagePullPolicy: 'Always' }] } };
    expect(threeWayMerge(pod, { spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] } }, livePod)).toEqual({
      spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }], imagePullPolicy: 'Always' }] },
    });
  });

  it('merges finalizers as a set', () => {
    expect(threeWayMerge({ metadata: { finalizers: ['a'] } }, { metadata: { finalizers: ['b'] } }, { metadata: { finalizers: ['a', 'x'] } })).toEqual({ metadata: { finalizers: ['x', 'b'] } });
  });

  it('an explicit null deletes only a value that was applied before', () => {
    expect(threeWayMerge({ a: 1 }, { a: null }, { a: 1 })).toEqual({});
    expect(threeWayMerge({ a: null }, { a: null }, { a: 7 })).toEqual({ a: 7 });
  });

  it('writes a new map without the nulls inside it', () => {
    expect(threeWayMerge(undefined, { m: { a: 1, b: null } }, { m: 'scalar' })).toEqual({ m: { a: 1 } });
  });

  it('leaves its inputs untouched', () => {
    const live = Object.freeze({ m: Object.freeze({ a: 1 }) });
    const out = threeWayMerge({ m: { a: 1 } }, { m: { a: 2 } }, live);
    expect(out).toEqual({ m: { a: 2 } });
    expect(live).toEqual({ m: { a: 1 } });
  });
});

describe('goJson', () => {
  it('sorts keys, stays compact and escapes as Go’s encoder', () => {
    expect(goJson({ b: [1, 'x'], a: { d: null, c: true } })).toBe('{"a":{"c":true,"d":null},"b":[1,"x"]}');
    expect(goJson('<a href="x">&\u2028')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u2028"');
  });
});
