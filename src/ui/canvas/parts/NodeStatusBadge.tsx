import { useTranslation } from 'react-i18next';
import type { ClusterNodeData } from '../model/flowTypes';

/**
 * A node's STATUS as kubectl prints it, with an icon: ✓ Ready, ✕ NotReady, ? not reporting,
 * ⊘ SchedulingDisabled (cordoned) — shape and text, not colour alone.
 */
export function NodeStatusBadge({ d }: { d: Pick<ClusterNodeData, 'status' | 'readyState' | 'cordoned' | 'kubeletStopped'> }) {
  const { t } = useTranslation('canvas');
  const icon = d.readyState === 'Ready' ? '✓' : d.readyState === 'NotReady' ? '✕' : '?';
  return (
    <span className="node-status-badges">
      <span className={`node-status ready-${d.readyState}`} title={t(`node.${d.readyState === 'Ready' ? 'ready' : d.readyState === 'NotReady' ? 'notReady' : 'unknown'}`)}>
        <span aria-hidden>{icon}</span> {d.status.split(',')[0]}
      </span>
      {d.cordoned && (
        <span className="node-status cordoned" title={t('canvas.cordoned')}>
          <span aria-hidden>⊘</span> SchedulingDisabled
        </span>
      )}
      {d.kubeletStopped && (
        <span className="node-status stopped">
          <span aria-hidden>⊗</span> {t('canvas.kubeletStopped')}
        </span>
      )}
    </span>
  );
}
