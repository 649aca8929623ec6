import { describe, it, expect } from 'vitest';
import { toYaml, yamlKeyLess } from './yaml';
import { toGoJson } from './goJson';
import configMapJson from './testdata/configmap.json?raw';
import configMapYaml from './testdata/configmap.yaml?raw';
import configMapGoJson from './testdata/configmap.go.json?raw';

const files: Record<string, string> = { 'configmap.json': configMapJson, 'configmap.yaml': configMapYaml, 'configmap.go.json': configMapGoJson };
const data = (f: string) => files[f];

describe('toYaml (kubectl -o yaml, go-yaml v2)', () => {
  it('prints a ConfigMap of awkward strings byte-for-byte as kubectl 1.32 does', () => {
    // testdata/configmap.yaml is `kubectl create -f configmap.json --dry-run=client -o yaml`.
    expect(toYaml(JSON.parse(data('configmap.json')))).toBe(data('configmap.yaml'));
  });

  it('sorts keys naturally: numbers by value, upper case before lower case', () => {
    expect(yamlKeyLess('port9', 'port10')).toBe(true);
    expect(yamlKeyLess('Zed', 'a')).toBe(true);
    expect(yamlKeyLess('a-b', 'a.b')).toBe(true);
  });

  it('does not indent sequences under their key and prints empty containers inline', () => {
    const svc = { spec: { clusterIPs: ['10.96.0.1'], ports: [{ port: 443, name: 'https' }] }, status: { loadBalancer: {} }, metadata: { creationTimestamp: null } };
    expect(toYaml(svc)).toBe(
      'metadata:\n  creationTimestamp: null\nspec:\n  clusterIPs:\n  - 10.96.0.1\n  ports:\n  - name: https\n    port: 443\nstatus:\n  loadBalancer: {}\n',
    );
  });

  it('quotes a timestamp that YAML 1.1 would read back as a time', () => {
    expect(toYaml({ creationTimestamp: '2026-01-01T00:00:00Z' })).toBe('creationTimestamp: "2026-01-01T00:00:00Z"\n');
  });
});

describe('toGoJson (kubectl -o json)', () => {
  it('prints a ConfigMap byte-for-byte as kubectl 1.32 does', () => {
    expect(toGoJson(JSON.parse(data('configmap.json'))) + '\n').toBe(data('configmap.go.json'));
  });

  it('escapes <, > and & as Go does', () => {
    expect(toGoJson({ a: '<none> & more' })).toBe('{\n    "a": "\\u003cnone\\u003e \\u0026 more"\n}');
  });
});
