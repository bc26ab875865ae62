import type { Db } from '../db/open-database';

export interface Worker {
  id: number;
  name: string;
  accountName: string | null;
}

/** The worker with this name, created if new (names are matched whatever their case). */
export function ensureWorker(db: Db, name: string, now: Date): number {
  const found = db.prepare('SELECT id FROM workers WHERE name = ?').get(name) as { id: number } | undefined;
  if (found) return found.id;
  const account = db.prepare('SELECT id FROM accounts WHERE account_name = ?').get(name) as { id: number } | undefined;
  return Number(
    db.prepare('INSERT INTO workers (name, account_id, created_at) VALUES (?, ?, ?)').run(name, account?.id ?? null, now.toISOString()).lastInsertRowid,
  );
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
  return (db.prepare('SELECT id FROM workers WHERE name = ?').get(name) as { id: number } | undefined)?.id;
}
