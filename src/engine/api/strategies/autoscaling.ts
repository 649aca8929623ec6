/**
 * HorizontalPodAutoscalers. The cluster stores autoscaling/v2 (the preferred version, which is
 * what `kubectl get hpa -o yaml` returns), so an autoscaling/v1 object is converted on write:
 * targetCPUUtilizationPercentage becomes a Resource cpu Utilization metric. Defaults are
 * SetDefaults_HorizontalPodAutoscaler of autoscaling/v2: minReplicas 1, a cpu 80% metric when
 * none is given, and behavior rules filled in only when behavior is present.
 */
import type { KindStrategy } from '../apiServer';
import { FieldError, fieldErr } from '../errors';
import { NOT_POSITIVE_ERROR } from '../validation/common';
import { isPathSegmentName } from '../validation/names';
import { parseQuantityValue } from '../validation/quantity';

const METRIC_TYPES = ['Object', 'Pods', 'Resource', 'External', 'ContainerResource'];
const SOURCE_FIELD: Record<string, string> = { Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource' };

function scaleUpDefaults(): any {
  return { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
}
function scaleDownDefaults(): any {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: the user's non-nil fields over the defaults. */
function fillRules(from: any, to: any): any {
  if (!from) return to;
  for (const f of ['selectPolicy', 'stabilizationWindowSeconds', 'policies', 'tolerance']) if (from[f] !== undefined && from[f] !== null) to[f] = from[f];
  return to;
}

function convertV1(obj: any): void {
  obj.apiVersion = 'autoscaling/v2';
  const spec = (obj.spec ??= {});
  const pct = spec.targetCPUUtilizationPercentage;
  delete spec.targetCPUUtilizationPercentage;
  if (typeof pct === 'number' && !(spec.metrics ?? []).length) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: pct } } }];
  }
}

function validateTarget(t: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!t?.type) errs.push(fieldErr.required(`${path}.type`, 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(t?.type)) errs.push(fieldErr.invalid(`${path}.type`, t?.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  for (const f of ['value', 'averageValue']) {
    if (t?.[f] === undefined || t?.[f] === null) continue;
    const q = parseQuantityValue(t[f]);
    if (!q || q.value <= 0) errs.push(fieldErr.invalid(`${path}.${f}`, String(t[f]), 'must be positive'));
  }
  if (typeof t?.averageUtilization === 'number' && t.averageUtilization < 1) errs.push(fieldErr.invalid(`${path}.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
  return errs;
}

function validateMetric(m: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!m.type) errs.push(fieldErr.required(`${path}.type`, 'must specify a metric source type'));
  if (!METRIC_TYPES.includes(m.type)) errs.push(fieldErr.notSupported(`${path}.type`, m.type ?? '', METRIC_TYPES));
  const present = Object.values(SOURCE_FIELD).filter((f) => m[f]);
  const expected = SOURCE_FIELD[m.type];
  if (expected && !m[expected]) errs.push(fieldErr.required(`${path}.${expected}`, 'must populate information for the given metric source'));
  if (present.length !== 1) for (const f of present) if (f !== expected) errs.push(fieldErr.forbidden(`${path}.${f}`, 'must populate the given metric source only'));
  if (present.length === 1) {
    const src = m[present[0]];
    const sp = `${path}.${present[0]}`;
    if (present[0] === 'resource' || present[0] === 'containerResource') {
      if (!src.name) errs.push(fieldErr.required(`${sp}.name`, 'must specify a resource name'));
      if (present[0] === 'containerResource' && !src.container) errs.push(fieldErr.required(`${sp}.container`, 'must specify a container'));
      errs.push(...validateTarget(src.target, `${sp}.target`));
      if (src.target?.averageUtilization === undefined && src.target?.averageValue === undefined) {
        errs.push(fieldErr.required(`${sp}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
      }
      if (src.target?.averageUtilization !== undefined && src.target?.averageValue !== undefined) {
        errs.push(fieldErr.invalid(`${sp}.target.averageValue`, String(src.target.averageValue), 'may not set both a target raw value and a target utilization'));
      }
    } else {
      if (!src.metric?.name) errs.push(fieldErr.required(`${sp}.metric.name`, 'must specify a metric name'));
      errs.push(...validateTarget(src.target, `${sp}.target`));
      if (present[0] === 'object') {
        if (!src.describedObject?.kind) errs.push(fieldErr.required(`${sp}.describedObject.kind`));
        if (!src.describedObject?.name) errs.push(fieldErr.required(`${sp}.describedObject.name`));
      }
    }
  }
  return errs;
}

function validateRules(r: any, path: string): FieldError[] {
  if (!r) return [];
  const errs: FieldError[] = [];
  const w = r.stabilizationWindowSeconds;
  if (typeof w === 'number') {
    if (w < 0) errs.push(fieldErr.invalid(`${path}.stabilizationWindowSeconds`, w, 'must be greater than or equal to zero'));
    if (w > 3600) errs.push(fieldErr.invalid(`${path}.stabilizationWindowSeconds`, w, 'must be less than or equal to 3600'));
  }
  if (r.selectPolicy && !['Max', 'Min', 'Disabled'].includes(r.selectPolicy)) errs.push(fieldErr.notSupported(`${path}.selectPolicy`, r.selectPolicy, ['Max', 'Min', 'Disabled']));
  const policies: any[] = r.policies ?? [];
  if (policies.length === 0 && r.selectPolicy !== 'Disabled') errs.push(fieldErr.required(`${path}.policies`, 'must specify at least one Policy'));
  for (const [i, p] of policies.entries()) {
    const pp = `${path}.policies[${i}]`;
    if (!['Pods', 'Percent'].includes(p.type)) errs.push(fieldErr.notSupported(`${pp}.type`, p.type ?? '', ['Pods', 'Percent']));
    if (!(p.value > 0)) errs.push(fieldErr.invalid(`${pp}.value`, p.value ?? 0, NOT_POSITIVE_ERROR));
    if (!(p.periodSeconds > 0)) errs.push(fieldErr.invalid(`${pp}.periodSeconds`, p.periodSeconds ?? 0, NOT_POSITIVE_ERROR));
    else if (p.periodSeconds > 1800) errs.push(fieldErr.invalid(`${pp}.periodSeconds`, p.periodSeconds, 'must be less than or equal to 1800'));
  }
  return errs;
}

function validateHPA(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  const ref = spec.scaleTargetRef ?? {};
  if (!ref.kind) errs.push(fieldErr.required('spec.scaleTargetRef.kind'));
  else for (const m of isPathSegmentName(ref.kind)) errs.push(fieldErr.invalid('spec.scaleTargetRef.kind', ref.kind, m));
  if (!ref.name) errs.push(fieldErr.required('spec.scaleTargetRef.name'));
  else for (const m of isPathSegmentName(ref.name)) errs.push(fieldErr.invalid('spec.scaleTargetRef.name', ref.name, m));
  if (typeof spec.minReplicas === 'number' && spec.minReplicas < 1) errs.push(fieldErr.invalid('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1'));
  if (!(spec.maxReplicas >= 1)) errs.push(fieldErr.invalid('spec.maxReplicas', spec.maxReplicas ?? 0, 'must be greater than 0'));
  if (typeof spec.minReplicas === 'number' && typeof spec.maxReplicas === 'number' && spec.maxReplicas < spec.minReplicas) {
    errs.push(fieldErr.invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  }
  for (const [i, m] of ((spec.metrics ?? []) as any[]).entries()) errs.push(...validateMetric(m, `spec.metrics[${i}]`));
  if (spec.behavior) {
    errs.push(...validateRules(spec.behavior.scaleUp, 'spec.behavior.scaleUp'), ...validateRules(spec.behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  return errs;
}

export const hpaStrategy: KindStrategy = {
  defaults(obj) {
    if (obj.apiVersion === 'autoscaling/v1') convertV1(obj);
    const spec = (obj.spec ??= {});
    if (spec.minReplicas === undefined || spec.minReplicas === null) spec.minReplicas = 1;
    if (!(spec.metrics ?? []).length) {
      spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    }
    if (spec.behavior) {
      spec.behavior.scaleUp = fillRules(spec.behavior.scaleUp, scaleUpDefaults());
      spec.behavior.scaleDown = fillRules(spec.behavior.scaleDown, scaleDownDefaults());
    }
  },
  validate: validateHPA,
  validateUpdate: validateHPA,
};
