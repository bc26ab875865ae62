/**
 * Accounts: each one is a row in the database (the authority on role, state and public
 * keys) and an entry in the keyring. Adding access (add, enable, change role) seals the
 * current data key to the account; taking access away (disable, remove, reset) replaces
 * the data key for everyone else in one atomic swap (rekey.ts), so no old keyring copy
 * opens the live file afterwards.
 */
import type { AccountSummary } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { recordAudit } from '../audit';
import { findEntry, isSealedEntry, keyringPathFor, makeEntry, openEntry, readKeyring, resealEntry, sameAccountName, zeroPrivateKeys } from '../crypto/keyring';
import { PlwError } from '../errors';
import type { ProgressReporter } from '../progress';
import { accountRecord, countAdministrators, currentAccountRecords, type AccountRecord } from './account-records';
import { installEntry } from './install-entry';
import { type OpenTeamDatabase } from './open-team-database';
import { replaceDataKey, type RekeyInput, type RekeyOutcome } from './rekey';

export function listAccounts(open: OpenTeamDatabase): AccountSummary[] {
  const keyring = readKeyring(keyringPathFor(open.databasePath));
  const openCases = new Map(
    (
      open.db
        .prepare(
          `SELECT w.account_id AS accountId, count(*) AS n FROM cases c JOIN workers w ON w.id = c.owner_worker_id
           WHERE c.closed_date IS NULL AND w.account_id IS NOT NULL GROUP BY w.account_id`,
        )
        .all() as { accountId: number; n: number }[]
    ).map((row) => [row.accountId, row.n]),
  );
  const offices = new Map(
    (open.db.prepare('SELECT id, office_id AS officeId FROM accounts').all() as { id: number; officeId: number | null }[]).map((r) => [r.id, r.officeId]),
  );
  return currentAccountRecords(open.db).map((row) => {
    const entry = findEntry(keyring, row.accountName);
    return {
      accountName: row.accountName,
      role: row.role,
      createdAt: row.createdAt,
      mustChangePassphrase: entry?.mustChangePassphrase ?? false,
      status: row.disabledAt ? 'disabled' : entry?.mustChangePassphrase ? 'temporary' : 'active',
      disabledAt: row.disabledAt,
      // Not yet unlocked since keyring version 2: a rekey needs their passphrase or a temporary one.
      needsKeys: !!entry && !isSealedEntry(entry),
      openCases: openCases.get(row.id) ?? 0,
      officeId: offices.get(row.id) ?? null,
    };
  });
}

export async function addAccount(open: OpenTeamDatabase, input: { accountName: string; role: Role; temporaryPassphrase: string }): Promise<AccountSummary> {
  if (accountRecord(open.db, input.accountName)) {
    throw new PlwError(
      'CONFLICT',
      'There is already an account with that name (or there was: removed accounts keep their name in the history). Choose another name.',
      'accountName',
    );
  }
  const createdAt = open.now().toISOString();
  // A keyring entry with no account row is what a crash half-way through adding leaves: replaced.
  await installTemporaryEntry(open, input.accountName, input.role, input.temporaryPassphrase, () => {
    if (accountRecord(open.db, input.accountName))
      throw new PlwError('CONFLICT', 'There is already an account with that name. Choose another name.', 'accountName');
    const { lastInsertRowid } = open.db
      .prepare('INSERT INTO accounts (account_name, role, created_at) VALUES (?, ?, ?)')
      .run(input.accountName, input.role, createdAt);
    recordAudit(
      open.db,
      open.account.accountName,
      { action: 'account.added', entityType: 'account', entityId: Number(lastInsertRowid), detail: { role: input.role } },
      open.now(),
    );
  });
  return {
    accountName: input.accountName,
    role: input.role,
    mustChangePassphrase: true,
    officeId: null,
    createdAt,
    status: 'temporary',
    disabledAt: null,
    needsKeys: false,
    openCases: 0,
  };
}

/** A temporary passphrase for someone else, with new key pairs, and a new data key so their old entry opens nothing. */
export function resetPassphrase(
  open: OpenTeamDatabase,
  input: {
    accountName: string;
    temporaryPassphrase: string;
    passphrase: string;
    others?: RekeyInput['others'];
  },
  progress?: ProgressReporter,
): Promise<RekeyOutcome> {
  return replaceDataKey(
    open,
    { passphrase: input.passphrase, others: input.others ?? [] },
    { kind: 'reset', accountName: input.accountName, temporaryPassphrase: input.temporaryPassphrase },
    progress,
  );
}

/** A leaver, or someone away: they can no longer unlock, and the data key changes for everyone else. */
export function disableAccount(
  open: OpenTeamDatabase,
  input: { accountName: string; passphrase: string; others?: RekeyInput['others'] },
  progress?: ProgressReporter,
): Promise<RekeyOutcome> {
  return replaceDataKey(open, { passphrase: input.passphrase, others: input.others ?? [] }, { kind: 'disable', accountName: input.accountName }, progress);
}

/**
 * Removed for good: gone from the list, the name kept in the history. An account still able
 * to unlock is taken out with a new data key; a disabled one already was, so only its row changes.
 */
export async function removeAccount(
  open: OpenTeamDatabase,
  input: { accountName: string; passphrase: string; others?: RekeyInput['others'] },
  progress?: ProgressReporter,
): Promise<RekeyOutcome | null> {
  const record = accountRecord(open.db, input.accountName);
  if (record?.disabledAt && !record.removedAt) {
    await checkOwnPassphrase(open, input.passphrase, 'passphrase');
    open.db.transaction(() => {
      open.db.prepare('UPDATE accounts SET removed_at = ? WHERE id = ?').run(open.now().toISOString(), record.id);
      recordAudit(
        open.db,
        open.account.accountName,
        { action: 'account.removed', entityType: 'account', entityId: record.id, detail: { account: record.accountName } },
        open.now(),
      );
    })();
    return null;
  }
  return replaceDataKey(open, { passphrase: input.passphrase, others: input.others ?? [] }, { kind: 'remove', accountName: input.accountName }, progress);
}

/** Back from being disabled, with a temporary passphrase and new key pairs; no rekey needed to give access. */
export async function enableAccount(open: OpenTeamDatabase, input: { accountName: string; temporaryPassphrase: string }): Promise<void> {
  const record = accountRecord(open.db, input.accountName);
  if (!record || record.removedAt) throw new PlwError('NOT_FOUND', 'There is no account with that name.', 'accountName');
  if (!record.disabledAt) throw new PlwError('CONFLICT', `${record.accountName} is not disabled.`, 'accountName');
  await installTemporaryEntry(open, record.accountName, record.role, input.temporaryPassphrase, () => {
    open.db.prepare('UPDATE accounts SET disabled_at = NULL WHERE id = ? AND disabled_at IS NOT NULL').run(record.id);
    recordAudit(
      open.db,
      open.account.accountName,
      { action: 'account.enabled', entityType: 'account', entityId: record.id, detail: { account: record.accountName } },
      open.now(),
    );
  });
}

/**
 * A new entry with new key pairs under a temporary passphrase the administrator knows, so the
 * person must replace it at first unlock; with `inTransaction`'s row change, together. Derived
 * before taking the keyring's lock, so the lock is held for milliseconds, and refused if the
 * keyring changed meanwhile (the data key sealed in might no longer be current).
 */
async function installTemporaryEntry(
  open: OpenTeamDatabase,
  accountName: string,
  role: Role,
  temporaryPassphrase: string,
  inTransaction: () => void,
): Promise<void> {
  const before = readKeyring(keyringPathFor(open.databasePath));
  const { entry, privateKeys } = await makeEntry(before.databaseId, accountName, role, temporaryPassphrase, open.dataKey, true);
  zeroPrivateKeys(privateKeys);
  await installEntry(open.db, open.databasePath, entry, open.now(), { keyringUnchangedSince: before, inTransaction });
}

/**
 * A new role: the database row and the keyring entry (its sealed key is bound to the role)
 * change together. No passphrase is needed: the data key is sealed again to the same key pair.
 */
export async function changeRole(open: OpenTeamDatabase, input: { accountName: string; role: Role }): Promise<void> {
  if (sameAccountName(input.accountName, open.account.accountName)) {
    throw new PlwError('NOT_ALLOWED', 'You cannot change your own role: ask another administrator.', 'accountName');
  }
  const record = activeRecord(open, input.accountName);
  const keyring = readKeyring(keyringPathFor(open.databasePath));
  const entry = findEntry(keyring, record.accountName);
  if (!entry) throw new PlwError('NOT_FOUND', `${record.accountName} has no entry in the keyring. Reset their passphrase to give them one.`, 'accountName');
  if (!isSealedEntry(entry)) {
    throw new PlwError(
      'CONFLICT',
      `${record.accountName} has not unlocked since this version was installed, so their role cannot change yet. Ask them to unlock once, or reset their passphrase.`,
      'accountName',
    );
  }
  if (record.role === input.role && entry.role === input.role) return;
  const resealed = await resealEntry(keyring.databaseId, entry, open.dataKey, input.role);
  await installEntry(open.db, open.databasePath, resealed, open.now(), {
    entryUnchanged: { from: entry, message: 'That account was changed just now. Try again.' },
    inTransaction: () => {
      open.db.prepare('UPDATE accounts SET role = ? WHERE id = ?').run(input.role, record.id);
      if (countAdministrators(open.db) === 0) throw new PlwError('NOT_ALLOWED', 'The team needs at least one administrator.', 'role');
      recordAudit(
        open.db,
        open.account.accountName,
        {
          action: 'account.role-changed',
          entityType: 'account',
          entityId: record.id,
          detail: { account: record.accountName, from: record.role, to: input.role },
        },
        open.now(),
      );
    },
  });
}

/**
 * Your own new passphrase, with new key pairs: the old passphrase then opens nothing in the
 * live keyring. The data key stays (no recovery key to re-record): an old keyring copy in a
 * backup still opens with the old passphrase until the next rekey (the README says so).
 */
export async function changeOwnPassphrase(open: OpenTeamDatabase, input: { currentPassphrase: string; newPassphrase: string }): Promise<void> {
  const keyring = readKeyring(keyringPathFor(open.databasePath));
  const current = findEntry(keyring, open.account.accountName);
  if (!current) throw new PlwError('NOT_FOUND', 'Your account is missing from the keyring. Ask your administrator.');
  await checkOwnPassphrase(open, input.currentPassphrase, 'currentPassphrase');
  const fresh = await makeEntry(keyring.databaseId, current.accountName, current.role, input.newPassphrase, open.dataKey, false);
  fresh.privateKeys.sealing.fill(0);
  try {
    // Unchanged since the current passphrase was checked against it, or the change is refused.
    await installEntry(open.db, open.databasePath, fresh.entry, open.now(), {
      entryUnchanged: { from: current, message: 'Your account was changed just now (by an administrator, or in another window). Try again.' },
    });
  } catch (error) {
    fresh.privateKeys.signing.fill(0);
    throw error;
  }
  open.signingKey?.fill(0);
  open.signingKey = fresh.privateKeys.signing;
  recordAudit(open.db, open.account.accountName, { action: 'account.passphrase-changed' }, open.now());
}

async function checkOwnPassphrase(open: OpenTeamDatabase, passphrase: string, field: string): Promise<void> {
  const keyring = readKeyring(keyringPathFor(open.databasePath));
  const own = findEntry(keyring, open.account.accountName);
  const check = own ? await openEntry(keyring.databaseId, own, passphrase) : null;
  if (!check)
    throw new PlwError('WRONG_PASSPHRASE', field === 'currentPassphrase' ? 'Your current passphrase is not right.' : 'Your passphrase is not right.', field);
  check.fill(0);
}

function activeRecord(open: OpenTeamDatabase, accountName: string): AccountRecord {
  const record = accountRecord(open.db, accountName);
  if (!record || record.removedAt) throw new PlwError('NOT_FOUND', 'There is no account with that name.', 'accountName');
  if (record.disabledAt) throw new PlwError('CONFLICT', `${record.accountName} is disabled. Enable the account first.`, 'accountName');
  return record;
}
