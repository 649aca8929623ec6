import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runCommand } from '../../engine/kubectl/run';
import type { ObjectRef } from '../../store/playgroundStore';
import { usePlaygroundStore } from '../StoreContext';
import { describeCommand } from './inspect';

/**
 * `kubectl describe` of the object, run straight against the engine (not through the store's
 * runCommand, so it is not recorded as a scenario step). Refreshes when the cluster changes.
 */
export function DescribeTab({ target, version }: { target: ObjectRef; version: number }) {
  const { t } = useTranslation('canvas');
  const store = usePlaygroundStore();
  const [nonce, setNonce] = useState(0);
  const line = describeCommand(target);
  const out = useMemo(() => {
    try {
      return runCommand({ cluster: store.driver().cluster, readFile: () => undefined }, line);
    } catch (e) {
      return { exitCode: 1, output: e instanceof Error ? e.message : String(e) };
    }
    // version and nonce are the cues to run it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, line, version, nonce]);
  return (
    <div className="insp-describe">
      <div className="insp-describe-bar">
        <code>$ kubectl {line}</code>
        <button type="button" className="insp-btn" onClick={() => setNonce(nonce + 1)}>
          {t('inspector.refresh')}
        </button>
      </div>
      {out.exitCode !== 0 && <p className="insp-dim">{t('inspector.describeFailed')}</p>}
      <pre className="insp-pre" data-testid="describe-output">{out.output}</pre>
    </div>
  );
}
