/**
 * ValidatePodSpec and ValidatePodTemplateSpec (pkg/apis/core/validation): volumes, containers,
 * restart and DNS policy, scheduling constraints (nodeSelector, affinity, tolerations,
 * topology spread), names of referenced objects.
 */
import { FieldError, fieldErr } from '../errors';
import { NOT_POSITIVE_ERROR, validateLabelName, validateLabelSelector } from './common';
import { validateContainers, validateImagesForPod, validateInitContainers, validateResources } from './containers';
import { inclusiveRangeError, isValidIP, isValidUserID } from './formats';
import { validateAnnotations, validateLabels } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from './names';
import { validateVolumes } from './volumes';

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template): hostNetwork ports must match exactly. */
  isPod?: boolean;
  /** The pod's name, for generic ephemeral volume claim names. */
  podName?: string;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [i, t] of (tolerations ?? []).entries()) {
    const p = `${path}[${i}]`;
    if (t.key) errs.push(...validateLabelName(t.key, `${p}.key`));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(fieldErr.invalid(`${p}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(fieldErr.invalid(`${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator) {
      case 'Equal':
      case undefined:
      case '': {
        const msgs = isValidLabelValue(String(t.value ?? ''));
        if (msgs.length) errs.push(fieldErr.invalid(`${p}.operator`, t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(fieldErr.invalid(`${p}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fieldErr.notSupported(`${p}.operator`, t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(fieldErr.notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
  }
  return errs;
}

function validateNodeSelectorTerm(term: any, allowInvalidValues: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [j, rq] of ((term.matchExpressions ?? []) as any[]).entries()) {
    const p = `${path}.matchExpressions[${j}]`;
    const values: unknown[] = rq.values ?? [];
    switch (rq.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldErr.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fieldErr.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      case 'Gt':
      case 'Lt':
        if (values.length !== 1) errs.push(fieldErr.required(`${p}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        break;
      default:
        errs.push(fieldErr.invalid(`${p}.operator`, rq.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(String(rq.key ?? ''), `${p}.key`));
    if (!allowInvalidValues) {
      for (const [k, v] of values.entries()) for (const m of isValidLabelValue(String(v))) errs.push(fieldErr.invalid(`${p}.values[${k}]`, v, m));
    }
  }
  for (const [j, rq] of ((term.matchFields ?? []) as any[]).entries()) {
    const p = `${path}.matchFields[${j}]`;
    if (rq.operator === 'In' || rq.operator === 'NotIn') {
      if ((rq.values ?? []).length !== 1) errs.push(fieldErr.required(`${p}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else errs.push(fieldErr.invalid(`${p}.operator`, rq.operator ?? '', 'not a valid selector operator'));
    if (rq.key !== 'metadata.name') errs.push(fieldErr.invalid(`${p}.key`, rq.key ?? '', 'not a valid field selector key'));
    else for (const [k, v] of ((rq.values ?? []) as string[]).entries()) for (const m of isDNS1123Subdomain(v)) errs.push(fieldErr.invalid(`${p}.values[${k}]`, v, m));
  }
  return errs;
}

/** ValidateNodeSelector (required node affinity, PV node affinity). */
export function validateNodeSelector(ns: any, path: string): FieldError[] {
  const terms: any[] = ns?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return [fieldErr.required(`${path}.nodeSelectorTerms`, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, false, `${path}.nodeSelectorTerms[${i}]`));
}

function validatePodAffinityTerm(term: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabelSelector(term.labelSelector, `${path}.labelSelector`));
  errs.push(...validateLabelSelector(term.namespaceSelector, `${path}.namespaceSelector`));
  for (const ns of (term.namespaces ?? []) as string[]) for (const m of isDNS1123Label(ns)) errs.push(fieldErr.invalid(`${path}.namespace`, ns, m));
  for (const key of ['matchLabelKeys', 'mismatchLabelKeys'] as const) {
    const keys: string[] = term[key] ?? [];
    if (keys.length && !term.labelSelector) errs.push(fieldErr.forbidden(`${path}.${key}`, 'must not be specified when labelSelector is not set'));
    else for (const [i, k] of keys.entries()) errs.push(...validateLabelName(k, `${path}.${key}[${i}]`));
  }
  if (!term.topologyKey) errs.push(fieldErr.required(`${path}.topologyKey`, 'can not be empty'));
  errs.push(...validateLabelName(String(term.topologyKey ?? ''), `${path}.topologyKey`));
  return errs;
}

function validatePodAffinityKind(a: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [i, t] of ((a.requiredDuringSchedulingIgnoredDuringExecution ?? []) as any[]).entries()) {
    errs.push(...validatePodAffinityTerm(t, `${path}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
  }
  for (const [i, w] of ((a.preferredDuringSchedulingIgnoredDuringExecution ?? []) as any[]).entries()) {
    const p = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    if (!(w.weight > 0 && w.weight <= 100)) errs.push(fieldErr.invalid(`${p}.weight`, w.weight ?? 0, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(w.podAffinityTerm ?? {}, `${p}.podAffinityTerm`));
  }
  return errs;
}

export function validateAffinity(aff: any, path: string): FieldError[] {
  if (!aff) return [];
  const errs: FieldError[] = [];
  const na = aff.nodeAffinity;
  if (na) {
    if (na.requiredDuringSchedulingIgnoredDuringExecution) {
      errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`));
    }
    for (const [i, t] of ((na.preferredDuringSchedulingIgnoredDuringExecution ?? []) as any[]).entries()) {
      const p = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (!(t.weight > 0 && t.weight <= 100)) errs.push(fieldErr.invalid(`${p}.weight`, t.weight ?? 0, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(t.preference ?? {}, true, `${p}.preference`));
    }
  }
  if (aff.podAffinity) errs.push(...validatePodAffinityKind(aff.podAffinity, `${path}.podAffinity`));
  if (aff.podAntiAffinity) errs.push(...validatePodAffinityKind(aff.podAntiAffinity, `${path}.podAntiAffinity`));
  return errs;
}

function validateTopologySpread(constraints: any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = constraints ?? [];
  for (const [i, c] of list.entries()) {
    const p = `${path}[${i}]`;
    if (!(typeof c.maxSkew === 'number' && c.maxSkew > 0)) errs.push(fieldErr.invalid(`${p}.maxSkew`, c.maxSkew ?? 0, NOT_POSITIVE_ERROR));
    if (!c.topologyKey) errs.push(fieldErr.required(`${p}.topologyKey`, 'can not be empty'));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) {
      errs.push(fieldErr.notSupported(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    }
    const dup = list.slice(i + 1).find((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (dup) errs.push(fieldErr.duplicate(`${p}.{topologyKey, whenUnsatisfiable}`, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (!(c.minDomains > 0)) errs.push(fieldErr.invalid(`${p}.minDomains`, c.minDomains, NOT_POSITIVE_ERROR));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(fieldErr.invalid(`${p}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable ?? ''}`));
      }
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c[f] !== undefined && !['Honor', 'Ignore'].includes(c[f])) errs.push(fieldErr.notSupported(`${p}.${f}`, c[f], ['Honor', 'Ignore']));
    }
    const keys: string[] = c.matchLabelKeys ?? [];
    if (keys.length && !c.labelSelector) errs.push(fieldErr.forbidden(`${p}.matchLabelKeys`, 'must not be specified when labelSelector is not set'));
    else for (const [j, k] of keys.entries()) errs.push(...validateLabelName(k, `${p}.matchLabelKeys[${j}]`));
    errs.push(...validateLabelSelector(c.labelSelector, `${p}.labelSelector`));
  }
  return errs;
}

function validateDNSConfig(cfg: any, policy: string | undefined, path: string): FieldError[] {
  if (policy === 'None') {
    if (!cfg) return [fieldErr.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!(cfg.nameservers ?? []).length) return [fieldErr.required(`${path}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns: string[] = cfg.nameservers ?? [];
  if (ns.length > 3) errs.push(fieldErr.invalid(`${path}.nameservers`, ns, 'must not have more than 3 nameservers'));
  for (const [i, n] of ns.entries()) for (const m of isValidIP(n)) errs.push(fieldErr.invalid(`${path}.nameservers[${i}]`, n, m));
  const searches: string[] = cfg.searches ?? [];
  if (searches.length > 32) errs.push(fieldErr.invalid(`${path}.searches`, searches, 'must not have more than 32 search paths'));
  for (const [i, s] of searches.entries()) {
    if (s === '.') continue;
    const trimmed = s.replace(/\.$/, '');
    for (const m of isDNS1123Subdomain(trimmed.replace(/_/g, 'a'))) errs.push(fieldErr.invalid(`${path}.searches[${i}]`, trimmed, m));
  }
  for (const [i, o] of ((cfg.options ?? []) as any[]).entries()) if (!o.name) errs.push(fieldErr.required(`${path}.options[${i}]`, 'must not be empty'));
  return errs;
}

function validatePodSecurityContext(sc: any, path: string): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  for (const f of ['fsGroup', 'runAsUser', 'runAsGroup']) {
    if (typeof sc[f] === 'number') for (const m of isValidUserID(sc[f])) errs.push(fieldErr.invalid(`${path}.${f}`, sc[f], m));
  }
  for (const [i, g] of ((sc.supplementalGroups ?? []) as number[]).entries()) for (const m of isValidUserID(g)) errs.push(fieldErr.invalid(`${path}.supplementalGroups[${i}]`, g, m));
  if (sc.fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(fieldErr.notSupported(`${path}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  const seccomp = sc.seccompProfile;
  if (seccomp) {
    if (!seccomp.type) errs.push(fieldErr.required(`${path}.seccompProfile.type`, 'type is required when seccompProfile is set'));
    else if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(seccomp.type)) {
      errs.push(fieldErr.notSupported(`${path}.seccompProfile.type`, seccomp.type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
    } else if (seccomp.type === 'Localhost' && !seccomp.localhostProfile) {
      errs.push(fieldErr.required(`${path}.seccompProfile.localhostProfile`, 'must be set when seccomp type is Localhost'));
    }
  }
  return errs;
}

/** ValidatePodSpec. `path` is "spec" for pods and "spec.template.spec" for templates. */
export function validatePodSpec(spec: any, path: string, opts: PodSpecOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec || typeof spec !== 'object') return [fieldErr.required(`${path}.containers`)];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(fieldErr.required(`${path}.terminationGracePeriodSeconds`));
  }
  const vols = validateVolumes(spec.volumes, `${path}.volumes`, opts.podName);
  errs.push(...vols.errs);
  const ctx = { volumes: vols.names, gracePeriod: spec.terminationGracePeriodSeconds, podRestartPolicy: spec.restartPolicy };
  errs.push(...validateContainers(spec.containers, ctx, `${path}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, `${path}.initContainers`));
  if (spec.hostNetwork) {
    for (const [i, c] of ((spec.containers ?? []) as any[]).entries()) {
      for (const [j, port] of ((c.ports ?? []) as any[]).entries()) {
        const hp = port.hostPort ?? 0;
        if ((opts.isPod || hp !== 0) && hp !== port.containerPort) {
          errs.push(fieldErr.invalid(`${path}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      }
    }
  }
  if (!spec.restartPolicy) errs.push(fieldErr.required(`${path}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(spec.restartPolicy)) errs.push(fieldErr.notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  if (!spec.dnsPolicy) errs.push(fieldErr.required(`${path}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(fieldErr.notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  errs.push(...validatePodSecurityContext(spec.securityContext, `${path}.securityContext`));
  for (const [i, s] of ((spec.imagePullSecrets ?? []) as any[]).entries()) {
    if (Object.keys(s).some((k) => k !== 'name')) errs.push(fieldErr.invalid(`${path}.imagePullSecrets[${i}]`, s.name ?? '', 'only name may be set'));
  }
  errs.push(...validateAffinity(spec.affinity, `${path}.affinity`));
  errs.push(...validateDNSConfig(spec.dnsConfig, spec.dnsPolicy, `${path}.dnsConfig`));
  for (const [i, g] of ((spec.readinessGates ?? []) as any[]).entries()) errs.push(...validateLabelName(String(g.conditionType ?? ''), `${path}.readinessGates[${i}].conditionType`));
  const gates = new Set<string>();
  for (const [i, g] of ((spec.schedulingGates ?? []) as any[]).entries()) {
    errs.push(...validateLabelName(String(g.name ?? ''), `${path}.schedulingGates[${i}]`));
    if (gates.has(g.name)) errs.push(fieldErr.duplicate(`${path}.schedulingGates[${i}]`, g.name));
    gates.add(g.name);
  }
  errs.push(...validateTopologySpread(spec.topologySpreadConstraints, `${path}.topologySpreadConstraints`));
  for (const [field, rule] of [
    ['serviceAccountName', isDNS1123Subdomain],
    ['nodeName', isDNS1123Subdomain],
    ['hostname', isDNS1123Label],
    ['subdomain', isDNS1123Label],
    ['priorityClassName', isDNS1123Subdomain],
  ] as const) {
    const v = spec[field];
    if (typeof v === 'string' && v.length > 0) for (const m of rule(v)) errs.push(fieldErr.invalid(`${path}.${field}`, v, m));
  }
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    const v = spec.activeDeadlineSeconds;
    if (!(v >= 1 && v <= 2147483647)) errs.push(fieldErr.invalid(`${path}.activeDeadlineSeconds`, v, inclusiveRangeError(1, 2147483647)));
  }
  errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  for (const [i, ha] of ((spec.hostAliases ?? []) as any[]).entries()) {
    for (const m of isValidIP(String(ha.ip ?? ''))) errs.push(fieldErr.invalid(`${path}.hostAliases[${i}].ip`, ha.ip ?? '', m));
    for (const [j, h] of ((ha.hostnames ?? []) as string[]).entries()) for (const m of isDNS1123Subdomain(h)) errs.push(fieldErr.invalid(`${path}.hostAliases[${i}].hostnames[${j}]`, h, m));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && !['PreemptLowerPriority', 'Never'].includes(spec.preemptionPolicy)) {
    errs.push(fieldErr.notSupported(`${path}.preemptionPolicy`, spec.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
  }
  if (spec.overhead) errs.push(...validateResources({ limits: spec.overhead }, `${path}.overhead`));
  if (spec.os) {
    if (!spec.os.name) errs.push(fieldErr.required(`${path}.os.name`, 'cannot be empty'));
    else if (!['linux', 'windows'].includes(spec.os.name)) errs.push(fieldErr.notSupported(`${path}.os`, spec.os.name, ['linux', 'windows']));
  }
  if (spec.runtimeClassName) for (const m of isDNS1123Subdomain(spec.runtimeClassName)) errs.push(fieldErr.invalid(`${path}.runtimeClassName`, spec.runtimeClassName, m));
  return errs;
}

/** ValidatePodTemplateSpec: labels, annotations and the spec (no ephemeral containers). */
export function validatePodTemplateSpec(template: any, path: string): FieldError[] {
  if (!template) return [fieldErr.required(path)];
  const errs: FieldError[] = [];
  errs.push(...validateLabels(template.metadata?.labels, `${path}.labels`));
  errs.push(...validateAnnotations(template.metadata?.annotations, `${path}.annotations`));
  errs.push(...validatePodSpec(template.spec, `${path}.spec`));
  if ((template.spec?.ephemeralContainers ?? []).length) {
    errs.push(fieldErr.forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

/** validatePodMetadataAndSpec + ValidatePodCreate's extra rules for a Pod. */
export function validatePodCreateSpec(pod: any): FieldError[] {
  const spec = pod.spec ?? {};
  const errs = validatePodSpec(spec, 'spec', { isPod: true, podName: pod.metadata?.name });
  if (!spec.serviceAccountName) {
    for (const [vi, v] of ((spec.volumes ?? []) as any[]).entries()) {
      for (const [si, s] of ((v.projected?.sources ?? []) as any[]).entries()) {
        if (s.serviceAccountToken) {
          errs.push(fieldErr.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
        }
      }
    }
  }
  errs.push(...validateImagesForPod(spec.containers, 'spec.containers'));
  errs.push(...validateImagesForPod(spec.initContainers, 'spec.initContainers'));
  return errs;
}

