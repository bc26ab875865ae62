/**
 * Replacing the database file and its keyring together (rekey, restore) so that a
 * crash or power cut at any moment leaves a file that opens with a key someone has.
 *
 * The new pair is written beside the live one as `team.plwdb.next` and
 * `team.plwdb.keyring.next`, checked and synced, and then committed by renames whose
 * order is the protocol:
 *
 *   1. `.next` database written, checked, synced          (crash: rolled back, old key opens)
 *   2. `.keyring.next` written and synced                 (crash: rolled back, old key opens)
 *   3. live connection closed in rollback-journal mode    (crash: rolled back, old key opens)
 *   4. (restore) current files copied aside                (crash: rolled back, old key opens)
 *   5. rename `.next` over the database: the commit point  (crash: finished, new keyring opens)
 *   6. the old write-ahead log removed                     (crash: finished)
 *   7. rename `.keyring.next` over the keyring             (done)
 *
 * So the state on disk says which way to go, with no key needed to decide: a `.next`
 * database means "not committed" (roll back: remove the keyring first, then the
 * database, so that order can never look committed); a `.keyring.next` without it
 * means "committed" (finish: drop the old log, promote the keyring). The next open,
 * holding the database lock, does this before anything else (`recoverInterruptedSwap`).
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { keyringPathFor, pendingKeyringPathFor, readKeyring, writeKeyringAtomic, type Keyring } from '../crypto/keyring';
import { PlwError } from '../errors';
import { copyFileDurably, removeIfPresent, syncDirectory, syncFile } from '../files/durable-files';
import { processIsAlive } from '../files/file-lock';
import { applyCipher, rekeyTo, type DataKey, type Db } from './open-database';

export const nextDatabasePathFor = (databasePath: string): string => `${databasePath}.next`;

export type SwapPhase =
  | 'next-database-copied'
  | 'next-database-rekeyed'
  | 'next-database-written'
  | 'next-keyring-written'
  | 'live-closed'
  | 'kept-aside'
  | 'database-replaced'
  | 'old-log-removed'
  | 'keyring-replaced';

export const SWAP_PHASES: readonly SwapPhase[] = [
  'next-database-copied',
  'next-database-rekeyed',
  'next-database-written',
  'next-keyring-written',
  'live-closed',
  'kept-aside',
  'database-replaced',
  'old-log-removed',
  'keyring-replaced',
];

let phaseHook: (phase: SwapPhase) => void = () => undefined;

/** Crash tests name a phase and kill the process there; nothing else sets this. */
export function onSwapPhase(hook: (phase: SwapPhase) => void): void {
  phaseHook = hook;
}

const SIDE_FILES = ['-journal', '-wal', '-shm'];

function removeNextDatabase(databasePath: string): void {
  const next = nextDatabasePathFor(databasePath);
  // The keyring first: a `.keyring.next` left alone would read as "committed".
  removeIfPresent(pendingKeyringPathFor(databasePath));
  for (const suffix of SIDE_FILES) removeIfPresent(`${next}${suffix}`);
  removeIfPresent(`${next}.partial`);
  removeIfPresent(next);
  const folder = dirname(databasePath);
  const prefix = `${basename(databasePath)}.`;
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(prefix)) continue;
    // Half copies, and the private files of atomic writes whose writer died before renaming them.
    const writer = /\.(\d+)\.[0-9a-z]+\.tmp$/.exec(name);
    if (name.endsWith('.partial') || (writer && !processIsAlive(Number(writer[1])))) removeIfPresent(join(folder, name));
  }
  syncDirectory(folder);
}

/**
 * A rollback journal whose header SQLite had already zeroed (a transaction finished, the file not
 * yet removed) when the process was killed: the WAL-to-rollback switch of step 3 leaves one.
 * A zeroed header is SQLite's own mark that the journal holds nothing to play back; it is never
 * "hot", so SQLite leaves it lying there, and once the file is back in WAL mode nothing removes
 * it. A journal with a header (a hot one) is left for SQLite to play back.
 */
function removeFinishedJournal(databasePath: string): void {
  const journal = `${databasePath}-journal`;
  if (!existsSync(journal)) return;
  const magic = Buffer.alloc(8);
  const fd = openSync(journal, 'r');
  try {
    readSync(fd, magic, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (magic.every((byte) => byte === 0)) removeIfPresent(journal);
}

/**
 * Finishes or rolls back a swap that a crash interrupted. Call with the database lock
 * held and before opening the file. Returns what it did, for the audit log.
 */
export function recoverInterruptedSwap(databasePath: string): 'none' | 'rolled-back' | 'finished' {
  removeFinishedJournal(databasePath);
  if (existsSync(nextDatabasePathFor(databasePath))) {
    removeNextDatabase(databasePath);
    return 'rolled-back';
  }
  const pendingKeyring = pendingKeyringPathFor(databasePath);
  if (existsSync(pendingKeyring)) {
    // The new database is in place; the log beside it belonged to the old one.
    for (const suffix of SIDE_FILES) removeIfPresent(`${databasePath}${suffix}`);
    renameSync(pendingKeyring, keyringPathFor(databasePath));
    syncDirectory(dirname(databasePath));
    return 'finished';
  }
  removeNextDatabase(databasePath); // stray partial copies only
  return 'none';
}

/** Opens a file with a raw key in rollback-journal mode, for checking or rekeying a copy. */
function openCopy(path: string, key: DataKey): Db {
  const db = new Database(path, { fileMustExist: true });
  applyCipher(db, key);
  db.pragma('journal_mode=DELETE');
  db.pragma('synchronous=FULL');
  db.pragma('temp_store=MEMORY');
  return db;
}

/** The copy decrypts with the key, passes SQLite's integrity check and holds the rows expected. */
function checkCopy(databasePath: string, key: DataKey, expectedCounts: Record<string, number> | null): void {
  let db: Db | null = null;
  try {
    db = openCopy(nextDatabasePathFor(databasePath), key);
    const ok = db.pragma('quick_check', { simple: true }) === 'ok';
    const countsMatch =
      expectedCounts === null ||
      Object.entries(expectedCounts).every(([table, n]) => (db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n === n);
    if (!ok || !countsMatch) throw new Error('copy check failed');
  } catch {
    db?.close();
    db = null;
    removeNextDatabase(databasePath);
    throw new PlwError(
      'DATABASE_DAMAGED',
      'The new copy of the database did not read back correctly, so nothing was changed. Check the disk has space and try again.',
    );
  } finally {
    db?.close();
  }
}

/**
 * Writes into the copy before it is committed (the audit entry of the rekey or restore),
 * so the entry and the change it records land on disk together or not at all.
 */
function finishCopy(next: string, key: DataKey, finish: (copy: Db) => void): void {
  const copy = openCopy(next, key);
  try {
    finish(copy);
  } finally {
    copy.close();
  }
}

/**
 * Rekey, step 1: a copy of the live database under the new key, as `team.plwdb.next`.
 * VACUUM INTO copies one consistent snapshot (with the live key); the copy is then
 * rekeyed on its own, so a crash here can only ever damage the copy.
 */
export function writeRekeyedCopy(
  live: Db,
  databasePath: string,
  liveKey: Buffer,
  newKey: Buffer,
  counts: Record<string, number>,
  finish: (copy: Db) => void,
): void {
  const next = nextDatabasePathFor(databasePath);
  removeNextDatabase(databasePath);
  live.prepare('VACUUM INTO ?').run(next);
  phaseHook('next-database-copied');
  const copy = openCopy(next, liveKey);
  try {
    // SQLCipher rekeys safely only in rollback-journal mode, which openCopy set.
    rekeyTo(copy, newKey);
  } finally {
    copy.close();
  }
  phaseHook('next-database-rekeyed');
  checkCopy(databasePath, newKey, counts);
  finishCopy(next, newKey, finish);
  syncFile(next);
  syncDirectory(dirname(next));
  phaseHook('next-database-written');
}

/** Restore, step 1: the backup copied as `team.plwdb.next` and checked with its key. */
export function writeRestoredCopy(backupFile: string, databasePath: string, backupKey: DataKey, finish: (copy: Db) => void): void {
  const next = nextDatabasePathFor(databasePath);
  removeNextDatabase(databasePath);
  copyFileDurably(backupFile, next);
  phaseHook('next-database-copied');
  checkCopy(databasePath, backupKey, null);
  finishCopy(next, backupKey, finish);
  syncFile(next);
  phaseHook('next-database-written');
}

/** Step 2: the keyring that opens the `.next` database. */
export function writeNextKeyring(databasePath: string, keyring: Keyring): void {
  writeKeyringAtomic(pendingKeyringPathFor(databasePath), keyring);
  phaseHook('next-keyring-written');
}

export function readBackupKeyring(backupFile: string): Keyring {
  return readKeyring(`${backupFile}.keyring`);
}

/**
 * Steps 3 to 7. `live` is the open connection to the database being replaced (closed
 * here), or null when the caller never opened it (a restore from the command line).
 * `keepAsideAs`: the current database, its log and its keyring are copied under this
 * name first, complete, so a restore can itself be undone and loses nothing.
 */
export function commitSwap(databasePath: string, live: Db | null, keepAsideAs: string | null): void {
  if (live) {
    try {
      live.pragma('wal_checkpoint(TRUNCATE)');
      const mode = live.pragma('journal_mode=DELETE', { simple: true });
      if (mode !== 'delete') throw new Error('still in WAL mode');
    } catch {
      removeNextDatabase(databasePath);
      throw new PlwError(
        'IN_USE',
        'Another program is reading the team database (a plw command, or a backup). Wait for it to finish, then try again. Nothing was changed.',
      );
    }
    live.close();
  }
  phaseHook('live-closed');
  if (keepAsideAs) {
    for (const suffix of ['-wal']) {
      const log = `${databasePath}${suffix}`;
      if (existsSync(log) && statSync(log).size > 0) copyFileDurably(log, `${keepAsideAs}${suffix}`);
    }
    copyFileDurably(keyringPathFor(databasePath), `${keepAsideAs}.keyring`);
    copyFileDurably(databasePath, keepAsideAs);
    phaseHook('kept-aside');
  }
  renameSync(nextDatabasePathFor(databasePath), databasePath);
  syncDirectory(dirname(databasePath));
  phaseHook('database-replaced');
  for (const suffix of SIDE_FILES) removeIfPresent(`${databasePath}${suffix}`);
  phaseHook('old-log-removed');
  renameSync(pendingKeyringPathFor(databasePath), keyringPathFor(databasePath));
  syncDirectory(dirname(databasePath));
  phaseHook('keyring-replaced');
}
