import { useState, type FormEvent } from 'react';
import { mayCall } from '../../../shared/permissions';
import type { AccountSummary } from '../../../shared/contract';
import { PASSPHRASE_RULE_TEXT } from '../../../shared/passphrase-rules';
import { ROLES, type Role } from '../../../shared/roles';
import { formatDateShort } from '../../../shared/uk-dates';
import { asClientError, call } from '../../api/client';
import { useQuery } from '../../hooks/useQuery';
import { clientCache } from '../../api/cache';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ProgressBar } from '../../components/ProgressBar';
import { RecoveryKeyPanel } from '../../components/RecoveryKeyPanel';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { roleLabel } from '../../role-label';
import type { SettingsProps } from './settings-props';
import { useSession } from '../../session-context';

export function AccountsSettings({ settings }: SettingsProps) {
  const session = useSession();
  const list = useQuery('accounts.list', {}, { cache: true });
  const accounts = list.data;
  const officeList = useQuery('offices.list', {}, { cache: true });
  const offices = officeList.data ?? [];
  const reloadAccounts = async () => {
    clientCache.invalidate('accounts.list');
    await list.reload();
  };
  const [message, setMessage] = useState<string | null>(null);
  const [changing, setChanging] = useState<string | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);

  const changed = async (text: string, newRecoveryKey: string | null = null) => {
    clientCache.invalidate('accounts.list');
    setChanging(null);
    setMessage(text);
    setRecoveryKey(newRecoveryKey);
    await list.reload();
  };

  const isAdmin = mayCall(session.role, 'accounts.add');
  if (recoveryKey) {
    return (
      <>
        {message ? (
          <div className="govuk-inset-text" role="status">
            {message}
          </div>
        ) : null}
        <RecoveryKeyPanel heading="The database has a new key: your new recovery key" recoveryKey={recoveryKey} onConfirmed={() => setRecoveryKey(null)} />
      </>
    );
  }
  const target = accounts?.find((a) => a.accountName === changing) ?? null;
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
              <th scope="col" className="govuk-table__header">
                Account
              </th>
              <th scope="col" className="govuk-table__header">
                Role
              </th>
              <th scope="col" className="govuk-table__header">
                Added
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Open cases
              </th>
              {offices.length ? (
                <th scope="col" className="govuk-table__header">
                  Office
                </th>
              ) : null}
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
                  <StatusTag account={account} />
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{account.openCases}</td>
                {offices.length ? (
                  <td className="govuk-table__cell">
                    <AccountOffice account={account} offices={offices} canChange={isAdmin} onChanged={() => void reloadAccounts()} />
                  </td>
                ) : null}
                {isAdmin ? (
                  <td className="govuk-table__cell">
                    {account.accountName !== session.accountName ? (
                      <button
                        type="button"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        onClick={() => setChanging(account.accountName)}
                      >
                        Change<span className="govuk-visually-hidden"> {account.accountName}</span>
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isAdmin && target && accounts ? (
        <AccountChangeForm
          key={target.accountName}
          account={target}
          others={accounts.filter(
            (a) => a.accountName !== target.accountName && a.accountName !== session.accountName && a.status !== 'disabled' && a.needsKeys,
          )}
          settings={settings}
          onDone={changed}
          onCancel={() => setChanging(null)}
        />
      ) : null}
      {isAdmin ? (
        <AddAccountForm
          onAdded={(name) => changed(`Account ${name} added. Give them the temporary passphrase in person; they will choose their own when they first unlock.`)}
        />
      ) : null}
    </>
  );
}

function StatusTag({ account }: { account: AccountSummary }) {
  if (account.status === 'disabled')
    return <strong className="govuk-tag govuk-tag--grey">Disabled {account.disabledAt ? formatDateShort(account.disabledAt) : ''}</strong>;
  if (account.status === 'temporary') return <strong className="govuk-tag govuk-tag--yellow">Temporary passphrase</strong>;
  return <strong className="govuk-tag govuk-tag--green">Active</strong>;
}

type AccountAction = 'role' | 'reset' | 'disable' | 'enable' | 'remove';

const ACTION_LABELS: Record<AccountAction, string> = {
  role: 'Change their role',
  reset: 'Reset their passphrase (they get a temporary one)',
  disable: 'Disable the account (someone leaving, or away for a long time)',
  enable: 'Enable the account again, with a temporary passphrase',
  remove: 'Remove the account for good (their name stays in the history)',
};

/** One form for everything an administrator can change about someone else's account. */
function AccountChangeForm({
  account,
  others,
  settings,
  onDone,
  onCancel,
}: {
  account: AccountSummary;
  /** Accounts not unlocked since keyring version 2: a new data key needs a temporary passphrase for each. */
  others: AccountSummary[];
  settings: SettingsProps['settings'];
  onDone: (message: string, recoveryKey?: string | null) => void;
  onCancel: () => void;
}) {
  const actions: AccountAction[] = account.status === 'disabled' ? ['enable', 'remove'] : ['role', 'reset', 'disable', 'remove'];
  const [action, setAction] = useState<AccountAction>(actions[0]!);
  const [role, setRole] = useState<Role>(account.role);
  const [temporaryPassphrase, setTemporaryPassphrase] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [legacy, setLegacy] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { errors, fieldError, fail, clear } = useFormErrors();
  const name = account.accountName;
  // Disable, remove (of an account still able to unlock) and reset replace the data key.
  const rekeys = action === 'reset' || action === 'disable' || (action === 'remove' && account.status !== 'disabled');
  const othersInput = others.map((o) => ({ accountName: o.accountName, kind: 'temporary' as const, passphrase: legacy[o.accountName] ?? '' }));
  const legacyId = (index: number) => `legacy-${index}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setBusy(true);
    try {
      if (action === 'role') {
        await call('accounts.changeRole', { accountName: name, role });
        onDone(`${name} is now: ${roleLabel(role, settings.roleTitle)}.`);
      } else if (action === 'enable') {
        await call('accounts.enable', { accountName: name, temporaryPassphrase });
        onDone(`${name} can unlock again with the temporary passphrase. They must choose a new one when they next unlock.`);
      } else if (action === 'reset') {
        const outcome = await call('accounts.resetPassphrase', { accountName: name, temporaryPassphrase, passphrase, others: othersInput });
        onDone(
          `${name} has a temporary passphrase. They must choose a new one when they next unlock. The database has a new key, so their old passphrase opens nothing, not even an old copy of the keyring.`,
          outcome.recoveryKey,
        );
      } else if (action === 'disable') {
        const outcome = await call('accounts.disable', { accountName: name, passphrase, others: othersInput });
        onDone(
          `${name} is disabled and can no longer unlock. The database has a new key.${account.openCases ? ` Reassign their ${account.openCases} open case${account.openCases === 1 ? '' : 's'}.` : ''}`,
          outcome.recoveryKey,
        );
      } else {
        const outcome = await call('accounts.remove', { accountName: name, passphrase, others: othersInput });
        onDone(
          `${name} is removed.${outcome.recoveryKey ? ' The database has a new key.' : ''}${account.openCases ? ` Reassign their ${account.openCases} open case${account.openCases === 1 ? '' : 's'}.` : ''}`,
          outcome.recoveryKey,
        );
      }
    } catch (error) {
      const rename = (field: string) => {
        const index = others.findIndex((o) => field === `others.${o.accountName}`);
        if (index >= 0) return legacyId(index);
        return (
          ({ temporaryPassphrase: 'changeTemporaryPassphrase', passphrase: 'changePassphrase', role: 'changeRole' } as Record<string, string>)[field] ?? field
        );
      };
      fail(error, ['changeRole', 'changeTemporaryPassphrase', 'changePassphrase', ...others.map((_, i) => legacyId(i))], rename);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="change-account-heading" className="govuk-!-margin-bottom-8">
      <h3 className="govuk-heading-s" id="change-account-heading">
        Change the account {name}
      </h3>
      <ErrorSummary errors={errors} />
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">What do you want to do?</legend>
          <div className="govuk-radios govuk-radios--small">
            {actions.map((value) => (
              <div className="govuk-radios__item" key={value}>
                <input
                  className="govuk-radios__input"
                  id={`action-${value}`}
                  name="account-action"
                  type="radio"
                  checked={action === value}
                  onChange={() => setAction(value)}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={`action-${value}`}>
                  {ACTION_LABELS[value]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {action === 'role' ? <RoleRadios id="changeRole" value={role} onChange={setRole} error={fieldError('changeRole')} /> : null}
      {action === 'reset' || action === 'enable' ? (
        <TextField
          id="changeTemporaryPassphrase"
          label="Temporary passphrase"
          hint={PASSPHRASE_RULE_TEXT}
          type="password"
          value={temporaryPassphrase}
          onChange={setTemporaryPassphrase}
          error={fieldError('changeTemporaryPassphrase')}
          autoComplete="new-password"
        />
      ) : null}
      {(action === 'disable' || action === 'remove') && account.openCases ? (
        <div className="govuk-inset-text">
          {name} has {account.openCases} open case{account.openCases === 1 ? '' : 's'}. Reassign them from each case page, so no victim is left without a
          worker.
        </div>
      ) : null}
      {rekeys ? (
        <>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              The database gets a new key, so nothing {name} had (a passphrase, an old copy of the keyring) opens it any more. You will get a new recovery key
              to store; the old one then opens only backups made before today.
            </strong>
          </div>
          {others.map((other, index) => (
            <TextField
              key={other.accountName}
              id={legacyId(index)}
              label={`Temporary passphrase for ${other.accountName}`}
              hint={`${other.accountName} has not unlocked since this version was installed, so the new key cannot be given to them without one. ${PASSPHRASE_RULE_TEXT}`}
              type="password"
              value={legacy[other.accountName] ?? ''}
              onChange={(value) => setLegacy((current) => ({ ...current, [other.accountName]: value }))}
              error={fieldError(legacyId(index))}
              autoComplete="off"
            />
          ))}
        </>
      ) : null}
      {action !== 'role' && action !== 'enable' ? (
        <TextField
          id="changePassphrase"
          label="Your passphrase, to confirm"
          type="password"
          value={passphrase}
          onChange={setPassphrase}
          error={fieldError('changePassphrase')}
          autoComplete="current-password"
        />
      ) : null}
      <ProgressBar operation="rekey" active={busy && rekeys} />
      <div className="govuk-button-group">
        <button type="submit" className={`govuk-button${action === 'disable' || action === 'remove' ? ' govuk-button--warning' : ''}`} disabled={busy}>
          {{ role: 'Save role', reset: 'Reset passphrase', disable: 'Disable account', enable: 'Enable account', remove: 'Remove account' }[action]}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RoleRadios({ id, value, onChange, error }: { id: string; value: Role; onChange: (role: Role) => void; error?: string | undefined }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" id={id}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Role</legend>
        {error ? (
          <p className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-radios govuk-radios--small">
          {ROLES.map((role) => (
            <div className="govuk-radios__item" key={role}>
              <input
                className="govuk-radios__input"
                id={`${id}-${role}`}
                name={`${id}-radios`}
                type="radio"
                checked={value === role}
                onChange={() => onChange(role)}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`${id}-${role}`}>
                {ROLE_DESCRIPTIONS[role]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Administrator: accounts, settings and everything else',
  plw: 'Worker: manages cases',
  manager: 'Manager: team figures and reports',
};

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
      <TextField
        id="accountName"
        label="Account name"
        value={accountName}
        onChange={setAccountName}
        error={fieldError('accountName')}
        widthClass="govuk-!-width-one-half"
      />
      <RoleRadios id="role" value={role} onChange={setRole} error={fieldError('role')} />
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

/** The office an account works from (new cases it makes start there): changed by an administrator, saved as chosen. */
function AccountOffice({
  account,
  offices,
  canChange,
  onChanged,
}: {
  account: AccountSummary;
  offices: { id: number; name: string }[];
  canChange: boolean;
  onChanged: () => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const name = offices.find((o) => o.id === account.officeId)?.name ?? 'None';
  if (!canChange) return <>{name}</>;
  const id = `office-${account.accountName.replace(/[^A-Za-z0-9]+/g, '-')}`;
  return (
    <>
      <label className="govuk-visually-hidden" htmlFor={id}>
        Office of {account.accountName}
      </label>
      <select
        className="govuk-select govuk-!-width-full"
        id={id}
        value={account.officeId ?? ''}
        onChange={async (event) => {
          setProblem(null);
          try {
            await call('accounts.setOffice', { accountName: account.accountName, officeId: event.target.value ? Number(event.target.value) : null });
            onChanged();
          } catch (error) {
            setProblem(asClientError(error).message);
          }
        }}
      >
        <option value="">None</option>
        {offices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      {problem ? <p className="govuk-error-message">{problem}</p> : null}
    </>
  );
}
