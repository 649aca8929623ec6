import { useTranslation } from 'react-i18next';
import type { KObject } from '../../engine/api/object';
import type { ClusterSnapshot } from '../../store/snapshot';
import { usePlaygroundStore } from '../StoreContext';
import { DnsNames } from './DnsNames';
import { Facts } from './Facts';
import { serviceNetwork } from './networkView';

/**
 * A Service on the network: type and addresses (ClusterIP, the load balancer's, ExternalName),
 * ports (port → targetPort, nodePort), its endpoints from the EndpointSlices (ready, serving,
 * terminating) and the DNS names CoreDNS answers for it.
 */
export function ServiceOverview({ svc, snap }: { svc: KObject; snap: ClusterSnapshot }) {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const n = serviceNetwork(snap, svc, store.driver().cluster.config.clusterDomain);
  const ns = svc.metadata.namespace ?? 'default';
  const sel = Object.entries((svc.spec?.selector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
  const lb = n.loadBalancer === 'pending' ? '<pending>' : n.loadBalancer?.addresses.join(', ');
  return (
    <>
      <Facts
        rows={[
          ['TYPE', n.type],
          ['CLUSTER-IP', n.headless ? 'None (headless)' : n.clusterIPs.join(', ')],
          ['EXTERNAL-IP', n.externalIP],
          ['LoadBalancer Ingress', lb],
          ['SELECTOR', sel || '<none>'],
          ['Session Affinity', n.sessionAffinity],
          ['External Traffic Policy', n.externalTrafficPolicy],
          ['Internal Traffic Policy', n.internalTrafficPolicy],
        ]}
      />
      {n.ports.length > 0 && (
        <section>
          <h3>{t('inspector.ports')}</h3>
          <table className="insp-table" data-testid="service-ports">
            <thead>
              <tr>
                <th>{t('inspector.columns.name')}</th>
                <th>port → targetPort</th>
                <th>nodePort</th>
              </tr>
            </thead>
            <tbody>
              {n.ports.map((p) => (
                <tr key={`${p.port}/${p.protocol}`}>
                  <td className="mono-cell">{p.name || '<unset>'}</td>
                  <td className="mono-cell">
                    {p.port}/{p.protocol} → {p.targetPort}
                  </td>
                  <td className="mono-cell">{p.nodePort ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section>
        <h3>
          {t('inspector.endpoints')} <span className="insp-dim">{t('inspector.endpointCounts', n.counts)}</span>
        </h3>
        {n.endpoints.length === 0 && n.notEndpoints.length === 0 ? (
          <p className="insp-dim">{n.type === 'ExternalName' ? t('inspector.externalNameNoEndpoints') : t('inspector.noEndpoints')}</p>
        ) : (
          <ul className="insp-list" data-testid="service-endpoints">
            {n.endpoints.map((r) => {
              const state = r.ready ? 'ready' : r.terminating ? 'terminating' : 'notReady';
              return (
                <li key={`${r.slice}/${r.pod || r.ip}`} className={`ep-${state}`} data-ready={r.ready} data-serving={r.serving} data-terminating={r.terminating} data-pod={r.pod}>
                  <button type="button" className="insp-link" disabled={!r.pod} onClick={() => store.getState().select({ kind: 'Pod', namespace: ns, name: r.pod })}>
                    <span aria-hidden className="ep-glyph">{r.ready ? '✓' : r.terminating ? '↓' : '◌'}</span>
                    <span className="ep-text">
                      <span className="mono-cell ep-name">{r.pod || r.ip}</span>
                      <span className="insp-dim">
                        {r.pod ? `${r.ip} · ` : ''}
                        {r.node ? `${r.node} · ` : ''}
                        {t(`inspector.endpointState.${state}`)}
                        {r.terminating && r.serving ? ` · ${t('inspector.endpointState.serving')}` : ''}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
            {n.notEndpoints.map((pod) => (
              <li key={`pod/${pod}`} className="ep-notReady" data-ready="false" data-pod={pod}>
                <button type="button" className="insp-link" onClick={() => store.getState().select({ kind: 'Pod', namespace: ns, name: pod })}>
                  <span aria-hidden className="ep-glyph">◌</span>
                  <span className="ep-text">
                    <span className="mono-cell ep-name">{pod}</span>
                    <span className="insp-dim">{t('inspector.endpointState.noAddress')}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {n.dns.length > 0 && (
        <section>
          <h3>{t('inspector.dnsNames')}</h3>
          <DnsNames names={n.dns} testId="service-dns" />
          <p className="insp-dim insp-note">{t(n.headless ? 'inspector.dnsHeadlessNote' : 'inspector.dnsShortNote', { name: svc.metadata.name, namespace: ns })}</p>
        </section>
      )}
    </>
  );
}
