import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditorSession } from '../editor/EditorSession';
import { replaceNeedsConfirm } from '../editor/replacePolicy';
import { STARTERS, type Starter } from '../editor/starters';
import { ConfirmDialog } from '../notice/ConfirmDialog';
import { Popover } from './Popover';
import { ChevronIcon, FileIcon } from './icons';

const STARTER_TEXTS = STARTERS.map((s) => s.text);

/**
 * Ready-made manifests, one click away. Replacing text the user wrote asks first, and the
 * replacement is one undo step in the editor either way.
 */
export function StartersMenu() {
  const { t } = useTranslation('editor');
  const session = useEditorSession();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<Starter | undefined>();
  const onOpenChange = useCallback((o: boolean) => setOpen(o), []);

  const choose = (starter: Starter) => {
    setOpen(false);
    if (replaceNeedsConfirm(session.text(), STARTER_TEXTS, session.lastAppliedText())) setPending(starter);
    else session.replaceText(starter.text);
  };

  return (
    <>
      <Popover
        open={open}
        onOpenChange={onOpenChange}
        testId="starters"
        label={
          <>
            <FileIcon /> {t('starters.button')} <ChevronIcon />
          </>
        }
        title={t('starters.hint')}
        panelLabel={t('starters.hint')}
      >
        <ul className="menu-list">
          {STARTERS.map((s) => (
            <li key={s.id}>
              <button type="button" className="menu-item" data-testid={`starter-${s.id}`} onClick={() => choose(s)}>
                <span className="menu-item-title">{t(`starters.${s.id}`)}</span>
                <span className="menu-item-detail">{s.kinds}</span>
              </button>
            </li>
          ))}
        </ul>
      </Popover>
      <ConfirmDialog
        open={pending !== undefined}
        testId="confirm-starter"
        title={t('starters.confirmTitle')}
        body={t('starters.confirmBody', { name: pending ? t(`starters.${pending.id}`) : '' })}
        confirmLabel={t('starters.replace')}
        onCancel={() => setPending(undefined)}
        onConfirm={() => {
          if (pending) session.replaceText(pending.text);
          setPending(undefined);
        }}
      />
    </>
  );
}
