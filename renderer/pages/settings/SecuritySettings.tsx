import { useState, type FormEvent } from 'react';
import { mayCall } from '../../../shared/permissions';
import type { AccountSummary } from '../../../shared/contract';
import { call } from '../../api/client';
import { useQuery } from '../../hooks/useQuery';
import { clientCache } from '../../api/cache';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ProgressBar } from '../../components/ProgressBar';
import { RecoveryKeyPanel } from '../../components/RecoveryKeyPanel';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import type { SettingsProps } from './settings-props';
import { useSession } from '../../session-context';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';

export function SecuritySettings(props: SettingsProps) {
  const isAdmin = mayCall(useSession().role, 'database.rekey');
  return (
    <>
      <h2 className="govuk-heading-m">Security</h2>
      {isAdmin ? <AutoLockForm {...props} /> : <p className="govuk-body">The app locks itself after {props.settings.autoLockMinutes} minutes without use.</p>}
      <ChangePassphraseForm />
      {isAdmin ? <RekeyForm /> : null}
    </>
  );
}

function AutoLockForm({ settings, onSettingsChanged }: SettingsProps) {
  const [minutes, setMinutes] = useState(String(settings.autoLockMinutes));
  const [saved, setSaved] = useState(false);
  const { errors, setErrors, fieldError, fail, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    const value = Number(minutes.trim());
    if (minutes.trim() === '' || !Number.isFinite(value)) {
      setErrors([{ field: 'autoLockMinutes', message: 'Enter the number of minutes, for example 10' }]);
      return;
    }
    try {
      onSettingsChanged(await call('settings.update', { version: settings.version, autoLockMinutes: value }));
      setSaved(true);
    } catch (error) {
      fail(error, ['autoLockMinutes']);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="auto-lock-heading">
      <h3 className="govuk-heading-s" id="auto-lock-heading">
        Automatic lock
      </h3>
      <ErrorSummary errors={errors} />
      {saved ? (
        <p className="govuk-body" role="status">
          Saved: the app locks after {settings.autoLockMinutes} minute{settings.autoLockMinutes === 1 ? '' : 's'} without use.
        </p>
      ) : null}
      <TextField
        id="autoLockMinutes"
        label="Lock after this many minutes without use"
        hint="From 1 to 120. The app also locks when the computer is locked or goes to sleep."
        value={minutes}
        onChange={setMinutes}
        inputMode="numeric"
        widthClass="govuk-input--width-3"
        error={fieldError('autoLockMinutes')}
      />
      <button type="submit" className="govuk-button">
        Save automatic lock
      </button>
    </form>
  );
}

function ChangePassphraseForm() {
  const empty = { currentPassphrase: '', newPassphrase: '', newPassphraseConfirm: '' };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();
  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setDone(false);
    setBusy(true);
    try {
      await call('accounts.changeOwnPassphrase', form);
      setForm(empty);
      setDone(true);
    } catch (error) {
      fail(error, Object.keys(empty));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="change-passphrase-heading">
      <h3 className="govuk-heading-s" id="change-passphrase-heading">
        Change your passphrase
      </h3>
      <ErrorSummary errors={errors} />
      {done ? (
        <p className="govuk-body" role="status">
          Your passphrase has been changed. Use the new one next time you unlock.
        </p>
      ) : null}
      <TextField
        id="currentPassphrase"
        label="Current passphrase"
        type="password"
        value={form.currentPassphrase}
        onChange={set('currentPassphrase')}
        error={fieldError('currentPassphrase')}
        autoComplete="current-password"
      />
      <NewPassphraseFields values={form} set={set} fieldError={fieldError} />
      <button type="submit" className="govuk-button" disabled={busy}>
        Change passphrase
      </button>
    </form>
  );
}

interface OtherAccountAnswer {
  kind: 'current' | 'temporary';
  passphrase: string;
}

function RekeyForm() {
  const session = useSession();
  // The new key is sealed to everyone's own key pair; only accounts without one yet need a passphrase here.
  const accounts = useQuery('accounts.list', {}, { cache: true }).data ?? [];
  const others: AccountSummary[] = accounts.filter((a) => a.accountName !== session.accountName && a.status !== 'disabled' && a.needsKeys);
  const [answers, setAnswers] = useState<Record<string, OtherAccountAnswer>>({});
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ recoveryKey: string; temporaryAccounts: string[] } | null>(null);
  const { errors, fieldError, fail, clear } = useFormErrors();

  const answerFor = (name: string): OtherAccountAnswer => answers[name] ?? { kind: 'temporary', passphrase: '' };
  const setAnswer = (name: string, change: Partial<OtherAccountAnswer>) => setAnswers((current) => ({ ...current, [name]: { ...answerFor(name), ...change } }));
  const fieldIdFor = (index: number) => `other-${index}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setBusy(true);
    try {
      const outcome = await call('database.rekey', {
        passphrase,
        others: others.map((account) => ({ accountName: account.accountName, ...answerFor(account.accountName) })),
      });
      setPassphrase('');
      setAnswers({});
      clientCache.invalidate('accounts.list');
      setResult(outcome);
    } catch (error) {
      // The core names another account's field `others.<name>`: point at that account's input.
      const rename = (field: string) => {
        const index = others.findIndex((a) => field === `others.${a.accountName}`);
        return index >= 0 ? fieldIdFor(index) : field;
      };
      fail(error, ['passphrase', ...others.map((_, i) => fieldIdFor(i))], rename);
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <>
        {result.temporaryAccounts.length ? (
          <div className="govuk-inset-text">
            These accounts now have the temporary passphrase you gave them, to change at next unlock: {result.temporaryAccounts.join(', ')}.
          </div>
        ) : null}
        <RecoveryKeyPanel heading="Your new recovery key" recoveryKey={result.recoveryKey} onConfirmed={() => setResult(null)} />
      </>
    );
  }

  return (
    <form noValidate onSubmit={submit} aria-labelledby="rekey-heading">
      <h3 className="govuk-heading-s" id="rekey-heading">
        Change the database key
      </h3>
      <ErrorSummary errors={errors} />
      <p className="govuk-body">
        Do this if the recovery key may have been seen by someone it should not have been, or a copy of the database has gone missing. The database is
        re-encrypted with a new key, and you get a new recovery key. The old recovery key stops working. Everyone keeps their passphrase.
      </p>
      {others.length ? (
        <p className="govuk-body">These accounts have not unlocked since this version was installed, so each needs a passphrase to receive the new key:</p>
      ) : null}
      <TextField
        id="passphrase"
        label="Your passphrase"
        type="password"
        value={passphrase}
        onChange={setPassphrase}
        error={fieldError('passphrase')}
        autoComplete="current-password"
      />
      {others.map((account, index) => {
        const answer = answerFor(account.accountName);
        return (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-4" key={account.accountName}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{account.accountName}</legend>
            <div className="govuk-radios govuk-radios--small govuk-radios--inline govuk-!-margin-bottom-2">
              {(
                [
                  ['current', 'They type their passphrase now'],
                  ['temporary', 'Give them a temporary passphrase'],
                ] as const
              ).map(([kind, label]) => (
                <div className="govuk-radios__item" key={kind}>
                  <input
                    className="govuk-radios__input"
                    id={`${fieldIdFor(index)}-${kind}`}
                    name={`${fieldIdFor(index)}-kind`}
                    type="radio"
                    checked={answer.kind === kind}
                    onChange={() => setAnswer(account.accountName, { kind })}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={`${fieldIdFor(index)}-${kind}`}>
                    {label}
                  </label>
                </div>
              ))}
            </div>
            <TextField
              id={fieldIdFor(index)}
              label={answer.kind === 'current' ? `${account.accountName}'s passphrase` : `Temporary passphrase for ${account.accountName}`}
              type="password"
              value={answer.passphrase}
              onChange={(value) => setAnswer(account.accountName, { passphrase: value })}
              error={fieldError(fieldIdFor(index))}
              autoComplete="off"
            />
          </fieldset>
        );
      })}
      <ProgressBar operation="rekey" active={busy} />
      <button type="submit" className="govuk-button govuk-button--warning" disabled={busy}>
        Change the database key
      </button>
    </form>
  );
}
