/** Making a new team database: a random data key, the first (admin) account, schema v1. */
import { NEW_TEAM_ROLE_TITLE } from '../../../shared/role-title';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatRecoveryKey } from '../../../shared/recovery-key';
import { recordAudit } from '../audit';
import { migrate } from '../db/migrate';
import { openEncryptedDatabase } from '../db/open-database';
import { PlwError } from '../errors';
import { keyringPathFor, makeEntry, removeIfPresent, writeKeyringAtomic, type Keyring } from '../crypto/keyring';
import { lockDatabase } from '../db/database-lock';
import type { HeldLock } from '../files/file-lock';
import { requireSafeLocation } from '../db/location-check';
import type { ProgressReporter } from '../progress';
import { recordPublicKeys } from './account-records';
import type { OpenTeamDatabase } from './open-team-database';
import { DEFAULT_SETTINGS, writeSettings } from './settings';
import { bringTimersUpToDate } from '../cases/timer-store';
import { readTimerRules } from '../cases/timer-settings';

export interface CreateOptions {
  databasePath: string;
  teamName: string;
  accountName: string;
  passphrase: string;
  demo?: boolean;
  now?: () => Date;
  progress?: ProgressReporter;
}

export async function createTeamDatabase(options: CreateOptions): Promise<{ open: OpenTeamDatabase; recoveryKey: string }> {
  const { databasePath } = options;
  if (existsSync(databasePath) || existsSync(keyringPathFor(databasePath))) {
    throw new PlwError('DATABASE_EXISTS', 'A team database already exists in that place. Choose another folder, or unlock the existing one.');
  }
  requireSafeLocation(databasePath);
  mkdirSync(dirname(databasePath), { recursive: true });
  // Held from before the file exists, so two people creating in one folder cannot both succeed.
  const lock = lockDatabase(databasePath);
  try {
    return await createLocked(options, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function createLocked(options: CreateOptions, lock: HeldLock): Promise<{ open: OpenTeamDatabase; recoveryKey: string }> {
  const { databasePath } = options;
  const now = options.now ?? (() => new Date());
  const keyringPath = keyringPathFor(databasePath);
  if (existsSync(databasePath) || existsSync(keyringPath)) {
    throw new PlwError('DATABASE_EXISTS', 'A team database already exists in that place. Choose another folder, or unlock the existing one.');
  }
  const progress = options.progress ?? (() => undefined);
  const total = 3;

  const dataKey = randomBytes(32);
  const databaseId = randomUUID();
  progress({ operation: 'create', done: 0, total, label: 'Protecting the key with your passphrase' });
  const { entry, privateKeys } = await makeEntry(databaseId, options.accountName, 'admin', options.passphrase, dataKey, false);
  privateKeys.sealing.fill(0);

  progress({ operation: 'create', done: 1, total, label: 'Creating the encrypted database' });
  const db = openEncryptedDatabase(databasePath, dataKey, { create: true });
  try {
    migrate(db, databasePath);
    bringTimersUpToDate(db, readTimerRules(db));
    db.transaction(() => {
      db.prepare('INSERT INTO accounts (account_name, role, created_at) VALUES (?, ?, ?)').run(options.accountName, 'admin', now().toISOString());
      recordPublicKeys(db, options.accountName, entry.publicKeys, now());
      // A new team is given the role's current name; teams made before keep theirs (model v2 §7).
      writeSettings(db, { teamName: options.teamName, ...DEFAULT_SETTINGS, roleTitle: NEW_TEAM_ROLE_TITLE });
      recordAudit(db, options.accountName, { action: 'database.created', detail: { demo: options.demo ?? false } }, now());
    })();
    progress({ operation: 'create', done: 2, total, label: 'Saving the keyring' });
    const keyring: Keyring = {
      format: 'partner-link-tracker-keyring',
      version: 2,
      databaseId,
      teamName: options.teamName,
      demo: options.demo ?? false,
      accounts: [entry],
    };
    writeKeyringAtomic(keyringPath, keyring);
  } catch (error) {
    // Leave nothing half-made behind: the person can simply try again.
    db.close();
    privateKeys.signing.fill(0);
    for (const suffix of ['', '-wal', '-shm']) removeIfPresent(`${databasePath}${suffix}`);
    removeIfPresent(keyringPath);
    throw error;
  }
  progress({ operation: 'create', done: total, total, label: 'Done' });
  return {
    open: { db, databasePath, databaseId, dataKey, signingKey: privateKeys.signing, account: { accountName: options.accountName, role: 'admin' }, now, lock },
    recoveryKey: formatRecoveryKey(dataKey.toString('hex')),
  };
}
