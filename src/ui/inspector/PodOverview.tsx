import type { ReactNode } from 'react';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { useTranslation } from 'react-i18next';
import { podRowStatus } from '../../engine/kubectl/printers/podStatus';
import { podView } from '../canvas/model/podView';
import { ToneIcon } from '../canvas/parts/ToneIcon';
import { useChaos } from '../canvas/parts/useChaos';
import { usePlaygroundStore } from '../StoreContext';
import { Facts } from './Facts';
import { SchedulingVerdicts } from './SchedulingVerdicts';
import type { DecisionLike } from './inspect';

function stateText(s: ContainerStatus): string {
  if (s.state?.running) return 'Running';
  if (s.state?.waiting) return `Waiting: ${s.state.waiting.reason ?? ''}`;
  if (s.state?.terminated) return `Terminated: ${s.state.terminated.reason ?? ''} (exit ${s.state.terminated.exitCode})`;
  return '';
}

function lastDecision(cluster: unknown, ns: string, name: string): DecisionLike | undefined {
  // The scheduler remembers its latest decision per pod (a read-only lookup).
  const sched = (cluster as { controlPlane?: { scheduler?: { lastDecision?: (ns: string, n: string) => DecisionLike | undefined } } }).controlPlane?.scheduler;
  return typeof sched?.lastDecision === 'function' ? sched.lastDecision(ns, name) : undefined;
}

export function PodOverview({ pod, now, network }: { pod: Pod; now: number; network?: ReactNode }) {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const chaos = useChaos();
  const row = podRowStatus(pod, now);
  const view = podView(pod);
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller);
  const decision = lastDecision(store.driver().cluster, view.namespace, view.name);
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  return (
    <>
      <div className="insp-status-line">
        <ToneIcon tone={view.tone} label={t(`tone.${view.tone}`)} />
        <span className="insp-big mono-cell" data-testid="inspector-status">{row.status}</span>
        {view.node && !view.deletion && view.tone !== 'done' && (
          <button type="button" className="chaos-btn chaos-down" data-testid="inspector-kill-pod" title={t('canvas.killPodTitle', { name: view.name })} onClick={() => chaos.killPod(view.name, view.namespace)}>
            <span aria-hidden>⚡</span> {t('canvas.killPod')}
          </button>
        )}
      </div>
      <Facts
        rows={[
          ['READY', row.ready],
          ['RESTARTS', row.restarts],
          ['NODE', view.node || '<none>'],
          ['IP', pod.status?.podIP ?? '<none>'],
          ['QoS Class', pod.status?.qosClass ?? ''],
          ['Controlled By', owner ? `${owner.kind}/${owner.name}` : ''],
        ]}
      />
      {statuses.length > 0 && (
        <section>
          <h3>{t('inspector.containers')}</h3>
          <table className="insp-table">
            <thead>
              <tr>
                <th>{t('inspector.columns.name')}</th>
                <th>{t('inspector.state')}</th>
                <th>{t('inspector.columns.ready')}</th>
                <th>{t('inspector.columns.restarts')}</th>
              </tr>
            </thead>
            <tbody>
              {statuses.map((s) => (
                <tr key={s.name} title={s.image}>
                  <td className="mono-cell">{s.name}</td>
                  <td>{stateText(s)}</td>
                  <td>{s.ready ? '✓ true' : '✕ false'}</td>
                  <td className="mono-cell">{s.restartCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {network}
      <section>
        <h3 title={t('inspector.schedulingWhy')}>{t('inspector.scheduling')}</h3>
        <SchedulingVerdicts decision={decision} />
      </section>
    </>
  );
}
