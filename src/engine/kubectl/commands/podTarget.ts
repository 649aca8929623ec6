import type { Container, Pod } from 'kubernetes-types/core/v1';
import { isPodReady } from '../../api/podUtil';
import type { KObject } from '../../api/object';
import { fromLabelSelector, fromMap, matches, type Selector } from '../../api/selectors';
import { parseTimestamp } from '../../time';
import type { CommandContext } from '../context';
import { fail } from '../errors';
import { getObject, resolveType } from '../resources';

function selectorOfWorkload(obj: KObject): Selector | undefined {
  switch (obj.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return fromLabelSelector(obj.spec?.selector);
    case 'ReplicationController':
    case 'Service':
      return obj.spec?.selector ? fromMap(obj.spec.selector) : undefined;
  }
  return undefined;
}

/** podutil's ActivePods order, as GetFirstPod uses: running and ready first, then the oldest. */
function byActive(a: KObject, b: KObject): number {
  const rank = (p: KObject) => (p.metadata.deletionTimestamp ? 3 : p.status?.phase !== 'Running' ? 2 : isPodReady(p as Pod) ? 0 : 1);
  return rank(a) - rank(b) || (parseTimestamp(a.metadata.creationTimestamp) ?? 0) - (parseTimestamp(b.metadata.creationTimestamp) ?? 0) || (a.metadata.name! < b.metadata.name! ? -1 : 1);
}

/** POD or TYPE/NAME to one pod, as `logs` and `exec` resolve it ("Found 3 pods, using pod/x"). */
export function resolvePod(ctx: CommandContext, arg: string): Pod {
  const slash = arg.indexOf('/');
  if (slash < 0) return getObject(ctx.api, resolveType('pod'), ctx.namespace, arg) as Pod;
  const info = resolveType(arg.slice(0, slash));
  const obj = getObject(ctx.api, info, ctx.namespace, arg.slice(slash + 1));
  if (info.kind === 'Pod') return obj as Pod;
  const sel = selectorOfWorkload(obj);
  if (!sel) throw fail(`cannot attach to ${info.kind}: selector for ${info.kind} not implemented`);
  const pods = ctx.api
    .list('Pod', ctx.namespace)
    .filter((p) => matches(sel, p.metadata.labels))
    .sort(byActive);
  if (pods.length === 0) throw fail(`no pods found for ${info.kind.toLowerCase()} "${obj.metadata.name}"`);
  if (pods.length > 1) ctx.warn(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}`);
  return pods[0] as Pod;
}

/** Every container name of a pod as kubectl lists them: app containers, then "x (init)", "y (ephem)". */
function containerList(pod: Pod): string {
  return [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
  ].join(', ');
}

/** -c, else the default-container annotation, else the first container ("Defaulted container ..."). */
export function pickContainer(ctx: CommandContext, pod: Pod, requested: string | undefined): string {
  if (requested) return requested;
  const containers: Container[] = pod.spec?.containers ?? [];
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && containers.some((c) => c.name === annotated)) return annotated;
  const total = containers.length + (pod.spec?.initContainers ?? []).length + (pod.spec?.ephemeralContainers ?? []).length;
  if (total > 1) ctx.warn(`Defaulted container "${containers[0].name}" out of: ${containerList(pod)}`);
  return containers[0].name;
}

export function containerStatusOf(pod: Pod, name: string) {
  const s = pod.status ?? {};
  return [...(s.containerStatuses ?? []), ...(s.initContainerStatuses ?? []), ...(s.ephemeralContainerStatuses ?? [])].find((c) => c.name === name);
}

export function hasContainer(pod: Pod, name: string): boolean {
  const s = pod.spec;
  return [...(s?.containers ?? []), ...(s?.initContainers ?? []), ...((s?.ephemeralContainers as Container[] | undefined) ?? [])].some((c) => c.name === name);
}
