/**
 * Encrypted backups. `VACUUM INTO` writes a consistent, compacted copy in one read
 * transaction while the app is in use, and SQLite3 Multiple Ciphers encrypts it with
 * the same key (its online backup API refuses to copy into a file that is not keyed
 * the same way). The keyring is copied beside it: without it, or the recovery key,
 * a backup cannot be opened. Each backup is verified after writing.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { keyringPathFor, readKeyring } from '../crypto/keyring';
import { commitSwap, writeNextKeyring, writeRestoredCopy } from '../db/database-swap';
import { openEncryptedDatabase, type DataKey, type Db } from '../db/open-database';
import { PlwError } from '../errors';
import { auditAnchor, brokenAuditEntry, recordAudit } from '../audit';
import { writeFileAtomic } from '../files/durable-files';

const COUNTED = ['cases', 'victims', 'contacts', 'orders', 'chases', 'risk_events', 'liaison', 'children', 'timers', 'audit_log'] as const;
// A second backup in the same second gets `-2`, `-3` …: no backup ever replaces another.
const NAME = /^team-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.plwbak$/;
/** How often the copy is retried when the team wrote during it, before settling for a check without counts. */
const SNAPSHOT_TRIES = 3;
/** How long a backup waits, in all, for a database too busy to read. */
const BUSY_WAIT_MS = 30_000;

export interface BackupResult {
  file: string;
  bytes: number;
  counts: Record<string, number>;
  /**
   * Whether the copy's row counts were compared with the database's in the same snapshot.
   * False only when the team wrote during every try: the copy then passed SQLite's
   * integrity check but its counts had nothing exact to be compared with.
   */
  countsChecked: boolean;
  /** The audit log's head in this backup (`ID:HASH`), also written beside it as `.anchor`. */
  anchor: string | null;
}

const isBusy = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_BUSY');

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `work`, retrying while SQLite says the database is busy, up to a bounded wait. */
export function retryWhileBusy<T>(work: () => T, waitMs = BUSY_WAIT_MS): T {
  const deadline = Date.now() + waitMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() >= deadline) {
        throw new PlwError(
          'IN_USE',
          'The team database was too busy to back up just now (someone is importing or restoring). Nothing was changed: try again in a few minutes.',
        );
      }
      sleepSync(delay);
    }
  }
}

function freeBackupName(folder: string, now: Date): string {
  const stamp = stampOf(now);
  for (let n = 1; ; n++) {
    const file = join(folder, `team-${stamp}${n === 1 ? '' : `-${n}`}.plwbak`);
    if (!existsSync(file) && !existsSync(`${file}.keyring`)) return file;
  }
}

export function tableCounts(db: Db): Record<string, number> {
  return Object.fromEntries(COUNTED.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

function stampOf(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function backupDatabase(db: Db, databasePath: string, key: DataKey, folder: string, now: Date, options: { busyWaitMs?: number } = {}): BackupResult {
  try {
    mkdirSync(folder, { recursive: true });
  } catch {
    throw new PlwError('NOT_FOUND', 'The backup folder cannot be reached. Check the drive is connected, or choose another folder. Nothing was changed.');
  }
  const file = freeBackupName(folder, now);
  const remove = () => {
    for (const f of sideFiles(file)) if (existsSync(f)) unlinkSync(f);
  };
  let counts: Record<string, number> = {};
  let countsChecked = false;
  for (let attempt = 1; attempt <= SNAPSHOT_TRIES && !countsChecked; attempt++) {
    remove();
    // data_version changes only when another connection commits: unchanged from before the
    // counts to after the copy means the copy and the counts saw one and the same snapshot.
    const before = retryWhileBusy(() => db.pragma('data_version', { simple: true }), options.busyWaitMs);
    // One read transaction (deferred: it only reads, so it takes no write lock) for all the counts.
    counts = retryWhileBusy(() => db.transaction(() => tableCounts(db)).deferred(), options.busyWaitMs);
    try {
      retryWhileBusy(() => db.prepare('VACUUM INTO ?').run(file), options.busyWaitMs);
    } catch (error) {
      remove();
      if (error instanceof PlwError) throw error;
      throw new PlwError('STORAGE', 'The backup could not be written (the folder may be full or read-only). Nothing was changed.');
    }
    countsChecked = retryWhileBusy(() => db.pragma('data_version', { simple: true }), options.busyWaitMs) === before;
  }
  try {
    copyFileSync(keyringPathFor(databasePath), `${file}.keyring`);
  } catch {
    remove();
    throw new PlwError('STORAGE', 'The backup could not be written (the folder may be full or read-only). Nothing was changed.');
  }
  const check = verifyBackup(file, key);
  const mismatched = countsChecked ? Object.keys(counts).filter((t) => check.counts[t] !== counts[t]) : [];
  if (!check.ok || mismatched.length) {
    remove();
    throw new PlwError('DATABASE_DAMAGED', 'The backup did not read back correctly and was removed. Try again, or choose another folder.');
  }
  if (check.anchor) {
    try {
      writeAnchorFile(file, check.anchor, now);
    } catch {
      remove();
      throw new PlwError('STORAGE', 'The backup could not be written (the folder may be full or read-only). Nothing was changed.');
    }
  }
  return { file, bytes: statSync(file).size, counts: check.counts, countsChecked, anchor: check.anchor };
}

/** A backup is its file, its keyring, and the audit anchor it was taken at. */
const sideFiles = (file: string) => [file, `${file}.keyring`, `${file}.anchor`];

export function verifyBackup(file: string, key: DataKey): { ok: boolean; counts: Record<string, number>; anchor: string | null } {
  try {
    const db = openEncryptedDatabase(file, key, { create: false });
    try {
      // Whole pages, and an audit chain unbroken to its last entry.
      const ok = db.pragma('integrity_check', { simple: true }) === 'ok' && brokenAuditEntry(db) === null;
      return { ok, counts: tableCounts(db), anchor: auditAnchor(db) };
    } finally {
      db.pragma('journal_mode=DELETE');
      db.close();
    }
  } catch {
    return { ok: false, counts: {}, anchor: null };
  }
}

/**
 * The audit anchor beside a backup: plain text, no personal data. Kept with the backups
 * (ideally on another machine), it lets `plw verify --anchor` find a later rewrite of the
 * log by someone holding the key.
 */
function writeAnchorFile(file: string, anchor: string, now: Date): void {
  writeFileAtomic(
    `${file}.anchor`,
    [
      'Partner Link Tracker audit anchor',
      `Backup: ${basename(file)}`,
      `Taken: ${now.toISOString()}`,
      `Anchor: ${anchor}`,
      '',
      'To check the live database still holds the audit log unchanged up to this point:',
      `  plw verify --db PATH --anchor ${anchor}`,
      '',
    ].join('\n'),
  );
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
      // Same-second backups (-2, -3 …) sort after the first by a millisecond each.
      return m ? { file: join(folder, name), takenAt: new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +(m[7] ?? 1) - 1)) } : null;
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
  const pick = (keyOf: (d: Date) => string, count: number, everyOfAPeriod: boolean) => {
    const seen = new Set<string>();
    for (const b of backups) {
      const key = keyOf(b.takenAt);
      if (seen.has(key) && !everyOfAPeriod) continue;
      seen.add(key);
      if (seen.size > count) break;
      keep.add(b.file);
    }
  };
  // Every backup of the last N days, not just each day's newest: one made by hand after a
  // mistake must never push out the good one made that morning.
  pick((d) => d.toISOString().slice(0, 10), policy.daily, true);
  pick(
    (d) => {
      const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
      return monday.toISOString().slice(0, 10);
    },
    policy.weekly,
    false,
  );
  pick((d) => d.toISOString().slice(0, 7), policy.monthly, false);
  return keep;
}

export function rotateBackups(folder: string, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const backups = listBackups(folder);
  const keep = backupsToKeep(backups, policy);
  const removed: string[] = [];
  for (const b of backups) {
    if (keep.has(b.file)) continue;
    for (const f of sideFiles(b.file)) if (existsSync(f)) unlinkSync(f);
    removed.push(basename(b.file));
  }
  return removed;
}

/**
 * Restores a backup in place of the database, by the swap protocol of database-swap.ts:
 * the backup is copied beside the live file and checked with its key, the current
 * database, log and keyring are copied aside whole (so a restore can itself be undone),
 * and the pair is swapped in. The caller holds the database lock; `live` is its open
 * connection, closed here, or null when it never opened the file.
 */
export function restoreBackup(
  target: { databasePath: string; live: Db | null; actor: string },
  backupFile: string,
  backupKey: DataKey,
  now: Date,
): { keptAside: string } {
  if (!existsSync(backupFile) || !existsSync(`${backupFile}.keyring`)) {
    throw new PlwError('NOT_FOUND', 'That backup, or the keyring beside it, is missing.');
  }
  const { databasePath } = target;
  const backupKeyring = readKeyring(`${backupFile}.keyring`);
  let aside = `${databasePath}.before-restore-${stampOf(now)}`;
  for (let n = 2; existsSync(aside); n++) aside = `${databasePath}.before-restore-${stampOf(now)}-${n}`;
  // The restored database records who restored it, from which backup, and where the one it replaced went.
  writeRestoredCopy(backupFile, databasePath, backupKey, (copy) =>
    recordAudit(copy, target.actor, { action: 'database.restored', detail: { backup: basename(backupFile), keptAside: basename(aside) } }, now),
  );
  writeNextKeyring(databasePath, backupKeyring);
  commitSwap(databasePath, target.live, aside);
  return { keptAside: aside };
}
