import { useState, type FormEvent } from 'react';
import type { Session } from '../../shared/contract';
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
}: {
  locationLabel: string;
  onCreated: (recoveryKey: string, session: Session) => void;
}) {
  const [locationLabel, setLocationLabel] = useState(initialLocation);
  const [form, setForm] = useState({ teamName: '', accountName: '', passphrase: '', passphraseConfirm: '' });
  const [busy, setBusy] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();
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
        <p className="govuk-body">
          Everything you record is kept in one encrypted file on this computer. Nothing is sent anywhere.
        </p>
        <h2 className="govuk-heading-s">Where it will be kept</h2>
        <p className="govuk-body" data-testid="location">
          {locationLabel}
        </p>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={chooseLocation} disabled={busy}>
          Choose another folder
        </button>
        <form noValidate onSubmit={submit}>
          <TextField id="teamName" label="Team name" hint="For example, East Lancashire interventions team" value={form.teamName} onChange={set('teamName')} error={fieldError('teamName')} />
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
      </div>
    </div>
  );
}
