import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { revisionColor } from '../model/revision';

/** "r2" in the revision's colour; old revisions are outlined, the newest filled. */
export function RevisionTag({ revision, newest }: { revision: number; newest?: boolean }) {
  const { t } = useTranslation('canvas');
  const title = newest === undefined ? t('canvas.revision', { revision }) : newest ? t('canvas.revisionNewest', { revision }) : t('canvas.revisionOld', { revision });
  return (
    <span className={`rev-tag${newest === false ? ' old' : ''}`} style={{ '--rev': revisionColor(revision) } as CSSProperties} title={title} aria-label={title}>
      r{revision}
    </span>
  );
}
