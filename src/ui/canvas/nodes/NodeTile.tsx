import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode, NodeTileData } from '../model/flowTypes';
import { GEOMETRY } from '../model/geometry';
import { Handles } from '../parts/Handles';
import { NodeChaosButton } from '../parts/NodeChaosButton';
import { PodCells } from '../parts/PodCells';
import { nodeLooksDown } from './ClusterNodeCard';

type Props = NodeProps<Extract<CanvasNode, { type: 'nodeTile' }>>;

/** A node in the compact view: header, then its pods as cells. */
function NodeTileImpl({ data }: Props) {
  const { t } = useTranslation('canvas');
  const d = data as NodeTileData;
  const icon = d.readyState === 'Ready' ? '✓' : d.readyState === 'NotReady' ? '✕' : '?';
  return (
    <div
      className={`k-tile ready-${d.readyState}${d.cordoned ? ' is-cordoned' : ''}${d.kubeletStopped ? ' is-stopped' : ''} emph-${d.emphasis}`}
      data-kind="Node"
      data-name={d.name}
      data-status={d.status}
    >
      <Handles />
      <header className="k-tile-head">
        <span className={`node-status ready-${d.readyState}`} title={d.status}>
          <span aria-hidden>{icon}</span>
        </span>
        {d.cordoned && <span className="node-status cordoned" title="SchedulingDisabled" aria-label="SchedulingDisabled">⊘</span>}
        {d.kubeletStopped && <span className="node-status stopped" title={t('canvas.kubeletStopped')} aria-label={t('canvas.kubeletStopped')}>⊗</span>}
        <span className="k-tile-name" title={`${d.name} — ${d.status}`}>{d.name}</span>
        <span className="k-tile-count">{d.podCount}</span>
        <NodeChaosButton name={d.name} down={nodeLooksDown(d)} />
      </header>
      <PodCells cells={d.cells} cols={d.cols} top={GEOMETRY.compact.header} />
    </div>
  );
}

export const NodeTile = memo(NodeTileImpl);
