/**
 * The recovery key in use: it is the data key itself, so it opens the database when every
 * passphrase is forgotten. It then sets a new passphrase for an administrator account
 * (rewrapping the key for that account in the keyring) and the session is unlocked as
 * that administrator, audited. Only an administrator: anyone else can be reset by one.
 */
import { passphraseProblem } from '../../../shared/passphrase-rules';
import { parseRecoveryKey } from '../../../shared/recovery-key';
import type { Role } from '../../../shared/roles';
import { recordAudit } from '../audit';
import type { AccountPrivateKeys } from '../crypto/account-keys';
import { keyringPathFor, makeEntry, readKeyring, zeroPrivateKeys } from '../crypto/keyring';
import { clearFailedAttempts } from '../crypto/unlock-attempts';
import { migrate } from '../db/migrate';
import { openEncryptedDatabase, type Db } from '../db/open-database';
import { PlwError } from '../errors';
import type { OpenTeamDatabase } from './open-team-database';
import { installEntry } from './install-entry';
import { lockForOpening } from './unlock';
import { bringTimersUpToDate } from '../cases/timer-store';
import { readTimerRules } from '../cases/timer-settings';

export interface RecoverOptions {
  databasePath: string;
  recoveryKey: string;
  accountName: string;
  newPassphrase: string;
  now?: () => Date;
}

const NOT_THIS_KEY =
  'That recovery key does not open this database. Check each group of four against the paper copy; a key from before a rekey no longer works.';

export async function recoverWithKey(options: RecoverOptions): Promise<OpenTeamDatabase> {
  const now = options.now ?? (() => new Date());
  const keyHex = parseRecoveryKey(options.recoveryKey);
  if (!keyHex) {
    throw new PlwError('VALIDATION', 'Enter the recovery key: 64 letters (a to f) and digits, in groups of four', 'recoveryKey');
  }
  const problem = passphraseProblem(options.newPassphrase);
  if (problem) throw new PlwError('VALIDATION', problem, 'newPassphrase');

  const { lock, recovered } = lockForOpening(options.databasePath, false);
  let db: Db | null = null;
  const dataKey = Buffer.from(keyHex, 'hex');
  let privateKeys: AccountPrivateKeys | null = null;
  try {
    try {
      db = openEncryptedDatabase(options.databasePath, dataKey, { create: false });
    } catch (error) {
      if (error instanceof PlwError && error.code === 'DATABASE_DAMAGED') throw new PlwError('WRONG_PASSPHRASE', NOT_THIS_KEY, 'recoveryKey');
      throw error;
    }
    migrate(db, options.databasePath, { now });
    bringTimersUpToDate(db, readTimerRules(db));
    const keyring = readKeyring(keyringPathFor(options.databasePath));
    const account = db
      .prepare(
        'SELECT account_name AS accountName, role, disabled_at AS disabledAt, removed_at AS removedAt FROM accounts WHERE account_name = ? COLLATE NOCASE',
      )
      .get(options.accountName) as { accountName: string; role: Role; disabledAt: string | null; removedAt: string | null } | undefined;
    if (!account || account.disabledAt || account.removedAt || account.role !== 'admin') {
      throw new PlwError(
        'NOT_ALLOWED',
        'The recovery key sets a new passphrase for an administrator account only. Enter the name of an administrator account.',
        'accountName',
      );
    }
    // New key pairs: whatever the forgotten passphrase protected stays useless.
    const fresh = await makeEntry(keyring.databaseId, account.accountName, 'admin', options.newPassphrase, dataKey, false);
    privateKeys = fresh.privateKeys;
    await installEntry(db, options.databasePath, fresh.entry, now());
    await clearFailedAttempts(options.databasePath, account.accountName);
    if (recovered !== 'none')
      recordAudit(db, account.accountName, { action: recovered === 'finished' ? 'database.swap-finished' : 'database.swap-rolled-back' }, now());
    recordAudit(db, account.accountName, { action: 'account.recovered-with-key' }, now());
    recordAudit(db, account.accountName, { action: 'session.unlocked' }, now());
    privateKeys.sealing.fill(0);
    return {
      db,
      databasePath: options.databasePath,
      databaseId: keyring.databaseId,
      dataKey,
      signingKey: privateKeys.signing,
      account: { accountName: account.accountName, role: 'admin' },
      now,
      lock,
    };
  } catch (error) {
    db?.close();
    dataKey.fill(0);
    if (privateKeys) zeroPrivateKeys(privateKeys);
    lock?.release();
    throw error;
  }
}
