/**
 * Forward-only migrations tracked in PRAGMA user_version, each in its own
 * transaction. Before touching a database that already holds data, a copy of
 * the encrypted file is kept beside it (same key, nothing decrypted).
 */
import { copyFileSync } from 'node:fs';
import { PlwError } from '../errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';
import { checkpoint, type Db } from './open-database';

export interface MigrationOutcome {
  from: number;
  to: number;
  backupPath: string | null;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, databasePath: string, options: { migrations?: readonly Migration[]; now?: () => Date } = {}): MigrationOutcome {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new PlwError(
      'DATABASE_NEWER',
      `This database was made by a newer version of Partner Link Tracker (schema ${from}; this version knows up to ${latest}). Install the newer version to open it. Nothing was changed.`,
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0) {
    checkpoint(db);
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backupPath = `${databasePath}.before-schema-${pending[0]!.version}.${stamp}.bak`;
    copyFileSync(databasePath, backupPath);
  }
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: pending[pending.length - 1]!.version, backupPath };
}

export { LATEST_SCHEMA_VERSION };
