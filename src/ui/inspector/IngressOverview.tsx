import { useTranslation } from 'react-i18next';
import type { KObject } from '../../engine/api/object';
import { Facts } from './Facts';
import { ingressNetwork } from './networkView';

/** An Ingress: its class, address, rules (host, path, pathType → service:port), default backend and TLS. */
export function IngressOverview({ ing }: { ing: KObject }) {
  const { t } = useTranslation('canvas');
  const n = ingressNetwork(ing);
  return (
    <>
      <Facts
        rows={[
          ['CLASS', n.className || '<none>'],
          ['ADDRESS', n.address || '<pending>'],
          ['Default backend', n.defaultBackend],
          ['TLS', n.tls.map((x) => `${x.hosts} (${x.secret})`).join('; ')],
        ]}
      />
      <section>
        <h3>{t('inspector.rules')}</h3>
        {n.rules.length === 0 ? (
          <p className="insp-dim">{t('inspector.noRules')}</p>
        ) : (
          <table className="insp-table" data-testid="ingress-rules">
            <thead>
              <tr>
                <th>{t('inspector.columns.host')}</th>
                <th>{t('inspector.columns.path')}</th>
                <th>{t('inspector.columns.backend')}</th>
              </tr>
            </thead>
            <tbody>
              {n.rules.map((r, i) => (
                <tr key={i}>
                  <td className="mono-cell">{r.host}</td>
                  <td className="mono-cell">
                    {r.path} <span className="insp-dim">({r.pathType})</span>
                  </td>
                  <td className="mono-cell">→ {r.backend}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="insp-dim insp-note">{t('inspector.ingressNote')}</p>
      </section>
    </>
  );
}
