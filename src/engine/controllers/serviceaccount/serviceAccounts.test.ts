import { describe, expect, it } from 'vitest';
import { testCluster } from '../../testing/testCluster';
import { base64 } from './rootCaPem';

describe('service account controller and root CA publisher', () => {
  it('give every namespace, the system ones included, a default ServiceAccount and kube-root-ca.crt', () => {
    const tc = testCluster();
    tc.apply('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n');
    tc.advance('1s');
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'team-a']) {
      expect(tc.get('ServiceAccount', 'default', ns)).toBeDefined();
      const cm = tc.get('ConfigMap', 'kube-root-ca.crt', ns)!;
      expect(cm.metadata.annotations!['kubernetes.io/description']).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/);
      expect(cm.data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\nMII[A-Za-z0-9+/]{61}\n(?:[A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/);
    }
    // One cluster CA: the same bundle everywhere.
    expect(tc.get('ConfigMap', 'kube-root-ca.crt', 'team-a')!.data['ca.crt']).toBe(tc.get('ConfigMap', 'kube-root-ca.crt')!.data['ca.crt']);
    tc.expectNoInternalErrors();
  });

  it('makes the same certificate for the same seed, and another for another seed', () => {
    const ca = (seed: number) => testCluster({ seed }).advance('1s').get('ConfigMap', 'kube-root-ca.crt')!.data['ca.crt'];
    expect(ca(7)).toBe(ca(7));
    expect(ca(7)).not.toBe(ca(8));
  });

  it('brings back a deleted default ServiceAccount and undoes edits to kube-root-ca.crt', () => {
    const tc = testCluster().advance('1s');
    tc.api.delete('ServiceAccount', 'default', 'default');
    const cm = tc.get('ConfigMap', 'kube-root-ca.crt')!;
    const original = cm.data['ca.crt'];
    tc.api.update({ ...cm, data: { 'ca.crt': 'tampered' } });
    tc.advance('1s');
    expect(tc.get('ServiceAccount', 'default')).toBeDefined();
    expect(tc.get('ConfigMap', 'kube-root-ca.crt')!.data['ca.crt']).toBe(original);
    tc.api.delete('ConfigMap', 'default', 'kube-root-ca.crt');
    tc.advance('1s');
    expect(tc.get('ConfigMap', 'kube-root-ca.crt')!.data['ca.crt']).toBe(original);
    tc.expectNoInternalErrors();
  });

  it('does not refill a terminating namespace', () => {
    const tc = testCluster();
    tc.apply('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: going\n');
    tc.advance('1s');
    tc.api.delete('Namespace', undefined, 'going');
    tc.advance('2m');
    expect(tc.api.get('Namespace', undefined, 'going')).toBeUndefined();
    expect(tc.api.list('ServiceAccount', 'going')).toEqual([]);
    expect(tc.api.list('ConfigMap', 'going')).toEqual([]);
    tc.expectNoInternalErrors();
  });
});

describe('base64', () => {
  it('encodes with padding', () => {
    expect(base64([...'Man'].map((c) => c.charCodeAt(0)))).toBe('TWFu');
    expect(base64([...'Ma'].map((c) => c.charCodeAt(0)))).toBe('TWE=');
    expect(base64([...'M'].map((c) => c.charCodeAt(0)))).toBe('TQ==');
  });
});
