import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode, ServiceData } from '../model/flowTypes';
import { Handles } from '../parts/Handles';
import { KindBadge } from '../parts/KindBadge';

type Props = NodeProps<Extract<CanvasNode, { type: 'service' }>>;

function ServiceCardImpl({ data }: Props) {
  const { t } = useTranslation('canvas');
  const d = data as ServiceData;
  const all = d.selectedCount > 0 && d.readyCount === d.selectedCount;
  return (
    <div className={`k-card k-service emph-${d.emphasis}`} data-kind="Service" data-name={d.name} data-namespace={d.namespace}>
      <Handles />
      <div className="k-card-top">
        <KindBadge kind="Service" />
        <span className="k-card-name" title={d.name}>{d.name}</span>
        <span className="k-card-type">{d.type}</span>
      </div>
      <div className="k-card-line mono">
        {d.clusterIP} {d.ports}
      </div>
      <div className={`k-card-line endpoints ${all ? 'all-ready' : d.readyCount ? 'some-ready' : 'none-ready'}`}>
        <span aria-hidden>{all ? '✓' : d.readyCount ? '◐' : '○'}</span> {t('canvas.endpoints', { ready: d.readyCount, total: d.selectedCount })}
      </div>
    </div>
  );
}

export const ServiceCard = memo(ServiceCardImpl);
