/**
 * Ingresses and IngressClasses (pkg/apis/networking/validation): every path needs a pathType,
 * Exact and Prefix paths are absolute and clean, backends name a service and a port (name or
 * number) or a resource, hosts are DNS names or single-label wildcards.
 */
import type { KindStrategy } from '../apiServer';
import { FieldError, fieldErr } from '../errors';
import { invalidRaw } from '../validation/common';
import { isDomainPrefixedPath, isIP, isValidPortNum, isWildcardDNS1123Subdomain } from '../validation/formats';
import { isDNS1035Label, isDNS1123Subdomain, isValidPortName } from '../validation/names';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function validateBackend(b: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const hasResource = !!b?.resource;
  const hasService = !!b?.service;
  if (hasResource && hasService) return [fieldErr.invalid(path, '', 'cannot set both resource and service backends')];
  if (hasResource) {
    const r = b.resource;
    if (!r.kind) errs.push(fieldErr.required(`${path}.resource.kind`));
    if (!r.name) errs.push(fieldErr.required(`${path}.resource.name`));
    if (r.apiGroup) for (const m of isDNS1123Subdomain(r.apiGroup)) errs.push(fieldErr.invalid(`${path}.resource.apiGroup`, r.apiGroup, m));
    else if (r.apiGroup !== undefined) errs.push(fieldErr.invalid(`${path}.resource.apiGroup`, r.apiGroup, 'apiGroup must be nil or non-empty string'));
  } else if (hasService) {
    const s = b.service;
    if (!s.name) errs.push(fieldErr.required(`${path}.service.name`));
    else for (const m of isDNS1035Label(s.name)) errs.push(fieldErr.invalid(`${path}.service.name`, s.name, m));
    const name = s.port?.name;
    const num = s.port?.number;
    if (name && num) errs.push(fieldErr.invalid(path, '', 'cannot set both port name & port number'));
    else if (name) for (const m of isValidPortName(name)) errs.push(fieldErr.invalid(`${path}.service.port.name`, name, m));
    else if (num) for (const m of isValidPortNum(num)) errs.push(fieldErr.invalid(`${path}.service.port.number`, num, m));
    else errs.push(fieldErr.required(path, 'port name or number is required'));
  } else errs.push(fieldErr.invalid(path, '', 'resource or service backend is required'));
  return errs;
}

function validateHost(host: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isIP(host)) errs.push(fieldErr.invalid(path, host, 'must be a DNS name, not an IP address'));
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  for (const m of msgs) errs.push(fieldErr.invalid(path, host, m));
  return errs;
}

function validatePath(p: any, path: string): FieldError[] {
  if (!p.pathType) return [fieldErr.required(`${path}.pathType`, 'pathType must be specified')];
  const errs: FieldError[] = [];
  const text = String(p.path ?? '');
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!text.startsWith('/')) errs.push(fieldErr.invalid(`${path}.path`, text, 'must be an absolute path'));
      if (text) {
        for (const seq of INVALID_SEQUENCES) if (text.includes(seq)) errs.push(fieldErr.invalid(`${path}.path`, text, `must not contain '${seq}'`));
        for (const suf of INVALID_SUFFIXES) if (text.endsWith(suf)) errs.push(fieldErr.invalid(`${path}.path`, text, `cannot end with '${suf}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (text && !text.startsWith('/')) errs.push(fieldErr.invalid(`${path}.path`, text, 'must be an absolute path'));
      break;
    default:
      errs.push(fieldErr.notSupported(`${path}.pathType`, p.pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(p.backend, `${path}.backend`));
  return errs;
}

function validateIngress(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  const rules: any[] = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) errs.push(invalidRaw('spec', '[]networking.IngressRule(nil)', 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  for (const [i, r] of rules.entries()) {
    const p = `spec.rules[${i}]`;
    if (r.host) errs.push(...validateHost(r.host, `${p}.host`));
    if (r.http) {
      const paths: any[] = r.http.paths ?? [];
      if (paths.length === 0) errs.push(fieldErr.required(`${p}.http.paths`));
      for (const [j, hp] of paths.entries()) errs.push(...validatePath(hp, `${p}.http.paths[${j}]`));
    }
  }
  for (const [i, t] of ((spec.tls ?? []) as any[]).entries()) {
    for (const [j, h] of ((t.hosts ?? []) as string[]).entries()) {
      const msgs = h.includes('*') ? isWildcardDNS1123Subdomain(h) : isDNS1123Subdomain(h);
      for (const m of msgs) errs.push(fieldErr.invalid(`spec.tls[${i}].hosts[${j}]`, h, m));
    }
    if (t.secretName) for (const m of isDNS1123Subdomain(t.secretName)) errs.push(fieldErr.invalid(`spec.tls[${i}].secretName`, t.secretName, m));
  }
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    for (const m of isDNS1123Subdomain(spec.ingressClassName)) errs.push(fieldErr.invalid('spec.ingressClassName', spec.ingressClassName, m));
  }
  const ann = obj.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (ann !== undefined && spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    errs.push(fieldErr.invalid(`annotations.${INGRESS_CLASS_ANNOTATION}`, ann, 'can not be set when the class field is also set'));
  }
  return errs;
}

export const ingressStrategy: KindStrategy = {
  validate: validateIngress,
  validateUpdate: validateIngress,
};

function validateIngressClass(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  if (!spec.controller) errs.push(fieldErr.required('spec.controller'));
  else {
    if (spec.controller.length > 250) errs.push(fieldErr.tooLong('spec.controller', 250));
    for (const m of isDomainPrefixedPath(spec.controller)) errs.push(fieldErr.invalid('spec.controller', spec.controller, m));
  }
  const params = spec.parameters;
  if (params) {
    if (!params.kind) errs.push(fieldErr.required('spec.parameters.kind'));
    if (!params.name) errs.push(fieldErr.required('spec.parameters.name'));
    if (params.scope !== undefined && !['Cluster', 'Namespace'].includes(params.scope)) errs.push(fieldErr.notSupported('spec.parameters.scope', params.scope, ['Cluster', 'Namespace']));
    if (params.scope === 'Namespace' && !params.namespace) errs.push(fieldErr.required('spec.parameters.namespace', '`parameters.scope` is set to "Namespace"'));
    if (params.scope !== 'Namespace' && params.namespace) errs.push(fieldErr.forbidden('spec.parameters.namespace', '`parameters.scope` is set to "Cluster"'));
  }
  return errs;
}

export const ingressClassStrategy: KindStrategy = {
  defaults(obj) {
    const p = obj.spec?.parameters;
    if (p && !p.scope) p.scope = 'Cluster';
  },
  validate: validateIngressClass,
  validateUpdate(obj, old) {
    const errs = validateIngressClass(obj);
    if (obj.spec?.controller !== old.spec?.controller) errs.push(fieldErr.invalid('spec.controller', obj.spec?.controller ?? '', 'field is immutable'));
    return errs;
  },
};
