/**
 * NetworkPolicies (SetDefaults_NetworkPolicy, ValidateNetworkPolicy): policyTypes follow from
 * the rules when unset, ports default to TCP, peers carry exactly one kind of selector or block.
 */
import type { KindStrategy } from '../apiServer';
import { FieldError, fieldErr } from '../errors';
import { validateLabelSelector } from '../validation/common';
import { validatePortNumOrName } from '../validation/containers';
import { isValidCIDR } from '../validation/formats';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

function validatePorts(ports: any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [i, p] of (ports ?? []).entries()) {
    const pp = `${path}[${i}]`;
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) errs.push(fieldErr.notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
    if (p.port !== undefined && p.port !== null) {
      errs.push(...validatePortNumOrName(p.port, `${pp}.port`));
      if (p.endPort !== undefined && p.endPort !== null) {
        if (typeof p.port !== 'number') errs.push(fieldErr.forbidden(`${pp}.endPort`, 'may not be specified when `port` is non-numeric'));
        else if (p.endPort < p.port) errs.push(fieldErr.invalid(`${pp}.endPort`, p.endPort, 'must be greater than or equal to `port`'));
      }
    } else if (p.endPort !== undefined && p.endPort !== null) errs.push(fieldErr.required(`${pp}.port`, 'must be specified when `endPort` is specified'));
  }
  return errs;
}

function validatePeers(peers: any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [i, peer] of (peers ?? []).entries()) {
    const pp = `${path}[${i}]`;
    let n = 0;
    if (peer.podSelector) {
      n++;
      errs.push(...validateLabelSelector(peer.podSelector, `${pp}.podSelector`));
    }
    if (peer.namespaceSelector) {
      n++;
      errs.push(...validateLabelSelector(peer.namespaceSelector, `${pp}.namespaceSelector`));
    }
    if (peer.ipBlock) {
      n++;
      const b = peer.ipBlock;
      if (!b.cidr) errs.push(fieldErr.required(`${pp}.ipBlock.cidr`));
      else for (const m of isValidCIDR(b.cidr)) errs.push(fieldErr.invalid(`${pp}.ipBlock.cidr`, b.cidr, m));
      for (const [j, e] of ((b.except ?? []) as string[]).entries()) for (const m of isValidCIDR(e)) errs.push(fieldErr.invalid(`${pp}.ipBlock.except[${j}]`, e, m));
    }
    if (n === 0) errs.push(fieldErr.required(pp, 'must specify a peer'));
    else if (n > 1 && peer.ipBlock) errs.push(fieldErr.forbidden(pp, 'may not specify both ipBlock and another peer'));
  }
  return errs;
}

function validateNetworkPolicy(obj: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = validateLabelSelector(spec.podSelector, 'spec.podSelector');
  for (const [i, r] of ((spec.ingress ?? []) as any[]).entries()) {
    errs.push(...validatePorts(r.ports, `spec.ingress[${i}].ports`), ...validatePeers(r.from, `spec.ingress[${i}].from`));
  }
  for (const [i, r] of ((spec.egress ?? []) as any[]).entries()) {
    errs.push(...validatePorts(r.ports, `spec.egress[${i}].ports`), ...validatePeers(r.to, `spec.egress[${i}].to`));
  }
  const types: string[] = spec.policyTypes ?? [];
  for (const [i, t] of types.entries()) if (!POLICY_TYPES.includes(t)) errs.push(fieldErr.notSupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES));
  if (types.length > 2) errs.push(fieldErr.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'));
  return errs;
}

export const networkPolicyStrategy: KindStrategy = {
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.podSelector ??= {};
    for (const r of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of r?.ports ?? []) if (p && !p.protocol) p.protocol = 'TCP';
    if (!(spec.policyTypes ?? []).length) {
      const types = ['Ingress'];
      if ((spec.egress ?? []).length) types.push('Egress');
      spec.policyTypes = types;
    }
  },
  validate: validateNetworkPolicy,
  validateUpdate: validateNetworkPolicy,
};
