/**
 * The database's record of an account: role, state and public keys. The database, not
 * the plain keyring file, is the authority on all three (see migration 8).
 */
import type { Role } from '../../../shared/roles';
import type { AccountPublicKeys } from '../crypto/account-keys';
import type { Db } from '../db/open-database';

export interface AccountRecord {
  id: number;
  accountName: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
  removedAt: string | null;
  sealingPublicKey: string | null;
  signingPublicKey: string | null;
}

const COLUMNS = `id, account_name AS accountName, role, created_at AS createdAt, disabled_at AS disabledAt, removed_at AS removedAt,
  sealing_public_key AS sealingPublicKey, signing_public_key AS signingPublicKey`;

export function accountRecord(db: Db, accountName: string): AccountRecord | undefined {
  // account_name is COLLATE NOCASE: the keyring's name and the row's may differ in case only.
  return db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE account_name = ?`).get(accountName) as AccountRecord | undefined;
}

/** Everyone not removed, disabled ones included (an administrator may enable them again). */
export function currentAccountRecords(db: Db): AccountRecord[] {
  return db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE removed_at IS NULL ORDER BY account_name`).all() as AccountRecord[];
}

/**
 * An account's new public keys. Earlier signing keys are kept, retired, so summary files
 * signed before a passphrase change still show who signed them.
 */
export function recordPublicKeys(db: Db, accountName: string, keys: AccountPublicKeys, now: Date): void {
  const at = now.toISOString();
  db.prepare('UPDATE accounts SET sealing_public_key = ?, signing_public_key = ? WHERE account_name = ?').run(keys.sealing, keys.signing, accountName);
  db.prepare('UPDATE account_signing_keys SET retired_at = ? WHERE account_name = ? AND retired_at IS NULL AND public_key <> ?').run(
    at,
    accountName,
    keys.signing,
  );
  db.prepare('INSERT OR IGNORE INTO account_signing_keys (public_key, account_name, created_at) VALUES (?, ?, ?)').run(keys.signing, accountName, at);
}

/** Which account a signing key belongs (or belonged) to. */
export function signingKeyHolder(db: Db, publicKey: string): { accountName: string; retiredAt: string | null } | undefined {
  return db.prepare('SELECT account_name AS accountName, retired_at AS retiredAt FROM account_signing_keys WHERE public_key = ?').get(publicKey) as
    { accountName: string; retiredAt: string | null } | undefined;
}

/** Whether an account may unlock at all: present, not disabled or removed, and the role the keyring claims. */
export function mayUnlock(record: AccountRecord | undefined, role: Role): record is AccountRecord {
  return !!record && !record.disabledAt && !record.removedAt && record.role === role;
}

export function countAdministrators(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM accounts WHERE role = 'admin' AND disabled_at IS NULL AND removed_at IS NULL").get() as { n: number }).n;
}
