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

export async function installEntry(
  db: Db,
  databasePath: string,
  entry: SealedEntry,
  now: Date,
  /** Throws to refuse when the entry on file is not what the caller expects (changed meanwhile). */
  check: (current: KeyringEntry | undefined) => void = () => undefined,
  alsoInTransaction: () => void = () => undefined,
  /**
   * The keyring as read before the slow work (Argon2id, sealing): for an entry sealed to the
   * data key, any change since (a rekey above all) means that key may no longer be current.
   */
  unchangedSince: Keyring | null = null,
): Promise<void> {
  await withKeyringLock(databasePath, (keyring) => {
    if (unchangedSince && JSON.stringify(keyring.accounts) !== JSON.stringify(unchangedSince.accounts)) {
      throw new PlwError(
        'CONFLICT',
        'The accounts changed while this one was being prepared (another administrator, or a new key). Nothing was changed: try again.',
      );
    }
    check(findEntry(keyring, entry.accountName));
    db.transaction(() => {
      alsoInTransaction();
      recordPublicKeys(db, entry.accountName, entry.publicKeys, now);
      writeKeyringAtomic(keyringPathFor(databasePath), withEntry(keyring, entry));
    })();
  });
}
