/**
 * Kinds the control plane mostly writes itself: Nodes, Leases, Events, EndpointSlices,
 * Endpoints, PodTemplates, ControllerRevisions (defaults and the validation their strategies run).
 */
import type { KindStrategy } from '../apiServer';
import { FieldError, fieldErr } from '../errors';
import { nonNegative } from '../validation/common';
import { isValidIP, isValidPortNum } from '../validation/formats';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../validation/names';
import { validatePodTemplateSpec } from '../validation/podSpec';
import { validateLabelName } from '../validation/common';
import { defaultPodTemplate } from './podDefaults';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateNodeTaints (upstream passes the metadata path, so errors read "metadata.taints[0]…"). */
function validateTaints(taints: any[] | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, t] of (taints ?? []).entries()) {
    const p = `metadata.taints[${i}]`;
    errs.push(...validateLabelName(String(t.key ?? ''), `${p}.key`));
    const vm = isValidLabelValue(String(t.value ?? ''));
    if (vm.length) errs.push(fieldErr.invalid(`${p}.value`, t.value ?? '', vm.join(';')));
    if (!t.effect) errs.push(fieldErr.required(`${p}.effect`));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(fieldErr.notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
    const key = `${t.effect}/${t.key}`;
    if (seen.has(key)) errs.push(new FieldError('Duplicate', p, `${t.key}:${t.effect}`, 'taints must be unique by key and effect pair'));
    seen.add(key);
  }
  return errs;
}

export const nodeStrategy: KindStrategy = {
  defaults(obj) {
    const st = obj.status;
    if (st?.capacity && !st.allocatable) st.allocatable = { ...st.capacity };
  },
  validate(obj) {
    return validateTaints(obj.spec?.taints);
  },
  validateUpdate(obj, old) {
    const errs = validateTaints(obj.spec?.taints);
    const a: string[] = old.spec?.podCIDRs ?? [];
    const b: string[] = obj.spec?.podCIDRs ?? [];
    if (a.length && (a.length !== b.length || a.some((c, i) => c !== b[i]))) {
      errs.push(fieldErr.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
    }
    if (old.spec?.providerID && old.spec.providerID !== obj.spec?.providerID) {
      errs.push(fieldErr.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
    }
    return errs;
  },
};

function validateLease(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds !== null && spec.leaseDurationSeconds <= 0) {
    errs.push(fieldErr.invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  errs.push(...nonNegative(spec.leaseTransitions, 'spec.leaseTransitions'));
  return errs;
}

export const leaseStrategy: KindStrategy = { validate: validateLease, validateUpdate: validateLease };

/** ValidateEventCreate: an event lives in its object's namespace ("default" for cluster-scoped objects). */
function validateEvent(obj: any): FieldError[] {
  const errs: FieldError[] = [];
  const involved = obj.involvedObject?.namespace ?? '';
  const ns = obj.metadata.namespace ?? '';
  if (involved === '' ? ns !== '' && ns !== 'default' : ns !== involved) {
    errs.push(fieldErr.invalid('involvedObject.namespace', involved, 'does not match event.namespace'));
  }
  if (obj.type && !['Normal', 'Warning'].includes(obj.type)) errs.push(fieldErr.notSupported('type', obj.type, ['Normal', 'Warning']));
  return errs;
}

export const eventStrategy: KindStrategy = { validate: validateEvent, validateUpdate: validateEvent };

const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateEndpointSlice(obj: any): FieldError[] {
  const errs: FieldError[] = [];
  const at = obj.addressType;
  if (!at) errs.push(fieldErr.required('addressType'));
  else if (!ADDRESS_TYPES.includes(at)) errs.push(fieldErr.notSupported('addressType', at, ADDRESS_TYPES));
  const eps: any[] = obj.endpoints ?? [];
  if (eps.length > 1000) errs.push(new FieldError('TooMany', 'endpoints', eps.length, 'must have at most 1000 items'));
  for (const [i, ep] of eps.entries()) {
    const p = `endpoints[${i}]`;
    const addrs: string[] = ep.addresses ?? [];
    if (addrs.length === 0) errs.push(fieldErr.required(`${p}.addresses`, 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push(new FieldError('TooMany', `${p}.addresses`, addrs.length, 'must have at most 100 items'));
    for (const [j, a] of addrs.entries()) {
      const msgs = at === 'FQDN' ? isDNS1123Subdomain(a) : isValidIP(a);
      for (const m of msgs) errs.push(fieldErr.invalid(`${p}.addresses[${j}]`, a, m));
    }
    if (ep.nodeName) for (const m of isDNS1123Subdomain(ep.nodeName)) errs.push(fieldErr.invalid(`${p}.nodeName`, ep.nodeName, m));
    if (ep.hostname) for (const m of isDNS1123Label(ep.hostname)) errs.push(fieldErr.invalid(`${p}.hostname`, ep.hostname, m));
  }
  const names = new Set<string>();
  for (const [i, port] of ((obj.ports ?? []) as any[]).entries()) {
    const p = `ports[${i}]`;
    if (port.name) for (const m of isDNS1123Label(port.name)) errs.push(fieldErr.invalid(`${p}.name`, port.name, m));
    if (names.has(port.name ?? '')) errs.push(fieldErr.duplicate(`${p}.name`, port.name ?? ''));
    names.add(port.name ?? '');
    if (port.port !== undefined && port.port !== null) for (const m of isValidPortNum(port.port)) errs.push(fieldErr.invalid(`${p}.port`, port.port, m));
    if (!port.protocol) errs.push(fieldErr.required(`${p}.protocol`));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(fieldErr.notSupported(`${p}.protocol`, port.protocol, PROTOCOLS));
    if (port.appProtocol) for (const m of isQualifiedName(port.appProtocol)) errs.push(fieldErr.invalid(`${p}.appProtocol`, port.appProtocol, m));
  }
  return errs;
}

export const endpointSliceStrategy: KindStrategy = {
  defaults(obj) {
    for (const p of obj.ports ?? []) {
      if (!p) continue;
      if (p.name === undefined || p.name === null) p.name = '';
      if (!p.protocol) p.protocol = 'TCP';
    }
  },
  validate: validateEndpointSlice,
  validateUpdate: validateEndpointSlice,
};

export const endpointsStrategy: KindStrategy = {
  defaults(obj) {
    for (const ss of obj.subsets ?? []) for (const p of ss?.ports ?? []) if (p && !p.protocol) p.protocol = 'TCP';
  },
  validate(obj) {
    const errs: FieldError[] = [];
    for (const [i, ss] of ((obj.subsets ?? []) as any[]).entries()) {
      const p = `subsets[${i}]`;
      if (!(ss.addresses ?? []).length && !(ss.notReadyAddresses ?? []).length) errs.push(fieldErr.required(p, 'must specify `addresses` or `notReadyAddresses`'));
      for (const key of ['addresses', 'notReadyAddresses']) {
        for (const [j, a] of ((ss[key] ?? []) as any[]).entries()) for (const m of isValidIP(String(a.ip ?? ''))) errs.push(fieldErr.invalid(`${p}.${key}[${j}].ip`, a.ip ?? '', m));
      }
    }
    return errs;
  },
};

export const podTemplateStrategy: KindStrategy = {
  defaults(obj) {
    defaultPodTemplate((obj.template ??= {}));
  },
  validate(obj) {
    return validatePodTemplateSpec(obj.template, 'template');
  },
};

export const controllerRevisionStrategy: KindStrategy = {
  validate(obj) {
    const errs: FieldError[] = [];
    if (obj.data === undefined || obj.data === null) errs.push(fieldErr.required('data', 'data is mandatory'));
    errs.push(...nonNegative(obj.revision, 'revision'));
    return errs;
  },
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    if (JSON.stringify(obj.data) !== JSON.stringify(old.data)) errs.push(fieldErr.invalid('data', 'runtime.RawExtension{...}', 'field is immutable'));
    return errs;
  },
};
