/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger): at pod creation each
 * container gets the Container LimitRange defaults it lacks (default → limits, defaultRequest →
 * requests) and the kubernetes.io/limit-ranger annotation saying so; then min, max and
 * maxLimitRequestRatio are enforced per Container and per Pod, and storage bounds per PVC.
 */
import type { AdmissionPlugin } from '../apiServer';
import { apiErr } from '../errors';
import type { KObject } from '../object';
import { canonicalQuantity, parseQuantityValue } from '../validation/quantity';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

const val = (q: unknown) => parseQuantityValue(q)?.value;

function minConstraint(type: string, res: string, enforced: unknown, req: Record<string, unknown>, lim: Record<string, unknown>): string | undefined {
  const e = canonicalQuantity(enforced);
  if (!(res in req)) return `minimum ${res} usage per ${type} is ${e}.  No request is specified`;
  if (val(req[res])! < val(enforced)!) return `minimum ${res} usage per ${type} is ${e}, but request is ${canonicalQuantity(req[res])}`;
  if (res in lim && val(lim[res])! < val(enforced)!) return `minimum ${res} usage per ${type} is ${e}, but limit is ${canonicalQuantity(lim[res])}`;
  return undefined;
}

function maxConstraint(type: string, res: string, enforced: unknown, req: Record<string, unknown>, lim: Record<string, unknown>): string | undefined {
  const e = canonicalQuantity(enforced);
  if (!(res in lim)) return `maximum ${res} usage per ${type} is ${e}.  No limit is specified`;
  if (val(lim[res])! > val(enforced)!) return `maximum ${res} usage per ${type} is ${e}, but limit is ${canonicalQuantity(lim[res])}`;
  if (res in req && val(req[res])! > val(enforced)!) return `maximum ${res} usage per ${type} is ${e}, but request is ${canonicalQuantity(req[res])}`;
  return undefined;
}

function ratioConstraint(type: string, res: string, enforced: unknown, req: Record<string, unknown>, lim: Record<string, unknown>): string | undefined {
  const e = canonicalQuantity(enforced);
  const r = val(req[res]) ?? 0;
  const l = val(lim[res]) ?? 0;
  if (!(res in req) || r === 0) return `${res} max limit to request ratio per ${type} is ${e}, but no request is specified or request is 0`;
  if (!(res in lim) || l === 0) return `${res} max limit to request ratio per ${type} is ${e}, but no limit is specified or limit is 0`;
  const ratio = l / r;
  if (ratio > val(enforced)! + 1e-9) return `${res} max limit to request ratio per ${type} is ${e}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function sorted(m: Record<string, unknown> | undefined): [string, unknown][] {
  return Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
}

function checkItem(type: string, item: any, req: Record<string, unknown>, lim: Record<string, unknown>, out: string[]): void {
  for (const [k, v] of sorted(item.min)) {
    const e = minConstraint(type, k, v, req, lim);
    if (e) out.push(e);
  }
  for (const [k, v] of sorted(item.max)) {
    const e = maxConstraint(type, k, v, req, lim);
    if (e) out.push(e);
  }
  for (const [k, v] of sorted(item.maxLimitRequestRatio)) {
    const e = ratioConstraint(type, k, v, req, lim);
    if (e) out.push(e);
  }
}

/** The pod's total per resource: containers summed, init containers as a floor. */
function podTotals(spec: any, which: 'requests' | 'limits'): Record<string, unknown> {
  const out: Record<string, number> = {};
  for (const c of spec.containers ?? []) for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) out[k] = (out[k] ?? 0) + (val(v) ?? 0);
  for (const c of spec.initContainers ?? []) for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) out[k] = Math.max(out[k] ?? 0, val(v) ?? 0);
  return out;
}

function limitRangesOf(ns: string | undefined, api: { list(kind: string, ns?: string): KObject[] }): KObject[] {
  if (!ns) return [];
  return api.list('LimitRange', ns).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

export function limitRangerPlugin(): AdmissionPlugin {
  return {
    name: 'LimitRanger',
    kinds: ['Pod', 'PersistentVolumeClaim'],
    mutate(op, obj, _old, ctx) {
      if (op !== 'CREATE' || obj.kind !== 'Pod') return;
      const ranges = limitRangesOf(obj.metadata.namespace, ctx.api);
      if (!ranges.length) return;
      const annotations: string[] = [];
      for (const lr of ranges) {
        const defLimits: Record<string, unknown> = {};
        const defRequests: Record<string, unknown> = {};
        for (const item of lr.spec?.limits ?? []) {
          if (item.type !== 'Container') continue;
          Object.assign(defRequests, item.defaultRequest ?? {});
          Object.assign(defLimits, item.default ?? {});
        }
        if (!Object.keys(defLimits).length && !Object.keys(defRequests).length) continue;
        const merge = (c: any, kind: string) => {
          c.resources ??= {};
          const setLimits: string[] = [];
          const setRequests: string[] = [];
          for (const [k, v] of Object.entries(defLimits)) {
            c.resources.limits ??= {};
            if (!(k in c.resources.limits)) {
              c.resources.limits[k] = v;
              setLimits.push(k);
            }
          }
          for (const [k, v] of Object.entries(defRequests)) {
            c.resources.requests ??= {};
            if (!(k in c.resources.requests)) {
              c.resources.requests[k] = v;
              setRequests.push(k);
            }
          }
          if (setRequests.length) annotations.push(`${setRequests.sort().join(', ')} request for ${kind} ${c.name}`);
          if (setLimits.length) annotations.push(`${setLimits.sort().join(', ')} limit for ${kind} ${c.name}`);
        };
        for (const c of obj.spec?.containers ?? []) merge(c, 'container');
        for (const c of obj.spec?.initContainers ?? []) merge(c, 'init container');
      }
      if (annotations.length) {
        obj.metadata.annotations ??= {};
        obj.metadata.annotations[LIMIT_RANGER_ANNOTATION] = `LimitRanger plugin set: ${annotations.join('; ')}`;
      }
    },
    validate(op, obj, _old, ctx) {
      if (op !== 'CREATE') return;
      const ranges = limitRangesOf(obj.metadata.namespace, ctx.api);
      if (!ranges.length) return;
      const errs: string[] = [];
      for (const lr of ranges) {
        for (const item of lr.spec?.limits ?? []) {
          if (obj.kind === 'Pod') {
            const spec = obj.spec ?? {};
            if (item.type === 'Container') {
              for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) checkItem('Container', item, c.resources?.requests ?? {}, c.resources?.limits ?? {}, errs);
            } else if (item.type === 'Pod') checkItem('Pod', item, podTotals(spec, 'requests'), podTotals(spec, 'limits'), errs);
          } else if (item.type === 'PersistentVolumeClaim') {
            const req: Record<string, unknown> = obj.spec?.resources?.requests ?? {};
            for (const [k, v] of sorted(item.min)) {
              const e = minConstraint('PersistentVolumeClaim', k, v, req, {});
              if (e) errs.push(e);
            }
            for (const [k, v] of sorted(item.max)) {
              const e = canonicalQuantity(v);
              if (!(k in req)) errs.push(`maximum ${k} usage per PersistentVolumeClaim is ${e}.  No request is specified`);
              else if (val(req[k])! > val(v)!) errs.push(`maximum ${k} usage per PersistentVolumeClaim is ${e}, but request is ${canonicalQuantity(req[k])}`);
            }
          }
        }
      }
      if (errs.length) throw apiErr.forbidden(obj.kind === 'Pod' ? 'pods' : 'persistentvolumeclaims', obj.metadata.name ?? '', aggregate(errs));
    },
  };
}

