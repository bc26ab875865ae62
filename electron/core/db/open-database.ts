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

/** The data key: 32 bytes, or (from a person typing a recovery key, or a test) 64 hex digits. */
export type DataKey = Buffer | string;

const HEX_DIGITS = Buffer.from('0123456789abcdef');

/**
 * SQLCipher's raw-key phrase `x'<64 hex digits>'`, built byte by byte in a Buffer the caller
 * zeroes: written as a JavaScript string it would stay in the heap, unzeroable, after a lock.
 */
export function rawKeyPhrase(key: Buffer): Buffer {
  if (key.length !== 32) throw new Error('the data key is 32 bytes');
  const phrase = Buffer.alloc(3 + key.length * 2);
  phrase[0] = 0x78; // x
  phrase[1] = 0x27; // '
  for (let i = 0; i < key.length; i++) {
    phrase[2 + 2 * i] = HEX_DIGITS[key[i]! >> 4]!;
    phrase[3 + 2 * i] = HEX_DIGITS[key[i]! & 15]!;
  }
  phrase[phrase.length - 1] = 0x27;
  return phrase;
}

export function withKeyBuffer<T>(key: DataKey, use: (key: Buffer) => T): T {
  if (Buffer.isBuffer(key)) return use(key);
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('data key must be 64 lower-case hex digits');
  const buffer = Buffer.from(key, 'hex');
  try {
    return use(buffer);
  } finally {
    buffer.fill(0);
  }
}

export function applyCipher(db: Db, key: DataKey): void {
  // Order matters: cipher, then legacy, then key.
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  withKeyBuffer(key, (bytes) => {
    const phrase = rawKeyPhrase(bytes);
    try {
      db.key(phrase);
    } finally {
      phrase.fill(0);
    }
  });
}

/** Rekeys an open connection (rollback-journal mode only) to `key`, through a zeroed Buffer. */
export function rekeyTo(db: Db, key: Buffer): void {
  const phrase = rawKeyPhrase(key);
  try {
    db.rekey(phrase);
  } finally {
    phrase.fill(0);
  }
}

/**
 * Opens with the key and proves the key by reading the schema. A wrong key or a
 * file that is not ours fails here, before anything is written.
 */
export function openEncryptedDatabase(path: string, key: DataKey, options: { create: boolean }): Db {
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !options.create });
  } catch {
    throw new PlwError('NO_DATABASE', 'The database file could not be opened. Check it is where it should be.');
  }
  try {
    applyCipher(db, key);
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch (error) {
    db.close();
    // A folder that cannot be written to also fails here (WAL needs its side files): say so, not "damaged".
    const storage = storageError(error);
    if (storage) throw storage;
    throw new PlwError(
      'DATABASE_DAMAGED',
      'The database could not be decrypted with this key. The file may be damaged, or the key belongs to another database.',
    );
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
