import type { ClusterModel } from './clusterModel';

/** An object on the canvas, as the store names a selection. */
export interface CanvasRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** The uid of the object a ref names, if the canvas draws it (nodes are keyed by name). */
export function resolveRef(model: ClusterModel, ref: CanvasRef | undefined): string | undefined {
  if (!ref) return undefined;
  const ns = ref.namespace ?? 'default';
  switch (ref.kind) {
    case 'Node':
      return model.nodes.some((n) => n.name === ref.name) ? `node:${ref.name}` : undefined;
    case 'Pod':
      for (const v of model.pods.values()) if (v.name === ref.name && v.namespace === ns) return v.uid;
      return undefined;
    case 'Service':
      return model.services.find((s) => s.name === ref.name && s.namespace === ns)?.uid;
    case 'Ingress':
      return model.ingresses.find((s) => s.name === ref.name && s.namespace === ns)?.uid;
    case 'PersistentVolumeClaim':
      return model.pvcs.find((s) => s.name === ref.name && s.namespace === ns)?.uid;
    case 'PersistentVolume':
      return model.pvs.find((s) => s.name === ref.name)?.uid;
    default:
      for (const w of model.workloads) {
        if (w.kind === ref.kind && w.name === ref.name && w.namespace === ns) return w.uid;
        for (const c of w.children) if (c.kind === ref.kind && c.name === ref.name && c.namespace === ns) return c.uid;
      }
      return undefined;
  }
}

/**
 * The object and everything it is directly related to: a pod's owners, Services and claims; a
 * workload's managed objects and pods; a Service's pods and Ingresses; a claim's pods and
 * volume; a node's pods. Highlighted together, and their edges drawn pod by pod.
 */
export function relatedTo(model: ClusterModel, uid: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!uid) return out;
  out.add(uid);
  const parentOf = new Map<string, string>();
  for (const w of model.workloads) for (const c of w.children) parentOf.set(c.uid, w.uid);
  const podsOwnedBy = (owner: string) => {
    for (const [pod, o] of model.podOwner) if (o === owner) out.add(pod);
  };
  const addService = (svcUid: string) => {
    out.add(svcUid);
    const svc = model.services.find((s) => s.uid === svcUid);
    for (const ing of model.ingresses) if (svc && ing.namespace === svc.namespace && ing.backends.includes(svc.name)) out.add(ing.uid);
  };

  if (uid.startsWith('node:')) {
    const node = model.nodes.find((n) => `node:${n.name}` === uid);
    for (const p of node?.pods ?? []) out.add(p.uid);
    return out;
  }
  const pod = model.pods.get(uid);
  if (pod) {
    const owner = model.podOwner.get(uid);
    if (owner) {
      out.add(owner);
      const parent = parentOf.get(owner);
      if (parent) out.add(parent);
    }
    for (const s of model.services) if (s.selected.includes(uid)) addService(s.uid);
    for (const c of model.pvcs) if (c.pods.includes(uid)) out.add(c.uid);
    if (pod.node) out.add(`node:${pod.node}`);
    return out;
  }
  const wl = model.workloads.find((w) => w.uid === uid) ?? model.workloads.flatMap((w) => w.children).find((c) => c.uid === uid);
  if (wl) {
    const parent = parentOf.get(uid);
    if (parent) out.add(parent);
    podsOwnedBy(uid);
    for (const c of wl.children) {
      out.add(c.uid);
      podsOwnedBy(c.uid);
    }
    return out;
  }
  const svc = model.services.find((s) => s.uid === uid);
  if (svc) {
    addService(uid);
    for (const p of svc.selected) out.add(p);
    return out;
  }
  const ing = model.ingresses.find((s) => s.uid === uid);
  if (ing) {
    for (const s of model.services) {
      if (s.namespace === ing.namespace && ing.backends.includes(s.name)) {
        out.add(s.uid);
        for (const p of s.selected) out.add(p);
      }
    }
    return out;
  }
  const pvc = model.pvcs.find((c) => c.uid === uid);
  if (pvc) {
    for (const p of pvc.pods) out.add(p);
    const pv = model.pvs.find((v) => v.name === pvc.volumeName);
    if (pv) out.add(pv.uid);
    return out;
  }
  const pv = model.pvs.find((v) => v.uid === uid);
  if (pv) {
    const claim = model.pvcs.find((c) => `${c.namespace}/${c.name}` === pv.claim);
    if (claim) {
      out.add(claim.uid);
      for (const p of claim.pods) out.add(p);
    }
  }
  return out;
}
