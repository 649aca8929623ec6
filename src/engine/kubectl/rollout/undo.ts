import type { ApiServer } from '../../api/apiServer';
import type { KObject } from '../../api/object';
import { fail } from '../errors';
import { equalIgnoreHash, HASH_LABEL, REVISION_ANNOTATION } from './deploymentUtil';
import { printTemplate, revisionsOf } from './history';

const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/**
 * kubectl's client-side rollback (polymorphichelpers/rollback.go): pick the revision (the
 * previous one when toRevision is 0), copy its pod template without pod-template-hash into the
 * object, and carry the revision's annotations. Returns what kubectl prints after the name.
 */
export function rollback(api: ApiServer, obj: KObject, toRevision: number, dryRun: boolean): string {
  if (toRevision < 0) throw fail(`unable to find specified revision ${toRevision} in history`);
  if (obj.kind === 'Deployment' && obj.spec?.paused) throw fail("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const revs = revisionsOf(api, obj);
  let target;
  if (toRevision > 0) {
    target = revs.find((r) => r.revision === toRevision);
    if (!target) throw fail(`unable to find specified revision ${toRevision} in history`);
  } else {
    if (revs.length < 2) {
      if (obj.kind === 'Deployment') throw fail(`no rollout history found for deployment "${obj.metadata.name}"`);
      throw fail(`no last revision to roll back to`);
    }
    target = revs[revs.length - 2];
  }
  if (dryRun) return printTemplate(target.template) + ' (dry run)';
  if (equalIgnoreHash(target.template, obj.spec?.template)) return `skipped rollback (current template already matches revision ${target.revision})`;
  const template = JSON.parse(JSON.stringify(target.template ?? {}));
  if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
  const annotations: Record<string, string> = {};
  if (obj.kind === 'Deployment') {
    for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
    for (const [k, v] of Object.entries(target.source.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  }
  api.patch(obj.kind, obj.metadata.namespace, obj.metadata.name!, (d: any) => {
    d.spec.template = template;
    if (obj.kind === 'Deployment') {
      if (Object.keys(annotations).length) d.metadata.annotations = annotations;
      else delete d.metadata.annotations;
    }
  });
  return 'rolled back';
}
