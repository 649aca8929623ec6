import { describe, it, expect } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { session } from '../testing';

const files = (minAvailable: number) => ({
  'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-pdb}
spec:
  minAvailable: ${minAvailable}
  selector: {matchLabels: {app: web}}
`,
  'bare.yaml': `apiVersion: v1
kind: Pod
metadata: {name: bare}
spec:
  nodeName: worker-1
  containers: [{name: c, image: busybox, command: [sleep, "3600"]}]
  volumes: [{name: scratch, emptyDir: {}}]
`,
});

function setup(minAvailable: number) {
  const tc = testCluster();
  const s = session(tc, files(minAvailable));
  s.ok('apply -f web.yaml');
  tc.settle();
  const onWorker1 = tc.pods({ selector: 'app=web' }).filter((p) => p.spec?.nodeName === 'worker-1');
  return { tc, ...s, onWorker1 };
}

/** Drops the line about DaemonSet pods the cluster itself may run on every node. */
const withoutDaemonSets = (out: string) =>
  out
    .split('\n')
    .filter((l) => !l.startsWith('Warning: ignoring DaemonSet-managed Pods'))
    .join('\n');

describe('kubectl drain', () => {
  it('cordons, evicts through the budget and waits for the pods to go', () => {
    const { tc, run, onWorker1 } = setup(2);
    expect(onWorker1).toHaveLength(1);
    const name = onWorker1[0].metadata.name;
    const r = run('drain worker-1 --ignore-daemonsets');
    expect(r.exitCode).toBe(0);
    expect(withoutDaemonSets(r.output)).toBe(`node/worker-1 cordoned\nevicting pod default/${name}\npod/${name} evicted\nnode/worker-1 drained\n`);
    expect(tc.get('Pod', name!)).toBeUndefined();
    expect(tc.get('Node', 'worker-1', '')!.spec.unschedulable).toBe(true);
  });

  it('retries evictions a PodDisruptionBudget refuses every 5s until the timeout', () => {
    const { tc, run, onWorker1 } = setup(3);
    const name = onWorker1[0].metadata.name;
    const start = tc.now;
    const r = run('drain worker-1 --ignore-daemonsets --timeout=12s');
    const refused = `error when evicting pods/"${name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
    const timeout = `error when evicting pods/"${name}" -n "default": global timeout reached: 12s`;
    expect(r.exitCode).toBe(1);
    expect(withoutDaemonSets(r.output)).toBe(
      [
        'node/worker-1 cordoned',
        `evicting pod default/${name}`,
        refused,
        `evicting pod default/${name}`,
        refused,
        `evicting pod default/${name}`,
        refused,
        `There are pending pods in node "worker-1" when an error occurred: ${timeout}`,
        `pod/${name}`,
        `error: unable to drain node "worker-1" due to error: ${timeout}, continuing command...`,
        'There are pending nodes to be drained:',
        ' worker-1',
        timeout,
        '',
      ].join('\n'),
    );
    expect(tc.now - start).toBe(12_000);
    expect(tc.get('Pod', name!)!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('refuses pods with local storage and pods without a controller unless told otherwise', () => {
    const { tc, run, ok } = setup(0);
    ok('apply -f bare.yaml');
    tc.settle();
    const r = run('drain worker-1 --ignore-daemonsets');
    expect(r.exitCode).toBe(1);
    const err = 'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/bare';
    expect(withoutDaemonSets(r.output)).toBe(
      `node/worker-1 cordoned\nerror: unable to drain node "worker-1" due to error: ${err}, continuing command...\nThere are pending nodes to be drained:\n worker-1\n${err}\n`,
    );
    const noCtrl = run('drain worker-1 --ignore-daemonsets --delete-emptydir-data');
    expect(noCtrl.output).toContain('cannot delete Pods that declare no controller (use --force to override): default/bare');
    const forced = run('drain worker-1 --ignore-daemonsets --delete-emptydir-data --force');
    expect(forced.exitCode).toBe(0);
    expect(forced.output).toMatch(/^node\/worker-1 already cordoned\nWarning: (.*; )?deleting Pods with local storage: default\/bare; deleting Pods that declare no controller: default\/bare\n/);
    expect(forced.output).toContain('pod/bare evicted\n');
  });
});
