import type { Pod } from 'kubernetes-types/core/v1';
import { useTranslation } from 'react-i18next';
import type { KObject } from '../../engine/api/object';
import type { ClusterSnapshot } from '../../store/snapshot';
import { ConditionsTable } from './ConditionsTable';
import { Facts } from './Facts';
import { NodeOverview } from './NodeOverview';
import { PodOverview } from './PodOverview';
import { ServiceOverview } from './ServiceOverview';
import { IngressOverview } from './IngressOverview';
import { PodNetwork } from './PodNetwork';

/** spec.replicas and the scalar status fields (readyReplicas, phase, …) as kubectl names them. */
function statusFacts(obj: KObject): [string, string | number | undefined][] {
  const out: [string, string | number | undefined][] = [];
  if (typeof obj.spec?.replicas === 'number') out.push(['spec.replicas', obj.spec.replicas]);
  for (const [k, v] of Object.entries(obj.status ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push([`status.${k}`, String(v)]);
  }
  return out;
}

export function OverviewTab({ obj, snap, kubeletStopped }: { obj: KObject; snap: ClusterSnapshot; kubeletStopped: (node: string) => boolean }) {
  const { t } = useTranslation('canvas');
  const now = snap.time;
  let body;
  if (obj.kind === 'Pod')
    body = <PodOverview pod={obj as Pod} now={now} network={<PodNetwork pod={obj as Pod} snap={snap} />} />;
  else if (obj.kind === 'Node') body = <NodeOverview node={obj} pods={snap.byKind.get('Pod') ?? []} kubeletStopped={kubeletStopped(obj.metadata.name!)} />;
  else if (obj.kind === 'Service') body = <ServiceOverview svc={obj} snap={snap} />;
  else if (obj.kind === 'Ingress') body = <IngressOverview ing={obj} />;
  else body = <Facts rows={statusFacts(obj)} />;
  return (
    <div className="insp-overview">
      {body}
      {obj.kind !== 'Service' && obj.kind !== 'Ingress' && (
        <section>
          <h3>{t('inspector.conditions')}</h3>
          <ConditionsTable conditions={obj.status?.conditions} now={now} />
        </section>
      )}
    </div>
  );
}
