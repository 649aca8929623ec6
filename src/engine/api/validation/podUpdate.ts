/**
 * ValidatePodUpdate (pkg/apis/core/validation): a pod's spec is immutable except for container
 * images, activeDeadlineSeconds (only shortened), added tolerations, removed scheduling gates
 * and, for gated pods, additions to nodeSelector.
 */
import { deepClone, deepEqual } from '../equal';
import { FieldError, fieldErr } from '../errors';
import { specDiff } from './common';
import { inclusiveRangeError } from './formats';
import { validateTolerations } from './podSpec';

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function containerUpdates(next: any[] | undefined, prev: any[] | undefined, path: string): { errs: FieldError[]; stop: boolean } {
  const n = next ?? [];
  const p = prev ?? [];
  if (n.length !== p.length) return { errs: [fieldErr.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  for (const [i, c] of n.entries()) {
    if (!c.image) errs.push(fieldErr.required(`${path}[${i}].image`));
    if (typeof c.image === 'string' && c.image.trim() !== c.image) errs.push(fieldErr.invalid(`${path}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
  }
  return { errs, stop: false };
}

function onlyAddedTolerations(next: any[] | undefined, prev: any[] | undefined, path: string): FieldError[] {
  for (const old of prev ?? []) {
    const found = (next ?? []).some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [fieldErr.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

export function validatePodUpdate(next: any, prev: any): FieldError[] {
  const errs: FieldError[] = [];
  const ns = next.spec ?? {};
  const os = prev.spec ?? {};
  let r = containerUpdates(ns.containers, os.containers, 'spec.containers');
  errs.push(...r.errs);
  if (r.stop) return errs;
  r = containerUpdates(ns.initContainers, os.initContainers, 'spec.initContainers');
  errs.push(...r.errs);
  if (r.stop) return errs;

  if (ns.activeDeadlineSeconds !== undefined && ns.activeDeadlineSeconds !== null) {
    const v = ns.activeDeadlineSeconds;
    if (v < 0 || v > 2147483647) return [...errs, fieldErr.invalid('spec.activeDeadlineSeconds', v, inclusiveRangeError(0, 2147483647))];
    if (os.activeDeadlineSeconds !== undefined && os.activeDeadlineSeconds !== null && os.activeDeadlineSeconds < v) {
      return [...errs, fieldErr.invalid('spec.activeDeadlineSeconds', v, 'must be less than or equal to previous value')];
    }
  } else if (os.activeDeadlineSeconds !== undefined && os.activeDeadlineSeconds !== null) {
    errs.push(fieldErr.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(ns.tolerations, os.tolerations, 'spec.tolerations'));

  const oldGates = new Set(((os.schedulingGates ?? []) as any[]).map((g) => g.name));
  for (const [i, g] of ((ns.schedulingGates ?? []) as any[]).entries()) {
    if (!oldGates.has(g.name)) errs.push(fieldErr.forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g.name}'`));
  }
  if (deepEqual(ns, os)) return errs;

  const munged = deepClone(ns);
  (munged.containers ?? []).forEach((c: any, i: number) => (c.image = os.containers[i].image));
  (munged.initContainers ?? []).forEach((c: any, i: number) => (c.image = os.initContainers[i].image));
  if (os.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  else munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  if (os.schedulingGates === undefined) delete munged.schedulingGates;
  else munged.schedulingGates = os.schedulingGates;
  if (os.tolerations === undefined) delete munged.tolerations;
  else munged.tolerations = os.tolerations;
  if (typeof os.terminationGracePeriodSeconds === 'number' && os.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  }
  if ((os.schedulingGates ?? []).length > 0) {
    const oldSel: Record<string, string> = os.nodeSelector ?? {};
    const newSel: Record<string, string> = munged.nodeSelector ?? {};
    if (!deepEqual(oldSel, newSel)) {
      if (Object.entries(oldSel).some(([k, v]) => newSel[k] !== v)) {
        errs.push(fieldErr.invalid('spec.nodeSelector', newSel, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
      }
      if (os.nodeSelector === undefined) delete munged.nodeSelector;
      else munged.nodeSelector = os.nodeSelector;
    }
  }
  if (!deepEqual(munged, os)) {
    errs.push(
      fieldErr.forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff('core.PodSpec', os, munged)}`),
    );
  }
  return errs;
}
