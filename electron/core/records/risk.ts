/** Risk events (start the `risk_share` timer) and liaison with other agencies (sharing with the RO meets it). */
import type { z } from 'zod';
import { liaisonInputSchema, riskEventInputSchema } from '../../../shared/record-inputs';
import { englandAndWales, isIsoDate, type IsoDate } from '../../../shared/calendar';
import { recordAudit } from '../audit';
import { takeVersion } from '../db/edit-versions';
import { refuseFutureDates, type WriteContext } from '../cases/case-store';
import { rewriteCaseTimers } from '../cases/timer-store';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

export function logRiskEvent(ctx: WriteContext, caseId: number, input: z.output<typeof riskEventInputSchema>): number {
  const e = input;
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date of the risk event', value: e.date }]);
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    const id = Number(
      db
        .prepare('INSERT INTO risk_events (case_id, event_date, category, description, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(caseId, e.date, e.category, e.description, ctx.actor, now.toISOString()).lastInsertRowid,
    );
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'risk-event.logged', entityType: 'risk_event', entityId: id, caseId, detail: { category: e.category } }, now);
    return id;
  })();
}

export function logLiaison(ctx: WriteContext, caseId: number, input: z.output<typeof liaisonInputSchema>): number {
  const l = input;
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date it was shared', value: l.date }]);
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    if (l.riskEventId !== null && !db.prepare('SELECT 1 FROM risk_events WHERE id = ? AND case_id = ?').get(l.riskEventId, caseId)) {
      throw new PlwError('VALIDATION', 'That risk event is not on this case', 'riskEventId');
    }
    const id = Number(
      db
        .prepare(
          'INSERT INTO liaison (case_id, risk_event_id, shared_date, agency, shared_with, method, what, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(caseId, l.riskEventId, l.date, l.agency, l.sharedWith, l.method, l.what, ctx.actor, now.toISOString()).lastInsertRowid,
    );
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'liaison.logged', entityType: 'liaison', entityId: id, caseId, detail: { agency: l.agency } }, now);
    return id;
  })();
}

export function acknowledgeLiaison(ctx: WriteContext, liaisonId: number, date: IsoDate, version: number | null): void {
  if (!isIsoDate(date)) throw new PlwError('VALIDATION', 'Enter a real date', 'date');
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date it was acknowledged', value: date }]);
  const { db, now } = ctx;
  db.transaction(() => {
    const row = db.prepare('SELECT case_id FROM liaison WHERE id = ?').get(liaisonId) as { case_id: number } | undefined;
    if (!row) throw new PlwError('NOT_FOUND', 'That liaison record no longer exists.');
    takeVersion(db, 'liaison', liaisonId, version, ctx.actor, now);
    db.prepare('UPDATE liaison SET acknowledged_date = ? WHERE id = ?').run(date, liaisonId);
    recordAudit(db, ctx.actor, { action: 'liaison.acknowledged', entityType: 'liaison', entityId: liaisonId, caseId: row.case_id }, now);
  })();
}

export function listRiskAndLiaison(db: Db, caseId: number) {
  return {
    riskEvents: db
      .prepare(
        'SELECT id, event_date AS date, category, description, recorded_by AS recordedBy FROM risk_events WHERE case_id = ? ORDER BY event_date DESC, id DESC',
      )
      .all(caseId) as {
      id: number;
      date: string;
      category: string;
      description: string | null;
      recordedBy: string;
    }[],
    liaison: db
      .prepare(
        'SELECT id, risk_event_id AS riskEventId, shared_date AS date, agency, shared_with AS sharedWith, method, what, acknowledged_date AS acknowledgedDate, recorded_by AS recordedBy, version FROM liaison WHERE case_id = ? ORDER BY shared_date DESC, id DESC',
      )
      .all(caseId) as {
      id: number;
      riskEventId: number | null;
      date: string;
      agency: string;
      sharedWith: string | null;
      method: string | null;
      what: string | null;
      acknowledgedDate: string | null;
      recordedBy: string;
      version: number;
    }[],
  };
}

/** Liaison nobody has acknowledged after 5 working days: to follow up. */
export function unacknowledgedLiaison(db: Db, asOf: IsoDate, workerId: number | null) {
  return db
    .prepare(
      `SELECT l.id, l.shared_date AS date, l.agency, l.shared_with AS sharedWith, c.id AS caseId, c.case_ref AS caseRef, c.owner_name AS ownerName
       ${liaisonToFollowUp(workerId)}
       ORDER BY l.shared_date LIMIT ${LIAISON_SHOWN}`,
    )
    .all(fiveWorkingDaysBefore(asOf), ...(workerId === null ? [] : [workerId])) as {
    id: number;
    date: string;
    agency: string;
    sharedWith: string | null;
    caseId: number;
    caseRef: string;
    ownerName: string | null;
  }[];
}

/** The most liaison entries the follow-up list shows (oldest first). */
export const LIAISON_SHOWN = 1000;

/** How many entries `unacknowledgedLiaison` would list without its limit (read when it is reached). */
export function unacknowledgedLiaisonCount(db: Db, asOf: IsoDate, workerId: number | null): number {
  return db
    .prepare(`SELECT count(*) ${liaisonToFollowUp(workerId)}`)
    .pluck()
    .get(fiveWorkingDaysBefore(asOf), ...(workerId === null ? [] : [workerId])) as number;
}

// (+closed_date: start from the unacknowledged index, not from every open case.)
const liaisonToFollowUp = (workerId: number | null) => `FROM liaison l JOIN cases c ON c.id = l.case_id
       WHERE l.acknowledged_date IS NULL AND l.shared_date <= ? AND +c.closed_date IS NULL ${workerId === null ? '' : 'AND c.owner_worker_id = ?'}`;

/** Shared on or before this date is 5 or more working days old on the as-of date. */
function fiveWorkingDaysBefore(asOf: IsoDate): IsoDate {
  let cutoff = asOf;
  for (let back = 0; back < 5;) {
    const previous = new Date(Date.parse(`${cutoff}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    cutoff = previous;
    if (englandAndWales.isWorkingDay(previous)) back++;
  }
  return cutoff;
}
