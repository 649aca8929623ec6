import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Service } from 'kubernetes-types/core/v1';
import { Rng } from '../random';
import { categorize, iptablesProbabilities, KubeProxy } from './kubeProxy';
import type { Backend } from './serviceTable';

const svc = (spec: Partial<NonNullable<Service['spec']>> = {}): Service => ({ metadata: { name: 'web', namespace: 'default' }, spec: { ports: [{ port: 80 }], ...spec } });
const be = (i: number, c: Partial<Backend> = {}): Backend => ({ ip: `10.244.${i % 3}.${i + 2}`, port: 80, pod: `default/web-${i}`, nodeName: `worker-${(i % 3) + 1}`, ready: true, serving: true, terminating: false, ...c });

describe('kube-proxy (iptables mode)', () => {
  it('prints the statistic rule probabilities as proxier.go does: 1/(n−i), the last rule unconditional', () => {
    expect(iptablesProbabilities(3)).toEqual(['0.3333333333', '0.5000000000']);
    expect(iptablesProbabilities(1)).toEqual([]);
  });

  it('uses serving terminating endpoints only when no endpoint is ready anywhere', () => {
    const some = [be(0, { ready: false, serving: true, terminating: true }), be(1)];
    expect(categorize(some, 'worker-1').cluster.map((b) => b.pod)).toEqual(['default/web-1']);
    const none = [be(0, { ready: false, serving: true, terminating: true }), be(1, { ready: false, serving: false, terminating: true })];
    expect(categorize(none, 'worker-1').cluster.map((b) => b.pod)).toEqual(['default/web-0']);
    expect(categorize([be(0, { ready: false, serving: false })], 'worker-1').any).toBe(false);
  });

  it('rejects without endpoints and drops when a Local policy finds none on the node', () => {
    const p = new KubeProxy();
    const pick = () => 0;
    expect(p.choose('default/web', svc(), { port: 80 }, [], 'worker-1', '10.244.1.9', 'internal', 0, pick)).toEqual({ kind: 'reject' });
    const local = svc({ internalTrafficPolicy: 'Local', externalTrafficPolicy: 'Local' });
    expect(p.choose('default/web', local, { port: 80 }, [be(1)], 'worker-1', '10.244.1.9', 'internal', 0, pick)).toEqual({ kind: 'drop' });
    expect(p.choose('default/web', local, { port: 80 }, [be(1)], 'worker-2', '10.244.1.9', 'internal', 0, pick)).toMatchObject({ kind: 'endpoint', backend: { pod: 'default/web-1' } });
    expect(p.choose('default/web', local, { port: 80 }, [be(1)], 'worker-1', '172.18.0.1', 'external', 0, pick)).toEqual({ kind: 'drop' });
    // Pods reaching a NodePort or load-balancer address are short-circuited to every endpoint.
    expect(p.choose('default/web', local, { port: 80 }, [be(1)], 'worker-1', '10.244.1.9', 'cluster', 0, pick)).toMatchObject({ kind: 'endpoint' });
  });

  it('keeps a client on one endpoint with sessionAffinity ClientIP until timeoutSeconds pass without it', () => {
    const p = new KubeProxy();
    const rng = new Rng(7);
    const sticky = svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } });
    const backends = [be(0), be(1), be(2), be(3)];
    const first = p.choose('default/web', sticky, { port: 80 }, backends, 'worker-1', '10.244.1.9', 'internal', 0, (n) => rng.int(n));
    for (let t = 1000; t <= 30_000; t += 1000) {
      expect(p.choose('default/web', sticky, { port: 80 }, backends, 'worker-1', '10.244.1.9', 'internal', t, (n) => rng.int(n))).toMatchObject({ kind: 'endpoint', backend: (first as { backend: Backend }).backend, sticky: true });
    }
    const later = new Set<string>();
    for (let k = 0; k < 20; k++) {
      const d = p.choose('default/web', sticky, { port: 80 }, backends, 'worker-1', '10.244.1.9', 'internal', 100_000 + k * 20_000, (n) => rng.int(n));
      later.add((d as { backend: Backend }).backend.pod!);
    }
    expect(later.size).toBeGreaterThan(1);
  });

  it('spreads requests uniformly over the ready endpoints and never picks a not-ready or terminating one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 1 << 30 }), (ready, unready, seed) => {
        const backends = [
          ...Array.from({ length: ready }, (_, i) => be(i)),
          ...Array.from({ length: unready }, (_, i) => be(ready + i, i % 2 ? { ready: false, serving: false } : { ready: false, serving: true, terminating: true })),
        ];
        const p = new KubeProxy();
        const rng = new Rng(seed);
        const n = 400 * ready;
        const counts = new Map<string, number>();
        for (let k = 0; k < n; k++) {
          const d = p.choose('default/web', svc(), { port: 80 }, backends, 'worker-1', '10.244.1.9', 'internal', k, (m) => rng.int(m));
          if (d.kind !== 'endpoint' || !d.backend.ready) throw new Error(`picked ${d.kind === 'endpoint' ? d.backend.pod : d.kind}`);
          counts.set(d.backend.pod!, (counts.get(d.backend.pod!) ?? 0) + 1);
        }
        // Each share within 5 standard deviations of 1/N (binomial).
        const pr = 1 / ready;
        const sd = Math.sqrt(n * pr * (1 - pr));
        for (let i = 0; i < ready; i++) expect(Math.abs((counts.get(`default/web-${i}`) ?? 0) - n * pr)).toBeLessThanOrEqual(5 * sd + 1e-9);
      }),
      { numRuns: 60 },
    );
  });
});
