import { describe, it, expect } from 'vitest';
import { jsonPatch, mergePatch, PatchError, strategicMerge } from './patches';

// The documentation's task "Update API Objects in Place Using kubectl patch".
const DEPLOYMENT = {
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      spec: {
        containers: [{ name: 'patch-demo-ctr', image: 'nginx', ports: [{ containerPort: 80 }] }],
        tolerations: [{ effect: 'NoSchedule', key: 'dedicated', value: 'test-team' }],
      },
    },
  },
};

describe('strategic merge patch', () => {
  it('adds a container by its merge key (name) and keeps the others, as the docs show', () => {
    const out = strategicMerge(DEPLOYMENT, { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr-2', image: 'redis' }] } } } }) as any;
    expect(out.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['patch-demo-ctr', 'patch-demo-ctr-2']);
    expect(out.spec.replicas).toBe(2);
  });

  it('merges into the container with the same name and replaces lists without a merge key (tolerations)', () => {
    const out = strategicMerge(DEPLOYMENT, {
      spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', image: 'nginx:1.27' }], tolerations: [{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }] } } },
    }) as any;
    expect(out.spec.template.spec.containers).toEqual([{ name: 'patch-demo-ctr', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }]);
    expect(out.spec.template.spec.tolerations).toEqual([{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }]);
  });

  it('removes with null and $patch: delete, replaces with $patch: replace, clears with $retainKeys', () => {
    expect((strategicMerge(DEPLOYMENT, { spec: { replicas: null } }) as any).spec.replicas).toBeUndefined();
    const del = strategicMerge(DEPLOYMENT, { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', $patch: 'delete' }] } } } }) as any;
    expect(del.spec.template.spec.containers).toEqual([]);
    const rep = strategicMerge(DEPLOYMENT, { spec: { template: { spec: { containers: [{ name: 'only', image: 'busybox' }, { $patch: 'replace' }] } } } }) as any;
    expect(rep.spec.template.spec.containers).toEqual([{ name: 'only', image: 'busybox' }]);
    const retain = strategicMerge(DEPLOYMENT, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }) as any;
    expect(retain.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it("merges a Service's ports by port and a container's by containerPort", () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }] } };
    expect((strategicMerge(svc, { spec: { ports: [{ port: 80, name: 'http' }, { port: 443 }] } }) as any).spec.ports).toEqual([{ port: 80, targetPort: 8080, name: 'http' }, { port: 443 }]);
    expect(() => strategicMerge(DEPLOYMENT, { spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).toThrow(PatchError);
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it('replaces whole lists: the docs\' --type merge patch leaves only the new container', () => {
    const out = mergePatch(DEPLOYMENT, { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr-3', image: 'gcr.io/google-samples/hello-app:2.0' }] } } } }) as any;
    expect(out.spec.template.spec.containers).toEqual([{ name: 'patch-demo-ctr-3', image: 'gcr.io/google-samples/hello-app:2.0' }]);
    expect(out.spec.template.spec.tolerations).toHaveLength(1);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('adds, replaces, removes, moves, copies and tests by JSON pointer', () => {
    const out = jsonPatch(DEPLOYMENT, [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'side', image: 'busybox' } },
      { op: 'copy', from: '/spec/template/spec/containers/0/image', path: '/spec/template/spec/containers/1/image' },
      { op: 'remove', path: '/spec/template/spec/tolerations' },
      { op: 'test', path: '/spec/replicas', value: 3 },
    ]) as any;
    expect(out.spec.replicas).toBe(3);
    expect(out.spec.template.spec.containers[1]).toEqual({ name: 'side', image: 'nginx' });
    expect(out.spec.template.spec.tolerations).toBeUndefined();
    expect(DEPLOYMENT.spec.replicas).toBe(2);
  });

  it('fails with jsonpatch\'s words on a missing path or a failed test', () => {
    expect(() => jsonPatch(DEPLOYMENT, [{ op: 'replace', path: '/spec/nope/x', value: 1 }])).toThrow('replace operation does not apply: doc is missing path: "/spec/nope/x": missing value');
    expect(() => jsonPatch(DEPLOYMENT, [{ op: 'test', path: '/spec/replicas', value: 5 }])).toThrow('testing value /spec/replicas failed: test failed');
  });
});
