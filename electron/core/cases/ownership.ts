/**
 * Who owned a case when (model v2 §6): every change of owner is dated, so a figure for a past
 * period credits the worker who had the case then, and stops moving when it changes hands.
 */
import type { IsoDate } from '../../../shared/calendar';
import type { Db } from '../db/open-database';

/**
 * Records `workerId` as the case's owner from `date` (null: from the case's start, for a new
 * case). The open span is closed on that date; a second change on the same day replaces the first.
 */
export function recordOwner(db: Db, caseId: number, workerId: number | null, date: IsoDate | null): void {
  const open = db.prepare('SELECT id, worker_id AS worker, from_date AS fromDate FROM case_ownership WHERE case_id = ? AND to_date IS NULL').get(caseId) as
    { id: number; worker: number | null; fromDate: IsoDate | null } | undefined;
  if (open && open.worker === workerId) return;
  if (open && (date === null || open.fromDate === date)) {
    db.prepare('UPDATE case_ownership SET worker_id = ? WHERE id = ?').run(workerId, open.id);
    return;
  }
  if (open) db.prepare('UPDATE case_ownership SET to_date = ? WHERE id = ?').run(date, open.id);
  db.prepare('INSERT INTO case_ownership (case_id, worker_id, from_date, to_date) VALUES (?, ?, ?, NULL)').run(caseId, workerId, open ? date : null);
  db.prepare('UPDATE cases SET owner_since = ? WHERE id = ?').run(open ? date : null, caseId);
}

/** The spans of one case, for working out its owner on any date without a query each. */
export function ownershipOf(db: Db, caseId: number): { worker: number | null; from: IsoDate | null; to: IsoDate | null }[] {
  return db
    .prepare('SELECT worker_id AS worker, from_date AS "from", to_date AS "to" FROM case_ownership WHERE case_id = ? ORDER BY from_date IS NOT NULL, from_date')
    .all(caseId) as {
    worker: number | null;
    from: IsoDate | null;
    to: IsoDate | null;
  }[];
}

/** The owner on `date` from the spans (the current owner when none covers it). */
export function ownerOn(
  spans: readonly { worker: number | null; from: IsoDate | null; to: IsoDate | null }[],
  date: IsoDate,
  current: number | null,
): number | null {
  const span = spans.find((s) => (s.from === null || s.from <= date) && (s.to === null || date < s.to));
  return span ? span.worker : current;
}

/**
 * SQL for "the owner of case `c` (an alias of `cases`) on date `dateExpr`": today's owner when it
 * has had the case since then (`owner_since`, in the reporting indexes), otherwise a look-up in
 * the history (every case has spans from its start to today).
 */
// (Aliased `owned`, a name no caller's query uses: a subquery's alias would hide the caller's table of the same name.)
export const ownerOnSql = (c: string, dateExpr: string) =>
  `CASE WHEN ${c}.owner_since IS NULL OR ${c}.owner_since <= ${dateExpr} THEN ${c}.owner_worker_id ELSE
     (SELECT owned.worker_id FROM case_ownership owned WHERE owned.case_id = ${c}.id AND (owned.from_date IS NULL OR owned.from_date <= ${dateExpr})
       AND (owned.to_date IS NULL OR owned.to_date > ${dateExpr}) LIMIT 1) END`;
