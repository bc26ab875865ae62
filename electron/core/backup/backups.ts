/**
 * Encrypted backups. `VACUUM INTO` writes a consistent, compacted copy in one read
 * transaction while the app is in use, and SQLite3 Multiple Ciphers encrypts it with
 * the same key (its online backup API refuses to copy into a file that is not keyed
 * the same way). The keyring is copied beside it: without it, or the recovery key,
 * a backup cannot be opened. Each backup is verified after writing.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { keyringPathFor } from '../crypto/keyring';
import { openEncryptedDatabase, type Db } from '../db/open-database';
import { PlwError } from '../errors';

const COUNTED = ['cases', 'victims', 'contacts', 'orders', 'chases', 'risk_events', 'liaison', 'children', 'timers', 'audit_log'] as const;
const NAME = /^team-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.plwbak$/;

export interface BackupResult {
  file: string;
  bytes: number;
  counts: Record<string, number>;
}

export function tableCounts(db: Db): Record<string, number> {
  return Object.fromEntries(COUNTED.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

function stampOf(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function backupDatabase(db: Db, databasePath: string, keyHex: string, folder: string, now: Date): BackupResult {
  try {
    mkdirSync(folder, { recursive: true });
  } catch {
    throw new PlwError('NOT_FOUND', 'The backup folder cannot be reached. Check the drive is connected, or choose another folder. Nothing was changed.');
  }
  const file = join(folder, `team-${stampOf(now)}.plwbak`);
  if (existsSync(file)) throw new PlwError('CONFLICT', 'A backup was made this second already.');
  const counts = tableCounts(db);
  try {
    db.prepare('VACUUM INTO ?').run(file);
    copyFileSync(keyringPathFor(databasePath), `${file}.keyring`);
  } catch {
    for (const f of [file, `${file}.keyring`]) if (existsSync(f)) unlinkSync(f);
    throw new PlwError('INTERNAL', 'The backup could not be written (the folder may be full or read-only). Nothing was changed.');
  }
  const check = verifyBackup(file, keyHex);
  const mismatched = Object.keys(counts).filter((t) => check.counts[t] !== counts[t]);
  if (!check.ok || mismatched.length) {
    for (const f of [file, `${file}.keyring`]) if (existsSync(f)) unlinkSync(f);
    throw new PlwError('DATABASE_DAMAGED', 'The backup did not read back correctly and was removed. Try again, or choose another folder.');
  }
  return { file, bytes: statSync(file).size, counts };
}

export function verifyBackup(file: string, keyHex: string): { ok: boolean; counts: Record<string, number> } {
  try {
    const db = openEncryptedDatabase(file, keyHex, { create: false });
    try {
      const ok = db.pragma('integrity_check', { simple: true }) === 'ok';
      return { ok, counts: tableCounts(db) };
    } finally {
      db.pragma('journal_mode=DELETE');
      db.close();
    }
  } catch {
    return { ok: false, counts: {} };
  }
}

export interface BackupFile {
  file: string;
  takenAt: Date;
}

export function listBackups(folder: string): BackupFile[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => {
      const m = NAME.exec(name);
      return m ? { file: join(folder, name), takenAt: new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) } : null;
    })
    .filter((b): b is BackupFile => b !== null)
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}
export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12 };

/** Which backups to keep: the newest of each of the last N days, weeks and months. */
export function backupsToKeep(backups: BackupFile[], policy: RotationPolicy): Set<string> {
  const keep = new Set<string>();
  const pick = (keyOf: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of backups) {
      const key = keyOf(b.takenAt);
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > count) break;
      keep.add(b.file);
    }
  };
  pick((d) => d.toISOString().slice(0, 10), policy.daily);
  pick((d) => {
    const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
    return monday.toISOString().slice(0, 10);
  }, policy.weekly);
  pick((d) => d.toISOString().slice(0, 7), policy.monthly);
  return keep;
}

export function rotateBackups(folder: string, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const backups = listBackups(folder);
  const keep = backupsToKeep(backups, policy);
  const removed: string[] = [];
  for (const b of backups) {
    if (keep.has(b.file)) continue;
    for (const f of [b.file, `${b.file}.keyring`]) if (existsSync(f)) unlinkSync(f);
    removed.push(basename(b.file));
  }
  return removed;
}

/**
 * Restores a backup in place of the database. The current database and keyring are kept
 * aside first (renamed, never deleted), so a restore can itself be undone.
 */
export function restoreBackup(databasePath: string, backupFile: string, now: Date): { keptAside: string } {
  if (!existsSync(backupFile) || !existsSync(`${backupFile}.keyring`)) {
    throw new PlwError('NOT_FOUND', 'That backup, or the keyring beside it, is missing.');
  }
  const aside = `${databasePath}.before-restore-${stampOf(now)}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${databasePath}${suffix}`)) renameSync(`${databasePath}${suffix}`, `${aside}${suffix}`);
  if (existsSync(keyringPathFor(databasePath))) renameSync(keyringPathFor(databasePath), `${aside}.keyring`);
  copyFileSync(backupFile, databasePath);
  copyFileSync(`${backupFile}.keyring`, keyringPathFor(databasePath));
  return { keptAside: aside };
}
