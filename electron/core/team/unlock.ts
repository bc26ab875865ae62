/**
 * Unlocking: the passphrase unwraps this account's copy of the data key, the key
 * opens the database, pending migrations run, and the unlock is audited.
 */
import { existsSync } from 'node:fs';
import { passphraseProblem } from '../../../shared/passphrase-rules';
import type { Role } from '../../../shared/roles';
import { recordAudit } from '../audit';
import { newKdfParams, deriveWrappingKey } from '../crypto/kdf';
import {
  findEntry,
  keyringPathFor,
  makeEntry,
  openEntry,
  readKeyring,
  sameAccountName,
  updateKeyring,
  type Keyring,
  type KeyringEntry,
} from '../crypto/keyring';
import { clearFailedAttempts, readAttempts, recordFailedAttempt } from '../crypto/unlock-attempts';
import { EXCLUSIVE_PURPOSES, databaseLockHolder, describeHolder, lockDatabase } from '../db/database-lock';
import { recoverInterruptedSwap } from '../db/database-swap';
import type { HeldLock } from '../db/file-lock';
import { requireSafeLocation } from '../db/location-check';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from '../db/migrate';
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
  /**
   * Read beside another program that has the database open (plw summary, timers, backup
   * while the app is open). Without it, a database open elsewhere is refused.
   */
  besideOthers?: boolean;
}

const WRONG = 'The account name or passphrase is not right. Check them and try again.';

/**
 * Takes the database lock and, holding it, finishes or rolls back any rekey or restore
 * a crash interrupted. Beside another holder (when allowed) returns null: that holder
 * owns the file, and reading goes ahead unless it is replacing the file right now.
 */
export function lockForOpening(databasePath: string, besideOthers: boolean): { lock: HeldLock | null; recovered: 'none' | 'rolled-back' | 'finished' } {
  requireSafeLocation(databasePath);
  try {
    const lock = lockDatabase(databasePath);
    try {
      return { lock, recovered: recoverInterruptedSwap(databasePath) };
    } catch (error) {
      lock.release();
      throw error;
    }
  } catch (error) {
    if (!(error instanceof PlwError) || error.code !== 'IN_USE' || !besideOthers) throw error;
    const holder = databaseLockHolder(databasePath);
    if (holder && EXCLUSIVE_PURPOSES.has(holder.purpose)) throw new PlwError('IN_USE', describeHolder(holder));
    return { lock: null, recovered: 'none' };
  }
}

export async function unlockTeamDatabase(options: UnlockOptions): Promise<OpenTeamDatabase> {
  const now = options.now ?? (() => new Date());
  if (!existsSync(options.databasePath)) {
    throw new PlwError('NO_DATABASE', 'There is no team database at that place.');
  }
  const { lock, recovered } = lockForOpening(options.databasePath, options.besideOthers ?? false);
  let dataKey: Buffer | null = null;
  let db: Db | null = null;
  try {
    const unwrapped = await unwrapAccountKey(options.databasePath, options.accountName, options.passphrase, now);
    dataKey = unwrapped.dataKey;
    const entry = unwrapped.entry;
    db = openEncryptedDatabase(options.databasePath, dataKey, { create: false });
    if (!lock && schemaVersion(db) < LATEST_SCHEMA_VERSION) {
      throw new PlwError('IN_USE', 'The team database needs upgrading, which can only happen while nothing else has it open. Close the app, then try again.');
    }
    migrate(db, options.databasePath, { now });
    const openDb = db;
    const account = openDb
      .prepare('SELECT account_name AS accountName, role, disabled_at AS disabledAt FROM accounts WHERE account_name = ?')
      .get(entry.accountName) as { accountName: string; role: Role; disabledAt: string | null } | undefined;
    // The database, not the plain keyring file, is the authority on who has which role.
    if (!account || account.disabledAt || account.role !== entry.role) {
      throw new PlwError('NOT_ALLOWED', 'This account is not allowed to open this database. Ask your administrator.');
    }
    if (recovered !== 'none') {
      recordAudit(openDb, entry.accountName, { action: recovered === 'finished' ? 'database.swap-finished' : 'database.swap-rolled-back' }, now());
    }

    // Failed attempts cannot be written to the encrypted log when they happen (no key):
    // they are counted in their own file and recorded here, at the next successful unlock.
    const failures = await clearFailedAttempts(options.databasePath, entry.accountName);
    if (failures.failedAttempts > 0) {
      recordAudit(openDb, entry.accountName, { action: 'session.failed-unlocks', detail: { attempts: failures.failedAttempts, last: failures.lastFailureAt } }, now());
    }

    if (entry.mustChangePassphrase) {
      if (!options.newPassphrase) {
        throw new PlwError(
          'PASSPHRASE_CHANGE_REQUIRED',
          'Your administrator set a temporary passphrase. Choose a new passphrase to continue.',
          'newPassphrase',
        );
      }
      const problem = passphraseProblem(options.newPassphrase);
      if (problem) throw new PlwError('VALIDATION', problem, 'newPassphrase');
      // The administrator knows the temporary one: keeping it would leave them able to unlock as this person.
      if (options.newPassphrase === options.passphrase) {
        throw new PlwError('VALIDATION', 'Choose a passphrase of your own, not the temporary one you were given', 'newPassphrase');
      }
      const fresh = await makeEntry(unwrapped.keyring.databaseId, entry.accountName, entry.role, options.newPassphrase, dataKey, false);
      await updateKeyring(options.databasePath, (keyring) => {
        // Re-read under the lock: only this account's entry changes, and only if it is still the one that was unwrapped.
        const current = findEntry(keyring, entry.accountName);
        if (!current || current.wrapped.ciphertext !== entry.wrapped.ciphertext) {
          throw new PlwError('CONFLICT', 'Your account was changed by an administrator just now. Try again.');
        }
        return withEntryReplaced(keyring, fresh);
      });
      recordAudit(openDb, entry.accountName, { action: 'account.passphrase-set-after-reset' }, now());
    }
    recordAudit(openDb, entry.accountName, { action: 'session.unlocked' }, now());
    return {
      db: openDb,
      databasePath: options.databasePath,
      databaseId: unwrapped.keyring.databaseId,
      dataKey,
      account: { accountName: entry.accountName, role: entry.role },
      now,
      lock,
    };
  } catch (error) {
    db?.close();
    dataKey?.fill(0);
    lock?.release();
    throw error;
  }
}

/**
 * The keyring half of unlocking: finds the account, applies the growing delay,
 * unwraps the data key and counts a failure when the passphrase is wrong. It never
 * writes the keyring: the count goes to its own file (unlock-attempts.ts).
 */
export async function unwrapAccountKey(
  databasePath: string,
  accountName: string,
  passphrase: string,
  now: () => Date = () => new Date(),
): Promise<{ keyring: Keyring; entry: KeyringEntry; dataKey: Buffer }> {
  const keyring = readKeyring(keyringPathFor(databasePath));
  const entry = findEntry(keyring, accountName);
  if (!entry) {
    // Same work as a real attempt, so timing does not reveal which accounts exist.
    await deriveWrappingKey(passphrase, newKdfParams());
    throw new PlwError('WRONG_PASSPHRASE', WRONG, 'passphrase');
  }
  const attempts = readAttempts(databasePath, entry.accountName);
  const wait = waitBeforeNextAttempt(attempts.failedAttempts, attempts.lastFailureAt, now());
  if (wait > 0) {
    throw new PlwError('TOO_MANY_ATTEMPTS', `Too many wrong passphrases. Wait ${describeWait(wait)} and try again.`, 'passphrase');
  }
  const dataKey = await openEntry(keyring.databaseId, entry, passphrase);
  if (!dataKey) {
    await recordFailedAttempt(databasePath, entry.accountName, now());
    throw new PlwError('WRONG_PASSPHRASE', WRONG, 'passphrase');
  }
  return { keyring, entry, dataKey };
}

export function withEntryReplaced(keyring: Keyring, fresh: KeyringEntry): Keyring {
  return { ...keyring, accounts: keyring.accounts.map((entry) => (sameAccountName(entry.accountName, fresh.accountName) ? fresh : entry)) };
}
