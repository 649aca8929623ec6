import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlayground } from '../StoreContext';
import { ConfirmDialog } from '../notice/ConfirmDialog';
import { Popover } from './Popover';
import { ChevronIcon, NodesIcon } from './icons';
import { clampWorkers, MAX_WORKERS, parseSeed } from './clusterSettings';

/** The cluster's shape: how many worker nodes, and the seed its random choices follow. */
export function ClusterMenu() {
  const { t } = useTranslation();
  const workers = usePlayground((s) => s.workers);
  const seed = usePlayground((s) => s.seed);
  const resetCluster = usePlayground((s) => s.resetCluster);
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [draftWorkers, setDraftWorkers] = useState(String(workers));
  const [draftSeed, setDraftSeed] = useState(String(seed));
  const onOpenChange = useCallback((o: boolean) => setOpen(o), []);

  return (
    <>
      <Popover
        open={open}
        onOpenChange={onOpenChange}
        onOpen={() => {
          setDraftWorkers(String(workers));
          setDraftSeed(String(seed));
        }}
        testId="cluster-menu"
        align="end"
        title={t('cluster.hint')}
        label={
          <>
            <NodesIcon /> {t('cluster.button', { count: workers })} <ChevronIcon />
          </>
        }
        panelLabel={t('cluster.title')}
      >
        <form
          className="cluster-form"
          onSubmit={(e) => {
            e.preventDefault();
            setOpen(false);
            setConfirming(true);
          }}
        >
          <label className="field">
            <span className="field-label">{t('cluster.workers')}</span>
            <input className="text-input" type="number" min={1} max={MAX_WORKERS} step={1} required value={draftWorkers} onChange={(e) => setDraftWorkers(e.target.value)} data-testid="cluster-workers" />
          </label>
          <label className="field">
            <span className="field-label">{t('cluster.seed')}</span>
            <input className="text-input" type="number" step={1} required value={draftSeed} onChange={(e) => setDraftSeed(e.target.value)} data-testid="cluster-seed" />
          </label>
          <p className="field-help">{t('cluster.explain')}</p>
          <button type="submit" className="btn btn-danger" data-testid="cluster-reset">
            {t('cluster.reset')}
          </button>
        </form>
      </Popover>
      <ConfirmDialog
        open={confirming}
        testId="confirm-reset"
        danger
        title={t('cluster.confirmTitle')}
        body={t('cluster.confirmBody', { workers: clampWorkers(draftWorkers, workers), seed: parseSeed(draftSeed, seed) })}
        confirmLabel={t('cluster.reset')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          resetCluster({ workers: clampWorkers(draftWorkers, workers), seed: parseSeed(draftSeed, seed) });
        }}
      />
    </>
  );
}
