/**
 * Unlocking: the passphrase unwraps this account's copy of the data key, the key
 * opens the database, pending migrations run, and the unlock is audited.
 */
import { existsSync } from 'node:fs';
import { passphraseProblem } from '../../../shared/passphrase-rules';
import { recordAudit } from '../audit';
import { newKdfParams, deriveWrappingKey } from '../crypto/kdf';
import type { AccountPrivateKeys } from '../crypto/account-keys';
import {
  findEntry,
  isSealedEntry,
  keyringPathFor,
  makeEntry,
  readKeyring,
  unlockEntry,
  zeroPrivateKeys,
  type Keyring,
  type KeyringEntry,
} from '../crypto/keyring';
import { clearFailedAttempts, readAttempts, recordFailedAttempt } from '../crypto/unlock-attempts';
import { EXCLUSIVE_PURPOSES, databaseLockHolder, describeHolder, lockDatabase } from '../db/database-lock';
import { recoverInterruptedSwap } from '../db/database-swap';
import type { HeldLock } from '../files/file-lock';
import { requireSafeLocation } from '../db/location-check';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from '../db/migrate';
import { openEncryptedDatabase, type Db } from '../db/open-database';
import { PlwError } from '../errors';
import { describeWait, waitBeforeNextAttempt } from '../unlock-throttle';
import { accountRecord, mayUnlock, recordPublicKeys } from './account-records';
import { installEntry } from './install-entry';
import type { OpenTeamDatabase } from './open-team-database';
import { bringTimersUpToDate } from '../cases/timer-store';
import type { ProgressReporter } from '../progress';
import { readTimerRules } from '../cases/timer-settings';

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
  /** Progress of long work at unlock (timers worked out again after an upgrade). */
  progress?: ProgressReporter;
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

const NOT_ALLOWED = 'This account is not allowed to open this database. Ask your administrator.';
const NOT_ITS_KEYS =
  'The keyring entry for this account is not the one the database knows (it may be an old copy put back). Ask your administrator to reset your passphrase.';

export async function unlockTeamDatabase(options: UnlockOptions): Promise<OpenTeamDatabase> {
  const now = options.now ?? (() => new Date());
  if (!existsSync(options.databasePath)) {
    throw new PlwError('NO_DATABASE', 'There is no team database at that place.');
  }
  const { lock, recovered } = lockForOpening(options.databasePath, options.besideOthers ?? false);
  let dataKey: Buffer | null = null;
  let privateKeys: AccountPrivateKeys | null = null;
  let db: Db | null = null;
  try {
    const unwrapped = await unwrapAccountKey(options.databasePath, options.accountName, options.passphrase, now);
    dataKey = unwrapped.dataKey;
    privateKeys = unwrapped.privateKeys;
    const entry = unwrapped.entry;
    db = openEncryptedDatabase(options.databasePath, dataKey, { create: false });
    if (!lock && schemaVersion(db) < LATEST_SCHEMA_VERSION) {
      throw new PlwError('IN_USE', 'The team database needs upgrading, which can only happen while nothing else has it open. Close the app, then try again.');
    }
    migrate(db, options.databasePath, { now });
    // Only the one holding the lock writes: a reader beside the app sees what it last wrote.
    if (lock) bringTimersUpToDate(db, readTimerRules(db), options.progress);
    const openDb = db;
    const account = accountRecord(openDb, entry.accountName);
    // The database, not the plain keyring file, is the authority on who has which role and keys.
    if (!mayUnlock(account, entry.role)) throw new PlwError('NOT_ALLOWED', NOT_ALLOWED);
    if (isSealedEntry(entry) ? account.sealingPublicKey !== null && account.sealingPublicKey !== entry.publicKeys.sealing : account.sealingPublicKey !== null) {
      // A version 1 entry for an account that already has keys, or keys not its own: an old or planted entry.
      throw new PlwError('NOT_ALLOWED', NOT_ITS_KEYS);
    }
    if (recovered !== 'none') {
      recordAudit(openDb, entry.accountName, { action: recovered === 'finished' ? 'database.swap-finished' : 'database.swap-rolled-back' }, now());
    }

    // Failed attempts cannot be written to the encrypted log when they happen (no key):
    // they are counted in their own file and recorded here, at the next successful unlock.
    const failures = await clearFailedAttempts(options.databasePath, entry.accountName);
    if (failures.failedAttempts > 0) {
      recordAudit(
        openDb,
        entry.accountName,
        { action: 'session.failed-unlocks', detail: { attempts: failures.failedAttempts, last: failures.lastFailureAt } },
        now(),
      );
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
      privateKeys = await replaceOwnEntry(
        openDb,
        options.databasePath,
        unwrapped.keyring.databaseId,
        entry,
        options.newPassphrase,
        dataKey,
        privateKeys,
        now(),
      );
      recordAudit(openDb, entry.accountName, { action: 'account.passphrase-set-after-reset' }, now());
    } else if (!isSealedEntry(entry) && lock) {
      // First unlock since keyring version 2: this account gets its key pairs, under the same passphrase.
      privateKeys = await replaceOwnEntry(openDb, options.databasePath, unwrapped.keyring.databaseId, entry, options.passphrase, dataKey, privateKeys, now());
      recordAudit(openDb, entry.accountName, { action: 'account.keys-created' }, now());
    } else if (isSealedEntry(entry) && account.sealingPublicKey === null && lock) {
      // The keyring was written but the database not (a crash between the two): finish it.
      recordPublicKeys(openDb, entry.accountName, entry.publicKeys, now());
    }
    recordAudit(openDb, entry.accountName, { action: 'session.unlocked' }, now());
    return {
      db: openDb,
      databasePath: options.databasePath,
      databaseId: unwrapped.keyring.databaseId,
      dataKey,
      signingKey: privateKeys ? takeSigningKey(privateKeys) : null,
      account: { accountName: entry.accountName, role: entry.role },
      now,
      lock,
    };
  } catch (error) {
    db?.close();
    dataKey?.fill(0);
    if (privateKeys) zeroPrivateKeys(privateKeys);
    lock?.release();
    throw error;
  }
}

/** Keeps the signing seed for the session and zeroes the rest. */
function takeSigningKey(privateKeys: AccountPrivateKeys): Buffer {
  privateKeys.sealing.fill(0);
  return privateKeys.signing;
}

/**
 * Writes this account a new entry under `passphrase` (after a reset, or the first unlock
 * since version 2) with new key pairs: a private key is never wrapped under two passphrases,
 * so an old keyring copy opened with an old passphrase gives a key that no current entry
 * was sealed to. The keyring is written inside the database transaction that records the
 * public keys (install-entry.ts). Only if the entry is still the one unwrapped.
 */
export async function replaceOwnEntry(
  db: Db,
  databasePath: string,
  databaseId: string,
  entry: KeyringEntry,
  passphrase: string,
  dataKey: Buffer,
  previous: AccountPrivateKeys | null,
  now: Date,
): Promise<AccountPrivateKeys> {
  const fresh = await makeEntry(databaseId, entry.accountName, entry.role, passphrase, dataKey, false);
  if (previous) zeroPrivateKeys(previous);
  try {
    // Only this account's entry changes, and only if it is still the one that was unwrapped.
    await installEntry(db, databasePath, fresh.entry, now, {
      entryUnchanged: { from: entry, message: 'Your account was changed by an administrator just now. Try again.' },
    });
  } catch (error) {
    zeroPrivateKeys(fresh.privateKeys);
    throw error;
  }
  return fresh.privateKeys;
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
): Promise<{ keyring: Keyring; entry: KeyringEntry; dataKey: Buffer; privateKeys: AccountPrivateKeys | null }> {
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
  const opened = await unlockEntry(keyring.databaseId, entry, passphrase);
  if (!opened) {
    await recordFailedAttempt(databasePath, entry.accountName, now());
    throw new PlwError('WRONG_PASSPHRASE', WRONG, 'passphrase');
  }
  return { keyring, entry, ...opened };
}
