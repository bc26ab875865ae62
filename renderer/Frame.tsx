import { useCallback } from 'react';
import type { LockedEvent, Session, Settings } from '../shared/contract';
import { AppHeader } from './components/AppHeader';
import { PrimaryNavigation } from './components/PrimaryNavigation';
import { useIdleLock } from './hooks/useIdleLock';
import { CaseloadPage, ChaseListPage, ReportsPage, TodayPage } from './pages/EmptyPages';
import { SettingsPage } from './pages/settings/SettingsPage';
import { useRoute } from './routes';

interface FrameProps {
  demo: boolean;
  session: Session;
  settings: Settings;
  onLock: (reason?: LockedEvent['reason']) => void;
  onSettingsChanged: (settings: Settings) => void;
}

/** Every unlocked page: header with Lock, primary navigation, the page, and the idle lock. */
export function Frame({ demo, session, settings, onLock, onSettingsChanged }: FrameProps) {
  const route = useRoute();
  const lockForIdle = useCallback(() => onLock('idle'), [onLock]);
  useIdleLock(settings.autoLockMinutes, lockForIdle);

  return (
    <>
      {demo ? (
        <div className="app-demo-banner" role="region" aria-label="Demo">
          DEMO: made-up data for trying the app. Do not record real people here.
        </div>
      ) : null}
      <AppHeader session={session} settings={settings} onLock={() => onLock('requested')} />
      <PrimaryNavigation current={route.page} />
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {route.page === 'today' ? <TodayPage /> : null}
          {route.page === 'caseload' ? <CaseloadPage /> : null}
          {route.page === 'chase-list' ? <ChaseListPage /> : null}
          {route.page === 'reports' ? <ReportsPage /> : null}
          {route.page === 'settings' ? <SettingsPage section={route.section} session={session} settings={settings} onSettingsChanged={onSettingsChanged} /> : null}
        </main>
      </div>
    </>
  );
}
