/** Risk events (start the `risk_share` timer) and liaison with other agencies (sharing with the RO meets it). */
import type { z } from 'zod';
import { liaisonInputSchema, riskEventInputSchema } from '../../../shared/record-inputs';
import { englandAndWales, isIsoDate, type IsoDate } from '../../../shared/calendar';
import { recordAudit } from '../audit';
import { takeVersion } from '../db/edit-versions';
import { refuseFutureDates, type WriteContext } from '../cases/case-store';
import { rewriteCaseTimers, rewriteLinkedCaseTimers } from '../cases/timer-store';
import type { Db } from '../db/open-database';
import type { RiskSection } from '../../../shared/record-views';
import type { TimerRules } from '../../../shared/timer-rules';
import { liaisonEscalates, riskShareEscalates } from '../../../shared/timers';
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
    rewriteLinkedCaseTimers(db, caseId, ctx.rules);
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

/** The Risk and liaison section: the lists, each risk event's share timer, and the escalate markers. */
export function riskSection(db: Db, caseId: number, asOf: IsoDate, rules: TimerRules): RiskSection {
  const { riskEvents, liaison } = listRiskAndLiaison(db, caseId);
  const share = db.prepare("SELECT due_date AS due, met_date AS met FROM timers WHERE case_id = ? AND timer = 'risk_share' AND risk_event_id = ?");
  const c = db
    .prepare('SELECT c.case_ref AS caseRef, p.crn, c.ro_name AS roName FROM cases c JOIN perpetrators p ON p.id = c.perpetrator_id WHERE c.id = ?')
    .get(caseId) as { caseRef: string; crn: string | null; roName: string | null } | undefined;
  if (!c) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  return {
    ...c,
    riskEvents: riskEvents.map((e) => {
      const t = share.get(caseId, e.id) as { due: IsoDate; met: IsoDate | null } | undefined;
      return { ...e, shareDue: t?.due ?? null, sharedDate: t?.met ?? null, escalate: t ? riskShareEscalates(t.due, t.met, asOf, rules) : false };
    }),
    liaison: liaison.map((l) => ({ ...l, escalate: liaisonEscalates(l.date, l.acknowledgedDate, asOf, rules) })),
  };
}

/** Liaison nobody has acknowledged after N working days (the team's escalation setting, 5 by default): to follow up. */
export function unacknowledgedLiaison(db: Db, asOf: IsoDate, workerId: number | null, workingDays = 5) {
  return db
    .prepare(
      `SELECT l.id, l.shared_date AS date, l.agency, l.shared_with AS sharedWith, c.id AS caseId, c.case_ref AS caseRef, c.owner_name AS ownerName,
         c.crn, c.ro_name AS roName
       ${liaisonToFollowUp(workerId)}
       ORDER BY l.shared_date LIMIT ${LIAISON_SHOWN}`,
    )
    .all(workingDaysBefore(asOf, workingDays), ...(workerId === null ? [] : [workerId])) as {
    id: number;
    date: string;
    agency: string;
    sharedWith: string | null;
    caseId: number;
    caseRef: string;
    ownerName: string | null;
    crn: string | null;
    roName: string | null;
  }[];
}

/** The most liaison entries the follow-up list shows (oldest first). */
export const LIAISON_SHOWN = 1000;

/** How many entries `unacknowledgedLiaison` would list without its limit (read when it is reached). */
export function unacknowledgedLiaisonCount(db: Db, asOf: IsoDate, workerId: number | null, workingDays = 5): number {
  return db
    .prepare(`SELECT count(*) ${liaisonToFollowUp(workerId)}`)
    .pluck()
    .get(workingDaysBefore(asOf, workingDays), ...(workerId === null ? [] : [workerId])) as number;
}

// (+closed_date: start from the unacknowledged index, not from every open case.)
const liaisonToFollowUp = (workerId: number | null) => `FROM liaison l JOIN cases c ON c.id = l.case_id
       WHERE l.acknowledged_date IS NULL AND l.shared_date <= ? AND +c.closed_date IS NULL ${workerId === null ? '' : 'AND c.owner_worker_id = ?'}`;

/** Shared on or before this date is N or more working days old on the as-of date. */
function workingDaysBefore(asOf: IsoDate, workingDays: number): IsoDate {
  let cutoff = asOf;
  for (let back = 0; back < workingDays;) {
    const previous = new Date(Date.parse(`${cutoff}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    cutoff = previous;
    if (englandAndWales.isWorkingDay(previous)) back++;
  }
  return cutoff;
}
