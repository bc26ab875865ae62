/**
 * Retention: closed cases come up for review after the team's period (6 years by
 * default). Erasing is a hard delete of every record of the case, a tombstone of
 * counts for statistics, and a VACUUM so nothing stays in free pages or the WAL.
 */
import { addDays, type IsoDate } from '../../../shared/calendar';
import { recordAudit } from '../audit';
import type { WriteContext } from '../cases/case-store';
import { rewritePersonTimers } from '../cases/timer-store';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

export function dueForReview(db: Db, today: IsoDate, years: number) {
  const cutoff = addDays(today, -Math.round(years * 365.25));
  return db
    .prepare(
      'SELECT id AS caseId, case_ref AS caseRef, closed_date AS closedDate, owner_name AS ownerName FROM cases WHERE closed_date IS NOT NULL AND closed_date <= ? ORDER BY closed_date LIMIT 1000',
    )
    .all(cutoff) as { caseId: number; caseRef: string; closedDate: string; ownerName: string | null }[];
}

/** Model v2's records of a case (children of a table before it in the list come first). */
const MODEL_V2_TABLES = [
  'engagement_changes',
  'agency_checks',
  'marac_actions',
  'marac_meetings',
  'marac_referrals',
  'dash_assessments',
  'dvds_applications',
  'safety_plan_items',
  'safety_plan_reviews',
  'case_audits',
  'case_ownership',
] as const;

const CHILD_TABLES = ['contacts', 'children', 'orders', 'chases', 'risk_events', 'liaison', 'programme_events', 'flags', 'timers'] as const;

export function eraseCase(ctx: WriteContext, caseId: number): { erased: string } {
  const { db, now } = ctx;
  const erased = db.transaction(() => {
    const c = db.prepare('SELECT case_ref, victim_id, perpetrator_id, sentence_date, closed_date, owner_worker_id FROM cases WHERE id = ?').get(caseId) as
      | {
          case_ref: string;
          victim_id: number;
          perpetrator_id: number;
          sentence_date: string | null;
          closed_date: string | null;
          owner_worker_id: number | null;
        }
      | undefined;
    if (!c) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    if (!c.closed_date) throw new PlwError('NOT_ALLOWED', 'Only a closed case can be erased.');
    const counts = Object.fromEntries(
      CHILD_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE case_id = ?`).get(caseId) as { n: number }).n]),
    );
    db.prepare(
      'INSERT INTO erased_cases (case_id, erased_at, erased_by, sentence_month, closed_date, owner_worker_id, counts) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(caseId, now.toISOString(), ctx.actor, c.sentence_date?.slice(0, 7) ?? null, c.closed_date, c.owner_worker_id, JSON.stringify(counts));
    db.prepare('DELETE FROM contact_amendments WHERE contact_id IN (SELECT id FROM contacts WHERE case_id = ?)').run(caseId);
    db.prepare('DELETE FROM order_breaches WHERE order_id IN (SELECT id FROM orders WHERE case_id = ?)').run(caseId);
    db.prepare('DELETE FROM agency_check_chases WHERE check_id IN (SELECT id FROM agency_checks WHERE case_id = ?)').run(caseId);
    for (const table of ['timers', 'liaison', 'risk_events', 'contacts', 'children', 'orders', 'chases', 'programme_events', 'flags', ...MODEL_V2_TABLES])
      db.prepare(`DELETE FROM ${table} WHERE case_id = ?`).run(caseId);
    db.prepare('DELETE FROM case_search WHERE rowid = ?').run(caseId);
    db.prepare('DELETE FROM cases WHERE id = ?').run(caseId);
    db.prepare('DELETE FROM victims WHERE id = ?').run(c.victim_id);
    if (!db.prepare('SELECT 1 FROM cases WHERE perpetrator_id = ?').get(c.perpetrator_id))
      db.prepare('DELETE FROM perpetrators WHERE id = ?').run(c.perpetrator_id);
    // Its risk events no longer bring forward the safety-plan reviews of his other cases.
    else rewritePersonTimers(db, c.perpetrator_id, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'case.erased', entityType: 'case', entityId: caseId, caseId, detail: counts }, now);
    return c.case_ref;
  })();
  // Rewrite the file without free pages, then fold the WAL in and truncate it.
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { erased };
}
