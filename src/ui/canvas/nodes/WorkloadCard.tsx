import { memo, type CSSProperties } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode, WorkloadData } from '../model/flowTypes';
import { revisionColor } from '../model/revision';
import { Handles } from '../parts/Handles';
import { KindBadge } from '../parts/KindBadge';
import { RevisionTag } from '../parts/RevisionTag';

type Props = NodeProps<Extract<CanvasNode, { type: 'workload' }>>;

const TONE_GLYPH = { ok: '✓', progress: '◔', bad: '✕', muted: '–' } as const;

/** A Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or CronJob with kubectl's READY and a few columns. */
function WorkloadCardImpl({ data }: Props) {
  const { t } = useTranslation('canvas');
  const d = data as WorkloadData;
  const style = { '--rev': revisionColor(d.kind === 'ReplicaSet' ? d.revision : undefined) ?? 'transparent' } as CSSProperties;
  return (
    <div
      className={`k-card k-workload wl-${d.tone}${d.child ? ' is-child' : ''}${d.newest === false ? ' rev-old' : ''} emph-${d.emphasis}`}
      style={style}
      data-kind={d.kind}
      data-name={d.name}
      data-namespace={d.namespace}
    >
      <Handles bottom={d.hasChildren} />
      <div className="k-card-top">
        <KindBadge kind={d.kind} />
        <span className="k-card-name" title={d.name}>{d.name}</span>
        {d.kind === 'ReplicaSet' && d.revision !== undefined && <RevisionTag revision={d.revision} newest={d.newest} />}
      </div>
      <div className="k-card-line">
        <span className={`wl-tone wl-${d.tone}`} aria-hidden>{TONE_GLYPH[d.tone]}</span>
        <span className="k-card-ready" title="READY">{d.ready}</span>
        {d.namespace !== 'default' && <span className="k-card-ns">{d.namespace}</span>}
        {d.kind === 'ReplicaSet' && d.newest !== undefined && <span className="k-card-ns">{d.newest ? t('canvas.newest') : t('canvas.old')}</span>}
      </div>
      {!d.child && <div className="k-card-detail">{d.detail}</div>}
    </div>
  );
}

export const WorkloadCard = memo(WorkloadCardImpl);
