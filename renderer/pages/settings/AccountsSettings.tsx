import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../../shared/contract';
import { PASSPHRASE_RULE_TEXT } from '../../../shared/passphrase-rules';
import { ROLES, type Role } from '../../../shared/roles';
import { formatDateShort } from '../../../shared/uk-dates';
import { cachedCall, call } from '../../api/client';
import { clientCache } from '../../api/cache';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { roleLabel } from '../../role-label';
import type { SettingsProps } from './SettingsPage';

export function AccountsSettings({ session, settings }: SettingsProps) {
  const [accounts, setAccounts] = useState<AccountSummary[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);

  const load = useCallback(async () => {
    setAccounts(await cachedCall('accounts.list', {}));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const changed = async (text: string) => {
    clientCache.invalidate('accounts.list');
    setResetting(null);
    setMessage(text);
    await load();
  };

  const isAdmin = session.role === 'admin';
  return (
    <>
      <h2 className="govuk-heading-m">Accounts</h2>
      {message ? (
        <div className="govuk-inset-text" role="status">
          {message}
        </div>
      ) : null}
      {accounts === null ? (
        <p className="govuk-body">Loading accounts…</p>
      ) : (
        <table className="govuk-table" data-testid="accounts-table">
          <caption className="govuk-table__caption govuk-table__caption--s">People who can unlock this database</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Account</th>
              <th scope="col" className="govuk-table__header">Role</th>
              <th scope="col" className="govuk-table__header">Added</th>
              <th scope="col" className="govuk-table__header">Status</th>
              {isAdmin ? (
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {accounts.map((account) => (
              <tr className="govuk-table__row" key={account.accountName}>
                <td className="govuk-table__cell">{account.accountName}</td>
                <td className="govuk-table__cell">{roleLabel(account.role, settings.roleTitle)}</td>
                <td className="govuk-table__cell">{formatDateShort(account.createdAt)}</td>
                <td className="govuk-table__cell">
                  {account.mustChangePassphrase ? <strong className="govuk-tag govuk-tag--yellow">Temporary passphrase</strong> : <strong className="govuk-tag govuk-tag--green">Active</strong>}
                </td>
                {isAdmin ? (
                  <td className="govuk-table__cell">
                    {account.accountName !== session.accountName ? (
                      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setResetting(account.accountName)}>
                        Reset passphrase<span className="govuk-visually-hidden"> for {account.accountName}</span>
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isAdmin && resetting ? (
        <ResetPassphraseForm accountName={resetting} onDone={() => changed(`${resetting} has a temporary passphrase. They must choose a new one when they next unlock.`)} onCancel={() => setResetting(null)} />
      ) : null}
      {isAdmin ? <AddAccountForm onAdded={(name) => changed(`Account ${name} added. Give them the temporary passphrase in person; they will choose their own when they first unlock.`)} /> : null}
    </>
  );
}

function AddAccountForm({ onAdded }: { onAdded: (accountName: string) => void }) {
  const [accountName, setAccountName] = useState('');
  const [role, setRole] = useState<Role>('plw');
  const [temporaryPassphrase, setTemporaryPassphrase] = useState('');
  const { errors, fieldError, fail, clear } = useFormErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    try {
      const added = await call('accounts.add', { accountName, role, temporaryPassphrase });
      setAccountName('');
      setTemporaryPassphrase('');
      onAdded(added.accountName);
    } catch (error) {
      fail(error, ['accountName', 'role', 'temporaryPassphrase']);
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="add-account-heading">
      <h3 className="govuk-heading-s" id="add-account-heading">
        Add an account
      </h3>
      <ErrorSummary errors={errors} />
      <TextField id="accountName" label="Account name" value={accountName} onChange={setAccountName} error={fieldError('accountName')} widthClass="govuk-!-width-one-half" />
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Role</legend>
          <div className="govuk-radios govuk-radios--small">
            {ROLES.map((value) => (
              <div className="govuk-radios__item" key={value}>
                <input className="govuk-radios__input" id={`role-${value}`} name="role" type="radio" checked={role === value} onChange={() => setRole(value)} />
                <label className="govuk-label govuk-radios__label" htmlFor={`role-${value}`}>
                  {{ admin: 'Administrator: accounts, settings and everything else', plw: 'Worker: manages cases', manager: 'Manager: team figures and reports' }[value]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextField
        id="temporaryPassphrase"
        label="Temporary passphrase"
        hint={`${PASSPHRASE_RULE_TEXT} They must replace it the first time they unlock.`}
        type="password"
        value={temporaryPassphrase}
        onChange={setTemporaryPassphrase}
        error={fieldError('temporaryPassphrase')}
        autoComplete="new-password"
      />
      <button type="submit" className="govuk-button">
        Add account
      </button>
    </form>
  );
}

function ResetPassphraseForm({ accountName, onDone, onCancel }: { accountName: string; onDone: () => void; onCancel: () => void }) {
  const [temporaryPassphrase, setTemporaryPassphrase] = useState('');
  const { errors, fieldError, fail, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    try {
      await call('accounts.resetPassphrase', { accountName, temporaryPassphrase });
      onDone();
    } catch (error) {
      fail(error, ['resetPassphrase'], (field) => (field === 'temporaryPassphrase' ? 'resetPassphrase' : field));
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="reset-heading" className="govuk-!-margin-bottom-8">
      <h3 className="govuk-heading-s" id="reset-heading">
        Reset the passphrase for {accountName}
      </h3>
      <ErrorSummary errors={errors} />
      <TextField id="resetPassphrase" label="Temporary passphrase" hint={PASSPHRASE_RULE_TEXT} type="password" value={temporaryPassphrase} onChange={setTemporaryPassphrase} error={fieldError('resetPassphrase')} autoComplete="new-password" />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button">
          Reset passphrase
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
