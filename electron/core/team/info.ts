/** A summary of a database for the IT person: versions, accounts and sizes. No personal data. */
import { existsSync, statSync } from 'node:fs';
import { keyringPathFor, readKeyring } from '../crypto/keyring';
import { schemaVersion, LATEST_SCHEMA_VERSION } from '../db/migrate';
import type { OpenTeamDatabase } from './open-team-database';

const COUNTED_TABLES = ['cases', 'victims', 'perpetrators', 'children', 'contacts', 'orders', 'chases', 'timers', 'audit_log'] as const;

export interface DatabaseInfo {
  teamName: string;
  demo: boolean;
  schemaVersion: number;
  appSchemaVersion: number;
  cipher: string;
  accounts: { accountName: string; role: string; mustChangePassphrase: boolean; kdf: string }[];
  files: { name: string; bytes: number }[];
  rows: Record<string, number>;
}

export function databaseInfo(open: OpenTeamDatabase): DatabaseInfo {
  const keyringPath = keyringPathFor(open.databasePath);
  const keyring = readKeyring(keyringPath);
  const files = [open.databasePath, `${open.databasePath}-wal`, keyringPath]
    .filter((path) => existsSync(path))
    .map((path) => ({ name: path, bytes: statSync(path).size }));
  const rows: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    rows[table] = (open.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return {
    teamName: keyring.teamName,
    demo: keyring.demo,
    schemaVersion: schemaVersion(open.db),
    appSchemaVersion: LATEST_SCHEMA_VERSION,
    cipher: 'SQLCipher 4 (AES-256-CBC, HMAC-SHA512), raw 256-bit key',
    accounts: keyring.accounts.map((entry) => ({
      accountName: entry.accountName,
      role: entry.role,
      mustChangePassphrase: entry.mustChangePassphrase,
      kdf: `argon2id m=${entry.kdf.memoryKiB}KiB t=${entry.kdf.passes} p=${entry.kdf.parallelism}`,
    })),
    files,
    rows,
  };
}
