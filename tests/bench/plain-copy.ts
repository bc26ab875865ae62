/**
 * An unencrypted copy of a bench database, to measure what encryption costs: the
 * encrypted file is copied after a checkpoint and decrypted in place (SQLite3
 * Multiple Ciphers: rekey to an empty key), then opened with the app's pragmas
 * and statement cache, minus the cipher. Bench data is demo data.
 */
import { closeSync, copyFileSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyCipher, type Db } from '../../electron/core/db/open-database';
import { installStatementCache } from '../../electron/core/db/statement-cache';

export function plainCopy(db: Db, keyHex: string, plainPath: string): Db {
  db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(db.name, plainPath);
  const decrypting = new Database(plainPath);
  applyCipher(decrypting, keyHex);
  decrypting.pragma("rekey=''");
  decrypting.close();
  // Proof the comparison is real: a plain SQLite file starts with its magic string.
  const header = Buffer.alloc(16);
  const fd = openSync(plainPath, 'r');
  readSync(fd, header, 0, 16, 0);
  closeSync(fd);
  if (header.toString('latin1') !== 'SQLite format 3\u0000') throw new Error('the bench copy did not decrypt');
  const plain = new Database(plainPath);
  for (const pragma of ['temp_store=MEMORY', 'cache_size=-131072', 'journal_mode=WAL', 'synchronous=FULL', 'foreign_keys=ON', 'secure_delete=ON'])
    plain.pragma(pragma);
  plain.prepare('SELECT count(*) FROM cases').get();
  return installStatementCache(plain);
}
