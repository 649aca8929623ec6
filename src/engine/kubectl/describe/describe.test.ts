import { describe, it, expect } from 'vitest';
import { ApiServer } from '../../api/apiServer';
import { registerStandardIndexes } from '../../api/indexes';
import type { KObject } from '../../api/object';
import { SimClock } from '../../clock/simClock';
import { Rng } from '../../random';
import { parseTimestamp } from '../../time';
import { describeObject } from './index';
import objectsJson from './testdata/objects.json?raw';
import nowTxt from './testdata/now.txt?raw';
import podWeb from './testdata/pod-web.txt?raw';
import podTwo from './testdata/pod-two.txt?raw';
import podPending from './testdata/pod-pending.txt?raw';
import deployWeb from './testdata/deploy-web.txt?raw';
import rsWeb from './testdata/rs-web.txt?raw';
import nodeWorker from './testdata/node-worker-1.txt?raw';
import svcWeb from './testdata/svc-web.txt?raw';
import svcKubernetes from './testdata/svc-kubernetes.txt?raw';

/**
 * The golden files are what kubectl v1.32 printed for testdata/objects.json served by a stub API
 * server, at the time in now.txt. Two lines were adjusted to the v1.36 describer: projected
 * ConfigMap sources print "Optional: false" (was "ConfigMapOptional: <nil>"), System Info no
 * longer lists "Kube-Proxy Version", and event messages about a container start with its
 * fieldPath ("spec.containers{nginx}: ...").
 */
function storeWithFixtures(): ApiServer {
  const api = new ApiServer(new SimClock(), new Rng(1));
  registerStandardIndexes(api.store);
  for (const o of JSON.parse(objectsJson) as KObject[]) api.store.put(o, undefined);
  return api;
}

const api = storeWithFixtures();
const ctx = { api, now: parseTimestamp(nowTxt.trim())!, showEvents: true };
const get = (kind: string, name: string, ns: string | null = 'default') => api.get(kind, ns ?? undefined, name)!;

describe('kubectl describe layouts match kubectl', () => {
  it('describes a running pod with a restarted container, a probe, env, projected volume and events', () => {
    expect(describeObject(ctx, get('Pod', 'web-7d4b9c5f8d-x2abc'))).toBe(podWeb);
  });

  it('describes a pod with an init container still running', () => {
    expect(describeObject(ctx, get('Pod', 'two'))).toBe(podTwo);
  });

  it('describes an unschedulable pod with an aggregated FailedScheduling event', () => {
    expect(describeObject(ctx, get('Pod', 'pending'))).toBe(podPending);
  });

  it('describes a deployment with its replica sets, conditions and events', () => {
    expect(describeObject(ctx, get('Deployment', 'web'))).toBe(deployWeb);
  });

  it('describes a replica set with its pods status', () => {
    expect(describeObject(ctx, get('ReplicaSet', 'web-7d4b9c5f8d'))).toBe(rsWeb);
  });

  it('describes a node with conditions, capacity and its non-terminated pods', () => {
    expect(describeObject(ctx, get('Node', 'worker-1', null))).toBe(nodeWorker);
  });

  it('describes NodePort and ClusterIP services', () => {
    expect(describeObject(ctx, get('Service', 'web'))).toBe(svcWeb);
    expect(describeObject(ctx, get('Service', 'kubernetes'))).toBe(svcKubernetes);
  });
});
