import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LockedEvent, Session } from '../../shared/contract';
import { asClientError, call } from '../api/client';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/TextField';
import { useFormErrors } from '../hooks/useFormErrors';
import { ProgressBar } from '../components/ProgressBar';
import { NewPassphraseFields } from '../components/NewPassphraseFields';

const FIELDS = ['accountName', 'passphrase', 'newPassphrase', 'newPassphraseConfirm'] as const;

const LOCK_REASONS: Record<LockedEvent['reason'], string | null> = {
  requested: null,
  idle: 'The app locked itself because it was not used for a while.',
  'os-lock': 'The app locked when this computer was locked.',
  suspend: 'The app locked when this computer went to sleep.',
  rekey: null,
  'signed-out': 'You were signed out of the team server: it was restarted, or you were away for a while. Sign in again to carry on.',
};

export function UnlockPage({
  teamName,
  reason,
  server,
  onUnlocked,
  onLocationChanged,
  onConnectServer,
}: {
  teamName: string;
  reason: LockedEvent['reason'] | null;
  /** Working through a team server: signing in there, not opening a database here. */
  server: { address: string } | null;
  onUnlocked: (session: Session) => void;
  onLocationChanged: () => void;
  onConnectServer: () => void;
}) {
  const [form, setForm] = useState({ accountName: '', passphrase: '', newPassphrase: '', newPassphraseConfirm: '' });
  const [mustChange, setMustChange] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();
  const firstField = useRef<HTMLDivElement>(null);
  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  useEffect(() => {
    firstField.current?.querySelector('input')?.focus();
  }, []);
  // Once, when the step appears (not on every keystroke after it).
  useEffect(() => {
    if (mustChange) document.getElementById('choose-own-heading')?.focus();
  }, [mustChange]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setBusy(true);
    try {
      const input = mustChange ? form : { accountName: form.accountName, passphrase: form.passphrase };
      const { session } = await call('session.unlock', input);
      setForm({ accountName: '', passphrase: '', newPassphrase: '', newPassphraseConfirm: '' });
      onUnlocked(session);
    } catch (error) {
      const clientError = asClientError(error);
      // The temporary passphrase was right: choosing one's own is the next step, not a problem.
      if (clientError.code === 'PASSPHRASE_CHANGE_REQUIRED' && !mustChange) {
        setMustChange(true);
        return;
      }
      fail(error, FIELDS);
    } finally {
      setBusy(false);
    }
  };

  if (recovering) return <RecoverPage teamName={teamName} onUnlocked={onUnlocked} onCancel={() => setRecovering(false)} />;
  const notice = reason ? LOCK_REASONS[reason] : null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {notice ? (
          <div className="govuk-inset-text" data-testid="lock-reason">
            {notice}
          </div>
        ) : null}
        <span className="govuk-caption-l">{teamName}</span>
        <h1 className="govuk-heading-l">{server ? 'Sign in to your team server' : 'Unlock Partner Link Tracker'}</h1>
        <form noValidate onSubmit={submit}>
          <div ref={firstField}>
            <TextField
              id="accountName"
              label="Account name"
              value={form.accountName}
              onChange={set('accountName')}
              error={fieldError('accountName')}
              autoComplete="username"
              widthClass="govuk-!-width-two-thirds"
            />
          </div>
          <TextField
            id="passphrase"
            label="Passphrase"
            type="password"
            value={form.passphrase}
            onChange={set('passphrase')}
            error={fieldError('passphrase')}
            autoComplete="current-password"
          />
          {mustChange ? (
            <fieldset className="govuk-fieldset" data-testid="choose-own-passphrase">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                <h2 className="govuk-fieldset__heading" id="choose-own-heading" tabIndex={-1}>
                  Step 2 of 2: choose your own passphrase
                </h2>
              </legend>
              <p className="govuk-body">That temporary passphrase is right. Your administrator chose it, so now choose one only you know, and you are in.</p>
              <NewPassphraseFields values={form} set={set} fieldError={fieldError} />
            </fieldset>
          ) : null}
          {/* After an upgrade that changes the timer rules, the first unlock works every case's timers out again. */}
          <ProgressBar operation="recompute-timers" active={busy} onlyWhenReported />
          <button type="submit" className="govuk-button" disabled={busy}>
            {busy ? (server ? 'Signing in…' : 'Unlocking…') : server ? 'Sign in' : 'Unlock'}
          </button>
        </form>
        {server ? <ServerChoice address={server.address} onForgotten={onLocationChanged} onFailed={(error) => fail(error, [])} /> : null}
        {server ? null : (
          <>
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Forgotten your passphrase?</span>
              </summary>
              <div className="govuk-details__text">
                <p className="govuk-body">
                  Ask your team's administrator to reset it. They will give you a temporary passphrase to replace the first time you unlock.
                </p>
                <p className="govuk-body">
                  If you are the administrator and nobody can reset yours, use the recovery key you were shown when the database was made (or last rekeyed).
                </p>
                <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setRecovering(true)}>
                  Use the recovery key
                </button>
              </div>
            </details>
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Use a different database</span>
              </summary>
              <div className="govuk-details__text">
                <p className="govuk-body">Open the team database in another folder, or choose an empty folder to create a new one.</p>
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() =>
                    void call('location.choose', {})
                      .then((chosen) => (chosen.chosen ? onLocationChanged() : undefined))
                      .catch((error: unknown) => fail(error, []))
                  }
                >
                  Choose folder
                </button>
              </div>
            </details>
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Connect to a team server instead</span>
              </summary>
              <div className="govuk-details__text">
                <p className="govuk-body">If your team keeps its database on a team server, work through it from this computer.</p>
                <button type="button" className="govuk-button govuk-button--secondary" onClick={onConnectServer}>
                  Connect to a team server
                </button>
              </div>
            </details>
          </>
        )}
      </div>
    </div>
  );
}

/** Which server this is, and the way back to a database on this computer. */
function ServerChoice({ address, onForgotten, onFailed }: { address: string; onForgotten: () => void; onFailed: (error: unknown) => void }) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Stop using this team server</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">
          This computer works through the team server at <strong>{address}</strong>. Passphrases are changed and reset there, by your administrator.
        </p>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void call('server.forget', {}).then(onForgotten).catch(onFailed)}>
          Stop using this team server
        </button>
      </div>
    </details>
  );
}

const RECOVER_FIELDS = ['recoveryKey', 'accountName', 'newPassphrase', 'newPassphraseConfirm'] as const;

/**
 * Every passphrase forgotten: the recovery key (the database's own key, on paper) opens it,
 * and sets a new passphrase for an administrator account. Audited.
 */
function RecoverPage({ teamName, onUnlocked, onCancel }: { teamName: string; onUnlocked: (session: Session) => void; onCancel: () => void }) {
  const [form, setForm] = useState({ recoveryKey: '', accountName: '', newPassphrase: '', newPassphraseConfirm: '' });
  const [busy, setBusy] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();
  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setBusy(true);
    try {
      const { session } = await call('session.recover', form);
      setForm({ recoveryKey: '', accountName: '', newPassphrase: '', newPassphraseConfirm: '' });
      onUnlocked(session);
    } catch (error) {
      fail(error, RECOVER_FIELDS);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{teamName}</span>
        <h1 className="govuk-heading-l">Use the recovery key</h1>
        <p className="govuk-body">
          The recovery key opens the team database when every passphrase is forgotten. It sets a new passphrase for an administrator account, and this is
          recorded in the audit log.
        </p>
        <form noValidate onSubmit={submit}>
          <TextField
            id="recoveryKey"
            label="Recovery key"
            hint="64 letters and digits in groups of four, for example 3f9a-07c2-…"
            value={form.recoveryKey}
            onChange={set('recoveryKey')}
            error={fieldError('recoveryKey')}
          />
          <TextField
            id="accountName"
            label="Administrator account name"
            value={form.accountName}
            onChange={set('accountName')}
            error={fieldError('accountName')}
            autoComplete="username"
            widthClass="govuk-!-width-two-thirds"
          />
          <NewPassphraseFields values={form} set={set} fieldError={fieldError} />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={busy}>
              {busy ? 'Opening…' : 'Open and set the new passphrase'}
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
              Back to unlock
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
