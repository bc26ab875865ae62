/**
 * Work is credited to whoever did it (model v2 §6): a contact or chase to the worker of the
 * account that logged it, so covering a colleague's case counts for the one who covered.
 * An account logging its first piece of work becomes a worker then. Rows no account logged
 * (an import, the demo) are credited to the case's owner.
 */
import type { Db } from '../db/open-database';
import { ensureWorker, workerForAccount } from './workers';

export function creditedWorker(db: Db, actor: string, caseId: number, now: Date): number | null {
  const own = workerForAccount(db, actor);
  if (own !== null) return own;
  if (db.prepare('SELECT 1 FROM accounts WHERE account_name = ?').get(actor)) return ensureWorker(db, actor, now);
  return (db.prepare('SELECT owner_worker_id FROM cases WHERE id = ?').pluck().get(caseId) as number | null | undefined) ?? null;
}
