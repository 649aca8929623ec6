import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode, IngressData, PvcData, PvData } from '../model/flowTypes';
import { Handles } from '../parts/Handles';
import { KindBadge } from '../parts/KindBadge';

const phaseGlyph = (phase: string) => (phase === 'Bound' ? '✓' : phase === 'Pending' ? '◔' : phase === 'Lost' || phase === 'Failed' ? '✕' : '–');

function IngressCardImpl({ data }: NodeProps<Extract<CanvasNode, { type: 'ingress' }>>) {
  const { t } = useTranslation('canvas');
  const d = data as IngressData;
  return (
    <div className={`k-card k-ingress emph-${d.emphasis}`} data-kind="Ingress" data-name={d.name} data-namespace={d.namespace}>
      <Handles />
      <div className="k-card-top">
        <KindBadge kind="Ingress" />
        <span className="k-card-name" title={d.name}>{d.name}</span>
      </div>
      <div className="k-card-line mono" title={t('canvas.hosts')}>{d.hosts || t('canvas.noHost')}</div>
      <div className="k-card-line">
        {t('canvas.routesTo')} <span className="mono">{d.backends || '–'}</span>
      </div>
    </div>
  );
}

function PvcCardImpl({ data }: NodeProps<Extract<CanvasNode, { type: 'pvc' }>>) {
  const { t } = useTranslation('canvas');
  const d = data as PvcData;
  return (
    <div className={`k-card k-pvc phase-${d.phase} emph-${d.emphasis}`} data-kind="PersistentVolumeClaim" data-name={d.name} data-namespace={d.namespace}>
      <Handles />
      <div className="k-card-top">
        <KindBadge kind="PersistentVolumeClaim" />
        <span className="k-card-name" title={d.name}>{d.name}</span>
      </div>
      <div className="k-card-line">
        <span aria-hidden>{phaseGlyph(d.phase)}</span> {d.phase} <span className="mono">{d.capacity}</span> {d.storageClass && <span className="k-card-ns">{d.storageClass}</span>}
      </div>
      {d.volumeName && (
        <div className="k-card-line">
          {t('canvas.boundTo')} <span className="mono">{d.volumeName}</span>
        </div>
      )}
    </div>
  );
}

function PvCardImpl({ data }: NodeProps<Extract<CanvasNode, { type: 'pv' }>>) {
  const { t } = useTranslation('canvas');
  const d = data as PvData;
  return (
    <div className={`k-card k-pv phase-${d.phase} emph-${d.emphasis}`} data-kind="PersistentVolume" data-name={d.name}>
      <Handles />
      <div className="k-card-top">
        <KindBadge kind="PersistentVolume" />
        <span className="k-card-name" title={d.name}>{d.name}</span>
      </div>
      <div className="k-card-line">
        <span aria-hidden>{phaseGlyph(d.phase)}</span> {d.phase} <span className="mono">{d.capacity}</span>
      </div>
      {d.claim && (
        <div className="k-card-line">
          {t('canvas.claim')} <span className="mono">{d.claim}</span>
        </div>
      )}
    </div>
  );
}

export const IngressCard = memo(IngressCardImpl);
export const PvcCard = memo(PvcCardImpl);
export const PvCard = memo(PvCardImpl);
