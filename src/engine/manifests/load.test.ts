/* eslint-disable no-restricted-globals -- the speed test measures wall-clock time */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../config';
import { loadManifests } from './load';
import { parseManifest } from './parse';
import { validateObject } from './validateSchema';
import { formatProblem } from './types';

const load = (text: string, name = 'web.yaml') => loadManifests([{ name, text }]);
const problems = (text: string) => load(text).problems.map(formatProblem);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
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
        ports:
        - containerPort: 80
`;

describe('loading objects', () => {
  it('loads a valid Deployment with its kind, position and source document', () => {
    const r = load(DEPLOYMENT);
    expect(r.problems).toEqual([]);
    expect(r.objects).toHaveLength(1);
    const o = r.objects[0];
    expect(o.info.kind).toBe('Deployment');
    expect([o.file, o.docIndex, o.line, o.col]).toEqual(['web.yaml', 0, 1, 1]);
    expect(o.object.spec.template.spec.containers[0].image).toBe('nginx:1.25');
  });

  it('maps a FieldError path to the source position of the field', () => {
    const o = load(DEPLOYMENT).objects[0];
    expect(o.positionOf('spec.template.metadata.labels')).toEqual({ line: 14, col: 7 });
    expect(o.positionOf('spec.template.spec.containers[0].image')).toEqual({ line: 19, col: 9 });
    expect(o.positionOf('spec.template.spec.containers[0]')).toEqual({ line: 18, col: 9 });
    expect(o.positionOf('spec.template.spec.containers[0].ports[0].containerPort')).toEqual({ line: 21, col: 11 });
  });

  it('maps FieldError paths in the flow style (KYAML) and inside a kind: List', () => {
    const flow = load('---\n{\n  apiVersion: "v1",\n  kind: "Pod",\n  metadata: { name: "p", },\n  spec: {\n    containers: [\n      { name: "a", image: "nginx", },\n    ],\n  },\n}\n');
    expect(flow.problems).toEqual([]);
    expect(flow.objects[0].positionOf('spec.containers[0].image')).toEqual({ line: 8, col: 20 });
    expect(flow.objects[0].positionOf('spec.containers[0].resources')).toEqual({ line: 8, col: 7 });
    const list = load('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n  spec:\n    containers:\n    - name: a\n      image: nginx\n');
    expect(list.objects[0].positionOf('metadata.name')).toEqual({ line: 7, col: 5 });
    expect(list.objects[0].positionOf('spec.containers[0].image')).toEqual({ line: 11, col: 7 });
  });

  it('maps a path that does not exist to its nearest existing ancestor', () => {
    const o = load(DEPLOYMENT).objects[0];
    expect(o.positionOf('spec.template.spec.containers[0].resources.limits')).toEqual({ line: 18, col: 9 });
    expect(o.positionOf('spec.strategy')).toEqual({ line: 7, col: 1 });
    expect(o.positionOf('metadata.annotations[example.com/x]')).toEqual({ line: 3, col: 1 });
    expect(o.positionOf('metadata.labels[app]')).toEqual({ line: 6, col: 5 });
  });

  it('drops null fields from the object as the API server decodes them, keeping them in the manifest', () => {
    const o = load('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  creationTimestamp: null\ndata:\n  a: "1"\n').objects[0];
    expect(o.object.metadata).toEqual({ name: 'c' });
    expect(o.manifest.metadata).toEqual({ name: 'c', creationTimestamp: null });
  });

  it('flattens a kind: List into its items, positions pointing into the list', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: a}
- apiVersion: v1
  kind: Service
  metadata: {name: b}
  spec:
    ports:
    - port: "http"
      targetPort: 8080
`;
    const r = load(text);
    expect(r.problems.map(formatProblem)).toEqual(['web.yaml:12:13: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32']);
    expect(r.objects.map((o) => [o.info.kind, o.line, o.col])).toEqual([['ConfigMap', 4, 3]]);
    expect(r.objects[0].positionOf('metadata.name')).toEqual({ line: 6, col: 14 });
  });

  it('reads several files and documents in order', () => {
    const r = loadManifests([
      { name: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team}\n' },
      { name: 'b.yaml', text: DEPLOYMENT },
    ]);
    expect(r.objects.map((o) => `${o.file}#${o.docIndex} ${o.info.kind}`)).toEqual(['a.yaml#0 Namespace', 'a.yaml#1 ConfigMap', 'b.yaml#0 Deployment']);
  });

  it('refuses more objects than the playground allows, counting List items', () => {
    const items = Array.from({ length: 5 }, (_, i) => `- {apiVersion: v1, kind: ConfigMap, metadata: {name: c${i}}}`).join('\n');
    const r = loadManifests([{ name: 'l.yaml', text: `apiVersion: v1\nkind: List\nitems:\n${items}\n` }], { ...DEFAULT_LIMITS, maxDocuments: 3 });
    expect(r.problems.map(formatProblem)).toEqual(['l.yaml:7:3: too many objects: the playground accepts at most 3']);
  });
});

describe('schema problems, all at once, with positions', () => {
  it('reports an unknown field at its key in strict-decoding wording', () => {
    expect(problems(DEPLOYMENT.replace('image: nginx', 'imagee: nginx'))).toEqual(['web.yaml:19:9: unknown field "spec.template.spec.containers[0].imagee"']);
  });

  it('reports a wrong type at the value in encoding/json wording', () => {
    expect(problems(DEPLOYMENT.replace('replicas: 3', 'replicas: "3"'))).toEqual([
      'web.yaml:8:13: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ]);
  });

  it('reports `value: yes` in an env var as the bool it is', () => {
    const text = DEPLOYMENT.replace('        ports:', '        env:\n        - name: DEBUG\n          value: yes\n        ports:');
    expect(problems(text)).toEqual(['web.yaml:22:18: json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string']);
  });

  it('reports every problem of every document', () => {
    const text = `${DEPLOYMENT.replace('image: nginx', 'imagee: nginx').replace('replicas: 3', 'replicas: three')}---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {tier: 1}
spec:
  ports: 80
`;
    expect(problems(text)).toEqual([
      'web.yaml:8:13: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      'web.yaml:19:9: unknown field "spec.template.spec.containers[0].imagee"',
      'web.yaml:27:18: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
      'web.yaml:29:10: json: cannot unmarshal number into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort',
    ]);
  });

  it('reports problems in the flow style at their positions', () => {
    const text = '---\n{\n  apiVersion: "apps/v1",\n  kind: "Deployment",\n  metadata: { name: "web", },\n  spec: {\n    replicas: "2",\n    selector: { matchLabels: { app: "web", }, },\n    template: {\n      metadata: { labels: { app: "web", }, },\n      spec: { containers: [ { name: "web", imagee: "nginx", }, ], },\n    },\n  },\n}\n';
    expect(problems(text)).toEqual([
      'web.yaml:7:15: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
      'web.yaml:11:44: unknown field "spec.template.spec.containers[0].imagee"',
    ]);
  });

  it('reports a missing required field at its parent', () => {
    expect(problems(DEPLOYMENT.replace('      - name: web\n        image', '      - image'))).toEqual(['web.yaml:18:9: spec.template.spec.containers[0].name: Required value']);
    expect(problems(DEPLOYMENT.replace(/ {2}selector:\n {4}matchLabels:\n {6}app: web\n/, ''))).toEqual(['web.yaml:7:1: spec.selector: Required value']);
  });

  it('does not ask for required fields inside status', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: b}]}\nstatus:\n  conditions:\n  - lastProbeTime: null\n';
    expect(problems(text)).toEqual([]);
  });

  it('words missing apiVersion and kind as kubectl does', () => {
    expect(problems('metadata:\n  name: x\n')).toEqual(['web.yaml:1:1: error validating data: apiVersion not set', 'web.yaml:1:1: error validating data: kind not set']);
    expect(problems('apiVersion: v1\nmetadata: {name: x}\n')).toEqual(['web.yaml:1:1: error validating data: kind not set']);
    expect(problems('apiVersion: 1\nkind: Pod\n')).toEqual(["web.yaml:1:13: error validating data: apiVersion isn't string type"]);
    expect(problems('- a\n- b\n')).toEqual(['web.yaml:1:1: error validating data: invalid object to validate']);
  });

  it('refuses removed APIs and unknown kinds with "no matches for kind"', () => {
    expect(problems('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: web}\n')).toEqual([
      'web.yaml:2:7: resource mapping not found for name: "web" namespace: "" from "web.yaml": no matches for kind "Deployment" in version "extensions/v1beta1"',
    ]);
    expect(problems('apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: c, namespace: x}\n')[0]).toContain('no matches for kind "CronTab" in version "stable.example.com/v1"');
    expect(problems('apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n')[0]).toContain('no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2beta2"');
  });

  it('accepts both served HorizontalPodAutoscaler versions with their own fields', () => {
    const v1 = 'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 5\n  targetCPUUtilizationPercentage: 50\n';
    expect(problems(v1)).toEqual([]);
    expect(problems(v1.replace('autoscaling/v1', 'autoscaling/v2'))).toEqual(['web.yaml:7:3: unknown field "spec.targetCPUUtilizationPercentage"']);
  });

  it('accepts quantities as numbers or strings and int-or-string fields as either', () => {
    const text = DEPLOYMENT.replace(
      '        ports:',
      '        resources:\n          limits: {cpu: 0.5, memory: 128Mi}\n          requests: {cpu: "250m"}\n        livenessProbe:\n          httpGet: {port: http, path: /}\n        readinessProbe:\n          tcpSocket: {port: 8080}\n        ports:',
    );
    expect(problems(text)).toEqual([]);
  });

  it('reports malformed special values with the decoder wording', () => {
    const text = `apiVersion: v1
kind: Secret
metadata:
  name: s
  creationTimestamp: yesterday
data:
  password: not base64!
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: b
    resources: {limits: {memory: 1Gb}}
    livenessProbe: {httpGet: {port: 1.5}}
`;
    expect(problems(text)).toEqual([
      'web.yaml:5:22: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
      'web.yaml:7:13: illegal base64 data at input byte 3',
      "web.yaml:16:34: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      'web.yaml:17:37: json: cannot unmarshal number 1.5 into Go value of type int32',
    ]);
  });

  it('accepts anything inside free-form fields (RawExtension, CRD schemas)', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: crontabs.stable.example.com}
spec:
  group: stable.example.com
  names: {kind: CronTab, plural: crontabs}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
        properties:
          spec:
            type: object
            default: {anything: [1, {goes: true}]}
            properties:
              cronSpec: {type: string, $ref: '#/x'}
`;
    expect(problems(crd)).toEqual([]);
  });

  it('validates 2,000 documents well under a second', () => {
    const docs = Array.from({ length: 2000 }, (_, i) => DEPLOYMENT.replace('name: web\n  labels', `name: web-${i}\n  labels`)).join('---\n');
    const parsed = parseManifest('web.yaml', docs, DEFAULT_LIMITS);
    expect(parsed.documents).toHaveLength(2000);
    validateObject(parsed.documents[0].value, 'web.yaml'); // compiles the schema once
    const start = performance.now();
    const results = parsed.documents.map((d) => validateObject(d.value, 'web.yaml'));
    expect(performance.now() - start).toBeLessThan(1000);
    expect(results.every((r) => r.problems.length === 0 && r.info?.kind === 'Deployment')).toBe(true);
  });
});
