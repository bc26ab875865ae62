/**
 * Rekey: a new random data key for the database file and a new recovery key, sealed to
 * every account that may unlock (keyring version 2: nobody's passphrase is needed), and
 * with it any change that takes access away (disable, remove, reset: AccountChange).
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
import type { AccountPrivateKeys, AccountPublicKeys } from '../crypto/account-keys';
import {
  findEntry,
  isSealedEntry,
  keyringPathFor,
  makeEntry,
  openEntry,
  readKeyring,
  resealEntry,
  sameAccountName,
  withKeyringLock,
  zeroPrivateKeys,
  type Keyring,
  type KeyringEntry,
} from '../crypto/keyring';
import { commitSwap, recoverInterruptedSwap, writeNextKeyring, writeRekeyedCopy } from '../db/database-swap';
import { openEncryptedDatabase } from '../db/open-database';
import { PlwError } from '../errors';
import type { ProgressReporter } from '../progress';
import { accountRecord, mayUnlock, recordPublicKeys } from './account-records';
import { requireDatabaseLock, type OpenTeamDatabase } from './open-team-database';

export interface RekeyInput {
  /** The admin's own passphrase, asked again because this is a big step. */
  passphrase: string;
  /**
   * Accounts still on a version 1 keyring entry (not unlocked since keyring version 2)
   * have no public key to seal the new data key to: their owner's current passphrase, or a
   * temporary one to change at next unlock. Everyone else needs nothing.
   */
  others: { accountName: string; kind: 'current' | 'temporary'; passphrase: string }[];
}

/**
 * A change to who can open the database, made in the same swap as the new key, so the
 * change and the key land together or not at all: the leaver's entry (disable, remove) or
 * the old entry of a reset account is simply not in the new keyring, and no old keyring
 * copy opens the live file any more.
 */
export type AccountChange =
  { kind: 'disable'; accountName: string } | { kind: 'remove'; accountName: string } | { kind: 'reset'; accountName: string; temporaryPassphrase: string };

export interface RekeyOutcome {
  recoveryKey: string;
  temporaryAccounts: string[];
}

export function rekeyTeamDatabase(open: OpenTeamDatabase, input: RekeyInput, progress: ProgressReporter = () => undefined): Promise<RekeyOutcome> {
  return replaceDataKey(open, input, null, progress);
}

const CHANGE_AUDIT = { disable: 'account.disabled', remove: 'account.removed', reset: 'account.passphrase-reset' } as const;

export async function replaceDataKey(
  open: OpenTeamDatabase,
  input: RekeyInput,
  change: AccountChange | null,
  progress: ProgressReporter = () => undefined,
): Promise<RekeyOutcome> {
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
  if (change) checkChange(open, keyring, change);

  const newKey = randomBytes(32);
  let committed = false;
  const entries: KeyringEntry[] = [];
  /** Entries with new key pairs: their public keys go into the database with the swap. */
  const newKeys: { accountName: string; publicKeys: AccountPublicKeys }[] = [];
  let ownNewKeys: AccountPrivateKeys | null = null;
  const temporaryAccounts: string[] = [];
  const withNewKeyPairs = async (entry: KeyringEntry, passphrase: string, mustChange: boolean) => {
    const made = await makeEntry(keyring.databaseId, entry.accountName, entry.role, passphrase, newKey, mustChange);
    newKeys.push({ accountName: entry.accountName, publicKeys: made.entry.publicKeys });
    if (entry === self) ownNewKeys = made.privateKeys;
    else zeroPrivateKeys(made.privateKeys);
    return made.entry;
  };
  try {
    for (const [index, entry] of keyring.accounts.entries()) {
      step(`Re-protecting the key for account ${index + 1} of ${keyring.accounts.length}`);
      const record = accountRecord(open.db, entry.accountName);
      // Only accounts that may unlock get the new key: a stale entry (disabled, removed) is dropped here.
      if (!mayUnlock(record, entry.role)) continue;
      if (change && sameAccountName(entry.accountName, change.accountName)) {
        if (change.kind !== 'reset') continue;
        entries.push(await withNewKeyPairs(entry, change.temporaryPassphrase, true));
        temporaryAccounts.push(entry.accountName);
      } else if (isSealedEntry(entry)) {
        entries.push(await resealEntry(keyring.databaseId, entry, newKey));
      } else if (entry === self) {
        entries.push(await withNewKeyPairs(entry, input.passphrase, false));
      } else {
        entries.push(await legacyEntryAnswered(keyring.databaseId, entry, input.others, withNewKeyPairs, temporaryAccounts));
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
      writeRekeyedCopy(open.db, open.databasePath, open.dataKey, newKey, tableCounts(open.db), (copy) => {
        const now = open.now();
        // The account change is written into the copy, so it commits with the key.
        if (change?.kind === 'disable') copy.prepare('UPDATE accounts SET disabled_at = ? WHERE account_name = ?').run(now.toISOString(), change.accountName);
        if (change?.kind === 'remove') copy.prepare('UPDATE accounts SET removed_at = ? WHERE account_name = ?').run(now.toISOString(), change.accountName);
        for (const made of newKeys) recordPublicKeys(copy, made.accountName, made.publicKeys, now);
        if (change)
          recordAudit(
            copy,
            open.account.accountName,
            { action: CHANGE_AUDIT[change.kind], entityType: 'account', detail: { account: change.accountName } },
            now,
          );
        recordAudit(
          copy,
          open.account.accountName,
          { action: 'database.rekeyed', detail: { temporaryAccounts: temporaryAccounts.length, ...(change ? { reason: CHANGE_AUDIT[change.kind] } : {}) } },
          now,
        );
      });
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
      if (ownNewKeys) zeroPrivateKeys(ownNewKeys);
      throw error;
    }
  }

  if (!committed) throw new PlwError('INTERNAL', 'The new key was not put in place. Nothing was changed.');
  // Committed: from here the new key is the only key. Reopen the replaced file with it.
  open.dataKey.fill(0);
  open.dataKey = newKey;
  open.db = openEncryptedDatabase(open.databasePath, newKey, { create: false });
  open.lock.setPurpose('open');
  const madeOwn = ownNewKeys as AccountPrivateKeys | null;
  if (madeOwn) {
    madeOwn.sealing.fill(0);
    open.signingKey?.fill(0);
    open.signingKey = madeOwn.signing;
  }
  progress({ operation: 'rekey', done: total, total, label: 'Done' });
  return { recoveryKey: formatRecoveryKey(newKey.toString('hex')), temporaryAccounts };
}

/** A version 1 entry: its owner's current passphrase checked, or a temporary one that follows the rules. */
async function legacyEntryAnswered(
  databaseId: string,
  entry: KeyringEntry,
  others: RekeyInput['others'],
  withNewKeyPairs: (entry: KeyringEntry, passphrase: string, mustChange: boolean) => Promise<KeyringEntry>,
  temporaryAccounts: string[],
): Promise<KeyringEntry> {
  const given = others.find((o) => sameAccountName(o.accountName, entry.accountName));
  if (!given || given.passphrase.length === 0) {
    throw new PlwError(
      'VALIDATION',
      `${entry.accountName} has not unlocked since this version was installed: enter their passphrase, or a temporary one.`,
      `others.${entry.accountName}`,
    );
  }
  if (given.kind === 'current') {
    const check = await openEntry(databaseId, entry, given.passphrase);
    if (!check) throw new PlwError('WRONG_PASSPHRASE', `The passphrase for ${entry.accountName} is not right.`, `others.${entry.accountName}`);
    check.fill(0);
    return withNewKeyPairs(entry, given.passphrase, entry.mustChangePassphrase);
  }
  // A temporary passphrase outlives its use in every backup's keyring: the same rule as any other.
  const problem = passphraseProblem(given.passphrase);
  if (problem) throw new PlwError('VALIDATION', `${problem} (the temporary passphrase for ${entry.accountName})`, `others.${entry.accountName}`);
  temporaryAccounts.push(entry.accountName);
  return withNewKeyPairs(entry, given.passphrase, true);
}

/** Refuses a change that would lock the team out or makes no sense, before any work is done. */
function checkChange(open: OpenTeamDatabase, keyring: Keyring, change: AccountChange): void {
  const field = 'accountName';
  if (sameAccountName(change.accountName, open.account.accountName)) {
    throw new PlwError(
      'NOT_ALLOWED',
      change.kind === 'reset'
        ? 'To change your own passphrase, use Change your passphrase.'
        : 'You cannot disable or remove your own account: ask another administrator.',
      field,
    );
  }
  const record = accountRecord(open.db, change.accountName);
  if (!record || record.removedAt) throw new PlwError('NOT_FOUND', 'There is no account with that name.', field);
  if (record.disabledAt)
    throw new PlwError(
      'CONFLICT',
      `${record.accountName} is already disabled.${change.kind === 'reset' ? ' Enable the account to give it a new passphrase.' : ''}`,
      field,
    );
  if (!findEntry(keyring, change.accountName))
    throw new PlwError('NOT_FOUND', `${record.accountName} has no entry in the keyring. Enable it again to give it one.`, field);
  if (change.kind === 'reset') {
    const problem = passphraseProblem(change.temporaryPassphrase);
    if (problem) throw new PlwError('VALIDATION', problem, 'temporaryPassphrase');
  }
}
