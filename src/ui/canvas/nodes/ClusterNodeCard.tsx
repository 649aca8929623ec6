import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode, ClusterNodeData } from '../model/flowTypes';
import { Handles } from '../parts/Handles';
import { NodeChaosButton } from '../parts/NodeChaosButton';
import { NodeStatusBadge } from '../parts/NodeStatusBadge';
import { Meter } from '../parts/Meter';

type Props = NodeProps<Extract<CanvasNode, { type: 'clusterNode' }>>;

/** True when the node should offer "node up": its kubelet was stopped, or it stopped reporting. */
export function nodeLooksDown(d: Pick<ClusterNodeData, 'kubeletStopped' | 'readyState'>): boolean {
  return d.kubeletStopped || d.readyState !== 'Ready';
}

/** A cluster Node as a large container; its pods are drawn inside it as separate cards. */
function ClusterNodeCardImpl({ data }: Props) {
  const { t } = useTranslation('canvas');
  const d = data as ClusterNodeData;
  const state = `ready-${d.readyState}${d.cordoned ? ' is-cordoned' : ''}${d.kubeletStopped ? ' is-stopped' : ''}${d.controlPlane ? ' is-cp' : ''}`;
  return (
    <div className={`k-node ${state} emph-${d.emphasis}`} data-kind="Node" data-name={d.name} data-status={d.status}>
      <Handles />
      <header className="k-node-head">
        <span className="k-node-icon" aria-hidden>{d.controlPlane ? '♛' : '▣'}</span>
        <span className="k-node-name" title={d.name}>{d.name}</span>
        {d.controlPlane && <span className="cp-badge">{t('canvas.controlPlane')}</span>}
        <NodeStatusBadge d={d} />
        <span className="k-node-spacer" />
        <NodeChaosButton name={d.name} down={nodeLooksDown(d)} />
      </header>
      <div className="k-node-meters">
        <span className="k-node-pods" title={t('canvas.pods')}>
          <span aria-hidden>◫</span> {d.podCount}/{d.maxPods || '–'}
        </span>
        <Meter label={t('canvas.cpu')} short="CPU" pct={d.cpuPct} />
        <Meter label={t('canvas.memory')} short="MEM" pct={d.memPct} />
      </div>
      <div className="k-node-far" aria-hidden>
        <span className="far-ok">✓{d.ok}</span>
        <span className="far-progress">◔{d.progress}</span>
        <span className="far-bad">✕{d.bad}</span>
      </div>
    </div>
  );
}

export const ClusterNodeCard = memo(ClusterNodeCardImpl);
