import type { Migration } from './migration';

/**
 * Schema v8: each account's public keys (keyring version 2), the signing keys it has held,
 * and a removed date.
 * The encrypted database, not the plain keyring file, is the authority on which keys
 * belong to which account: an entry whose keys differ from these is refused at unlock,
 * so a keyring entry planted or copied back from an old keyring does not open.
 * Removed accounts keep their row, so the audit log's names still mean someone.
 */
export const accountKeys: Migration = {
  version: 8,
  name: 'account public keys and removal',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN sealing_public_key TEXT;
      ALTER TABLE accounts ADD COLUMN signing_public_key TEXT;
      ALTER TABLE accounts ADD COLUMN removed_at TEXT;
      -- Every signing key an account has held, so a summary file shows who signed it.
      CREATE TABLE account_signing_keys (
        public_key TEXT PRIMARY KEY,
        account_name TEXT NOT NULL COLLATE NOCASE,
        created_at TEXT NOT NULL,
        retired_at TEXT
      );
    `);
  },
};
