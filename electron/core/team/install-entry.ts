/**
 * Puts one account's new keyring entry in place together with the database's record of its
 * public keys. The keyring is written inside the database transaction, under the keyring's
 * lock: if the keyring cannot be written the database change is rolled back, and a crash
 * between the two leaves a keyring entry whose keys the next unlock records (unlock.ts).
 */
import {
  findEntry,
  keyringPathFor,
  withEntry,
  withKeyringLock,
  writeKeyringAtomic,
  type Keyring,
  type KeyringEntry,
  type SealedEntry,
} from '../crypto/keyring';
import { PlwError } from '../errors';
import type { Db } from '../db/open-database';
import { recordPublicKeys } from './account-records';

export interface InstallConditions {
  /** Refused (CONFLICT, with this message) unless the account's entry on file is still `from`. */
  entryUnchanged?: { from: KeyringEntry; message: string };
  /**
   * The keyring as read before the slow work (Argon2id, sealing): for an entry sealed to the
   * data key, any change since (a rekey above all) means that key may no longer be current.
   */
  keyringUnchangedSince?: Keyring;
  /** Database changes that go with the entry, in the same transaction (the account row, the audit entry). */
  inTransaction?: () => void;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function installEntry(db: Db, databasePath: string, entry: SealedEntry, now: Date, conditions: InstallConditions = {}): Promise<void> {
  await withKeyringLock(databasePath, (keyring) => {
    if (conditions.keyringUnchangedSince && !same(keyring.accounts, conditions.keyringUnchangedSince.accounts)) {
      throw new PlwError(
        'CONFLICT',
        'The accounts changed while this one was being prepared (another administrator, or a new key). Nothing was changed: try again.',
      );
    }
    if (conditions.entryUnchanged && !same(findEntry(keyring, entry.accountName), conditions.entryUnchanged.from)) {
      throw new PlwError('CONFLICT', conditions.entryUnchanged.message);
    }
    db.transaction(() => {
      conditions.inTransaction?.();
      recordPublicKeys(db, entry.accountName, entry.publicKeys, now);
      writeKeyringAtomic(keyringPathFor(databasePath), withEntry(keyring, entry));
    })();
  });
}
