/**
 * Reusing prepared statements. better-sqlite3 compiles the SQL again on every
 * `db.prepare`, and the app's stores prepare where they use a statement (which
 * keeps each query next to the code that reads it). Compiling is most of the
 * cost of a small write, so a connection keeps its recent statements: a bulk
 * import of 100,000 cases prepares each statement once, not a million times.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

type Db = Database.Database;
type Statement = Database.Statement;

/** Enough for every distinct statement the app writes; the caseload's filter combinations are the most varied. */
const CAPACITY = 512;

export function installStatementCache(db: Db): Db {
  const compile = db.prepare.bind(db) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    const cached = cache.get(sql);
    // A statement still stepping through an iterate() cannot be run again: a nested use gets its own.
    if (cached && !cached.busy) {
      cache.delete(sql);
      cache.set(sql, cached); // most recently used last
      // Modes set by an earlier caller (.raw(), .pluck(), .expand()) stick to a statement: start plain.
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const statement = compile(sql);
    if (!cached) {
      cache.set(sql, statement);
      if (cache.size > CAPACITY) cache.delete(cache.keys().next().value!);
    }
    return statement;
  };
  db.prepare = prepare as Db['prepare'];
  return db;
}
