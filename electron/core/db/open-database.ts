/**
 * Opening the encrypted database. SQLCipher 4 format through SQLite3 Multiple
 * Ciphers, keyed with the raw 256-bit data key, so official SQLCipher 4 opens
 * the same file with `PRAGMA key = "x'<64 hex>'"`.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { PlwError, storageError } from '../errors';
import { useImmediateTransactions } from './immediate-transactions';
import { installStatementCache } from './statement-cache';

export type Db = Database.Database;

export function applyCipher(db: Db, keyHex: string): void {
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new Error('data key must be 64 lower-case hex digits');
  // Order matters: cipher, then legacy, then key.
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${keyHex}'"`);
}

/**
 * Opens with the key and proves the key by reading the schema. A wrong key or a
 * file that is not ours fails here, before anything is written.
 */
export function openEncryptedDatabase(path: string, keyHex: string, options: { create: boolean }): Db {
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !options.create });
  } catch {
    throw new PlwError('NO_DATABASE', 'The database file could not be opened. Check it is where it should be.');
  }
  try {
    applyCipher(db, keyHex);
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch (error) {
    db.close();
    // A folder that cannot be written to also fails here (WAL needs its side files): say so, not "damaged".
    const storage = storageError(error);
    if (storage) throw storage;
    throw new PlwError('DATABASE_DAMAGED', 'The database could not be decrypted with this key. The file may be damaged, or the key belongs to another database.');
  }
  // Temp tables and sorts stay in memory: SQLite's temp files would not be encrypted.
  db.pragma('temp_store=MEMORY');
  // Every page read from disk is decrypted and authenticated, so keep plenty of them decrypted in
  // memory: 128 MiB holds the indexes of a national-scale database.
  db.pragma('cache_size=-131072');
  db.pragma('journal_mode=WAL');
  // Power-loss durability: in WAL mode, NORMAL can lose the last commits when the power goes;
  // FULL syncs the WAL on every commit, so a record the app said was saved is saved.
  db.pragma('synchronous=FULL');
  db.pragma('foreign_keys=ON');
  db.pragma('secure_delete=ON');
  db.pragma('busy_timeout=5000');
  return useImmediateTransactions(installStatementCache(db));
}

/** Folds the WAL into the main file so a copy of the main file alone is complete. */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
