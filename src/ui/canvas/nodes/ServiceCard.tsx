import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode, ServiceData } from '../model/flowTypes';
import { Handles } from '../parts/Handles';
import { KindBadge } from '../parts/KindBadge';

type Props = NodeProps<Extract<CanvasNode, { type: 'service' }>>;

/** How the endpoints read at a glance: all ready, some, or none (glyph and words, not colour alone). */
export function endpointsTone(ready: number, total: number): 'all-ready' | 'some-ready' | 'none-ready' {
  if (total > 0 && ready === total) return 'all-ready';
  return ready > 0 ? 'some-ready' : 'none-ready';
}

const GLYPH = { 'all-ready': '✓', 'some-ready': '◐', 'none-ready': '○' } as const;

/**
 * A Service: type, ClusterIP and ports (kubectl's columns), its external address when it has one,
 * and its endpoints as the EndpointSlices list them: ready / all, and how many are terminating.
 */
function ServiceCardImpl({ data }: Props) {
  const { t } = useTranslation('canvas');
  const d = data as ServiceData;
  const tone = endpointsTone(d.ready, d.total);
  return (
    <div
      className={`k-card k-service emph-${d.emphasis}`}
      data-kind="Service"
      data-name={d.name}
      data-namespace={d.namespace}
      data-endpoints-ready={d.ready}
      data-endpoints-total={d.total}
    >
      <Handles />
      <div className="k-card-top">
        <KindBadge kind="Service" />
        <span className="k-card-name" title={d.name}>{d.name}</span>
        <span className="k-card-type">{d.type}</span>
      </div>
      <div className="k-card-line mono" title={`CLUSTER-IP ${d.clusterIP}  PORT(S) ${d.ports}`}>
        {d.clusterIP} {d.ports}
      </div>
      {d.external && (
        <div className="k-card-line mono svc-external" title={`EXTERNAL-IP ${d.external}`}>
          <span aria-hidden>⇄</span> {d.external}
        </div>
      )}
      <div className={`k-card-line endpoints ${tone}`}>
        <span aria-hidden>{GLYPH[tone]}</span> {t('canvas.endpoints', { ready: d.ready, total: d.total })}
        {d.terminating > 0 && <span className="svc-terminating">· {t('canvas.terminatingEndpoints', { count: d.terminating })}</span>}
      </div>
    </div>
  );
}

export const ServiceCard = memo(ServiceCardImpl);
