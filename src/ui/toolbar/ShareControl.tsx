import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlayground, usePlaygroundStore } from '../StoreContext';
import { useEditorSession } from '../editor/EditorSession';
import { Popover } from './Popover';
import { LinkIcon } from './icons';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * A link to this exact scenario (manifests, cluster, every step at its time), encoded in the
 * URL's hash: nothing leaves the browser.
 */
export function ShareControl() {
  const { t } = useTranslation();
  const store = usePlaygroundStore();
  const session = useEditorSession();
  const url = usePlayground((s) => s.shareUrl);
  const [open, setOpen] = useState(false);
  const [copy, setCopy] = useState<CopyState>('idle');
  const inputRef = useRef<HTMLInputElement>(null);
  const onOpenChange = useCallback((o: boolean) => setOpen(o), []);

  const makeLink = () => {
    session.flush();
    store.getState().share(window.location.href);
    setCopy('idle');
    requestAnimationFrame(() => inputRef.current?.select());
  };

  const copyLink = async () => {
    if (!url) return;
    inputRef.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setCopy('copied');
    } catch {
      setCopy(document.execCommand?.('copy') ? 'copied' : 'failed');
    }
  };

  return (
    <Popover
      open={open}
      onOpenChange={onOpenChange}
      onOpen={makeLink}
      testId="share"
      align="end"
      title={t('share.hint')}
      label={
        <>
          <LinkIcon /> {t('share.button')}
        </>
      }
      panelLabel={t('share.title')}
    >
      <div className="share-panel">
        <label className="field-label" htmlFor="share-url">
          {t('share.title')}
        </label>
        <div className="share-row">
          <input id="share-url" ref={inputRef} className="text-input share-url" data-testid="share-url" readOnly value={url ?? ''} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
          <button type="button" className="btn btn-primary" onClick={() => void copyLink()} data-testid="share-copy">
            {copy === 'copied' ? t('share.copied') : t('share.copy')}
          </button>
        </div>
        <p className="field-help" role="status">
          {copy === 'failed' ? t('share.copyFailed') : t('share.explain')}
        </p>
      </div>
    </Popover>
  );
}
