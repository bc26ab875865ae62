/**
 * Puts one account's new keyring entry in place together with the database's record of its
 * public keys. The keyring is written inside the database transaction, under the keyring's
 * lock: if the keyring cannot be written the database change is rolled back, and a crash
 * between the two leaves a keyring entry whose keys the next unlock records (unlock.ts).
 */
import { findEntry, keyringPathFor, withEntry, withKeyringLock, writeKeyringAtomic, type KeyringEntry, type SealedEntry } from '../crypto/keyring';
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
): Promise<void> {
  await withKeyringLock(databasePath, (keyring) => {
    check(findEntry(keyring, entry.accountName));
    db.transaction(() => {
      alsoInTransaction();
      recordPublicKeys(db, entry.accountName, entry.publicKeys, now);
      writeKeyringAtomic(keyringPathFor(databasePath), withEntry(keyring, entry));
    })();
  });
}
