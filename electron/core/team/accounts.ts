/** Accounts: each one is a row in the database and a wrapped copy of the key in the keyring. */
import type { AccountSummary } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { recordAudit } from '../audit';
import { findEntry, keyringPathFor, makeEntry, openEntry, readKeyring, sameAccountName, updateKeyring, withKeyringLock, writeKeyringAtomic } from '../crypto/keyring';
import { PlwError } from '../errors';
import { requireAdmin, type OpenTeamDatabase } from './open-team-database';
import { withEntryReplaced } from './unlock';

export function listAccounts(open: OpenTeamDatabase): AccountSummary[] {
  const keyring = readKeyring(keyringPathFor(open.databasePath));
  const rows = open.db
    .prepare('SELECT account_name AS accountName, role, created_at AS createdAt FROM accounts WHERE disabled_at IS NULL ORDER BY account_name')
    .all() as { accountName: string; role: Role; createdAt: string }[];
  return rows.map((row) => ({
    ...row,
    mustChangePassphrase: findEntry(keyring, row.accountName)?.mustChangePassphrase ?? false,
  }));
}

export async function addAccount(
  open: OpenTeamDatabase,
  input: { accountName: string; role: Role; temporaryPassphrase: string },
): Promise<AccountSummary> {
  requireAdmin(open);
  const keyringPath = keyringPathFor(open.databasePath);
  const databaseId = readKeyring(keyringPath).databaseId;
  // The admin knows the temporary passphrase, so the new person must replace it at first unlock.
  // Derived before taking the keyring's lock, so the lock is held for milliseconds.
  const entry = await makeEntry(databaseId, input.accountName, input.role, input.temporaryPassphrase, open.dataKey, true);
  const createdAt = open.now().toISOString();
  await withKeyringLock(open.databasePath, (keyring) => {
    const taken = open.db.prepare('SELECT 1 FROM accounts WHERE account_name = ?').get(input.accountName);
    if (taken || findEntry(keyring, input.accountName)) {
      throw new PlwError('CONFLICT', 'There is already an account with that name. Choose another name.', 'accountName');
    }
    open.db.transaction(() => {
      const { lastInsertRowid } = open.db
        .prepare('INSERT INTO accounts (account_name, role, created_at) VALUES (?, ?, ?)')
        .run(input.accountName, input.role, createdAt);
      recordAudit(
        open.db,
        open.account.accountName,
        { action: 'account.added', entityType: 'account', entityId: Number(lastInsertRowid), detail: { role: input.role } },
        open.now(),
      );
      // Inside the transaction: if the keyring cannot be written, the account row is rolled back too.
      writeKeyringAtomic(keyringPath, { ...keyring, accounts: [...keyring.accounts, entry] });
    })();
  });
  return { accountName: input.accountName, role: input.role, mustChangePassphrase: true, createdAt };
}

export async function resetPassphrase(
  open: OpenTeamDatabase,
  input: { accountName: string; temporaryPassphrase: string },
): Promise<void> {
  requireAdmin(open);
  if (sameAccountName(input.accountName, open.account.accountName)) {
    throw new PlwError('NOT_ALLOWED', 'To change your own passphrase, use Change your passphrase.', 'accountName');
  }
  const keyringPath = keyringPathFor(open.databasePath);
  const keyring = readKeyring(keyringPath);
  const current = findEntry(keyring, input.accountName);
  if (!current) throw new PlwError('NOT_FOUND', 'There is no account with that name.', 'accountName');
  const fresh = await makeEntry(keyring.databaseId, current.accountName, current.role, input.temporaryPassphrase, open.dataKey, true);
  await updateKeyring(open.databasePath, (now) => {
    if (findEntry(now, current.accountName)?.role !== current.role) throw new PlwError('CONFLICT', 'That account was changed just now. Try again.', 'accountName');
    return withEntryReplaced(now, fresh);
  });
  recordAudit(open.db, open.account.accountName, { action: 'account.passphrase-reset', entityType: 'account', detail: { account: current.accountName } }, open.now());
}

export async function changeOwnPassphrase(
  open: OpenTeamDatabase,
  input: { currentPassphrase: string; newPassphrase: string },
): Promise<void> {
  const keyringPath = keyringPathFor(open.databasePath);
  const keyring = readKeyring(keyringPath);
  const current = findEntry(keyring, open.account.accountName);
  if (!current) throw new PlwError('NOT_FOUND', 'Your account is missing from the keyring. Ask your administrator.');
  const check = await openEntry(keyring.databaseId, current, input.currentPassphrase);
  if (!check) throw new PlwError('WRONG_PASSPHRASE', 'Your current passphrase is not right.', 'currentPassphrase');
  check.fill(0);
  // Only the wrapping changes: the data key, and so the database file, stay as they are.
  const fresh = await makeEntry(keyring.databaseId, current.accountName, current.role, input.newPassphrase, open.dataKey, false);
  await updateKeyring(open.databasePath, (now) => {
    // Unchanged since the current passphrase was checked against it, or the change is refused.
    if (findEntry(now, current.accountName)?.wrapped.ciphertext !== current.wrapped.ciphertext) {
      throw new PlwError('CONFLICT', 'Your account was changed just now (by an administrator, or in another window). Try again.');
    }
    return withEntryReplaced(now, fresh);
  });
  recordAudit(open.db, open.account.accountName, { action: 'account.passphrase-changed' }, open.now());
}
