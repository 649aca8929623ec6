import type { ClusterModel } from './clusterModel';
import type { CanvasEdge, EdgeKind } from './flowTypes';
import type { Placement } from './placement';
import type { PodView } from './podView';

/** Pod-by-pod edges are drawn for everything while there are at most this many; beyond, per area. */
export const PER_POD_EDGE_BUDGET = 40;

export const nodeId = {
  node: (name: string) => `node:${name}`,
  pod: (uid: string) => `pod:${uid}`,
  workload: (uid: string) => `wl:${uid}`,
  service: (uid: string) => `svc:${uid}`,
  ingress: (uid: string) => `ing:${uid}`,
  pvc: (uid: string) => `pvc:${uid}`,
  pv: (uid: string) => `pv:${uid}`,
  unscheduled: 'unscheduled',
  heatmap: 'heatmap',
};

interface Relation {
  source: string;
  sourceUid: string;
  sourceHandle: string;
  pod: PodView;
  kind: EdgeKind;
}

function edge(id: string, source: string, target: string, kind: EdgeKind, sourceHandle: string, targetHandle: string, extra: Partial<CanvasEdge> = {}): CanvasEdge {
  return { id, source, target, sourceHandle, targetHandle, className: `edge-${kind}`, zIndex: 1, data: { kind }, focusable: false, selectable: false, ...extra };
}

/**
 * Edges: ownership (workload → pods, Deployment → ReplicaSet, CronJob → Job), Service → pods
 * (ready endpoints solid, selected-but-not-ready dashed), Ingress → Service, claim → pods and
 * claim → volume. With few pods every pod gets its own edges; with many, edges go to the node
 * that holds the pods, labelled with a count, and only the focused object's edges go pod by pod.
 */
export function buildEdges(model: ClusterModel, placement: Placement, focus: ReadonlySet<string>, budget = PER_POD_EDGE_BUDGET): CanvasEdge[] {
  const out: CanvasEdge[] = [];
  const detailed = placement.tier === 'detailed';

  for (const w of model.workloads) {
    for (const c of w.children) {
      out.push(edge(`o:${w.uid}:${c.uid}`, nodeId.workload(w.uid), nodeId.workload(c.uid), 'owner', 'out-b', 'in-l', { type: 'smoothstep', className: `edge-owner${focus.has(c.uid) && focus.has(w.uid) ? ' is-focus' : ''}` }));
    }
  }

  const relations: Relation[] = [];
  for (const [pod, owner] of model.podOwner) {
    relations.push({ source: nodeId.workload(owner), sourceUid: owner, sourceHandle: 'out-r', pod: model.pods.get(pod)!, kind: 'owner' });
  }
  for (const s of model.services) {
    for (const uid of s.selected) {
      relations.push({ source: nodeId.service(s.uid), sourceUid: s.uid, sourceHandle: 'out-l', pod: model.pods.get(uid)!, kind: s.ready.has(uid) ? 'svc-ready' : 'svc-notready' });
    }
  }
  for (const c of model.pvcs) {
    for (const uid of c.pods) {
      const pod = model.pods.get(uid);
      if (pod) relations.push({ source: nodeId.pvc(c.uid), sourceUid: c.uid, sourceHandle: 'out-l', pod, kind: 'volume' });
    }
  }

  const everyPod = detailed && relations.length <= budget;
  const nodeNames = new Set(model.nodes.map((n) => n.name));
  const areaOf = (p: PodView): string | undefined => {
    if (p.node && placement.nodes.has(p.node)) return nodeId.node(p.node);
    if (!p.node || !nodeNames.has(p.node)) return nodeId.unscheduled;
    return undefined;
  };
  const aggregated = new Map<string, { rel: Relation; target: string; count: number; ready: number }>();
  for (const r of relations) {
    const targetHandle = r.kind === 'owner' ? 'in-l' : 'in-r';
    if (detailed && (everyPod || (focus.has(r.pod.uid) && focus.has(r.sourceUid)))) {
      const focused = focus.has(r.pod.uid) && focus.has(r.sourceUid);
      out.push(edge(`${r.kind[0]}:${r.sourceUid}:${r.pod.uid}`, r.source, nodeId.pod(r.pod.uid), r.kind, r.sourceHandle, targetHandle, focused ? { className: `edge-${r.kind} is-focus` } : {}));
      continue;
    }
    const target = areaOf(r.pod);
    if (!target) continue;
    const group = r.kind === 'svc-ready' || r.kind === 'svc-notready' ? 'svc' : r.kind;
    const key = `${group}|${r.source}|${target}`;
    const agg = aggregated.get(key) ?? { rel: r, target, count: 0, ready: 0 };
    agg.count++;
    if (r.kind === 'svc-ready') agg.ready++;
    aggregated.set(key, agg);
  }
  for (const [key, a] of aggregated) {
    const r = a.rel;
    const isSvc = r.kind === 'svc-ready' || r.kind === 'svc-notready';
    const kind: EdgeKind = isSvc ? (a.ready === a.count ? 'svc-ready' : 'svc-notready') : r.kind;
    const label = isSvc ? `${a.ready}/${a.count}` : String(a.count);
    out.push(edge(`a:${key}`, r.source, a.target, kind, r.sourceHandle, r.kind === 'owner' ? 'in-l' : 'in-r', {
      type: 'count',
      label,
      className: `edge-${kind} edge-aggregate${focus.has(r.sourceUid) ? ' is-focus' : ''}`,
      data: { kind, count: a.count },
    }));
  }

  for (const ing of model.ingresses) {
    for (const b of ing.backends) {
      const svc = model.services.find((s) => s.namespace === ing.namespace && s.name === b);
      if (svc) out.push(edge(`i:${ing.uid}:${svc.uid}`, nodeId.ingress(ing.uid), nodeId.service(svc.uid), 'ingress', 'out-l', 'in-r', focus.has(ing.uid) && focus.has(svc.uid) ? { className: 'edge-ingress is-focus' } : {}));
    }
  }
  for (const c of model.pvcs) {
    const pv = c.volumeName ? model.pvs.find((v) => v.name === c.volumeName) : undefined;
    if (pv) out.push(edge(`b:${c.uid}:${pv.uid}`, nodeId.pvc(c.uid), nodeId.pv(pv.uid), 'bound', 'out-r', 'in-l'));
  }
  return out;
}
