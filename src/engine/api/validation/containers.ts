/**
 * Containers, init containers, probes, env and resources (validateContainers,
 * validateInitContainers, validateContainerCommon … in pkg/apis/core/validation).
 */
import { FieldError, fieldErr } from '../errors';
import { IS_NEGATIVE_ERROR, invalidRaw, nonNegative } from './common';
import { isConfigMapKey, isRelaxedEnvVarName, isValidPortNum, isValidUserID } from './formats';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName } from './names';
import { QUANTITY_REGEX_ERROR, canonicalQuantity, parseQuantityValue } from './quantity';
import { localDescendingPath } from './volumes';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const HTTP_SCHEMES = ['HTTP', 'HTTPS'];
const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];

/** Env fieldRef paths (validEnvDownwardAPIFieldPathExpressions). */
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
/** What ConvertDownwardAPIFieldLabel accepts for v1 at all. */
const CONVERTIBLE_FIELD_PATHS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs',
]);
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

export interface ContainerContext {
  /** Names of the pod's valid volumes. */
  volumes: Map<string, any>;
  gracePeriod: number | undefined;
  podRestartPolicy: string | undefined;
}

/** ValidatePortNumOrName for an IntOrString. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fieldErr.invalid(path, port, m));
  if (typeof port === 'string') {
    if (/^\d+$/.test(port)) return isValidPortNum(Number(port)).map((m) => fieldErr.invalid(path, Number(port), m));
    return isValidPortName(port).map((m) => fieldErr.invalid(path, port, m));
  }
  return [fieldErr.invalid(path, port ?? null, 'must be an integer or a string')];
}

function validatePorts(ports: any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  for (const [i, p] of (ports ?? []).entries()) {
    const idx = `${path}[${i}]`;
    if (p.name) {
      const msgs = isValidPortName(p.name);
      if (msgs.length) for (const m of msgs) errs.push(fieldErr.invalid(`${idx}.name`, p.name, m));
      else if (names.has(p.name)) errs.push(fieldErr.duplicate(`${idx}.name`, p.name));
      else names.add(p.name);
    }
    if (!p.containerPort) errs.push(fieldErr.required(`${idx}.containerPort`));
    else for (const m of isValidPortNum(p.containerPort)) errs.push(fieldErr.invalid(`${idx}.containerPort`, p.containerPort, m));
    if (p.hostPort) for (const m of isValidPortNum(p.hostPort)) errs.push(fieldErr.invalid(`${idx}.hostPort`, p.hostPort, m));
    if (!p.protocol) errs.push(fieldErr.required(`${idx}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(fieldErr.notSupported(`${idx}.protocol`, p.protocol, PROTOCOLS));
  }
  return errs;
}

function validateEnv(env: any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [i, ev] of (env ?? []).entries()) {
    const idx = `${path}[${i}]`;
    if (!ev.name) errs.push(fieldErr.required(`${idx}.name`));
    else for (const m of isRelaxedEnvVarName(ev.name)) errs.push(fieldErr.invalid(`${idx}.name`, ev.name, m));
    const vf = ev.valueFrom;
    if (!vf) continue;
    const vp = `${idx}.valueFrom`;
    let n = 0;
    if (vf.fieldRef) {
      n++;
      const fp = String(vf.fieldRef.fieldPath ?? '');
      const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fp);
      if (!vf.fieldRef.apiVersion) errs.push(fieldErr.required(`${vp}.fieldRef.apiVersion`));
      else if (!fp) errs.push(fieldErr.required(`${vp}.fieldRef.fieldPath`));
      else if (sub) {
        for (const m of isQualifiedName(sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2])) errs.push(fieldErr.invalid(`${vp}.fieldRef`, sub[2], m));
      } else if (!CONVERTIBLE_FIELD_PATHS.has(fp)) {
        errs.push(fieldErr.invalid(`${vp}.fieldRef.fieldPath`, fp, `error converting fieldPath: field label not supported: ${fp}`));
      } else if (!ENV_FIELD_PATHS.includes(fp)) errs.push(fieldErr.notSupported(`${vp}.fieldRef.fieldPath`, fp, ENV_FIELD_PATHS));
    }
    if (vf.resourceFieldRef) {
      n++;
      const r = vf.resourceFieldRef.resource;
      if (!r) errs.push(fieldErr.required(`${vp}.resourceFieldRef.resource`));
      else if (!RESOURCE_FIELD_PATHS.includes(r) && !/^(requests|limits)\.hugepages-/.test(r)) {
        errs.push(fieldErr.notSupported(`${vp}.resourceFieldRef.resource`, r, RESOURCE_FIELD_PATHS));
      }
    }
    for (const key of ['configMapKeyRef', 'secretKeyRef'] as const) {
      const ref = vf[key];
      if (!ref) continue;
      n++;
      for (const m of isDNS1123Subdomain(String(ref.name ?? ''))) errs.push(fieldErr.invalid(`${vp}.${key}.name`, ref.name ?? '', m));
      if (!ref.key) errs.push(fieldErr.required(`${vp}.${key}.key`));
      else for (const m of isConfigMapKey(ref.key)) errs.push(fieldErr.invalid(`${vp}.${key}.key`, ref.key, m));
    }
    if (vf.fileKeyRef) {
      // EnvFiles (beta): a key of an env file written to an emptyDir volume.
      n++;
      for (const f of ['path', 'volumeName', 'key']) if (!vf.fileKeyRef[f]) errs.push(fieldErr.required(`${vp}.fileKeyRef.${f}`));
    }
    if (n === 0) errs.push(fieldErr.invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (ev.value) errs.push(fieldErr.invalid(vp, '', 'may not be specified when `value` is not empty'));
    else if (n > 1) errs.push(fieldErr.invalid(vp, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

function validateEnvFrom(envFrom: any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [i, ef] of (envFrom ?? []).entries()) {
    const idx = `${path}[${i}]`;
    if (ef.prefix) for (const m of isRelaxedEnvVarName(ef.prefix)) errs.push(fieldErr.invalid(`${idx}.prefix`, ef.prefix, m));
    let n = 0;
    for (const key of ['configMapRef', 'secretRef'] as const) {
      if (!ef[key]) continue;
      n++;
      const name = ef[key].name;
      if (!name) errs.push(fieldErr.required(`${idx}.${key}.name`));
      else for (const m of isDNS1123Subdomain(name.replace(/-$/, '') || 'a')) errs.push(fieldErr.invalid(`${idx}.${key}.name`, name, m));
    }
    if (n === 0) errs.push(fieldErr.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(fieldErr.invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

function validateVolumeMounts(c: any, volumes: Map<string, any>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPaths = new Set<string>();
  const devices = new Map<string, string>((c.volumeDevices ?? []).map((d: any) => [d.name, d.devicePath]));
  for (const [i, m] of ((c.volumeMounts ?? []) as any[]).entries()) {
    const idx = `${path}[${i}]`;
    if (!m.name) errs.push(fieldErr.required(`${idx}.name`));
    if (!volumes.has(m.name)) errs.push(fieldErr.notFound(`${idx}.name`, m.name ?? ''));
    if (!m.mountPath) errs.push(fieldErr.required(`${idx}.mountPath`));
    if (mountPaths.has(m.mountPath)) errs.push(fieldErr.invalid(`${idx}.mountPath`, m.mountPath, 'must be unique'));
    mountPaths.add(m.mountPath);
    if (devices.has(m.name)) errs.push(fieldErr.invalid(`${idx}.name`, m.name, 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(m.mountPath)) errs.push(fieldErr.invalid(`${idx}.mountPath`, m.mountPath, 'must not already exist as a path in volumeDevices'));
    // Upstream passes the list path, not the item path, for these two (kept as is).
    if (m.subPath) errs.push(...localDescendingPath(m.subPath, `${path}.subPath`));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(fieldErr.invalid(`${idx}.subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...localDescendingPath(m.subPathExpr, `${path}.subPathExpr`));
    }
    if (m.mountPropagation !== undefined) {
      if (!MOUNT_PROPAGATIONS.includes(m.mountPropagation)) errs.push(fieldErr.notSupported(`${path}.mountPropagation`, m.mountPropagation, MOUNT_PROPAGATIONS));
      else if (m.mountPropagation === 'Bidirectional' && c.securityContext?.privileged !== true) {
        errs.push(fieldErr.forbidden(`${path}.mountPropagation`, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
  }
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

/** Extended resources and hugepages may not be overcommitted: request must equal limit. */
function isOvercommitAllowed(name: string): boolean {
  return !isExtendedResource(name) && !isHugePages(name);
}

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fieldErr.invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !isHugePages(name)) errs.push(fieldErr.invalid(path, name, 'must be a standard resource for containers'));
  }
  return errs;
}

function quantityErrors(q: unknown, path: string): FieldError[] {
  const parsed = parseQuantityValue(q);
  if (!parsed) return [fieldErr.invalid(path, q ?? null, QUANTITY_REGEX_ERROR)];
  if (parsed.value < 0) return [fieldErr.invalid(path, canonicalQuantity(q), IS_NEGATIVE_ERROR)];
  return [];
}

/** ValidateContainerResourceRequirements: names, quantities, requests ≤ limits. */
export function validateResources(res: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits: Record<string, unknown> = res?.limits ?? {};
  const requests: Record<string, unknown> = res?.requests ?? {};
  let cpuOrMem = false;
  let huge = false;
  for (const [name, q] of Object.entries(limits)) {
    const p = `${path}.limits[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...quantityErrors(q, p));
    if (name === 'cpu' || name === 'memory') cpuOrMem = true;
    if (isHugePages(name)) huge = true;
  }
  for (const [name, q] of Object.entries(requests)) {
    const p = `${path}.requests[${name}]`;
    errs.push(...validateContainerResourceName(name, p), ...quantityErrors(q, p));
    const req = parseQuantityValue(q);
    const lim = name in limits ? parseQuantityValue(limits[name]) : undefined;
    if (name in limits) {
      if (req && lim && Math.abs(req.value - lim.value) > 1e-9 && !isOvercommitAllowed(name)) {
        errs.push(fieldErr.invalid(`${path}.requests`, canonicalQuantity(q), `must be equal to ${name} limit of ${canonicalQuantity(limits[name])}`));
      } else if (req && lim && req.value > lim.value + 1e-12) {
        errs.push(fieldErr.invalid(`${path}.requests`, canonicalQuantity(q), `must be less than or equal to ${name} limit of ${canonicalQuantity(limits[name])}`));
      }
    } else if (!isOvercommitAllowed(name)) errs.push(fieldErr.required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    if (name === 'cpu' || name === 'memory') cpuOrMem = true;
    if (isHugePages(name)) huge = true;
  }
  if (!cpuOrMem && huge) errs.push(fieldErr.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

function validateHandler(h: any, kinds: readonly string[], gracePeriod: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of kinds) {
    const a = h[kind];
    if (!a) continue;
    if (n > 0) {
      errs.push(fieldErr.forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const p = `${path}.${kind}`;
    switch (kind) {
      case 'exec':
        if (!(a.command ?? []).length) errs.push(fieldErr.required(`${p}.command`));
        break;
      case 'httpGet':
        if (!a.path) errs.push(fieldErr.required(`${p}.path`));
        errs.push(...validatePortNumOrName(a.port, `${p}.port`));
        if (!HTTP_SCHEMES.includes(a.scheme)) errs.push(fieldErr.notSupported(`${p}.scheme`, a.scheme ?? '', HTTP_SCHEMES));
        break;
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(a.port, `${p}.port`));
        break;
      case 'grpc':
        errs.push(...isValidPortNum(a.port).map((m) => fieldErr.invalid(`${p}.port`, a.port ?? 0, m)));
        break;
      case 'sleep':
        if (gracePeriod !== undefined && (a.seconds < 0 || a.seconds > gracePeriod)) {
          errs.push(fieldErr.invalid(p, a.seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
        }
        break;
    }
  }
  if (n === 0) errs.push(fieldErr.required(path, 'must specify a handler type'));
  return errs;
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

function validateProbe(p: any, kind: 'liveness' | 'readiness' | 'startup', gracePeriod: number | undefined, path: string): FieldError[] {
  if (!p) return [];
  const errs = validateHandler(p, PROBE_HANDLERS, gracePeriod, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(p[f], `${path}.${f}`));
  }
  if (typeof p.terminationGracePeriodSeconds === 'number' && p.terminationGracePeriodSeconds <= 0) {
    errs.push(fieldErr.invalid(`${path}.terminationGracePeriodSeconds`, p.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind !== 'readiness' && p.successThreshold !== undefined && p.successThreshold !== 1) {
    errs.push(fieldErr.invalid(`${path}.successThreshold`, p.successThreshold, 'must be 1'));
  }
  if (kind === 'readiness' && p.terminationGracePeriodSeconds !== undefined) {
    errs.push(fieldErr.invalid(`${path}.terminationGracePeriodSeconds`, p.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

function validateLifecycle(l: any, gracePeriod: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (l.postStart) errs.push(...validateHandler(l.postStart, LIFECYCLE_HANDLERS, gracePeriod, `${path}.postStart`));
  if (l.preStop) errs.push(...validateHandler(l.preStop, LIFECYCLE_HANDLERS, gracePeriod, `${path}.preStop`));
  return errs;
}

function validateSecurityContext(sc: any, path: string): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  for (const f of ['runAsUser', 'runAsGroup']) {
    if (typeof sc[f] === 'number') for (const m of isValidUserID(sc[f])) errs.push(fieldErr.invalid(`${path}.${f}`, sc[f], m));
  }
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(invalidRaw(path, 'core.SecurityContext{...}', 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  if (sc.procMount !== undefined && !['Default', 'Unmasked'].includes(sc.procMount)) {
    errs.push(fieldErr.notSupported(`${path}.procMount`, sc.procMount, ['Default', 'Unmasked']));
  }
  return errs;
}

/** validateContainerCommon: what every kind of container must satisfy. */
function validateContainerCommon(c: any, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(fieldErr.required(`${path}.name`));
  else for (const m of isDNS1123Label(c.name)) errs.push(fieldErr.invalid(`${path}.name`, c.name, m));
  if (!c.image) errs.push(fieldErr.required(`${path}.image`));
  switch (c.terminationMessagePolicy) {
    case 'File':
    case 'FallbackToLogsOnError':
      break;
    case undefined:
    case '':
      errs.push(fieldErr.required(`${path}.terminationMessagePolicy`));
      break;
    default:
      errs.push(fieldErr.notSupported(`${path}.terminationMessagePolicy`, c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  errs.push(...validateVolumeMounts(c, ctx.volumes, `${path}.volumeMounts`));
  if (!c.imagePullPolicy) errs.push(fieldErr.required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(fieldErr.notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  errs.push(...validateResources(c.resources, `${path}.resources`));
  for (const rp of (c.resizePolicy ?? []) as any[]) {
    if (!['cpu', 'memory'].includes(rp.resourceName)) errs.push(fieldErr.notSupported(`${path}.resizePolicy`, rp.resourceName, ['cpu', 'memory']));
    if (!['NotRequired', 'RestartContainer'].includes(rp.restartPolicy)) errs.push(fieldErr.notSupported(`${path}.resizePolicy`, rp.restartPolicy, ['NotRequired', 'RestartContainer']));
  }
  errs.push(...validateSecurityContext(c.securityContext, `${path}.securityContext`));
  return errs;
}

/** AccumulateUniqueHostPorts: "<protocol>/<hostIP>/<port>" must be unique. */
function hostPortConflicts(containers: any[], path: string, seen = new Set<string>()): FieldError[] {
  const errs: FieldError[] = [];
  for (const [ci, c] of containers.entries()) {
    for (const [pi, p] of ((c.ports ?? []) as any[]).entries()) {
      if (!p.hostPort) continue;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(fieldErr.duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    }
  }
  return errs;
}

export function validateContainers(containers: any[] | undefined, ctx: ContainerContext, path: string): FieldError[] {
  if (!containers || containers.length === 0) return [fieldErr.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  for (const [i, c] of containers.entries()) {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, ctx, p));
    if (names.has(c.name)) errs.push(fieldErr.duplicate(`${p}.name`, c.name));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, `${p}.lifecycle`));
    errs.push(...validateProbe(c.livenessProbe, 'liveness', ctx.gracePeriod, `${p}.livenessProbe`));
    errs.push(...validateProbe(c.readinessProbe, 'readiness', ctx.gracePeriod, `${p}.readinessProbe`));
    errs.push(...validateProbe(c.startupProbe, 'startup', ctx.gracePeriod, `${p}.startupProbe`));
    if (c.restartPolicy !== undefined) errs.push(fieldErr.forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  }
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

export function validateInitContainers(inits: any[] | undefined, regular: any[] | undefined, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>((regular ?? []).map((c) => c.name));
  for (const [i, c] of (inits ?? []).entries()) {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, ctx, p));
    let sidecar = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always') errs.push(fieldErr.notSupported(`${p}.restartPolicy`, c.restartPolicy, ['Always']));
      sidecar = c.restartPolicy === 'Always';
    }
    if (names.has(c.name)) errs.push(fieldErr.duplicate(`${p}.name`, c.name));
    else if (c.name) names.add(c.name);
    errs.push(...hostPortConflicts([c], path));
    if (sidecar) {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, ctx.gracePeriod, `${p}.lifecycle`));
      errs.push(...validateProbe(c.livenessProbe, 'liveness', ctx.gracePeriod, `${p}.livenessProbe`));
      errs.push(...validateProbe(c.readinessProbe, 'readiness', ctx.gracePeriod, `${p}.readinessProbe`));
      errs.push(...validateProbe(c.startupProbe, 'startup', ctx.gracePeriod, `${p}.startupProbe`));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f]) errs.push(fieldErr.forbidden(`${p}.${f}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  }
  return errs;
}

/** validateContainerOnlyForPod: pods (not templates) refuse padded image names. */
export function validateImagesForPod(containers: any[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [i, c] of (containers ?? []).entries()) {
    if (typeof c.image === 'string' && c.image !== c.image.trim()) {
      errs.push(fieldErr.invalid(`${path}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
    }
  }
  return errs;
}

