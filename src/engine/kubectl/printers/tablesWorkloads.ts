import type { Pod } from 'kubernetes-types/core/v1';
import type { KObject } from '../../api/object';
import { age, formatLabelSelector, formatLabels, layoutContainers } from './format';
import { podRowStatus } from './podStatus';
import { col, type TableDef } from './types';
import { humanDuration, parseTimestamp } from '../../time';
import { labelSelectorString } from '../../api/selectors';

const containerCols = [col('Containers', 1), col('Images', 1)];

export const podTable: TableDef = {
  columns: [col('Name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), col('IP', 1), col('Node', 1), col('Nominated Node', 1), col('Readiness Gates', 1)],
  row(o, { now }) {
    const pod = o as Pod;
    const s = podRowStatus(pod, now);
    const gates = pod.spec?.readinessGates ?? [];
    let readinessGates = '<none>';
    if (gates.length > 0) {
      const trueCount = gates.filter((g) => (pod.status?.conditions ?? []).find((c) => c.type === g.conditionType)?.status === 'True').length;
      readinessGates = `${trueCount}/${gates.length}`;
    }
    return [
      o.metadata.name!,
      s.ready,
      s.status,
      s.restarts,
      age(o.metadata.creationTimestamp, now),
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates,
    ];
  },
};

export const podTemplateTable: TableDef = {
  columns: [col('Name'), col('Containers'), col('Images'), col('Pod Labels')],
  row(o) {
    const [names, images] = layoutContainers(o.template?.spec?.containers);
    return [o.metadata.name!, names, images, formatLabels(o.template?.metadata?.labels)];
  },
};

export const replicationControllerTable: TableDef = {
  columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Age'), ...containerCols, col('Selector', 1)],
  row(o, { now }) {
    const [names, images] = layoutContainers(o.spec?.template?.spec?.containers);
    return [o.metadata.name!, o.spec?.replicas ?? 1, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, age(o.metadata.creationTimestamp, now), names, images, formatLabels(o.spec?.selector)];
  },
};

export const replicaSetTable: TableDef = {
  columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Age'), ...containerCols, col('Selector', 1)],
  row(o, { now }) {
    const [names, images] = layoutContainers(o.spec?.template?.spec?.containers);
    return [o.metadata.name!, o.spec?.replicas ?? 1, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, age(o.metadata.creationTimestamp, now), names, images, formatLabelSelector(o.spec?.selector)];
  },
};

export const deploymentTable: TableDef = {
  columns: [col('Name'), col('Ready'), col('Up-to-date'), col('Available'), col('Age'), ...containerCols, col('Selector', 1)],
  row(o, { now }) {
    const [names, images] = layoutContainers(o.spec?.template?.spec?.containers);
    const st = o.status ?? {};
    return [
      o.metadata.name!,
      `${st.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
      st.updatedReplicas ?? 0,
      st.availableReplicas ?? 0,
      age(o.metadata.creationTimestamp, now),
      names,
      images,
      labelSelectorString(o.spec?.selector ?? {}),
    ];
  },
};

export const daemonSetTable: TableDef = {
  columns: [
    col('Name'), col('Desired'), col('Current'), col('Ready'), col('Up-to-date'), col('Available'), col('Node Selector'), col('Age'),
    ...containerCols, col('Selector', 1),
  ],
  row(o, { now }) {
    const st = o.status ?? {};
    const [names, images] = layoutContainers(o.spec?.template?.spec?.containers);
    return [
      o.metadata.name!,
      st.desiredNumberScheduled ?? 0,
      st.currentNumberScheduled ?? 0,
      st.numberReady ?? 0,
      st.updatedNumberScheduled ?? 0,
      st.numberAvailable ?? 0,
      formatLabels(o.spec?.template?.spec?.nodeSelector),
      age(o.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(o.spec?.selector),
    ];
  },
};

export const statefulSetTable: TableDef = {
  columns: [col('Name'), col('Ready'), col('Age'), ...containerCols],
  row(o, { now }) {
    const [names, images] = layoutContainers(o.spec?.template?.spec?.containers);
    return [o.metadata.name!, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, age(o.metadata.creationTimestamp, now), names, images];
  },
};

function jobCondition(o: KObject, type: string): boolean {
  return (o.status?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');
}

export const jobTable: TableDef = {
  columns: [col('Name'), col('Status'), col('Completions'), col('Duration'), col('Age'), ...containerCols, col('Selector', 1)],
  row(o, { now }) {
    const st = o.status ?? {};
    let completions: string;
    if (o.spec?.completions !== undefined && o.spec?.completions !== null) completions = `${st.succeeded ?? 0}/${o.spec.completions}`;
    else {
      const parallelism = o.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${st.succeeded ?? 0}/1 of ${parallelism}` : `${st.succeeded ?? 0}/1`;
    }
    const start = parseTimestamp(st.startTime);
    const end = parseTimestamp(st.completionTime);
    const duration = start === undefined ? '' : humanDuration((end ?? now) - start);
    let status = 'Running';
    if (jobCondition(o, 'Complete')) status = 'Complete';
    else if (jobCondition(o, 'Failed')) status = 'Failed';
    else if (o.metadata.deletionTimestamp) status = 'Terminating';
    else if (jobCondition(o, 'Suspended')) status = 'Suspended';
    else if (jobCondition(o, 'FailureTarget')) status = 'FailureTarget';
    const [names, images] = layoutContainers(o.spec?.template?.spec?.containers);
    return [o.metadata.name!, status, completions, duration, age(o.metadata.creationTimestamp, now), names, images, formatLabelSelector(o.spec?.selector)];
  },
};

export const cronJobTable: TableDef = {
  columns: [col('Name'), col('Schedule'), col('Timezone'), col('Suspend'), col('Active'), col('Last Schedule'), col('Age'), ...containerCols, col('Selector', 1)],
  row(o, { now }) {
    const spec = o.spec ?? {};
    const [names, images] = layoutContainers(spec.jobTemplate?.spec?.template?.spec?.containers);
    return [
      o.metadata.name!,
      spec.schedule ?? '',
      spec.timeZone ?? '<none>',
      spec.suspend === undefined || spec.suspend === null ? '<unset>' : spec.suspend ? 'True' : 'False',
      (o.status?.active ?? []).length,
      o.status?.lastScheduleTime ? age(o.status.lastScheduleTime, now) : '<none>',
      age(o.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(spec.jobTemplate?.spec?.selector),
    ];
  },
};

export const controllerRevisionTable: TableDef = {
  columns: [col('Name'), col('Controller'), col('Revision'), col('Age')],
  row(o, { now }) {
    const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
      controller = `${ref.kind.toLowerCase()}${group ? '.' + group : ''}/${ref.name}`;
    }
    return [o.metadata.name!, controller, o.revision ?? 0, age(o.metadata.creationTimestamp, now)];
  },
};

function formatHpaMetrics(specs: any[] | undefined, statuses: any[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const list: string[] = [];
  specs.forEach((spec, i) => {
    const st = statuses?.[i];
    switch (spec.type) {
      case 'Resource': {
        const t = spec.resource?.target ?? {};
        if (t.averageValue !== undefined) {
          list.push(`${spec.resource.name}: ${st?.resource?.current?.averageValue ?? '<unknown>'}/${t.averageValue}`);
        } else {
          const cur = st?.resource?.current?.averageUtilization;
          list.push(`${spec.resource.name}: ${cur === undefined ? '<unknown>' : `${cur}%`}/${t.averageUtilization === undefined ? '<auto>' : `${t.averageUtilization}%`}`);
        }
        break;
      }
      case 'ContainerResource': {
        const t = spec.containerResource?.target ?? {};
        if (t.averageValue !== undefined) list.push(`${spec.containerResource.name}: ${st?.containerResource?.current?.averageValue ?? '<unknown>'}/${t.averageValue}`);
        else {
          const cur = st?.containerResource?.current?.averageUtilization;
          list.push(`${spec.containerResource.name}: ${cur === undefined ? '<unknown>' : `${cur}%`}/${t.averageUtilization === undefined ? '<auto>' : `${t.averageUtilization}%`}`);
        }
        break;
      }
      case 'Pods':
        list.push(`${st?.pods?.current?.averageValue ?? '<unknown>'}/${spec.pods?.target?.averageValue}`);
        break;
      case 'Object': {
        const t = spec.object?.target ?? {};
        if (t.averageValue !== undefined) list.push(`${st?.object?.current?.averageValue ?? '<unknown>'}/${t.averageValue} (avg)`);
        else list.push(`${st?.object?.current?.value ?? '<unknown>'}/${t.value}`);
        break;
      }
      case 'External': {
        const t = spec.external?.target ?? {};
        if (t.averageValue !== undefined) list.push(`${st?.external?.current?.averageValue ?? '<unknown>'}/${t.averageValue} (avg)`);
        else list.push(`${st?.external?.current?.value ?? '<unknown>'}/${t.value}`);
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

export const hpaTable: TableDef = {
  columns: [col('Name'), col('Reference'), col('Targets'), col('MinPods'), col('MaxPods'), col('Replicas'), col('Age')],
  row(o, { now }) {
    const spec = o.spec ?? {};
    let metrics = spec.metrics;
    if (!metrics && o.apiVersion === 'autoscaling/v1' && spec.targetCPUUtilizationPercentage !== undefined) {
      metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
    }
    return [
      o.metadata.name!,
      `${spec.scaleTargetRef?.kind}/${spec.scaleTargetRef?.name}`,
      formatHpaMetrics(metrics, o.status?.currentMetrics),
      spec.minReplicas === undefined ? '<unset>' : String(spec.minReplicas),
      spec.maxReplicas ?? 0,
      o.status?.currentReplicas ?? 0,
      age(o.metadata.creationTimestamp, now),
    ];
  },
};

export const pdbTable: TableDef = {
  columns: [col('Name'), col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions'), col('Age')],
  row(o, { now }) {
    const spec = o.spec ?? {};
    return [
      o.metadata.name!,
      spec.minAvailable === undefined ? 'N/A' : String(spec.minAvailable),
      spec.maxUnavailable === undefined ? 'N/A' : String(spec.maxUnavailable),
      o.status?.disruptionsAllowed ?? 0,
      age(o.metadata.creationTimestamp, now),
    ];
  },
};
