import type { Session, Settings } from '../../shared/contract';
import { roleLabel } from '../role-label';

export function AppHeader({ session, settings, onLock }: { session: Session; settings: Settings; onLock: () => void }) {
  return (
    <header className="moj-header" role="banner">
      <div className="moj-header__container">
        <div className="moj-header__logo">
          <span className="moj-header__link moj-header__link--organisation-name">Partner Link Tracker</span>
          <span className="moj-header__link moj-header__link--service-name" data-testid="team-name">
            {settings.teamName}
          </span>
        </div>
        <div className="moj-header__content app-header-actions">
          <span className="app-header-account govuk-body-s govuk-!-margin-bottom-0" data-testid="signed-in">
            {session.accountName} ({roleLabel(session.role, settings.roleTitle)})
          </span>
          <button type="button" className="govuk-button govuk-button--inverse" onClick={onLock} aria-keyshortcuts="Control+L Meta+L">
            Lock<span className="govuk-visually-hidden"> the app (Ctrl+L)</span>
          </button>
        </div>
      </div>
    </header>
  );
}
