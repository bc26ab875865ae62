/**
 * Rekey: a new random data key for the database file and a new recovery key.
 * The live file is never rekeyed in place: a copy is made under the new key beside it,
 * checked, and swapped in together with the new keyring by the rename-ordered protocol
 * of database-swap.ts, so a crash at any moment leaves a file that the old key (before
 * the commit) or the new keyring (after it) opens. The new recovery key is returned,
 * and so shown, only once the swap has committed.
 */
import { randomBytes } from 'node:crypto';
import { passphraseProblem } from '../../../shared/passphrase-rules';
import { formatRecoveryKey } from '../../../shared/recovery-key';
import { recordAudit } from '../audit';
import { tableCounts } from '../backup/backups';
import {
  findEntry,
  keyringPathFor,
  makeEntry,
  openEntry,
  readKeyring,
  sameAccountName,
  withKeyringLock,
  type Keyring,
  type KeyringEntry,
} from '../crypto/keyring';
import { commitSwap, recoverInterruptedSwap, writeNextKeyring, writeRekeyedCopy } from '../db/database-swap';
import { openEncryptedDatabase } from '../db/open-database';
import { PlwError } from '../errors';
import type { ProgressReporter } from '../progress';
import { requireAdmin, requireDatabaseLock, type OpenTeamDatabase } from './open-team-database';

export interface RekeyInput {
  /** The admin's own passphrase, asked again because this is a big step. */
  passphrase: string;
  /** Every other account: its owner's current passphrase, or a temporary one to change at next unlock. */
  others: { accountName: string; kind: 'current' | 'temporary'; passphrase: string }[];
}

export async function rekeyTeamDatabase(
  open: OpenTeamDatabase,
  input: RekeyInput,
  progress: ProgressReporter = () => undefined,
): Promise<{ recoveryKey: string; temporaryAccounts: string[] }> {
  requireAdmin(open);
  requireDatabaseLock(open);
  const keyringPath = keyringPathFor(open.databasePath);
  const keyring = readKeyring(keyringPath);
  const total = keyring.accounts.length + 2;
  let done = 0;
  const step = (label: string) => progress({ operation: 'rekey', done: done++, total, label });

  step('Checking your passphrase');
  const self = findEntry(keyring, open.account.accountName)!;
  const selfCheck = await openEntry(keyring.databaseId, self, input.passphrase);
  if (!selfCheck) throw new PlwError('WRONG_PASSPHRASE', 'Your passphrase is not right.', 'passphrase');
  selfCheck.fill(0);

  const newKey = randomBytes(32);
  let committed = false;
  const entries: KeyringEntry[] = [];
  const temporaryAccounts: string[] = [];
  try {
    entries.push(await makeEntry(keyring.databaseId, self.accountName, self.role, input.passphrase, newKey, false));
    for (const [index, entry] of keyring.accounts.entries()) {
      if (entry === self) continue;
      step(`Re-protecting the key for account ${index + 1} of ${keyring.accounts.length}`);
      const given = input.others.find((o) => sameAccountName(o.accountName, entry.accountName));
      if (!given || given.passphrase.length === 0) {
        throw new PlwError('VALIDATION', `Enter a passphrase for ${entry.accountName}: theirs, or a temporary one.`, `others.${entry.accountName}`);
      }
      if (given.kind === 'current') {
        const check = await openEntry(keyring.databaseId, entry, given.passphrase);
        if (!check) throw new PlwError('WRONG_PASSPHRASE', `The passphrase for ${entry.accountName} is not right.`, `others.${entry.accountName}`);
        check.fill(0);
        entries.push(await makeEntry(keyring.databaseId, entry.accountName, entry.role, given.passphrase, newKey, entry.mustChangePassphrase));
      } else {
        // A temporary passphrase outlives its use in every backup's keyring: the same rule as any other.
        const problem = passphraseProblem(given.passphrase);
        if (problem) throw new PlwError('VALIDATION', `${problem} (the temporary passphrase for ${entry.accountName})`, `others.${entry.accountName}`);
        entries.push(await makeEntry(keyring.databaseId, entry.accountName, entry.role, given.passphrase, newKey, true));
        temporaryAccounts.push(entry.accountName);
      }
    }

    step('Re-encrypting the database');
    open.lock.setPurpose('rekey');
    await withKeyringLock(open.databasePath, (current) => {
      // Every account rewrapped must still be the account on file: one added, removed or
      // changed meanwhile would otherwise be silently dropped or revived by the new keyring.
      if (JSON.stringify(current.accounts) !== JSON.stringify(keyring.accounts)) {
        throw new PlwError('CONFLICT', 'The accounts changed while the new key was being prepared. Nothing was changed: try again.');
      }
      const next: Keyring = { ...current, accounts: entries };
      writeRekeyedCopy(open.db, open.databasePath, open.dataKey, newKey, tableCounts(open.db), (copy) =>
        recordAudit(copy, open.account.accountName, { action: 'database.rekeyed', detail: { temporaryAccounts: temporaryAccounts.length } }, open.now()),
      );
      writeNextKeyring(open.databasePath, next);
      commitSwap(open.databasePath, open.db, null);
      committed = true;
    });
  } catch (error) {
    if (!open.db.open && recoverInterruptedSwap(open.databasePath) === 'finished') {
      // Failed after the commit point (say, renaming the keyring): the new key is in force.
      committed = true;
    } else {
      if (!open.db.open) open.db = openEncryptedDatabase(open.databasePath, open.dataKey, { create: false });
      open.lock.setPurpose('open');
      newKey.fill(0);
      throw error;
    }
  }

  if (!committed) throw new PlwError('INTERNAL', 'The new key was not put in place. Nothing was changed.');
  // Committed: from here the new key is the only key. Reopen the replaced file with it.
  open.dataKey.fill(0);
  open.dataKey = newKey;
  open.db = openEncryptedDatabase(open.databasePath, newKey, { create: false });
  open.lock.setPurpose('open');
  progress({ operation: 'rekey', done: total, total, label: 'Done' });
  return { recoveryKey: formatRecoveryKey(newKey.toString('hex')), temporaryAccounts };
}
