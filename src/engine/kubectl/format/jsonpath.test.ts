import { describe, it, expect } from 'vitest';
import { executeJsonPath, parseJsonPath } from './jsonpath';

const list = {
  items: [
    { metadata: { name: 'kubernetes', labels: { 'app.kubernetes.io/name': 'api' } }, spec: { clusterIP: '10.96.0.1', ports: [{ port: 443 }] } },
    { metadata: { name: 'web' }, spec: { clusterIP: '10.96.45.12', ports: [{ port: 80, nodePort: 31234 }] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
  ],
};
const run = (t: string, d: unknown = list) => executeJsonPath(parseJsonPath(t), d);

describe('kubectl jsonpath', () => {
  it('joins the values of a wildcard with spaces', () => {
    expect(run('{.items[*].metadata.name}')).toBe('kubernetes web');
  });

  it('ranges over items with literal tabs and newlines', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.spec.clusterIP}{"\\n"}{end}')).toBe('kubernetes\t10.96.0.1\nweb\t10.96.45.12\n');
  });

  it('prints nothing for a missing key (allow-missing-template-keys)', () => {
    expect(run('{.items[0].spec.ports[0].nodePort}')).toBe('');
    expect(run('{.items[1].spec.ports[0].nodePort}')).toBe('31234');
  });

  it('filters with ?() and indexes from the end', () => {
    expect(run('{.items[?(@.metadata.name=="web")].spec.clusterIP}')).toBe('10.96.45.12');
    expect(run('{.items[-1].metadata.name}')).toBe('web');
  });

  it('reads keys with escaped dots and prints maps as JSON', () => {
    expect(run('{.items[0].metadata.labels.app\\.kubernetes\\.io/name}')).toBe('api');
    expect(run('{.items[1].status}')).toBe('{"conditions":[{"status":"True","type":"Ready"}]}');
  });

  it('keeps text outside actions', () => {
    expect(run('name={.items[0].metadata.name}')).toBe('name=kubernetes');
  });
});
