/* eslint-disable no-restricted-imports -- the test reads the docs' examples from disk */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveKind } from '../api/kinds';
import { loadManifests } from './load';
import { formatProblem } from './types';

const CORPUS = '/work/shared/corpus/k8s-website-examples';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/**
 * Corpus files a real v1.36 cluster also refuses (besides removed APIs and custom resources),
 * with the problem each one has and why.
 */
const EXPECTED_PROBLEMS: Record<string, { problems: string[]; reason: string }> = {
  'access/manifest-admission-control/validating-webhook.yaml': {
    problems: ['13:15: illegal base64 data at input byte 0'],
    reason: 'caBundle holds the placeholder "<base64-encoded-CA-bundle>", which is not base64',
  },
  'admin/signed-images/list-of-all-signed-images.yaml': {
    problems: ['5:1: error validating data: apiVersion not set', '5:1: error validating data: kind not set'],
    reason: 'an input file for a docs script, not a Kubernetes object',
  },
  'debug/custom-profile.yaml': {
    problems: ['1:1: error validating data: apiVersion not set', '1:1: error validating data: kind not set'],
    reason: 'a partial container spec for `kubectl debug --custom`, not an object',
  },
  'dra/resourceclaim.yaml': {
    problems: ['14:11: unknown field "spec.devices.requests[0].exactly.selectors[0].expression"'],
    reason: '`expression` is indented as a sibling of `cel` instead of inside it',
  },
  'pods/emptydir-volume-mode.yaml': {
    problems: ['16:7: unknown field "spec.volumes[0].emptyDir.mode"'],
    reason: 'emptyDir.mode is a v1.37 alpha field (KEP-5502), not in the v1.36 API',
  },
  'pods/restart-policy/restart-all-containers.yaml': {
    problems: ['21:7: unknown field "spec.initContainers[1].restartPolicyRules[0].onExit"'],
    reason: 'the v1.36 ContainerRestartRule has `exitCodes` directly, not under `onExit`',
  },
  'pods/security/security-context-7.yaml': {
    problems: ['12:7: unknown field "spec.containers[0].securityContext.cgroupOptions"'],
    reason: 'securityContext.cgroupOptions is a v1.37 alpha field (KEP-5474), not in the v1.36 API',
  },
  'service/networking/dual-stack-ipv6-svc.yaml': {
    problems: ['6:3: unknown field "spec.ipFamily"'],
    reason: 'spec.ipFamily was the pre-1.20 alpha dual-stack field, replaced by ipFamilies',
  },
  'storage/test-crd.yaml': {
    problems: [
      '25:5: spec.conversion.webhook.conversionReviewVersions: Required value',
      '28:19: illegal base64 data at input byte 0',
      '29:5: unknown field "spec.conversion.conversionReviewVersions"',
    ],
    reason: 'apiextensions v1beta1 layout (conversionReviewVersions beside webhook) and a placeholder caBundle',
  },
  'storage/test-crd-v2.yaml': {
    problems: [
      '36:5: spec.conversion.webhook.conversionReviewVersions: Required value',
      '39:19: illegal base64 data at input byte 0',
      '40:5: unknown field "spec.conversion.conversionReviewVersions"',
    ],
    reason: 'same as storage/test-crd.yaml',
  },
  'validatingadmissionpolicy/failure-policy-ignore.yaml': {
    problems: [
      '2:7: resource mapping not found for name: "" namespace: "" from "validatingadmissionpolicy/failure-policy-ignore.yaml": no matches for kind "ValidatingAdmissionPolicy" in version "admissionregistration.k8s.io/v1beta1"',
      '5:1: error validating data: apiVersion not set',
      '5:1: error validating data: kind not set',
    ],
    reason: 'a fragment: a v1beta1 policy closed by "..." and a second document without apiVersion or kind',
  },
};

describe('the Kubernetes docs examples', () => {
  const files = walk(CORPUS);
  const results = files.map((f) => {
    const name = relative(CORPUS, f);
    return { name, result: loadManifests([{ name, text: readFileSync(f, 'utf8') }]) };
  });

  it('has the 462 files the corpus README describes', () => {
    expect(files).toHaveLength(462);
  });

  it('loads every object of a served kind without schema problems, except the documented ones', () => {
    const unexpected: string[] = [];
    for (const { name, result } of results) {
      const others = result.problems.filter((p) => !p.message.includes('no matches for kind'));
      const expected = EXPECTED_PROBLEMS[name];
      const got = result.problems.filter((p) => expected || !p.message.includes('no matches for kind')).map((p) => `${p.line}:${p.col}: ${p.message}`);
      if (expected) expect(got, name).toEqual(expected.problems);
      else if (others.length) unexpected.push(...others.map(formatProblem));
    }
    expect(unexpected).toEqual([]);
  });

  it('refuses removed APIs and custom resources with "no matches for kind"', () => {
    const refused: string[] = [];
    for (const { result } of results) {
      for (const p of result.problems) {
        const m = /no matches for kind "([^"]*)" in version "([^"]*)"/.exec(p.message);
        if (!m) continue;
        expect(resolveKind(m[2], m[1])).toBeUndefined();
        refused.push(`${m[2]} ${m[1]}`);
      }
    }
    expect(refused).toContain('policy/v1beta1 PodSecurityPolicy');
    expect(refused).toContain('snapshot.storage.k8s.io/v1alpha1 VolumeSnapshot');
    expect(refused).toContain('stable.example.com/v1 SelfieRequest');
    expect(refused).toContain('admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy');
  });

  it('reads the KYAML (flow style) files', () => {
    const flow = results.filter(({ name }) => /^---\s*\n\{/.test(readFileSync(join(CORPUS, name), 'utf8')));
    expect(flow.length).toBeGreaterThanOrEqual(20);
    for (const { name, result } of flow) expect(result.objects.length, name).toBeGreaterThan(0);
  });

  it('yields the objects a real cluster would accept', () => {
    const objects = results.reduce((n, r) => n + r.result.objects.length, 0);
    expect(objects).toBeGreaterThan(450);
  });
});
