import { memo, type CSSProperties } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode, PodCardData } from '../model/flowTypes';
import { revisionColor } from '../model/revision';
import { Handles } from '../parts/Handles';
import { ToneIcon } from '../parts/ToneIcon';
import { useChaos } from '../parts/useChaos';
import { RevisionTag } from '../parts/RevisionTag';
import { shortPodName } from '../model/names';
import { ServedBadge } from '../traffic/ServedBadge';
import { useServed, usePodClientUrls } from '../traffic/TrafficCountersContext';
import { SendIcon } from '../traffic/TrafficIcons';

type Props = NodeProps<Extract<CanvasNode, { type: 'pod' }>>;

/**
 * One pod: name, the STATUS column, READY n/m, restarts, its rollout revision (colour strip and
 * label), an image-pull bar while ContainerCreating, and a fade over its grace period.
 */
function PodCardImpl({ data }: Props) {
  const { t } = useTranslation('canvas');
  const chaos = useChaos();
  const { view, revision, newest, pull, fade, backend, emphasis } = data as PodCardData;
  const style = { '--rev': revisionColor(revision) ?? 'transparent', opacity: view.deletion ? 1 - 0.65 * fade : undefined } as CSSProperties;
  const killable = view.node !== '' && !view.deletion && view.tone !== 'done';
  const key = `${view.namespace}/${view.name}`;
  const served = useServed(key);
  const sends = usePodClientUrls(key);
  return (
    <div
      className={`pod-card tone-${view.tone} emph-${emphasis}${revision ? ' has-rev' : ''}${newest === false ? ' rev-old' : ''}${sends ? ' is-client' : ''}`}
      style={style}
      data-kind="Pod"
      data-name={view.name}
      data-namespace={view.namespace}
      data-status={view.status}
      data-node={view.node}
      data-ready={view.ready}
      data-served={served}
      data-revision={revision}
    >
      <Handles />
      <div className="pod-top">
        <ToneIcon tone={view.tone} label={t(`tone.${view.tone}`)} />
        <span className="pod-name" title={view.namespace === 'default' ? view.name : `${view.namespace}/${view.name}`}>
          {shortPodName(view.name)}
        </span>
        {sends && (
          <span className="pod-sends" title={t('traffic.sends', { urls: sends })} aria-label={t('traffic.sends', { urls: sends })}>
            <SendIcon />
          </span>
        )}
        {revision !== undefined && <RevisionTag revision={revision} newest={newest} />}
      </div>
      <div className="pod-line">
        <span className="pod-status">{view.status}</span>
        <span className="pod-ready" title="READY">{view.ready}</span>
        {(backend || served > 0) && <ServedBadge pod={key} served={served} />}
        {view.restarts > 0 && (
          <span className="pod-restarts" title={t('canvas.restarts', { count: view.restarts })}>
            <span aria-hidden>↻</span>
            {view.restarts}
          </span>
        )}
        {killable && (
          <button
            type="button"
            className="pod-kill nodrag nopan"
            data-testid="kill-pod"
            title={t('canvas.killPodTitle', { name: view.name })}
            aria-label={t('canvas.killPodTitle', { name: view.name })}
            onClick={(e) => {
              e.stopPropagation();
              chaos.killPod(view.name, view.namespace);
            }}
          >
            <span aria-hidden>⚡</span>
          </button>
        )}
      </div>
      {pull !== undefined && (
        <div
          className={`pull-bar${pull === null ? ' indeterminate' : ''}`}
          role="progressbar"
          aria-label={t('canvas.pulling')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pull === null ? undefined : Math.round(pull * 100)}
          title={pull === null ? t('canvas.pulling') : t('canvas.pullingPct', { pct: Math.round(pull * 100) })}
        >
          <div className="pull-fill" style={pull === null ? undefined : { width: `${Math.round(pull * 100)}%` }} />
        </div>
      )}
    </div>
  );
}

export const PodCard = memo(PodCardImpl);
