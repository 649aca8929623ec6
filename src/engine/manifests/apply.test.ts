import { describe, expect, it } from 'vitest';
import { ApiServer } from '../api/apiServer';
import { apiErr } from '../api/errors';
import type { KObject } from '../api/object';
import { SimClock } from '../clock/simClock';
import { Rng } from '../random';
import { testCluster } from '../testing/testCluster';
import { applyManifests } from './apply';
import { LAST_APPLIED } from './lastApplied';
import { formatProblem } from './types';

/** A bare API server (no strategies, no controllers) with the default namespace: apply's own semantics only. */
function bareApi(): ApiServer {
  const api = new ApiServer(new SimClock(), new Rng(1));
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return api;
}

const apply = (api: ApiServer, text: string, opts: Parameters<typeof applyManifests>[2] = {}) => applyManifests(api, [{ name: 'app.yaml', text }], opts);

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels:
    app: web
data:
  mode: fast
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
`;

describe('kubectl apply: create, configure, unchanged', () => {
  it('creates objects in order and says so as kubectl does', () => {
    const api = bareApi();
    const r = apply(api, `${CONFIGMAP}---\n${DEPLOYMENT}`);
    expect(r).toEqual({ lines: ['configmap/settings created', 'deployment.apps/web created'], problems: [], exitCode: 0 });
    expect(api.get('ConfigMap', 'default', 'settings')!.data).toEqual({ mode: 'fast' });
    expect(api.get('Deployment', 'default', 'web')).toBeDefined();
  });

  it('records the manifest as kubectl does in last-applied-configuration', () => {
    const api = bareApi();
    apply(api, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  creationTimestamp: null\ndata:\n  z: "1"\n  a: "<b> & c"\n');
    const annotations = api.get('ConfigMap', 'default', 'c')!.metadata.annotations!;
    // Keys sorted, compact, the annotation itself left out but an empty map kept, the namespace
    // kubectl filled in, HTML characters escaped as Go's encoder does, and the encoder's newline.
    expect(annotations[LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","data":{"a":"\\u003cb\\u003e \\u0026 c","z":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"creationTimestamp":null,"name":"c","namespace":"default"}}\n',
    );
    expect(Object.keys(annotations)).toEqual([LAST_APPLIED]);
  });

  it('keeps the manifest’s own annotations beside last-applied, and leaves a stale last-applied out of the record', () => {
    const api = bareApi();
    apply(api, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    team: blue\n    ${LAST_APPLIED}: '{"old":true}'\n`);
    const annotations = api.get('ConfigMap', 'default', 'c')!.metadata.annotations!;
    expect(annotations.team).toBe('blue');
    expect(JSON.parse(annotations[LAST_APPLIED])).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: { team: 'blue' }, name: 'c', namespace: 'default' } });
  });

  it('says "unchanged" when the same manifest is applied again, and writes nothing', () => {
    const api = bareApi();
    apply(api, CONFIGMAP);
    const rv = api.resourceVersion;
    expect(apply(api, CONFIGMAP).lines).toEqual(['configmap/settings unchanged']);
    expect(api.resourceVersion).toBe(rv);
  });

  it('says "configured" when the manifest changed, and updates the record', () => {
    const api = bareApi();
    apply(api, CONFIGMAP);
    expect(apply(api, CONFIGMAP.replace('fast', 'slow')).lines).toEqual(['configmap/settings configured']);
    const cm = api.get('ConfigMap', 'default', 'settings')!;
    expect(cm.data).toEqual({ mode: 'slow' });
    expect(JSON.parse(cm.metadata.annotations![LAST_APPLIED]).data).toEqual({ mode: 'slow' });
  });

  it('applies cluster-scoped kinds without a namespace in the record', () => {
    const api = bareApi();
    expect(apply(api, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n').lines).toEqual(['namespace/team created']);
    expect(JSON.parse(api.get('Namespace', undefined, 'team')!.metadata.annotations![LAST_APPLIED]).metadata).toEqual({ annotations: {}, name: 'team' });
  });

  it('warns when the live object was not created by apply, then patches the annotation in', () => {
    const api = bareApi();
    api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { mode: 'fast' } });
    const r = apply(api, CONFIGMAP);
    expect(r.lines).toEqual([
      `Warning: resource configmaps/settings is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
      'configmap/settings configured',
    ]);
    expect(api.get('ConfigMap', 'default', 'settings')!.metadata.annotations![LAST_APPLIED]).toBeDefined();
  });
});

describe('the three-way merge', () => {
  it('keeps what others set, removes what the manifest dropped, sets what it says', () => {
    const api = bareApi();
    apply(api, CONFIGMAP.replace('    app: web\n', '    app: web\n    tier: front\n'));
    // Another actor (kubectl label) adds a label; the manifest then drops `tier`.
    api.patchMetadata('ConfigMap', 'default', 'settings', (m) => {
      m.labels!.owner = 'ops';
    });
    expect(apply(api, CONFIGMAP).lines).toEqual(['configmap/settings configured']);
    expect(api.get('ConfigMap', 'default', 'settings')!.metadata.labels).toEqual({ app: 'web', owner: 'ops' });
  });

  it('merges containers by name as kubectl’s strategic merge does: a container someone else added stays', () => {
    const api = bareApi();
    apply(api, DEPLOYMENT);
    api.patch('Deployment', 'default', 'web', (d: KObject) => {
      d.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox' });
    });
    apply(api, DEPLOYMENT.replace('nginx:1.25', 'nginx:1.26'));
    const containers = api.get('Deployment', 'default', 'web')!.spec.template.spec.containers;
    expect(containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).toEqual(['web=nginx:1.26', 'sidecar=busybox']);
  });

  it('re-applies a Pod with volumes: the injected service-account volume and mount stay, so the update is allowed', () => {
    const tc = testCluster();
    const pod = `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {a: b}
---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {v: "1"}}
spec:
  containers:
  - name: c
    image: nginx
    volumeMounts: [{name: cfg, mountPath: /etc/cfg}]
  volumes: [{name: cfg, configMap: {name: cfg}}]
`;
    expect(applyManifests(tc.api, [{ name: 'p.yaml', text: pod }]).exitCode).toBe(0);
    tc.settle('30s');
    const again = applyManifests(tc.api, [{ name: 'p.yaml', text: pod.replace('v: "1"', 'v: "2"') }]);
    expect(again.lines).toEqual(['configmap/cfg unchanged', 'pod/p configured']);
    expect(tc.get('Pod', 'p')!.spec.volumes.map((v: { name: string }) => v.name)).toEqual(['cfg', expect.stringMatching(/^kube-api-access-/)]);
  });

  it('an explicit null removes a field applied before', () => {
    const api = bareApi();
    apply(api, CONFIGMAP);
    apply(api, CONFIGMAP.replace('  labels:\n    app: web\n', '  labels: null\n'));
    expect(api.get('ConfigMap', 'default', 'settings')!.metadata.labels).toBeUndefined();
  });

  it('keeps replicas set by `kubectl scale` when the manifest has none (whole cluster)', () => {
    const tc = testCluster();
    expect(applyManifests(tc.api, [{ name: 'web.yaml', text: DEPLOYMENT }]).exitCode).toBe(0);
    tc.settle('1m');
    tc.api.patch('Deployment', 'default', 'web', (d: KObject) => {
      d.spec.replicas = 3;
    });
    tc.settle('1m');
    const again = applyManifests(tc.api, [{ name: 'web.yaml', text: DEPLOYMENT }]);
    expect(again.lines).toEqual(['deployment.apps/web unchanged']);
    const updated = applyManifests(tc.api, [{ name: 'web.yaml', text: DEPLOYMENT.replace('nginx:1.25', 'nginx:1.26') }]);
    expect(updated.lines).toEqual(['deployment.apps/web configured']);
    const live = tc.get('Deployment', 'web')!;
    expect(live.spec.replicas).toBe(3);
    expect(live.spec.template.spec.containers[0].image).toBe('nginx:1.26');
    tc.expectNoInternalErrors();
  });

  it('resets a field the manifest sets when someone else changed it', () => {
    const api = bareApi();
    const manifest = DEPLOYMENT.replace('spec:\n  selector', 'spec:\n  replicas: 2\n  selector');
    apply(api, manifest);
    api.patch('Deployment', 'default', 'web', (d: KObject) => {
      d.spec.replicas = 7;
    });
    expect(apply(api, manifest).lines).toEqual(['deployment.apps/web configured']);
    expect(api.get('Deployment', 'default', 'web')!.spec.replicas).toBe(2);
  });
});

describe('all or nothing', () => {
  it('applies nothing when a file has a problem, and reports them all (exit 2)', () => {
    const api = bareApi();
    const r = apply(api, `${CONFIGMAP}---\n${DEPLOYMENT.replace('image: nginx', 'imagee: nginx').replace('  selector:', '  replicas: many\n  selector:')}`);
    expect(r.exitCode).toBe(2);
    expect(r.lines).toEqual([]);
    expect(r.problems.map(formatProblem)).toEqual([
      'app.yaml:15:13: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      'app.yaml:26:9: unknown field "spec.template.spec.containers[0].imagee"',
    ]);
    expect(api.get('ConfigMap', 'default', 'settings')).toBeUndefined();
  });

  it('applies nothing when the server refuses any object in the dry run, positioning its field errors', () => {
    const api = bareApi();
    const bad = CONFIGMAP.replace('name: settings', 'name: Bad_Name').replace('app: web', 'app: -web-');
    const r = apply(api, `${CONFIGMAP}---\n${bad}`);
    expect(r.exitCode).toBe(2);
    expect(r.lines).toEqual([]);
    expect(r.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^app\.yaml:13:3: The ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": /),
      expect.stringMatching(/^app\.yaml:14:3: The ConfigMap "Bad_Name" is invalid: metadata\.labels: Invalid value: "-web-": /),
    ]);
    expect(api.get('ConfigMap', 'default', 'settings')).toBeUndefined();
  });

  it('positions the server’s field errors inside a kind: List item', () => {
    const api = bareApi();
    const r = apply(api, 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: ok\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: Not_OK\n');
    expect(r.problems.map((p) => [p.line, p.col])).toEqual([[11, 5]]);
    expect(r.problems[0].message).toMatch(/^The ConfigMap "Not_OK" is invalid: metadata\.name: Invalid value/);
    expect(api.list('ConfigMap')).toEqual([]);
  });

  it('reports every refused object, not only the first', () => {
    const api = bareApi();
    const r = apply(api, `${CONFIGMAP.replace('settings', 'A')}---\n${CONFIGMAP.replace('settings', 'B')}`);
    expect(r.problems.map((p) => p.line)).toEqual([4, 13]);
  });

  it('reports a missing namespace at the namespace field', () => {
    const api = bareApi();
    const r = apply(api, CONFIGMAP.replace('  name: settings\n', '  name: settings\n  namespace: nope\n'));
    expect(r.problems.map(formatProblem)).toEqual(['app.yaml:5:3: Error from server (NotFound): error when creating "app.yaml": namespaces "nope" not found']);
    expect(r.exitCode).toBe(2);
  });

  it('counts a Namespace earlier in the batch as existing', () => {
    const api = bareApi();
    const r = apply(api, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\n${CONFIGMAP.replace('  name: settings\n', '  name: settings\n  namespace: team\n')}`);
    expect(r.lines).toEqual(['namespace/team created', 'configmap/settings created']);
    expect(api.get('ConfigMap', 'team', 'settings')).toBeDefined();
  });

  it('puts objects without a namespace in kubectl’s namespace, and with -n refuses another one', () => {
    const api = bareApi();
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    expect(apply(api, CONFIGMAP, { namespace: 'team' }).lines).toEqual(['configmap/settings created']);
    expect(api.get('ConfigMap', 'team', 'settings')).toBeDefined();
    const r = apply(api, CONFIGMAP.replace('  name: settings\n', '  name: settings\n  namespace: prod\n'), { namespace: 'team', enforceNamespace: true });
    expect(r.problems.map(formatProblem)).toEqual([
      `app.yaml:5:3: the namespace from the provided object "prod" does not match the namespace "team". You must pass '--namespace=prod' to perform this operation.`,
    ]);
  });

  it('refuses objects without a name, as apply cannot use generateName', () => {
    const api = bareApi();
    const r = apply(api, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: c-\n---\napiVersion: v1\nkind: ConfigMap\ndata: {}\n');
    expect(r.problems.map(formatProblem)).toEqual(['app.yaml:3:1: from app.yaml: cannot use generate name with apply', 'app.yaml:6:1: resource name may not be empty']);
    expect(api.list('ConfigMap')).toEqual([]);
  });

  it('keeps earlier objects when the server refuses one at commit time (exit 1)', () => {
    const api = bareApi();
    // A quota-like admission check: passes every dry run, refuses the second ConfigMap for real.
    api.registerAdmission({
      name: 'OneConfigMap',
      kinds: ['ConfigMap'],
      validate: (op, obj, _old, ctx) => {
        if (op === 'CREATE' && ctx.api.list('ConfigMap', obj.metadata.namespace).length >= 1) {
          throw apiErr.forbidden('configmaps', obj.metadata.name!, 'exceeded quota: one, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1');
        }
      },
    });
    const r = apply(api, `${CONFIGMAP}---\n${CONFIGMAP.replace('settings', 'second')}---\n${DEPLOYMENT}`);
    expect(r.exitCode).toBe(1);
    expect(r.lines).toEqual([
      'configmap/settings created',
      'deployment.apps/web created',
      'Error from server (Forbidden): error when creating "app.yaml": configmaps "second" is forbidden: exceeded quota: one, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1',
    ]);
    expect(r.problems.map((p) => p.line)).toEqual([10]);
    expect(api.get('ConfigMap', 'default', 'settings')).toBeDefined();
    expect(api.get('Deployment', 'default', 'web')).toBeDefined();
  });
});

describe('dry runs', () => {
  it('client: says what would happen and changes nothing', () => {
    const api = bareApi();
    apply(api, CONFIGMAP);
    const rv = api.resourceVersion;
    const r = apply(api, `${CONFIGMAP}---\n${CONFIGMAP.replace('fast', 'slow').replace('settings', 'other')}---\n${CONFIGMAP.replace('fast', 'slow')}`, { dryRun: 'client' });
    expect(r.lines).toEqual(['configmap/settings unchanged (dry run)', 'configmap/other created (dry run)', 'configmap/settings configured (dry run)']);
    expect(api.resourceVersion).toBe(rv);
    expect(api.get('ConfigMap', 'default', 'other')).toBeUndefined();
  });

  it('server: runs the server checks and changes nothing', () => {
    const api = bareApi();
    const r = apply(api, DEPLOYMENT, { dryRun: 'server' });
    expect(r).toEqual({ lines: ['deployment.apps/web created (server dry run)'], problems: [], exitCode: 0 });
    expect(api.get('Deployment', 'default', 'web')).toBeUndefined();
    expect(apply(api, CONFIGMAP.replace('settings', 'Bad_Name'), { dryRun: 'server' }).exitCode).toBe(2);
  });
});

describe('reporting every problem at once', () => {
  it('reports server-side refusals of clean documents beside the schema problems of broken ones, and applies nothing', () => {
    const c = testCluster({ workers: 1 }).cluster;
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: ok, labels: {tier: "not valid!"}}
data: {a: b}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: nginx, imagee: x}]}
`;
    const r = applyManifests(c.api, [{ name: 'two.yaml', text }]);
    expect(r.exitCode).toBe(2);
    expect(r.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      expect.stringMatching(/^3: The ConfigMap "ok" is invalid: metadata\.labels: Invalid value: "not valid!"/),
      '9: unknown field "spec.containers[0].imagee"',
    ]);
    expect(c.api.get('ConfigMap', 'default', 'ok')).toBeUndefined();
  });
});
