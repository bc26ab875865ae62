import { useState, type FormEvent } from 'react';
import { contract, type Session } from '../../shared/contract';
import { PASSPHRASE_RULE_TEXT } from '../../shared/passphrase-rules';
import { call } from '../api/client';
import { ErrorSummary } from '../components/ErrorSummary';
import { ProgressBar } from '../components/ProgressBar';
import { TextField } from '../components/TextField';
import { useFormErrors } from '../hooks/useFormErrors';

const FIELDS = ['teamName', 'accountName', 'passphrase', 'passphraseConfirm'] as const;

export function CreateDatabasePage({
  locationLabel: initialLocation,
  onCreated,
  onConnectServer,
}: {
  locationLabel: string;
  onCreated: (recoveryKey: string, session: Session) => void;
  onConnectServer: () => void;
}) {
  const [locationLabel, setLocationLabel] = useState(initialLocation);
  const [form, setForm] = useState({ teamName: '', accountName: '', passphrase: '', passphraseConfirm: '' });
  const [busy, setBusy] = useState(false);
  const { errors, fieldError, fail, check, clear } = useFormErrors();
  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  const chooseLocation = async () => {
    try {
      const chosen = await call('location.choose', {});
      setLocationLabel(chosen.locationLabel);
    } catch (error) {
      fail(error, FIELDS);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    if (!check(contract['database.create'].input, form)) return;
    setBusy(true);
    try {
      const created = await call('database.create', form);
      setForm({ teamName: '', accountName: '', passphrase: '', passphraseConfirm: '' });
      onCreated(created.recoveryKey, created.session);
    } catch (error) {
      fail(error, FIELDS);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Create your team database</h1>
        <p className="govuk-body">Everything you record is kept in one encrypted file on this computer. Nothing is sent anywhere.</p>
        <h2 className="govuk-heading-s">Where it will be kept</h2>
        <p className="govuk-body" data-testid="location">
          {locationLabel}
        </p>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={chooseLocation} disabled={busy}>
          Choose another folder
        </button>
        <form noValidate onSubmit={submit}>
          <TextField
            id="teamName"
            label="Team name"
            hint="For example, East Lancashire interventions team"
            value={form.teamName}
            onChange={set('teamName')}
            error={fieldError('teamName')}
          />
          <TextField
            id="accountName"
            label="Your account name"
            hint="You will be the administrator. Use a name your colleagues will recognise."
            value={form.accountName}
            onChange={set('accountName')}
            error={fieldError('accountName')}
            autoComplete="username"
            widthClass="govuk-!-width-two-thirds"
          />
          <TextField
            id="passphrase"
            label="Passphrase"
            hint={PASSPHRASE_RULE_TEXT}
            type="password"
            value={form.passphrase}
            onChange={set('passphrase')}
            error={fieldError('passphrase')}
            autoComplete="new-password"
          />
          <TextField
            id="passphraseConfirm"
            label="Type the passphrase again"
            type="password"
            value={form.passphraseConfirm}
            onChange={set('passphraseConfirm')}
            error={fieldError('passphraseConfirm')}
            autoComplete="new-password"
          />
          <ProgressBar operation="create" active={busy} />
          <button type="submit" className="govuk-button" disabled={busy}>
            Create database
          </button>
        </form>
        <h2 className="govuk-heading-m govuk-!-margin-top-6">Your team already has a team server?</h2>
        <p className="govuk-body">Then do not create a database here: connect this computer to the server instead.</p>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onConnectServer} disabled={busy}>
          Connect to a team server
        </button>
        <ExploreWithDemoData onCreated={onCreated} />
      </div>
    </div>
  );
}

const DEMO_FIELDS = ['demoAccountName', 'demoPassphrase', 'demoPassphraseConfirm'] as const;

/** A separate database of made-up people, marked DEMO on every page, to try the app safely. */
function ExploreWithDemoData({ onCreated }: { onCreated: (recoveryKey: string, session: Session) => void }) {
  const [form, setForm] = useState({ accountName: '', passphrase: '', passphraseConfirm: '' });
  const [busy, setBusy] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();
  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setBusy(true);
    try {
      const created = await call('database.createDemo', form);
      onCreated(created.recoveryKey, created.session);
    } catch (error) {
      fail(error, DEMO_FIELDS, (field) => `demo${field.charAt(0).toUpperCase()}${field.slice(1)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="govuk-details govuk-!-margin-top-6">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Explore with demo data</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">
          Try every screen on a separate database of made-up people, marked DEMO on every page. It is encrypted like a real one, so it still needs an account
          and passphrase. Your team database is not touched.
        </p>
        <form noValidate onSubmit={submit} aria-label="Explore with demo data">
          <ErrorSummary errors={errors} />
          <TextField
            id="demoAccountName"
            label="Your account name"
            value={form.accountName}
            onChange={set('accountName')}
            error={fieldError('demoAccountName')}
            autoComplete="username"
            widthClass="govuk-!-width-two-thirds"
          />
          <TextField
            id="demoPassphrase"
            label="Passphrase"
            hint={PASSPHRASE_RULE_TEXT}
            type="password"
            value={form.passphrase}
            onChange={set('passphrase')}
            error={fieldError('demoPassphrase')}
            autoComplete="new-password"
          />
          <TextField
            id="demoPassphraseConfirm"
            label="Type the passphrase again"
            type="password"
            value={form.passphraseConfirm}
            onChange={set('passphraseConfirm')}
            error={fieldError('demoPassphraseConfirm')}
            autoComplete="new-password"
          />
          <ProgressBar operation="demo" active={busy} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy}>
            Explore with demo data
          </button>
        </form>
      </div>
    </details>
  );
}
