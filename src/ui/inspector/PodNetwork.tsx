import type { Pod } from 'kubernetes-types/core/v1';
import { useTranslation } from 'react-i18next';
import { resolvConf } from '../../engine/network/dns';
import type { ClusterSnapshot } from '../../store/snapshot';
import { formatRate } from '../canvas/traffic/counters';
import { useThrottled } from '../canvas/traffic/useThrottled';
import { usePlayground, usePlaygroundStore } from '../StoreContext';
import { DnsNames } from './DnsNames';
import { discoveryVars, podNetwork, podTraffic } from './networkView';

/**
 * A pod on the network: its DNS names, what traffic clients got from it, and per container the
 * Service variables the kubelet set when it started the container (Services created later are
 * not there, as upstream), with its resolv.conf.
 */
export function PodNetwork({ pod, snap }: { pod: Pod; snap: ClusterSnapshot }) {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const cluster = store.driver().cluster;
  const domain = cluster.config.clusterDomain;
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const n = podNetwork(snap, pod, domain);
  // Counting the traffic costs: a few times a second while the clock runs, exact when it stops.
  const playing = usePlayground((s) => s.playing);
  const traffic = podTraffic(useThrottled(snap, playing ? 250 : 0), ns, name);
  const containers = pod.spec?.containers ?? [];
  return (
    <section data-testid="pod-network">
      <h3>{t('inspector.network')}</h3>
      {traffic && (
        <p className="insp-traffic" data-testid="pod-served" data-served={traffic.served}>
          {t('traffic.served', { count: traffic.served, rate: formatRate(traffic.rps) })}
        </p>
      )}
      {n.dns.length > 0 ? <DnsNames names={n.dns} testId="pod-dns" /> : <p className="insp-dim">{t('inspector.noPodIP')}</p>}
      <h3>{t('inspector.discovery')}</h3>
      {containers.map((c) => {
        const env = cluster.controlPlane.nodes.containerEnv(ns, name, c.name);
        const vars = env ? discoveryVars(env) : undefined;
        return (
          <div key={c.name} className="insp-env" data-container={c.name}>
            {containers.length > 1 && <div className="mono-cell insp-dim">{c.name}</div>}
            {!vars ? (
              <p className="insp-dim">{t('inspector.envNotRunning')}</p>
            ) : vars.length === 0 ? (
              <p className="insp-dim">{t('inspector.envNone')}</p>
            ) : (
              <pre className="insp-pre insp-env-vars" data-testid="pod-env">
                {vars.map(([k, v]) => `${k}=${v}`).join('\n')}
              </pre>
            )}
          </div>
        );
      })}
      <details className="insp-details">
        <summary>/etc/resolv.conf</summary>
        <pre className="insp-pre">{resolvConf(pod, domain)}</pre>
      </details>
    </section>
  );
}
