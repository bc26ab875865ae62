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
import { findEntry, keyringPathFor, makeEntry, readKeyring, updateKeyring } from '../crypto/keyring';
import { clearFailedAttempts } from '../crypto/unlock-attempts';
import { migrate } from '../db/migrate';
import { openEncryptedDatabase, type Db } from '../db/open-database';
import { PlwError } from '../errors';
import type { OpenTeamDatabase } from './open-team-database';
import { lockForOpening, withEntryReplaced } from './unlock';

export interface RecoverOptions {
  databasePath: string;
  recoveryKey: string;
  accountName: string;
  newPassphrase: string;
  now?: () => Date;
}

const NOT_THIS_KEY = 'That recovery key does not open this database. Check each group of four against the paper copy; a key from before a rekey no longer works.';

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
  try {
    try {
      db = openEncryptedDatabase(options.databasePath, dataKey, { create: false });
    } catch (error) {
      if (error instanceof PlwError && error.code === 'DATABASE_DAMAGED') throw new PlwError('WRONG_PASSPHRASE', NOT_THIS_KEY, 'recoveryKey');
      throw error;
    }
    migrate(db, options.databasePath, { now });
    const keyring = readKeyring(keyringPathFor(options.databasePath));
    const account = db
      .prepare('SELECT account_name AS accountName, role, disabled_at AS disabledAt FROM accounts WHERE account_name = ? COLLATE NOCASE')
      .get(options.accountName) as { accountName: string; role: Role; disabledAt: string | null } | undefined;
    if (!account || account.disabledAt || account.role !== 'admin') {
      throw new PlwError('NOT_ALLOWED', 'The recovery key sets a new passphrase for an administrator account only. Enter the name of an administrator account.', 'accountName');
    }
    const fresh = await makeEntry(keyring.databaseId, account.accountName, 'admin', options.newPassphrase, dataKey, false);
    await updateKeyring(options.databasePath, (current) =>
      findEntry(current, account.accountName) ? withEntryReplaced(current, fresh) : { ...current, accounts: [...current.accounts, fresh] },
    );
    await clearFailedAttempts(options.databasePath, account.accountName);
    if (recovered !== 'none') recordAudit(db, account.accountName, { action: recovered === 'finished' ? 'database.swap-finished' : 'database.swap-rolled-back' }, now());
    recordAudit(db, account.accountName, { action: 'account.recovered-with-key' }, now());
    recordAudit(db, account.accountName, { action: 'session.unlocked' }, now());
    return { db, databasePath: options.databasePath, databaseId: keyring.databaseId, dataKey, account: { accountName: account.accountName, role: 'admin' }, now, lock };
  } catch (error) {
    db?.close();
    dataKey.fill(0);
    lock?.release();
    throw error;
  }
}
