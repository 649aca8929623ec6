import './parts.css';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useChaos } from './useChaos';

/** Stops or restarts a node's kubelet; which one depends on whether it is running. */
function NodeChaosButtonImpl({ name, down }: { name: string; down: boolean }) {
  const { t } = useTranslation('canvas');
  const chaos = useChaos();
  return down ? (
    <button
      type="button"
      className="chaos-btn chaos-up nodrag nopan"
      data-testid="node-up"
      title={t('canvas.nodeUpTitle', { name })}
      onClick={(e) => {
        e.stopPropagation();
        chaos.nodeUp(name);
      }}
    >
      <span aria-hidden>⇡</span> {t('canvas.nodeUp')}
    </button>
  ) : (
    <button
      type="button"
      className="chaos-btn chaos-down nodrag nopan"
      data-testid="node-down"
      title={t('canvas.nodeDownTitle', { name })}
      onClick={(e) => {
        e.stopPropagation();
        chaos.nodeDown(name);
      }}
    >
      <span aria-hidden>⚡</span> {t('canvas.nodeDown')}
    </button>
  );
}

/** Memoised: a node's tile redraws whenever one of its pods changes, its button only when the node does. */
export const NodeChaosButton = memo(NodeChaosButtonImpl);
