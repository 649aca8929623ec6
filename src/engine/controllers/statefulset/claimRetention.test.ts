import { describe, expect, it } from 'vitest';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { claimOwnerRefsForPolicy, isClaimOwnerUpToDate } from './claimRetention';

function set(whenDeleted: string, whenScaled: string, replicas = 2): StatefulSet {
  return { metadata: { name: 'web', namespace: 'default', uid: 'set-uid' }, spec: { replicas, persistentVolumeClaimRetentionPolicy: { whenDeleted, whenScaled } } } as StatefulSet;
}
const pod = (ordinal: number): Pod => ({ metadata: { name: `web-${ordinal}`, namespace: 'default', uid: `pod-${ordinal}` } }) as Pod;
const claim = (refs: object[] = []): PersistentVolumeClaim => ({ metadata: { name: 'www-web-1', ownerReferences: refs } }) as PersistentVolumeClaim;
const kinds = (refs: { kind: string }[]) => refs.map((r) => r.kind).sort();

describe('PVC retention policy through ownerReferences', () => {
  it('keeps claims unowned with Retain/Retain', () => {
    expect(isClaimOwnerUpToDate(claim(), set('Retain', 'Retain'), pod(1))).toBe(true);
    expect(kinds(claimOwnerRefsForPolicy(claim(), set('Retain', 'Retain'), pod(1)))).toEqual([]);
  });

  it('lets the set own the claims with whenDeleted Delete', () => {
    expect(isClaimOwnerUpToDate(claim(), set('Delete', 'Retain'), pod(1))).toBe(false);
    expect(kinds(claimOwnerRefsForPolicy(claim(), set('Delete', 'Retain'), pod(1)))).toEqual(['StatefulSet']);
  });

  it('hands the claim of a scaled-away pod to that pod with whenScaled Delete', () => {
    const scaledDown = set('Delete', 'Delete', 1);
    expect(kinds(claimOwnerRefsForPolicy(claim(), scaledDown, pod(1)))).toEqual(['Pod']);
    expect(kinds(claimOwnerRefsForPolicy(claim(), set('Delete', 'Delete', 2), pod(1)))).toEqual(['StatefulSet']);
    expect(kinds(claimOwnerRefsForPolicy(claim(), set('Retain', 'Delete', 2), pod(1)))).toEqual([]);
  });

  it('leaves alone a claim with a stale reference to an earlier pod of the same name', () => {
    const stale = claim([{ apiVersion: 'v1', kind: 'Pod', name: 'web-1', uid: 'old', controller: true }]);
    expect(isClaimOwnerUpToDate(stale, set('Delete', 'Delete', 1), pod(1))).toBe(true);
  });
});
