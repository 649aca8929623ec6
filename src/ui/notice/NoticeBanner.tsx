import { useTranslation } from 'react-i18next';
import { usePlayground } from '../StoreContext';

/**
 * The store's notice (a share link that could not be opened, a session that could not be
 * replayed) as a dismissible banner. Everything in it is text: React escapes it, and a hostile
 * link's message can never become markup.
 */
export function NoticeBanner() {
  const { t } = useTranslation();
  const notice = usePlayground((s) => s.notice);
  const dismiss = usePlayground((s) => s.dismissNotice);
  if (!notice) return null;
  const headline = notice.key ? t(notice.key, { defaultValue: notice.text ?? '' }) : notice.text;
  const detail = notice.key && notice.text && notice.text !== headline ? notice.text : undefined;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice" data-notice={notice.key ?? ''}>
      <span className="notice-icon" aria-hidden="true">
        {notice.kind === 'error' ? '⚠' : 'ℹ'}
      </span>
      <div className="notice-body">
        <strong className="notice-headline">{headline}</strong>
        {detail && <span className="notice-detail">{detail}</span>}
        {notice.key === 'notice.badShareLink' && <span className="notice-detail">{t('notice.linkIgnored')}</span>}
      </div>
      <button type="button" className="notice-dismiss" onClick={dismiss} data-testid="notice-dismiss" aria-label={t('notice.dismiss')} title={t('notice.dismiss')}>
        ✕
      </button>
    </div>
  );
}
