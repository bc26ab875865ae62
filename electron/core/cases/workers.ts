import { sameName, tidyName } from '../../../shared/person-names';
import type { Db } from '../db/open-database';

export interface Worker {
  id: number;
  name: string;
  accountName: string | null;
}

/**
 * The worker this name means, created if new. Names are compared as people mean them (case,
 * spacing, accents and punctuation ignored: shared/person-names), and an account's name is that
 * person's, so a colleague with a login is never added twice.
 */
export function ensureWorker(db: Db, name: string, now: Date): number {
  const tidy = tidyName(name);
  const found =
    (db.prepare('SELECT id FROM workers WHERE name = ?').get(tidy) as { id: number } | undefined) ?? findByName(db, 'SELECT id, name FROM workers', tidy);
  if (found) return found.id;
  const account = findByName(db, 'SELECT id, account_name AS name FROM accounts', tidy);
  return Number(
    db.prepare('INSERT INTO workers (name, account_id, created_at) VALUES (?, ?, ?)').run(account?.name ?? tidy, account?.id ?? null, now.toISOString())
      .lastInsertRowid,
  );
}

/** A team has tens of workers: each is compared in full rather than by an index of keys. */
function findByName(db: Db, sql: string, name: string): { id: number; name: string } | undefined {
  return (db.prepare(sql).all() as { id: number; name: string }[]).find((row) => sameName(row.name, name));
}

/** Everyone a case can already be given to: the workers, and accounts not yet on a case. */
export function knownWorkerNames(db: Db): string[] {
  return db.prepare('SELECT name FROM workers UNION SELECT account_name FROM accounts WHERE removed_at IS NULL').pluck().all() as string[];
}

export function listWorkers(db: Db): Worker[] {
  return db
    .prepare(
      `SELECT w.id, w.name, a.account_name AS accountName
       FROM workers w LEFT JOIN accounts a ON a.id = w.account_id OR (w.account_id IS NULL AND a.account_name = w.name)
       ORDER BY w.name COLLATE NOCASE`,
    )
    .all() as Worker[];
}

/** The worker that is the signed-in account, if there is one. */
export function workerForAccount(db: Db, accountName: string): number | null {
  const row = db
    .prepare(
      `SELECT w.id FROM workers w LEFT JOIN accounts a ON a.id = w.account_id
       WHERE a.account_name = ? OR w.name = ? ORDER BY w.account_id IS NULL LIMIT 1`,
    )
    .get(accountName, accountName) as { id: number } | undefined;
  return row?.id ?? null;
}

export function workerName(db: Db, workerId: number): string | undefined {
  return (db.prepare('SELECT name FROM workers WHERE id = ?').get(workerId) as { name: string } | undefined)?.name;
}

/** A worker named on the command line (--worker NAME), case-insensitively. */
export function workerIdByName(db: Db, name: string): number | undefined {
  return ((db.prepare('SELECT id FROM workers WHERE name = ?').get(name) as { id: number } | undefined) ?? findByName(db, 'SELECT id, name FROM workers', name))
    ?.id;
}
