import { useCallback, useEffect } from 'react';
import { mayCall } from '../shared/permissions';
import type { LockedEvent, Session, VersionedSettings as Settings } from '../shared/contract';
import { AppHeader } from './components/AppHeader';
import { DemoBanner } from './components/DemoBanner';
import { PrimaryNavigation } from './components/PrimaryNavigation';
import { useIdleLock } from './hooks/useIdleLock';
import { ReportsPage } from './pages/ReportsPage';
import { CaseFormPage } from './pages/CaseFormPage';
import { CaseloadPage } from './pages/CaseloadPage';
import { CasePage } from './pages/CasePage';
import { ChaseListPage } from './pages/ChaseListPage';
import { TodayPage } from './pages/TodayPage';
import { OrdersPage } from './pages/OrdersPage';
import { AuditsPage } from './pages/reports/AuditsPage';
import { SupervisionPage } from './pages/reports/SupervisionPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { focusPending, navigate, navigateAndFocus, useFocusOnNavigation, useRoute, type Route } from './routes';
import { SessionProvider, useSession } from './session-context';

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
  useShortcuts(session);
  // After every route change has rendered, a pending focus request (from a shortcut) is met.
  useEffect(() => {
    focusPending();
  });
  useFocusOnNavigation(route);
  // A list page is made afresh at each navigation (Back to `#/caseload?stage=…` shows that list,
  // the Caseload link shows it plain); its own changes rewrite the address without making it anew.
  const listKey = `${route.page}#${route.visit}`;

  return (
    <SessionProvider value={session}>
      {demo ? <DemoBanner /> : null}
      <AppHeader session={session} settings={settings} onLock={() => onLock('requested')} />
      <PrimaryNavigation current={route.page} />
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {route.page === 'today' ? <TodayPage key={listKey} query={route.query} /> : null}
          {route.page === 'caseload' ? <CaseloadPage key={listKey} query={route.query} /> : null}
          {route.page === 'chase-list' ? <ChaseListPage key={listKey} settings={settings} page={pageNumber(route.section)} query={route.query} /> : null}
          {route.page === 'case' ? <CaseRoute route={route} settings={settings} /> : null}
          {route.page === 'orders' ? <OrdersPage key={listKey} query={route.query} settings={settings} /> : null}
          {route.page === 'reports' && route.section === 'audits' ? <AuditsPage /> : null}
          {route.page === 'reports' && route.section === 'supervision' ? <SupervisionPage /> : null}
          {route.page === 'reports' && route.section !== 'audits' && route.section !== 'supervision' ? <ReportsPage /> : null}
          {route.page === 'settings' ? <SettingsPage section={route.section} settings={settings} onSettingsChanged={onSettingsChanged} /> : null}
        </main>
      </div>
    </SessionProvider>
  );
}

/** A list's page from its route (`#/chase-list/3`); anything else is the first page. */
function pageNumber(section: string | null): number {
  const page = Number(section);
  return Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1;
}

/** `#/cases/new`, `#/cases/new/linked/12/2026-11-20` (a new partner disclosed on case 12 that day), `#/cases/12`, `#/cases/12/edit`. */
function CaseRoute({ route, settings }: { route: Route; settings: Settings }) {
  const [id, sub, fromCase, disclosed] = route.rest;
  const canWrite = mayCall(useSession().role, 'cases.update');
  if (id === 'new' && sub === 'linked' && Number(fromCase) > 0 && /^\d{4}-\d{2}-\d{2}$/.test(disclosed ?? '')) {
    return <CaseFormPage key={`new-linked-${fromCase}`} caseId={null} canWrite={canWrite} linkedFrom={{ caseId: Number(fromCase), disclosed: disclosed! }} />;
  }
  if (id === 'new') return <CaseFormPage key="new" caseId={null} canWrite={canWrite} />;
  const caseId = Number(id);
  if (!Number.isInteger(caseId) || caseId < 1) return <p className="govuk-body">That case could not be found.</p>;
  if (sub === 'edit') return <CaseFormPage key={`edit-${caseId}`} caseId={caseId} canWrite={canWrite} />;
  return <CasePage key={caseId} caseId={caseId} section={sub} act={route.query.get('act')} settings={settings} />;
}

/** Ctrl/Cmd+K: search the caseload. N: new case (not while typing). Ctrl/Cmd+L (lock) lives in App. */
function useShortcuts(session: Session): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable]');
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        navigateAndFocus('#/caseload', 'caseload-search');
      } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && event.key.toLowerCase() === 'n' && mayCall(session.role, 'cases.create')) {
        navigate('#/cases/new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session.role]);
}
