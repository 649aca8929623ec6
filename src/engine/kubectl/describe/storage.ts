import type { KObject } from '../../api/object';
import { accessModesString, formatLabels, goList, quantityString } from '../printers/format';
import { pvcClass } from '../printers/tablesCore';
import { describeEvents, eventsFor, printAnnotationsMultiline, printBoolPtr, printLabelsMultiline, printPodsMultiline, rfc1123z, since } from './helpers';
import { allEvents, type DescribeContext } from './types';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter } from './writer';

function events(ctx: DescribeContext, obj: KObject, w: PrefixWriter): void {
  if (ctx.showEvents) describeEvents(eventsFor(allEvents(ctx, obj.metadata.namespace), obj), w, ctx.now);
}

export function describePVC(ctx: DescribeContext, pvc: KObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace}\n`);
  w.write(LEVEL_0, `StorageClass:\t${pvcClass(pvc)}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, ctx.now)})\n`);
  else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  const bound = !!pvc.spec?.volumeName;
  w.write(LEVEL_0, `Capacity:\t${bound ? quantityString(pvc.status?.capacity?.storage) : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ''}\n`);
  if (pvc.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  if (pvc.spec?.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (pvc.spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${pvc.spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${pvc.spec.dataSource.kind}\n`);
    w.write(LEVEL_1, `Name:\t${pvc.spec.dataSource.name}\n`);
  }
  const pods = ctx.api.list('Pod', pvc.metadata.namespace).filter((p) => (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = ctx.api.list('Pod', pvc.metadata.namespace).find((p) => p.metadata.uid === ref.uid);
    if (owner && !pods.includes(owner)) pods.push(owner);
  }
  printPodsMultiline(w, 'Used By', pods);
  const conds: any[] = pvc.status?.conditions ?? [];
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  events(ctx, pvc, w);
  return w.toString();
}

function pvSource(pv: KObject, w: PrefixWriter): void {
  const s = pv.spec ?? {};
  if (s.hostPath) w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${s.hostPath.path}\n    HostPathType:\t${s.hostPath.type ?? '<none>'}\n`);
  else if (s.nfs) w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${s.nfs.server}\n    Path:\t${s.nfs.path}\n    ReadOnly:\t${s.nfs.readOnly === true}\n`);
  else if (s.local) w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${s.local.path}\n`);
  else if (s.csi) {
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${s.csi.driver}\n    FSType:\t${s.csi.fsType ?? ''}\n    VolumeHandle:\t${s.csi.volumeHandle}\n    ReadOnly:\t${s.csi.readOnly === true}\n`);
    const attrs: Record<string, string> = s.csi.volumeAttributes ?? {};
    w.write(LEVEL_2, 'VolumeAttributes:\t');
    const keys = Object.keys(attrs).sort();
    if (keys.length === 0) w.line('<none>');
    keys.forEach((k, i) => {
      if (i !== 0) w.write(LEVEL_2, '\t');
      const line = `${k}=${attrs[k]}`;
      w.write(LEVEL_2, `${line.length > 140 ? line.slice(0, 140) + '...' : line}\n`);
    });
  } else w.write(LEVEL_1, '<unknown>\n');
}

export function describePV(ctx: DescribeContext, pv: KObject): string {
  const w = new PrefixWriter();
  const spec = pv.spec ?? {};
  w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${spec.storageClassName ?? ''}\n`);
  if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, ctx.now)})\n`);
  else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${quantityString(spec.capacity?.storage)}\n`);
  w.write(LEVEL_0, 'Node Affinity:\t');
  const req = spec.nodeAffinity?.required;
  if (!req) w.line('<none>');
  else {
    w.line('');
    w.write(LEVEL_1, 'Required Terms:\t');
    const terms: any[] = req.nodeSelectorTerms ?? [];
    if (terms.length === 0) w.line('<none>');
    else {
      w.line('');
      terms.forEach((term, i) => {
        w.write(LEVEL_2, `Term ${i}:\t`);
        const exprs: any[] = term.matchExpressions ?? [];
        if (exprs.length === 0) w.line('<none>');
        exprs.forEach((e, j) => {
          if (j !== 0) w.write(LEVEL_2, '\t');
          let s = `${e.key} ${String(e.operator).toLowerCase()}`;
          if (e.values?.length) s += ` [${e.values.join(', ')}]`;
          w.write(LEVEL_0, `${s}\n`);
        });
      });
    }
  }
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(LEVEL_0, 'Source:\n');
  pvSource(pv, w);
  events(ctx, pv, w);
  return w.toString();
}

export function describeStorageClass(ctx: DescribeContext, sc: KObject): string {
  const w = new PrefixWriter();
  const ann = sc.metadata.annotations ?? {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`);
  if (!sc.mountOptions?.length) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const o of sc.mountOptions) w.write(LEVEL_1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  events(ctx, sc, w);
  return w.toString();
}
