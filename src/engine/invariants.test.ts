import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster';
import { applyManifests } from './manifests/apply';
import { runCommand } from './kubectl/run';
import type { KObject } from './api/object';
import { isPodReady } from './api/podUtil';

/** One thing a user does to the cluster, then some simulated time passes. */
type Action =
  | { op: 'apply'; name: string; replicas: number; image: string }
  | { op: 'scale'; name: string; replicas: number }
  | { op: 'setImage'; name: string; image: string }
  | { op: 'delete'; name: string }
  | { op: 'nodeDown'; node: number }
  | { op: 'nodeUp'; node: number }
  | { op: 'deleteNode'; node: number }
  | { op: 'wait'; seconds: number };

const NAMES = ['web', 'api'];
const IMAGES = ['nginx:1.27', 'nginx:1.28', 'httpd:2.4', 'nginx:1.161'];

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ op: fc.constant('apply' as const), name: fc.constantFrom(...NAMES), replicas: fc.integer({ min: 0, max: 6 }), image: fc.constantFrom(...IMAGES) }),
  fc.record({ op: fc.constant('scale' as const), name: fc.constantFrom(...NAMES), replicas: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ op: fc.constant('setImage' as const), name: fc.constantFrom(...NAMES), image: fc.constantFrom(...IMAGES) }),
  fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({ op: fc.constant('nodeDown' as const), node: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('nodeUp' as const), node: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('deleteNode' as const), node: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 400 }) }),
);

function deployment(name: string, replicas: number, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: main, image: "${image}"}]}
`;
}

function perform(c: Cluster, a: Action): void {
  const host = { cluster: c, readFile: () => undefined };
  switch (a.op) {
    case 'apply':
      applyManifests(c.api, [{ name: `${a.name}.yaml`, text: deployment(a.name, a.replicas, a.image) }]);
      break;
    case 'scale':
      runCommand(host, `kubectl scale deployment/${a.name} --replicas=${a.replicas}`);
      break;
    case 'setImage':
      runCommand(host, `kubectl set image deployment/${a.name} main=${a.image}`);
      break;
    case 'delete':
      runCommand(host, `kubectl delete deployment ${a.name}`);
      break;
    case 'nodeDown':
      runCommand(host, `chaos node-down worker-${a.node}`);
      break;
    case 'nodeUp':
      runCommand(host, `chaos node-up worker-${a.node}`);
      break;
    case 'deleteNode':
      runCommand(host, `kubectl delete node worker-${a.node}`);
      break;
    case 'wait':
      c.runFor(a.seconds * 1000);
      break;
  }
  c.runFor(1000);
}

/** Everything observable about a cluster: every object and every event, serialised. */
function fingerprint(c: Cluster): string {
  const objects: KObject[] = [];
  for (const kind of c.api.store.kindNames().sort()) objects.push(...c.api.store.list(kind));
  return JSON.stringify({ time: c.now(), objects, events: c.recorder.log });
}

const runs = (n: number) => ({ numRuns: n, endOnFailure: true });

describe('invariants under random use', () => {
  it('resourceVersion strictly increases across every watch event, whatever is done', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), (actions, seed) => {
        const c = new Cluster({ seed, workers: 3 });
        let last = c.api.resourceVersion;
        c.api.watchAll((ev) => {
          const rv = Number(ev.object.metadata.resourceVersion);
          expect(rv).toBeGreaterThan(last);
          last = rv;
        });
        for (const a of actions) perform(c, a);
        expect(c.internalErrors).toEqual([]);
      }),
      runs(25),
    );
  });

  it('once the cluster settles, no pod is bound to a missing node and every owned object has a live owner', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 1000 }), (actions, seed) => {
        const c = new Cluster({ seed, workers: 3 });
        for (const a of actions) perform(c, a);
        // Let the garbage collector and pod GC finish (and any stopped kubelet's story unfold).
        c.runFor(10 * 60_000);
        const nodes = new Set(c.api.list('Node').map((n) => n.metadata.name));
        for (const p of c.api.list('Pod')) {
          if (p.spec?.nodeName) expect(nodes.has(p.spec.nodeName), `pod ${p.metadata.name} on ${p.spec.nodeName}`).toBe(true);
        }
        for (const kind of c.api.store.kindNames()) {
          for (const o of c.api.store.list(kind)) {
            const refs = o.metadata.ownerReferences ?? [];
            if (refs.length === 0 || o.metadata.deletionTimestamp) continue;
            expect(refs.some((r) => c.api.getByUid(r.uid) !== undefined), `${kind} ${o.metadata.name} has no live owner`).toBe(true);
          }
        }
        expect(c.internalErrors).toEqual([]);
      }),
      runs(20),
    );
  });

  it('the same seed and the same actions replay to byte-identical clusters', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 1000 }), (actions, seed) => {
        const a = new Cluster({ seed, workers: 3 });
        const b = new Cluster({ seed, workers: 3 });
        for (const x of actions) perform(a, x);
        for (const x of actions) perform(b, x);
        expect(fingerprint(b)).toBe(fingerprint(a));
      }),
      runs(15),
    );
  });

  it('a rolling update never exceeds replicas + maxSurge pods nor drops below replicas - maxUnavailable available', () => {
    const config = fc.record({
      replicas: fc.integer({ min: 1, max: 10 }),
      maxSurge: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('0%', '10%', '25%', '50%')),
      maxUnavailable: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('0%', '10%', '25%', '50%')),
      seed: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(config, ({ replicas, maxSurge, maxUnavailable, seed }) => {
        const surge = resolve(maxSurge, replicas, true);
        let unavailable = resolve(maxUnavailable, replicas, false);
        // Validation refuses both written as zero (0 or 0%).
        const zero = (v: number | string) => v === 0 || v === '0%';
        fc.pre(!(zero(maxSurge) && zero(maxUnavailable)));
        if (surge === 0 && unavailable === 0) unavailable = 1;
        const c = new Cluster({ seed, workers: 3 });
        const yaml = deployment('web', replicas, 'nginx:1.27').replace(
          `replicas: ${replicas}\n`,
          `replicas: ${replicas}\n  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: ${JSON.stringify(maxSurge)}, maxUnavailable: ${JSON.stringify(maxUnavailable)}}}\n`,
        );
        expect(applyManifests(c.api, [{ name: 'web.yaml', text: yaml }]).exitCode).toBe(0);
        c.runUntilQuiet(5 * 60_000);
        let maxPods = 0;
        let minAvailable = Infinity;
        c.api.watchAll(() => {
          const pods = c.api.list('Pod').filter((p) => !p.metadata.deletionTimestamp);
          maxPods = Math.max(maxPods, pods.length);
          minAvailable = Math.min(minAvailable, pods.filter((p) => isPodReady(p as never)).length);
        });
        runCommand({ cluster: c, readFile: () => undefined }, 'kubectl set image deployment/web main=nginx:1.28');
        c.runUntilQuiet(10 * 60_000);
        const d = c.api.get('Deployment', 'default', 'web')!;
        expect(d.status.updatedReplicas).toBe(replicas);
        expect(d.status.availableReplicas).toBe(replicas);
        expect(maxPods).toBeLessThanOrEqual(replicas + surge);
        expect(minAvailable).toBeGreaterThanOrEqual(replicas - unavailable);
      }),
      runs(25),
    );
  });
});

/** ResolveFenceposts' rounding: surge rounds up, unavailability down. */
function resolve(v: number | string, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const x = (Number(v.slice(0, -1)) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}
