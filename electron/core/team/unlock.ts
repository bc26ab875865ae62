/**
 * Unlocking: the passphrase unwraps this account's copy of the data key, the key
 * opens the database, pending migrations run, and the unlock is audited.
 */
import { existsSync, renameSync } from 'node:fs';
import type { Role } from '../../../shared/roles';
import { recordAudit } from '../audit';
import { newKdfParams, deriveWrappingKey } from '../crypto/kdf';
import {
  findEntry,
  keyringPathFor,
  makeEntry,
  openEntry,
  pendingKeyringPathFor,
  readKeyring,
  sameAccountName,
  writeKeyringAtomic,
  type Keyring,
  type KeyringEntry,
} from '../crypto/keyring';
import { migrate } from '../db/migrate';
import { openEncryptedDatabase, type Db } from '../db/open-database';
import { PlwError } from '../errors';
import { describeWait, waitBeforeNextAttempt } from '../unlock-throttle';
import type { OpenTeamDatabase } from './open-team-database';

export interface UnlockOptions {
  databasePath: string;
  accountName: string;
  passphrase: string;
  /** Required when an admin gave this account a temporary passphrase. */
  newPassphrase?: string;
  now?: () => Date;
}

const WRONG = 'The account name or passphrase is not right. Check them and try again.';

export async function unlockTeamDatabase(options: UnlockOptions): Promise<OpenTeamDatabase> {
  const now = options.now ?? (() => new Date());
  const keyringPath = keyringPathFor(options.databasePath);
  if (!existsSync(options.databasePath)) {
    throw new PlwError('NO_DATABASE', 'There is no team database at that place.');
  }
  const unwrapped = await unwrapAccountKey(options.databasePath, options.accountName, options.passphrase, now);
  let { keyring, dataKey } = unwrapped;
  const entry = unwrapped.entry;

  let db: Db;
  try {
    db = openEncryptedDatabase(options.databasePath, dataKey.toString('hex'), { create: false });
  } catch (error) {
    // A rekey interrupted between changing the file and promoting the new keyring.
    const recovered = await tryPendingKeyring(options, dataKey);
    if (!recovered) throw error;
    ({ db, dataKey, keyring } = recovered);
  }

  try {
    migrate(db, options.databasePath, { now });
    const account = db
      .prepare('SELECT account_name AS accountName, role, disabled_at AS disabledAt FROM accounts WHERE account_name = ?')
      .get(entry.accountName) as { accountName: string; role: Role; disabledAt: string | null } | undefined;
    // The database, not the plain keyring file, is the authority on who has which role.
    if (!account || account.disabledAt || account.role !== entry.role) {
      throw new PlwError('NOT_ALLOWED', 'This account is not allowed to open this database. Ask your administrator.');
    }

    const current = findEntry(keyring, options.accountName)!;
    if (current.mustChangePassphrase) {
      if (!options.newPassphrase) {
        current.failedAttempts = 0;
        current.lastFailureAt = null;
        writeKeyringAtomic(keyringPath, keyring);
        throw new PlwError(
          'PASSPHRASE_CHANGE_REQUIRED',
          'Your administrator set a temporary passphrase. Choose a new passphrase to continue.',
          'newPassphrase',
        );
      }
      const fresh = await makeEntry(keyring.databaseId, current.accountName, current.role, options.newPassphrase, dataKey, false);
      replaceEntry(keyring, fresh);
      writeKeyringAtomic(keyringPath, keyring);
      recordAudit(db, current.accountName, { action: 'account.passphrase-set-after-reset' }, now());
    } else if (current.failedAttempts > 0 || current.lastFailureAt) {
      // Failed attempts cannot be written to the encrypted log when they happen (no key):
      // they are counted in the keyring and recorded here, at the next successful unlock.
      recordAudit(db, current.accountName, { action: 'session.failed-unlocks', detail: { attempts: current.failedAttempts, last: current.lastFailureAt } }, now());
      current.failedAttempts = 0;
      current.lastFailureAt = null;
      writeKeyringAtomic(keyringPath, keyring);
    }
    recordAudit(db, current.accountName, { action: 'session.unlocked' }, now());
    return {
      db,
      databasePath: options.databasePath,
      databaseId: keyring.databaseId,
      dataKey,
      account: { accountName: current.accountName, role: current.role },
      now,
    };
  } catch (error) {
    db.close();
    dataKey.fill(0);
    throw error;
  }
}

/**
 * The keyring half of unlocking: finds the account, applies the growing delay,
 * unwraps the data key and records a failure when the passphrase is wrong.
 */
export async function unwrapAccountKey(
  databasePath: string,
  accountName: string,
  passphrase: string,
  now: () => Date = () => new Date(),
): Promise<{ keyring: Keyring; entry: KeyringEntry; dataKey: Buffer }> {
  const keyringPath = keyringPathFor(databasePath);
  const keyring = readKeyring(keyringPath);
  const entry = findEntry(keyring, accountName);
  if (!entry) {
    // Same work as a real attempt, so timing does not reveal which accounts exist.
    await deriveWrappingKey(passphrase, newKdfParams());
    throw new PlwError('WRONG_PASSPHRASE', WRONG, 'passphrase');
  }
  const wait = waitBeforeNextAttempt(entry.failedAttempts, entry.lastFailureAt, now());
  if (wait > 0) {
    throw new PlwError('TOO_MANY_ATTEMPTS', `Too many wrong passphrases. Wait ${describeWait(wait)} and try again.`, 'passphrase');
  }
  const dataKey = await openEntry(keyring.databaseId, entry, passphrase);
  if (!dataKey) {
    entry.failedAttempts += 1;
    entry.lastFailureAt = now().toISOString();
    writeKeyringAtomic(keyringPath, keyring);
    throw new PlwError('WRONG_PASSPHRASE', WRONG, 'passphrase');
  }
  return { keyring, entry, dataKey };
}

export function replaceEntry(keyring: Keyring, fresh: Keyring['accounts'][number]): void {
  keyring.accounts = keyring.accounts.map((entry) =>
    sameAccountName(entry.accountName, fresh.accountName) ? fresh : entry,
  );
}

async function tryPendingKeyring(
  options: UnlockOptions,
  staleKey: Buffer,
): Promise<{ db: Db; dataKey: Buffer; keyring: Keyring } | null> {
  const pendingPath = pendingKeyringPathFor(options.databasePath);
  if (!existsSync(pendingPath)) return null;
  const pending = readKeyring(pendingPath);
  const entry = findEntry(pending, options.accountName);
  if (!entry) return null;
  const dataKey = await openEntry(pending.databaseId, entry, options.passphrase);
  if (!dataKey) return null;
  const db = openEncryptedDatabase(options.databasePath, dataKey.toString('hex'), { create: false });
  staleKey.fill(0);
  renameSync(pendingPath, keyringPathFor(options.databasePath));
  return { db, dataKey, keyring: pending };
}
