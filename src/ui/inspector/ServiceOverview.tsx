import { useTranslation } from 'react-i18next';
import type { KObject } from '../../engine/api/object';
import { servicePorts } from '../../engine/kubectl/printers/tablesCore';
import type { ClusterSnapshot } from '../../store/snapshot';
import { usePlaygroundStore } from '../StoreContext';
import { Facts } from './Facts';
import { serviceEndpoints } from './inspect';

export function ServiceOverview({ svc, snap }: { svc: KObject; snap: ClusterSnapshot }) {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const rows = serviceEndpoints(snap, svc);
  const sel = Object.entries((svc.spec?.selector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
  return (
    <>
      <Facts
        rows={[
          ['TYPE', svc.spec?.type ?? 'ClusterIP'],
          ['CLUSTER-IP', svc.spec?.clusterIP],
          ['PORT(S)', servicePorts(svc)],
          ['SELECTOR', sel || '<none>'],
        ]}
      />
      <section>
        <h3>{t('inspector.endpoints')}</h3>
        {rows.length === 0 ? (
          <p className="insp-dim">{t('inspector.noEndpoints')}</p>
        ) : (
          <ul className="insp-list" data-testid="service-endpoints">
            {rows.map((r) => (
              <li key={r.pod || r.ip} className={r.ready ? 'ep-ready' : 'ep-notready'} data-ready={r.ready}>
                <button type="button" className="insp-link" disabled={!r.pod} onClick={() => store.getState().select({ kind: 'Pod', namespace: svc.metadata.namespace, name: r.pod })}>
                  <span aria-hidden>{r.ready ? '✓' : '◌'}</span> <span className="mono-cell">{r.pod || r.ip}</span>
                  <span className="insp-dim">
                    {r.ip} {r.node} · {r.ready ? t('inspector.readyEndpoint') : t('inspector.notReadyEndpoint')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
