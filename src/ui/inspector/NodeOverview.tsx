import type { Pod } from 'kubernetes-types/core/v1';
import { useTranslation } from 'react-i18next';
import type { KObject } from '../../engine/api/object';
import { nodeRoles, nodeStatus } from '../../engine/kubectl/printers/tablesCore';
import { podView } from '../canvas/model/podView';
import { NodeChaosButton } from '../canvas/parts/NodeChaosButton';
import { ToneIcon } from '../canvas/parts/ToneIcon';
import { usePlaygroundStore } from '../StoreContext';
import { Facts } from './Facts';

export function NodeOverview({ node, pods, kubeletStopped }: { node: KObject; pods: readonly KObject[]; kubeletStopped: boolean }) {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const status = nodeStatus(node);
  const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready')?.status === 'True';
  const alloc = node.status?.allocatable ?? {};
  const taints: { key: string; value?: string; effect: string }[] = node.spec?.taints ?? [];
  const here = pods.filter((p) => p.spec?.nodeName === node.metadata.name).map((p) => podView(p as Pod));
  return (
    <>
      <div className="insp-status-line">
        <span className={`node-status ${ready ? 'ready-Ready' : 'ready-NotReady'}`}>
          <span aria-hidden>{ready ? '✓' : '✕'}</span> {status}
        </span>
        {kubeletStopped && <span className="node-status stopped">{t('canvas.kubeletStopped')}</span>}
        <NodeChaosButton name={node.metadata.name!} down={kubeletStopped || !ready} />
      </div>
      <Facts
        rows={[
          ['ROLES', nodeRoles(node).join(',') || '<none>'],
          ['CPU', alloc.cpu],
          ['MEMORY', alloc.memory],
          ['PODS', alloc.pods],
          ['Taints', taints.map((x) => `${x.key}${x.value ? `=${x.value}` : ''}:${x.effect}`).join(', ') || '<none>'],
        ]}
      />
      <section>
        <h3>{t('inspector.pods')} ({here.length})</h3>
        {here.length === 0 ? (
          <p className="insp-dim">{t('inspector.noPods')}</p>
        ) : (
          <ul className="insp-list">
            {here.slice(0, 200).map((v) => (
              <li key={v.uid}>
                <button type="button" className="insp-link" onClick={() => store.getState().select({ kind: 'Pod', namespace: v.namespace, name: v.name })}>
                  <ToneIcon tone={v.tone} /> <span className="mono-cell">{v.namespace}/{v.name}</span> <span className="insp-dim">{v.status}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
