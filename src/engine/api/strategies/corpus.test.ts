/* eslint-disable no-restricted-imports -- the test reads the corpus from disk */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { resolveKind } from '../kinds';
import type { KObject } from '../object';
import { ApiError } from '../errors';
import { testCluster } from '../../testing/testCluster';

/** The Kubernetes website's example manifests, beside the repository (shared/corpus). */
const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/k8s-website-examples', import.meta.url));

/**
 * Examples a real v1.36 cluster refuses too, with the reason (file → message fragment).
 */
const EXPECTED_REJECTIONS: Record<string, string> = {
  // A template for sed: "$ITEM" is not a valid name or label value until substituted.
  'application/job/job-tmpl.yaml': 'metadata.name: Invalid value: "process-item-$ITEM"',
  // The example omits metadata.name (the page shows only the spec).
  'controllers/job-success-policy-example.yaml': 'name or generateName is required',
  // The page has the reader create the build-robot ServiceAccount first.
  'pods/pod-projected-svc-token.yaml': 'serviceaccount "build-robot" not found',
  // Numeric toleration operators are alpha (TaintTolerationComparisonOperators), off by default.
  'pods/pod-with-numeric-toleration.yaml': 'Unsupported value: "Gt"',
  // The PriorityClass "high" is created on another page.
  'policy/high-priority-pod.yaml': 'no PriorityClass with name high was found',
  // kind already has a StorageClass named "standard" (the cluster's default class).
  'storage/storageclass/storageclass-topology.yaml': 'storageclasses.storage.k8s.io "standard" already exists',
};

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(f)) out.push(p);
  }
  return out;
}

function objectsOf(text: string): KObject[] {
  const out: KObject[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    const v = doc.toJS() as KObject | null;
    if (!v || typeof v !== 'object' || !v.kind) continue;
    if (v.kind === 'List') out.push(...((v.items ?? []) as KObject[]));
    else out.push(v);
  }
  return out;
}

describe('the Kubernetes website examples', () => {
  const files = yamlFiles(CORPUS);

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(400);
  });

  it('accepts every served object, as a real cluster does (dry run, in file order)', () => {
    const failures: string[] = [];
    const unexpectedPasses: string[] = [];
    for (const file of files) {
      const name = relative(CORPUS, file);
      const objects = objectsOf(readFileSync(file, 'utf8')).filter((o) => typeof o.apiVersion === 'string' && resolveKind(o.apiVersion, o.kind));
      if (!objects.length) continue;
      const t = testCluster();
      const problems: string[] = [];
      for (const obj of objects) {
        obj.metadata ??= {};
        const ns = obj.metadata.namespace;
        if (ns && !t.api.get('Namespace', undefined, ns)) t.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
        try {
          t.api.create(obj, { dryRun: true });
          // Later documents may refer to earlier ones (a ServiceAccount, a PriorityClass), as kubectl apply -f creates them in order.
          if (obj.kind !== 'Namespace' || !t.api.get('Namespace', undefined, obj.metadata.name!)) t.api.create(obj);
        } catch (e) {
          problems.push(e instanceof ApiError ? e.kubectlMessage() : String(e));
        }
      }
      const expected = EXPECTED_REJECTIONS[name];
      if (expected) {
        if (!problems.some((p) => p.includes(expected))) unexpectedPasses.push(`${name}: expected "${expected}", got ${JSON.stringify(problems)}`);
      } else if (problems.length) failures.push(`${name}:\n  ${problems.join('\n  ')}`);
      t.expectNoInternalErrors();
    }
    expect(failures).toEqual([]);
    expect(unexpectedPasses).toEqual([]);
  });
});
