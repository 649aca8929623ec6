/**
 * Services: SetDefaults_Service, the registry's IP-family and allocation logic
 * (pkg/registry/core/service/storage/alloc.go: initIPFamilyFields, allocClusterIPs,
 * allocNodePorts, patchAllocatedValues; strategy.go dropTypeDependentFields) and ValidateService
 * with the allocation errors upstream reports after validation passes.
 */
import type { Draft } from 'immer';
import type { ApiContext, KindStrategy } from '../apiServer';
import { deepEqual } from '../equal';
import { ApiError, FieldError, fieldErr } from '../errors';
import type { KObject } from '../object';
import { RenderedFieldError, goStringSlice, invalidRaw } from '../validation/common';
import { isIP, isValidCIDR, isValidIP, isValidPortNum } from '../validation/formats';
import { validateLabels } from '../validation/meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../validation/names';
import { validatePortNumOrName } from '../validation/containers';
import { ServiceAllocator } from './serviceAllocator';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

const externallyAccessible = (s: any) => s.type === 'LoadBalancer' || s.type === 'NodePort' || (s.type === 'ClusterIP' && (s.externalIPs ?? []).length > 0);
const needsClusterIP = (s: any) => s.type !== 'ExternalName';
const needsNodePorts = (s: any) => s.type === 'NodePort' || (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false);
const needsHealthCheckPort = (s: any) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
const isHeadless = (s: any) => (s.clusterIPs ?? []).length === 1 && s.clusterIPs[0] === 'None';

function keyOf(obj: { metadata: { namespace?: string; name?: string } }): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

function setDefaults(spec: any): void {
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && typeof spec.sessionAffinityConfig?.clientIP?.timeoutSeconds !== 'number') {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of spec.ports ?? []) {
    if (!p || typeof p !== 'object') continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (!spec.internalTrafficPolicy && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    spec.allocateLoadBalancerNodePorts = true;
  }
}

/** normalizeClusterIPs: clusterIP and clusterIPs[0] follow each other. */
function normalizeClusterIPs(spec: any, old?: any): void {
  if (old && spec.clusterIP === old.clusterIP && deepEqual(spec.clusterIPs, old.clusterIPs)) return;
  if (old && spec.clusterIP !== old.clusterIP && deepEqual(spec.clusterIPs, old.clusterIPs)) {
    spec.clusterIPs = spec.clusterIP ? [spec.clusterIP] : undefined;
    if (!spec.clusterIPs) delete spec.clusterIPs;
    return;
  }
  if (spec.clusterIP && !(spec.clusterIPs ?? []).length) spec.clusterIPs = [spec.clusterIP];
  else if (!spec.clusterIP && (spec.clusterIPs ?? []).length) spec.clusterIP = spec.clusterIPs[0];
}

/** initIPFamilyFields for a single-stack IPv4 cluster. */
function initIPFamilies(spec: any): void {
  if (spec.type === 'ExternalName') return;
  if (isHeadless(spec) && Object.keys(spec.selector ?? {}).length === 0) {
    spec.ipFamilyPolicy ??= 'RequireDualStack';
    if (!(spec.ipFamilies ?? []).length) spec.ipFamilies = ['IPv4'];
    return;
  }
  if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = (spec.clusterIPs ?? []).length === 2 || (spec.ipFamilies ?? []).length === 2 ? 'RequireDualStack' : 'SingleStack';
  if (!(spec.ipFamilies ?? []).length) {
    const ip = (spec.clusterIPs ?? []).find((x: string) => x !== 'None');
    spec.ipFamilies = [ip && ip.includes(':') ? 'IPv6' : 'IPv4'];
  }
}

/** dropTypeDependentFields: fields the new type no longer uses go, unless the user changed them. */
function dropTypeDependentFields(spec: any, old: any): void {
  if (needsClusterIP(old) && !needsClusterIP(spec) && spec.clusterIP === old.clusterIP && deepEqual(spec.clusterIPs, old.clusterIPs)) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    if (deepEqual(spec.ipFamilies, old.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === old.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePorts(old) && !needsNodePorts(spec)) {
    const oldPorts = new Map(((old.ports ?? []) as any[]).map((p) => [p.name ?? '', p.nodePort]));
    for (const p of spec.ports ?? []) if (p.nodePort && oldPorts.get(p.name ?? '') === p.nodePort) delete p.nodePort;
  }
  if (needsHealthCheckPort(old) && !needsHealthCheckPort(spec) && spec.healthCheckNodePort === old.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (spec.type !== 'LoadBalancer' && old.type === 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass === old.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (!externallyAccessible(spec) && externallyAccessible(old) && spec.externalTrafficPolicy === old.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  if (spec.type === 'ExternalName' && spec.internalTrafficPolicy === old.internalTrafficPolicy) delete spec.internalTrafficPolicy;
}

/** patchAllocatedValues: an update that leaves out allocated values keeps them. */
function patchAllocatedValues(spec: any, old: any): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if (!(spec.clusterIPs ?? []).length && (old.clusterIPs ?? []).length) spec.clusterIPs = [...old.clusterIPs];
    if (!(spec.ipFamilies ?? []).length && (old.ipFamilies ?? []).length) spec.ipFamilies = [...old.ipFamilies];
    if (!spec.ipFamilyPolicy && old.ipFamilyPolicy) spec.ipFamilyPolicy = old.ipFamilyPolicy;
  }
  if (needsNodePorts(old) && needsNodePorts(spec)) {
    const used = (s: any) => new Set(((s.ports ?? []) as any[]).map((p) => p.nodePort).filter((n) => n));
    const oldUsed = used(old);
    const newUsed = used(spec);
    const byName = new Map(((old.ports ?? []) as any[]).map((p) => [p.name ?? '', p.nodePort]));
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const prev = byName.get(p.name ?? '');
      if (prev && !(oldUsed.has(prev) && newUsed.has(prev))) p.nodePort = prev;
    }
  }
  if (needsHealthCheckPort(old) && needsHealthCheckPort(spec) && !spec.healthCheckNodePort && old.healthCheckNodePort) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

/** Fills in what the allocators hand out: a ClusterIP, node ports, the health-check port. */
function allocate(spec: any, alloc: ServiceAllocator, ctx: ApiContext): void {
  if (needsClusterIP(spec) && !spec.clusterIP) {
    const ip = alloc.pickIP(ctx.rng);
    if (!ip) throw new ApiError('InternalError', 'Internal error occurred: failed to allocate a serviceIP: range is full');
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }
  const taken = new Set<number>(allocNodePortsInUse(spec));
  if (needsNodePorts(spec)) {
    // Ports sharing a port number (TCP and UDP) share one node port, as upstream allocates per port number.
    const byPort = new Map<number, number>();
    for (const p of spec.ports ?? []) if (p.nodePort) byPort.set(p.port, p.nodePort);
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const reuse = byPort.get(p.port);
      const np = reuse ?? alloc.pickNodePort(ctx.rng, taken);
      if (np === undefined) throw new ApiError('InternalError', 'Internal error occurred: failed to allocate a nodePort: range is full');
      p.nodePort = np;
      taken.add(np);
      byPort.set(p.port, np);
    }
  }
  if (needsHealthCheckPort(spec) && !spec.healthCheckNodePort) {
    const np = alloc.pickNodePort(ctx.rng, taken);
    if (np !== undefined) spec.healthCheckNodePort = np;
  }
}

function allocNodePortsInUse(spec: any): number[] {
  return ((spec.ports ?? []) as any[]).map((p) => p.nodePort).filter((n): n is number => typeof n === 'number' && n > 0);
}

function validatePort(sp: any, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(fieldErr.required(`${path}.name`));
  else if (sp.name) {
    for (const m of isDNS1123Label(sp.name)) errs.push(fieldErr.invalid(`${path}.name`, sp.name, m));
    if (names.has(sp.name)) errs.push(fieldErr.duplicate(`${path}.name`, sp.name));
    else names.add(sp.name);
  }
  for (const m of isValidPortNum(sp.port)) errs.push(fieldErr.invalid(`${path}.port`, sp.port ?? 0, m));
  if (!sp.protocol) errs.push(fieldErr.required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(sp.protocol)) errs.push(fieldErr.notSupported(`${path}.protocol`, sp.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, `${path}.targetPort`));
  if (sp.appProtocol) for (const m of isQualifiedName(sp.appProtocol)) errs.push(fieldErr.invalid(`${path}.appProtocol`, sp.appProtocol, m));
  return errs;
}

function validateClusterIPsRelated(spec: any): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips: string[] = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (!ips.length) errs.push(fieldErr.required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errs.push(fieldErr.invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length) errs.push(fieldErr.invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  const seen = new Set<string>();
  for (const [i, f] of ((spec.ipFamilies ?? []) as string[]).entries()) {
    if (!['IPv4', 'IPv6'].includes(f)) errs.push(fieldErr.notSupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(fieldErr.duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  }
  if (spec.ipFamilyPolicy && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(spec.ipFamilyPolicy)) {
    errs.push(fieldErr.notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  let bad = false;
  for (const [i, ip] of ips.entries()) {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        bad = true;
        errs.push(fieldErr.invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      }
      continue;
    }
    const msgs = isValidIP(ip);
    if (msgs.length) bad = true;
    for (const m of msgs) errs.push(fieldErr.invalid(`spec.clusterIPs[${i}]`, ip, m));
  }
  if (ips.length > 2) errs.push(fieldErr.invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (bad) return errs;
  if (ips.length > 1 && ips.filter((ip) => ip.includes(':')).length !== 1) {
    errs.push(fieldErr.invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'));
  }
  return errs;
}

export function validateServiceSpec(obj: KObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  const headless = isHeadless(spec);
  if (!(spec.ports ?? []).length && !headless && spec.type !== 'ExternalName') errs.push(fieldErr.required('spec.ports'));
  if (spec.type === 'LoadBalancer' && headless) errs.push(fieldErr.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
  if (spec.type === 'NodePort' && headless) errs.push(fieldErr.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
  if (spec.type === 'ExternalName') {
    if ((spec.clusterIPs ?? []).length) errs.push(fieldErr.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if ((spec.ipFamilies ?? []).length) errs.push(fieldErr.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy) errs.push(fieldErr.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(fieldErr.invalid('spec.externalName', cname, m));
    else errs.push(fieldErr.required('spec.externalName'));
  }
  const names = new Set<string>();
  const ports: any[] = spec.ports ?? [];
  for (const [i, p] of ports.entries()) errs.push(...validatePort(p, ports.length > 1, names, `spec.ports[${i}]`));
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) errs.push(fieldErr.required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) errs.push(fieldErr.notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  if (spec.sessionAffinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (typeof t === 'number' && (t <= 0 || t > 86400)) {
      errs.push(fieldErr.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, 'must be greater than 0 and less than 86400'));
    }
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(fieldErr.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPsRelated(spec));
  for (const [i, ip] of ((spec.externalIPs ?? []) as string[]).entries()) for (const m of isValidIP(ip)) errs.push(fieldErr.invalid(`spec.externalIPs[${i}]`, ip, m));
  if (!spec.type) errs.push(fieldErr.required('spec.type'));
  else if (!TYPES.includes(spec.type)) errs.push(fieldErr.notSupported('spec.type', spec.type, TYPES));
  if (spec.type === 'ClusterIP') {
    for (const [i, p] of ports.entries()) if (p.nodePort) errs.push(fieldErr.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
  }
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  for (const [i, p] of ports.entries()) {
    if (p.nodePort) {
      const k = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(k)) errs.push(fieldErr.duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
      nodePorts.add(k);
    }
    const k = `${p.protocol}/${p.port}`;
    if (portKeys.has(k)) {
      const rendered = `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
      errs.push(new RenderedFieldError('Duplicate', `spec.ports[${i}]`, rendered, ''));
    }
    portKeys.add(k);
  }
  for (const [i, r] of ((spec.loadBalancerSourceRanges ?? []) as string[]).entries()) {
    if (spec.type !== 'LoadBalancer' && i === 0) errs.push(fieldErr.forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    for (const m of isValidCIDR(String(r).trim())) errs.push(fieldErr.invalid(`spec.LoadBalancerSourceRanges[${i}]`, r, m));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && spec.type !== 'LoadBalancer') {
    errs.push(fieldErr.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null) {
    if (spec.type !== 'LoadBalancer') errs.push(fieldErr.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
    else for (const m of isQualifiedName(spec.loadBalancerClass)) errs.push(fieldErr.invalid('spec.loadBalancerClass', spec.loadBalancerClass, m));
  }
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) errs.push(fieldErr.invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!spec.externalTrafficPolicy) errs.push(fieldErr.required('spec.externalTrafficPolicy'));
  else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy)) errs.push(fieldErr.notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, ['Cluster', 'Local']));
  if (!needsHealthCheckPort(spec) && spec.healthCheckNodePort) {
    errs.push(fieldErr.invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  if (spec.internalTrafficPolicy && !['Cluster', 'Local'].includes(spec.internalTrafficPolicy)) {
    errs.push(fieldErr.notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, ['Cluster', 'Local']));
  } else if (!spec.internalTrafficPolicy && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) errs.push(fieldErr.required('spec.internalTrafficPolicy'));
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== null && !['PreferClose', 'PreferSameZone', 'PreferSameNode'].includes(spec.trafficDistribution)) {
    errs.push(fieldErr.notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose', 'PreferSameZone', 'PreferSameNode']));
  }
  return errs;
}

/** The allocators' refusals, reported (as upstream does) only once validation has passed. */
function allocationErrors(obj: KObject, alloc: ServiceAllocator): FieldError[] {
  const spec = obj.spec ?? {};
  const key = keyOf(obj);
  const errs: FieldError[] = [];
  for (const ip of (spec.clusterIPs ?? []) as string[]) {
    if (ip === 'None' || !isIP(ip)) continue;
    const problem = alloc.ipProblem(ip, key);
    if (problem) {
      errs.push(invalidRaw('spec.clusterIPs', goStringSlice(spec.clusterIPs), `failed to allocate IP ${ip}: ${problem}`));
      break;
    }
  }
  for (const [i, p] of ((spec.ports ?? []) as any[]).entries()) {
    if (!p.nodePort) continue;
    const problem = alloc.portProblem(p.nodePort, key);
    if (problem) errs.push(fieldErr.invalid(`spec.ports[${i}].nodePort`, p.nodePort, problem));
  }
  if (spec.healthCheckNodePort) {
    const problem = alloc.portProblem(spec.healthCheckNodePort, key);
    if (problem) errs.push(fieldErr.invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, problem));
  }
  return errs;
}

/** ValidateServiceUpdate's extra rules: the primary ClusterIP and IP family may not change. */
function validateServiceUpdate(obj: KObject, old: KObject): FieldError[] {
  const spec = obj.spec ?? {};
  const prev = old.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.type !== 'ExternalName' && prev.type !== 'ExternalName' && !(isHeadless(spec) && isHeadless(prev))) {
    const a: string[] = prev.clusterIPs ?? [];
    const b: string[] = spec.clusterIPs ?? [];
    if (a.length === b.length) {
      for (const [i, ip] of a.entries()) if (ip !== b[i]) errs.push(fieldErr.invalid(`spec.clusterIPs[${i}]`, b, 'may not change once set'));
    } else if (a.length > b.length) {
      if (b.length === 0) errs.push(fieldErr.invalid('spec.clusterIPs[0]', b, 'primary clusterIP can not be unset'));
      else if (b[0] !== a[0]) errs.push(fieldErr.invalid('spec.clusterIPs[0]', b, 'may not change once set'));
    } else if (a.length > 0 && b[0] !== a[0]) errs.push(fieldErr.invalid('spec.clusterIPs[0]', b, 'may not change once set'));
    if (isHeadless(spec) === isHeadless(prev) && !isHeadless(spec)) {
      const fa: string[] = prev.ipFamilies ?? [];
      const fb: string[] = spec.ipFamilies ?? [];
      if (fa.length === fb.length && fa.some((f, i) => f !== fb[i])) errs.push(fieldErr.invalid('spec.ipFamilies[0]', fb, 'may not change once set'));
    }
  }
  if (prev.type === 'LoadBalancer' && spec.type === 'LoadBalancer' && (spec.loadBalancerClass ?? null) !== (prev.loadBalancerClass ?? null)) {
    errs.push(fieldErr.invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  if (needsHealthCheckPort(prev) && needsHealthCheckPort(spec) && spec.healthCheckNodePort !== prev.healthCheckNodePort) {
    errs.push(fieldErr.forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}

export function serviceStrategy(alloc: ServiceAllocator): KindStrategy {
  return {
    defaults(obj) {
      setDefaults((obj.spec ??= {}));
    },

    prepareForCreate(obj: Draft<KObject>, ctx) {
      const spec = obj.spec;
      normalizeClusterIPs(spec);
      initIPFamilies(spec);
      // Only a valid Service gets addresses: an invalid one is refused before allocation upstream.
      if (validateServiceSpec(obj as KObject).length === 0) allocate(spec, alloc, ctx);
    },

    prepareForUpdate(obj: Draft<KObject>, old, ctx) {
      const spec = obj.spec;
      normalizeClusterIPs(spec, old.spec);
      dropTypeDependentFields(spec, old.spec ?? {});
      patchAllocatedValues(spec, old.spec ?? {});
      initIPFamilies(spec);
      if (validateServiceSpec(obj as KObject).length === 0 && validateServiceUpdate(obj as KObject, old).length === 0) allocate(spec, alloc, ctx);
    },

    validate(obj) {
      const errs = validateServiceSpec(obj);
      return errs.length ? errs : allocationErrors(obj, alloc);
    },

    validateUpdate(obj, old) {
      const errs = [...validateServiceUpdate(obj, old), ...validateServiceSpec(obj)];
      return errs.length ? errs : allocationErrors(obj, alloc);
    },
  };
}
