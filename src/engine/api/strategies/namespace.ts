/**
 * Namespaces (SetDefaults_Namespace, pkg/registry/core/namespace/strategy.go): the
 * kubernetes.io/metadata.name label always equals the name, a new namespace starts Active with
 * the "kubernetes" finalizer, and the main path may not change spec.finalizers or status.
 */
import type { KindStrategy } from '../apiServer';
import { FieldError, fieldErr } from '../errors';
import { isQualifiedName } from '../validation/names';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(list: unknown[] | undefined): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of (list ?? []) as string[]) {
    for (const m of isQualifiedName(f)) errs.push(fieldErr.invalid('spec.finalizers', f, m));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(fieldErr.invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export const namespaceStrategy: KindStrategy = {
  defaults(obj) {
    const name = obj.metadata.name;
    if (name) {
      obj.metadata.labels ??= {};
      obj.metadata.labels[NAMESPACE_NAME_LABEL] = name;
    }
  },
  prepareForCreate(obj) {
    obj.spec ??= {};
    obj.spec.finalizers = ['kubernetes'];
    obj.status = { phase: 'Active' };
  },
  prepareForUpdate(obj, old) {
    if (old.spec === undefined) delete obj.spec;
    else obj.spec = old.spec;
  },
  validate(obj) {
    return validateFinalizers(obj.spec?.finalizers);
  },
  validateUpdate() {
    return [];
  },
};
