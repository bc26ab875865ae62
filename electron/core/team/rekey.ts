/**
 * Rekey: a new random data key for the database file and a new recovery key.
 * SQLCipher cannot rekey safely in WAL mode, so the journal switches to DELETE
 * for the rekey and back to WAL after. The new keyring is written beside the old
 * one first and promoted only once the file is rekeyed, so a crash at any point
 * leaves a key that opens the file.
 */
import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import { formatRecoveryKey } from '../../../shared/recovery-key';
import { recordAudit } from '../audit';
import {
  findEntry,
  keyringPathFor,
  makeEntry,
  openEntry,
  pendingKeyringPathFor,
  readKeyring,
  removeIfPresent,
  sameAccountName,
  writeKeyringAtomic,
  type Keyring,
  type KeyringEntry,
} from '../crypto/keyring';
import { PlwError } from '../errors';
import type { ProgressReporter } from '../progress';
import { requireAdmin, type OpenTeamDatabase } from './open-team-database';

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
        entries.push(await makeEntry(keyring.databaseId, entry.accountName, entry.role, given.passphrase, newKey, true));
        temporaryAccounts.push(entry.accountName);
      }
    }

    step('Re-encrypting the database');
    const next: Keyring = { ...keyring, accounts: entries };
    const pendingPath = pendingKeyringPathFor(open.databasePath);
    writeKeyringAtomic(pendingPath, next);
    const { db } = open;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode=DELETE');
    db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
    db.pragma('journal_mode=WAL');
    renameSync(pendingPath, keyringPath);
    removeIfPresent(pendingPath);
  } catch (error) {
    newKey.fill(0);
    throw error;
  }

  open.dataKey.fill(0);
  open.dataKey = newKey;
  recordAudit(open.db, open.account.accountName, { action: 'database.rekeyed', detail: { temporaryAccounts: temporaryAccounts.length } }, open.now());
  progress({ operation: 'rekey', done: total, total, label: 'Done' });
  return { recoveryKey: formatRecoveryKey(newKey.toString('hex')), temporaryAccounts };
}
