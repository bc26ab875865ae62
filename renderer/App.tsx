import { useCallback, useEffect, useState } from 'react';
import type { AppStatus, LockedEvent, Session, VersionedSettings as Settings } from '../shared/contract';
import { asClientError, call, onEvent } from './api/client';
import { clientCache } from './api/cache';
import { Frame } from './Frame';
import { CreateDatabasePage } from './pages/CreateDatabasePage';
import { UnlockPage } from './pages/UnlockPage';
import { ConnectServerPage } from './pages/ConnectServerPage';
import { RecoveryKeyPanel } from './components/RecoveryKeyPanel';
import { DemoBanner } from './components/DemoBanner';

type View =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'no-database'; locationLabel: string }
  | { kind: 'recovery-key'; recoveryKey: string }
  | { kind: 'connect-server'; back: View }
  | { kind: 'locked'; teamName: string; demo: boolean; reason: LockedEvent['reason'] | null; server: { address: string } | null }
  | { kind: 'unlocked'; teamName: string; demo: boolean; session: Session; settings: Settings };

function viewFor(status: AppStatus): View {
  switch (status.state) {
    case 'no-database':
      return { kind: 'no-database', locationLabel: status.locationLabel };
    case 'locked':
      return { kind: 'locked', teamName: status.teamName, demo: status.demo, reason: null, server: status.server ?? null };
    case 'unlocked':
      return { kind: 'unlocked', teamName: status.teamName, demo: status.demo, session: status.session, settings: status.settings };
  }
}

/**
 * The app's top level: set-up, unlock, or the unlocked frame. Locking throws the
 * whole unlocked tree away (a new React key) and empties the client cache, so
 * nothing read from the database survives in the renderer.
 */
export function App() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [sessionKey, setSessionKey] = useState(0);

  const refresh = useCallback(async (reason: LockedEvent['reason'] | null = null) => {
    try {
      const next = viewFor(await call('app.status', {}));
      setView(next.kind === 'locked' ? { ...next, reason } : next);
    } catch (error) {
      setView({ kind: 'failed', message: asClientError(error).message });
    }
  }, []);

  const becomeLocked = useCallback(
    (reason: LockedEvent['reason']) => {
      clientCache.clear();
      setSessionKey((key) => key + 1);
      if (window.location.hash) history.replaceState(null, '', window.location.pathname);
      setView((current) => (current.kind === 'unlocked' || current.kind === 'recovery-key' ? { kind: 'loading' } : current));
      void refresh(reason);
    },
    [refresh],
  );

  useEffect(() => {
    void refresh();
    return onEvent('locked', ({ reason }) => becomeLocked(reason));
  }, [refresh, becomeLocked]);

  const lock = useCallback(
    async (reason: LockedEvent['reason'] = 'requested') => {
      // Clear first: even if the call fails, the renderer lets go of what it holds.
      clientCache.clear();
      setSessionKey((key) => key + 1);
      setView({ kind: 'loading' });
      try {
        await call('session.lock', { reason: reason === 'idle' ? 'idle' : 'requested' });
      } finally {
        becomeLocked(reason);
      }
    },
    [becomeLocked],
  );

  useEffect(() => {
    if (view.kind !== 'unlocked' && view.kind !== 'recovery-key') return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void lock('requested');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view.kind, lock]);

  return (
    <>
      <a
        href="#main-content"
        className="govuk-skip-link"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to main content
      </a>
      {view.kind === 'unlocked' ? (
        <Frame
          key={sessionKey}
          demo={view.demo}
          session={view.session}
          settings={view.settings}
          onLock={lock}
          onSettingsChanged={(settings) => setView({ ...view, settings, teamName: settings.teamName })}
        />
      ) : (
        <>
          {view.kind === 'locked' && view.demo ? <DemoBanner /> : null}
          <header className="moj-header" role="banner">
            <div className="moj-header__container">
              <div className="moj-header__logo">
                <span className="moj-header__link moj-header__link--organisation-name">Partner Link Tracker</span>
              </div>
            </div>
          </header>
          <div className="govuk-width-container">
            <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
              {view.kind === 'loading' ? <p className="govuk-body">Loading…</p> : null}
              {view.kind === 'failed' ? (
                <div className="govuk-error-summary" role="alert">
                  <h1 className="govuk-error-summary__title">The app could not start</h1>
                  <p className="govuk-body">{view.message}</p>
                </div>
              ) : null}
              {view.kind === 'no-database' ? (
                <CreateDatabasePage
                  locationLabel={view.locationLabel}
                  onCreated={(recoveryKey) => setView({ kind: 'recovery-key', recoveryKey })}
                  onConnectServer={() => setView({ kind: 'connect-server', back: view })}
                />
              ) : null}
              {view.kind === 'connect-server' ? <ConnectServerPage onConnected={() => void refresh()} onCancel={() => setView(view.back)} /> : null}
              {view.kind === 'recovery-key' ? (
                <RecoveryKeyPanel heading="Your recovery key" recoveryKey={view.recoveryKey} onConfirmed={() => void refresh()} />
              ) : null}
              {view.kind === 'locked' ? (
                <UnlockPage
                  key={sessionKey}
                  teamName={view.teamName}
                  reason={view.reason}
                  server={view.server}
                  onConnectServer={() => setView({ kind: 'connect-server', back: view })}
                  onUnlocked={() => void refresh()}
                  onLocationChanged={() => void refresh()}
                />
              ) : null}
            </main>
          </div>
        </>
      )}
    </>
  );
}
