import { useTranslation } from 'react-i18next';
import { ApplyButton } from './ApplyButton';
import { Brand } from './Brand';
import { ClockControls } from './ClockControls';
import { ClusterMenu } from './ClusterMenu';
import { LanguageSwitch } from './LanguageSwitch';
import { ShareControl } from './ShareControl';
import { StartersMenu } from './StartersMenu';

/** The top bar: what to run (starters, Apply), the clock, and the session (share, cluster, language). */
export function Toolbar() {
  const { t } = useTranslation();
  return (
    <nav className="toolbar" aria-label={t('toolbar.label')}>
      <Brand />
      <div className="toolbar-group">
        <StartersMenu />
        <ApplyButton />
      </div>
      <div className="toolbar-group toolbar-clock">
        <ClockControls />
      </div>
      <div className="toolbar-spacer" />
      <div className="toolbar-group">
        <ShareControl />
        <ClusterMenu />
        <LanguageSwitch />
      </div>
    </nav>
  );
}
