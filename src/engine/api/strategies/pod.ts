/**
 * Pods (pkg/registry/core/pod/strategy.go): defaults, the status a new pod starts with
 * (Pending plus its QoS class, and the SchedulingGated condition for gated pods), and the
 * create and update validation.
 */
import type { Draft } from 'immer';
import type { KindStrategy } from '../apiServer';
import type { KObject } from '../object';
import { rfc3339 } from '../../time';
import { validatePodCreateSpec } from '../validation/podSpec';
import { validatePodUpdate } from '../validation/podUpdate';
import { fieldErr } from '../errors';
import { defaultPodOnly, defaultPodSpec } from './podDefaults';
import { computePodQOS } from './qos';

export const podStrategy: KindStrategy = {
  defaults(obj) {
    obj.spec ??= {};
    defaultPodSpec(obj.spec);
    defaultPodOnly(obj.spec);
  },

  prepareForCreate(obj, ctx) {
    const status: Record<string, unknown> = { phase: 'Pending', qosClass: computePodQOS(obj.spec) };
    if ((obj.spec?.schedulingGates ?? []).length > 0) {
      status.conditions = [
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: rfc3339(ctx.now),
          reason: 'SchedulingGated',
          message: 'Scheduling is blocked due to non-empty scheduling gates',
        },
      ];
    }
    obj.status = status;
  },

  validate(obj) {
    const errs = validatePodCreateSpec(obj);
    const spec = obj.spec ?? {};
    if ((spec.ephemeralContainers ?? []).length) errs.push(fieldErr.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
    if (spec.nodeName && (spec.schedulingGates ?? []).length) errs.push(fieldErr.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
    return errs;
  },

  validateUpdate(obj, old) {
    return [...validatePodCreateSpec(obj), ...validatePodUpdate(obj, old)];
  },

  /** The QoS class is immutable; a status write that leaves it out keeps the old one. */
  prepareForStatusUpdate(obj: Draft<KObject>, old: KObject) {
    if (obj.status && old.status?.qosClass && !obj.status.qosClass) obj.status.qosClass = old.status.qosClass;
  },
};
