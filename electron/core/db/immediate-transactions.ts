/**
 * Every write transaction starts with BEGIN IMMEDIATE. better-sqlite3's default is a
 * deferred BEGIN, which takes the write lock only at the first write: if another
 * program (a plw command beside the app) commits between a transaction's first read and
 * its first write, SQLite must refuse the write with SQLITE_BUSY_SNAPSHOT, because what
 * was read is out of date, and no waiting helps. Taking the lock at BEGIN instead makes a
 * second writer wait its turn (busy_timeout), which it can.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

type Db = Database.Database;

export function useImmediateTransactions(db: Db): Db {
  const original = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const tx = original(fn);
    // Called inside another transaction, better-sqlite3 uses a savepoint whichever variant runs.
    const immediate = ((...args: never[]) => tx.immediate(...args)) as typeof tx;
    return Object.assign(immediate, { default: tx.immediate, deferred: tx.deferred, immediate: tx.immediate, exclusive: tx.exclusive });
  }) as Db['transaction'];
  return db;
}
