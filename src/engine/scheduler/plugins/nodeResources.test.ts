import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { parseAllDocuments } from 'yaml';
import { balancedScore, calculatePriority, leastRequestedScore, NodeResourcesFit } from './nodeResources';
import { podInfoOf } from '../podInfo';
import { NodeInfo } from '../nodeInfo';
import { NodeNumbers } from '../nodeNumbers';
import type { CycleContext } from './types';

/** pods/multi-container/resources.yaml from the Kubernetes documentation. */
const RESOURCES_EXAMPLE = `apiVersion: v1
kind: Pod
metadata:
  name: resources-example
spec:
  initContainers:
  - name: setup
    image: registry.k8s.io/busybox:1.27.2
    command: ["sh", "-c", "echo setting up"]
    resources:
      requests:
        cpu: 200m
        memory: 64Mi
      limits:
        memory: 64Mi
  - name: log-shipper
    image: registry.k8s.io/busybox:1.27.2
    restartPolicy: Always
    command: ["sh", "-c", "while true; do sleep 3600; done"]
    resources:
      requests:
        cpu: 50m
        memory: 64Mi
      limits:
        memory: 64Mi
  containers:
  - name: app
    image: nginx:1.29
    resources:
      requests:
        cpu: 300m
        memory: 128Mi
      limits:
        memory: 128Mi
`;

const GI = 1024 ** 3;
const MI = 1024 ** 2;

function pod(spec: Partial<Pod['spec']>, name = 'p'): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { containers: [], ...spec } as Pod['spec'] };
}

function numsOf(ni: NodeInfo): NodeNumbers {
  return (ni as unknown as { nums: NodeNumbers }).nums;
}

function node(cpu: string, memory: string, pods = 110): NodeInfo {
  const ni = new NodeInfo('n1', 0, new NodeNumbers(1));
  ni.setNode({ metadata: { name: 'n1', labels: {} }, status: { allocatable: { cpu, memory, pods: String(pods) } } });
  return ni;
}

function ctxFor(p: Pod): CycleContext {
  return { pod: podInfoOf(p), nominatedOn: () => [], anyNominated: false } as unknown as CycleContext;
}

describe('LeastAllocated (NodeResourcesFit score)', () => {
  it('scores a 4 CPU / 8Gi node with 1 CPU / 2Gi used and a 1 CPU / 2Gi pod at 50', () => {
    const cpu = leastRequestedScore(1000 + 1000, 4000);
    const mem = leastRequestedScore(2 * GI + 2 * GI, 8 * GI);
    expect([cpu, mem, Math.trunc((cpu + mem) / 2)]).toEqual([50, 50, 50]);
  });

  it('gives 0 when the request exceeds the capacity or the capacity is unknown', () => {
    expect(leastRequestedScore(5000, 4000)).toBe(0);
    expect(leastRequestedScore(100, 0)).toBe(0);
  });

  it('counts containers without requests as 100m and 200Mi when scoring', () => {
    const ni = node('4', '8Gi');
    const fit = new NodeResourcesFit();
    const out = new Int32Array(1);
    fit.scoreNodes({ ...ctxFor(pod({ containers: [{ name: 'a', image: 'nginx' }] })), cache: { nums: numsOf(ni) } } as unknown as CycleContext, [ni], Int32Array.of(0), 1, out);
    const score = out[0];
    // cpu (4000-100)/4000 = 97.5 → 97; memory (8192-200)/8192 → 97
    expect(score).toBe(97);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('scores equal cpu and memory fractions 100', () => {
    expect(balancedScore(2000, 4000, 4 * GI, 8 * GI)).toBe(100);
  });

  it('scores fractions 0.8 and 0.2 at 70 (std 0.3)', () => {
    expect(balancedScore(3200, 4000, 1.6 * GI, 8 * GI)).toBe(70);
  });
});

describe('ImageLocality', () => {
  it('clamps to 0 below 23MB and to 100 at 1000MB per container', () => {
    expect(calculatePriority(0, 1)).toBe(0);
    expect(calculatePriority(23 * MI, 1)).toBe(0);
    expect(calculatePriority(1000 * MI, 1)).toBe(100);
    expect(calculatePriority(5000 * MI, 1)).toBe(100);
    expect(calculatePriority(Math.trunc(511.5 * MI), 1)).toBe(50);
  });
});

describe('NodeResourcesFit filter', () => {
  const fit = new NodeResourcesFit();

  it('reports Insufficient cpu when the free cpu is smaller than the request', () => {
    const ni = node('4', '8Gi');
    ni.addPod(podInfoOf(pod({ containers: [{ name: 'a', resources: { requests: { cpu: '3' } } }] }, 'existing')));
    const s = fit.filter(ctxFor(pod({ containers: [{ name: 'a', resources: { requests: { cpu: '2' } } }] })), ni);
    expect(s?.reasons).toEqual(['Insufficient cpu']);
    expect(s?.code).toBe('Unschedulable');
  });

  it('reports every insufficient resource, pods first', () => {
    const ni = node('1', '1Gi', 1);
    ni.addPod(podInfoOf(pod({ containers: [{ name: 'a', resources: { requests: { cpu: '500m', memory: '512Mi' } } }] }, 'existing')));
    const s = fit.filter(ctxFor(pod({ containers: [{ name: 'a', resources: { requests: { cpu: '1', memory: '1Gi' } } }] })), ni);
    expect(s?.reasons).toEqual(['Too many pods', 'Insufficient cpu', 'Insufficient memory']);
  });

  it('marks a request larger than the whole node as unresolvable (preemption cannot help)', () => {
    const s = fit.filter(ctxFor(pod({ containers: [{ name: 'a', resources: { requests: { cpu: '64' } } }] })), node('4', '8Gi'));
    expect(s?.code).toBe('UnschedulableAndUnresolvable');
  });

  it('lets a pod without requests fit anywhere a pod slot is free', () => {
    const ni = node('0', '0');
    expect(fit.filter(ctxFor(pod({ containers: [{ name: 'a' }] })), ni)).toBeNull();
  });

  it('counts nominated pods of at least the same priority', () => {
    const ni = node('4', '8Gi');
    const nominee = podInfoOf(pod({ containers: [{ name: 'a', resources: { requests: { cpu: '3' } } }] }, 'nominee'));
    const ctx = { pod: podInfoOf(pod({ containers: [{ name: 'a', resources: { requests: { cpu: '2' } } }] })), nominatedOn: () => [nominee], anyNominated: true } as unknown as CycleContext;
    expect(fit.filter(ctx, ni)?.reasons).toEqual(['Insufficient cpu']);
  });
});

describe('pod requests', () => {
  it('counts sidecars with the app containers: 300m app + 50m sidecar beats a 200m init (350m)', () => {
    const docs = parseAllDocuments(RESOURCES_EXAMPLE);
    const p = docs[0].toJS() as Pod;
    p.metadata = { ...p.metadata, uid: 'x', namespace: 'default' };
    const info = podInfoOf(p);
    expect(info.cpu).toBe(350);
  });

  it('takes the largest init container when it exceeds the app containers (500m)', () => {
    const p = pod({
      initContainers: [{ name: 'i', resources: { requests: { cpu: '500m' } } }],
      containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }, { name: 'b', resources: { requests: { cpu: '200m' } } }],
    });
    expect(podInfoOf(p).cpu).toBe(500);
  });

  it('uses the limit as the request when only a limit is given', () => {
    expect(podInfoOf(pod({ containers: [{ name: 'a', resources: { limits: { memory: '128Mi' } } }] })).memory).toBe(128 * MI);
  });
});
