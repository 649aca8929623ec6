import { ApiError } from '../../api/errors';
import { BY_NODE } from '../../api/indexes';
import type { KObject } from '../../api/object';
import { goDuration } from '../../time';
import { flag } from '../parse/flags';
import type { Command, CommandContext } from '../context';
import { CommandError } from '../errors';
import { EvictionRefused, evictPod } from '../drain/eviction';
import { selectorFrom, sortByNamespaceName } from '../resources';
import { matches } from '../../api/selectors';
import { dryRunFlag, dryRunOf, durationFlag } from './common';
import { nodesOf, setUnschedulable } from './cordon';

/** kubectl drain's default --timeout is forever; a simulated drain gives up after ten minutes. */
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const RETRY_MS = 5000;
const POLL_MS = 1000;

type Problem = { message: string; pod: string };

const key = (p: KObject) => `${p.metadata.namespace}/${p.metadata.name}`;

/** Groups "<message>: ns/a, ns/b" in first-seen order, as drain's filters report. */
function grouped(list: Problem[]): string[] {
  const by = new Map<string, string[]>();
  for (const p of list) by.set(p.message, [...(by.get(p.message) ?? []), p.pod]);
  return [...by].map(([m, pods]) => `${m}: ${pods.join(', ')}`);
}

/** The pods a drain deletes, after drain's filters (DaemonSet, mirror, local storage, unreplicated). */
function podsToDelete(ctx: CommandContext, node: KObject): { pods: KObject[]; errors: Problem[]; warnings: Problem[] } {
  const podSel = selectorFrom(ctx.str('pod-selector'));
  const all = sortByNamespaceName(ctx.api.store.byIndex('Pod', BY_NODE, node.metadata.name!).filter((p) => !podSel || matches(podSel, p.metadata.labels)));
  const pods: KObject[] = [];
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  for (const p of all) {
    const finished = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
    const ref = (p.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (ref?.kind === 'DaemonSet' && ctx.api.get('DaemonSet', p.metadata.namespace, ref.name)) {
      if (!ctx.bool('ignore-daemonsets')) errors.push({ message: 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)', pod: key(p) });
      else warnings.push({ message: 'ignoring DaemonSet-managed Pods', pod: key(p) });
      continue;
    }
    if (p.metadata.annotations?.['kubernetes.io/config.mirror']) {
      warnings.push({ message: 'ignoring mirror pods', pod: key(p) });
      continue;
    }
    if (!finished && (p.spec?.volumes ?? []).some((v: any) => v.emptyDir)) {
      if (!ctx.bool('delete-emptydir-data')) {
        errors.push({ message: 'cannot delete Pods with local storage (use --delete-emptydir-data to override)', pod: key(p) });
        continue;
      }
      warnings.push({ message: 'deleting Pods with local storage', pod: key(p) });
    }
    if (!finished && !ref) {
      if (!ctx.bool('force')) {
        errors.push({ message: 'cannot delete Pods that declare no controller (use --force to override)', pod: key(p) });
        continue;
      }
      warnings.push({ message: 'deleting Pods that declare no controller', pod: key(p) });
    }
    pods.push(p);
  }
  return { pods, errors, warnings };
}

function pendingNodes(node: string, errors: string[]): never {
  const joined = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  throw new CommandError(`error: unable to drain node "${node}" due to error: ${joined}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${errors.join('\n')}`);
}

/**
 * Evicts (or deletes) the pods, retrying refused evictions every 5 s and waiting for each pod to
 * be gone before reporting it, while simulated time runs, as kubectl drain blocks in a terminal.
 */
function evictAll(ctx: CommandContext, node: KObject, pods: KObject[], timeoutMs: number, timeoutText: string): void {
  const useEviction = !ctx.bool('disable-eviction');
  const verb = useEviction ? 'evicted' : 'deleted';
  const grace = ctx.int('grace-period') ?? -1;
  const start = ctx.now;
  const pending = new Map(pods.map((p) => [key(p), { pod: p, nextTry: start, evicted: false }]));
  const gone = (p: KObject) => {
    const cur = ctx.api.get('Pod', p.metadata.namespace, p.metadata.name!);
    return !cur || cur.metadata.uid !== p.metadata.uid;
  };
  for (;;) {
    for (const [k, st] of pending) {
      if (st.evicted || ctx.now < st.nextTry) continue;
      if (useEviction) ctx.println(`evicting pod ${k}`);
      try {
        if (useEviction) evictPod(ctx.api, st.pod.metadata.namespace!, st.pod.metadata.name!, grace);
        else ctx.api.delete('Pod', st.pod.metadata.namespace, st.pod.metadata.name!, grace >= 0 ? { gracePeriodSeconds: grace } : {});
        st.evicted = true;
      } catch (e) {
        if (e instanceof EvictionRefused) {
          ctx.warn(`error when evicting pods/"${st.pod.metadata.name}" -n "${st.pod.metadata.namespace}" (will retry after 5s): ${e.message}`);
          st.nextTry = ctx.now + RETRY_MS;
        } else if (e instanceof ApiError && e.reason === 'NotFound') {
          st.evicted = true;
        } else throw e;
      }
    }
    for (const [k, st] of pending) {
      if (st.evicted && gone(st.pod)) {
        ctx.println(`pod/${st.pod.metadata.name} ${verb}`);
        pending.delete(k);
      }
    }
    if (pending.size === 0) return;
    if (ctx.now - start >= timeoutMs) break;
    ctx.cluster.runFor(POLL_MS);
  }
  const left = [...pending.values()].sort((a, b) => (a.pod.metadata.name! < b.pod.metadata.name! ? -1 : 1));
  const errors = left.map((st) => `error when ${useEviction ? 'evicting' : 'deleting'} pods/"${st.pod.metadata.name}" -n "${st.pod.metadata.namespace}": global timeout reached: ${timeoutText}`);
  ctx.warn(`There are pending pods in node "${node.metadata.name}" when an error occurred: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`);
  for (const st of left) ctx.println(`pod/${st.pod.metadata.name}`);
  pendingNodes(node.metadata.name!, errors);
}

function run(ctx: CommandContext): void {
  const timeoutMs = durationFlag(ctx, 'timeout', '0s');
  const effectiveTimeout = timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS;
  const dryRun = dryRunOf(ctx) === 'client';
  for (const node of nodesOf(ctx, 'drain')) {
    setUnschedulable(ctx, node, true, dryRun);
    const { pods, errors, warnings } = podsToDelete(ctx, node);
    if (errors.length) pendingNodes(node.metadata.name!, grouped(errors));
    if (warnings.length) ctx.warn(`Warning: ${grouped(warnings).join('; ')}`);
    if (dryRun) {
      for (const p of pods) ctx.println(`pod/${p.metadata.name} ${ctx.bool('disable-eviction') ? 'deleted' : 'evicted'} (dry run)`);
      ctx.println(`node/${node.metadata.name} drained (dry run)`);
      continue;
    }
    evictAll(ctx, node, pods, effectiveTimeout, timeoutMs > 0 ? goDuration(timeoutMs) : goDuration(DEFAULT_TIMEOUT_MS));
    ctx.println(`node/${node.metadata.name} drained`);
  }
}

export const drainCommand: Command = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  usage: 'drain NODE [options]',
  flags: [
    flag('ignore-daemonsets', 'bool'),
    flag('delete-emptydir-data', 'bool'),
    flag('force', 'bool'),
    flag('grace-period', 'int', { default: -1 }),
    flag('timeout', 'string'),
    flag('disable-eviction', 'bool'),
    flag('pod-selector', 'string'),
    flag('selector', 'string', { short: 'l' }),
    flag('skip-wait-for-delete-timeout', 'int', { default: 0 }),
    flag('chunk-size', 'int', { default: 500 }),
    dryRunFlag,
  ],
  run,
};
