/**
 * Oversight (model v2 §6): a manager's case audits, the sample of cases to audit, and
 * supervision notes. An audit keeps whose work it audited (the case's owner when it was done),
 * so the figures stay put when the case changes hands. Audit log entries hold ids and the
 * outcome only, never what was written.
 */
import { addDays, type IsoDate } from '../../../shared/calendar';
import type { AuditAnswer, AuditItem, CaseAuditInput, CaseAuditView } from '../../../shared/oversight';
import { timerStatus } from '../../../shared/timers';
import type { TimerStatus } from '../../../shared/timer-rules';
import { recordAudit } from '../audit';
import { refuseFutureDates, type WriteContext } from '../cases/case-store';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

/** Cases audited this recently are left out of a new sample. */
const RECENTLY_AUDITED_DAYS = 90;

export function recordCaseAudit(ctx: WriteContext, caseId: number, input: CaseAuditInput): number {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date of the audit', value: input.date }]);
  return db.transaction(() => {
    const c = db.prepare('SELECT owner_worker_id AS owner FROM cases WHERE id = ?').get(caseId) as { owner: number | null } | undefined;
    if (!c) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    const id = Number(
      db
        .prepare(
          'INSERT INTO case_audits (case_id, audit_date, auditor, owner_worker_id, checklist, outcome, actions, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(caseId, input.date, ctx.actor, c.owner, JSON.stringify(input.checklist), input.outcome, input.actions, now.toISOString()).lastInsertRowid,
    );
    recordAudit(db, ctx.actor, { action: 'case-audit.recorded', entityType: 'case_audit', entityId: id, caseId, detail: { outcome: input.outcome } }, now);
    return id;
  })();
}

const AUDIT_COLUMNS = `a.id, a.audit_date AS date, a.auditor, w.name AS ownerName, a.checklist, a.outcome, a.actions`;
type AuditRow = Omit<CaseAuditView, 'checklist'> & { checklist: string };
const parsed = <T extends AuditRow>(row: T) => ({ ...row, checklist: JSON.parse(row.checklist) as Record<string, string> });

export function caseAudits(db: Db, caseId: number): CaseAuditView[] {
  return (
    db
      .prepare(
        `SELECT ${AUDIT_COLUMNS} FROM case_audits a LEFT JOIN workers w ON w.id = a.owner_worker_id WHERE a.case_id = ? ORDER BY a.audit_date DESC, a.id DESC`,
      )
      .all(caseId) as AuditRow[]
  ).map(parsed);
}

export function auditsBetween(db: Db, from: IsoDate, to: IsoDate) {
  return (
    db
      .prepare(
        `SELECT ${AUDIT_COLUMNS}, a.case_id AS caseId, c.case_ref AS caseRef FROM case_audits a LEFT JOIN workers w ON w.id = a.owner_worker_id
         JOIN cases c ON c.id = a.case_id WHERE a.audit_date BETWEEN ? AND ? ORDER BY a.audit_date DESC, a.id DESC LIMIT 1000`,
      )
      .all(from, to) as (AuditRow & { caseId: number; caseRef: string })[]
  ).map(parsed);
}

/**
 * What the case's own records say for each question, for the auditor to confirm or change:
 * worked out from its timers as of today.
 */
export function suggestedChecklist(db: Db, caseId: number, asOf: IsoDate): Record<AuditItem, AuditAnswer> {
  const c = db.prepare('SELECT closed_date AS closedDate FROM cases WHERE id = ?').get(caseId) as { closedDate: IsoDate | null } | undefined;
  if (!c) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  const timers = db.prepare('SELECT timer, due_date AS dueDate, warn_from AS warnFrom, met_date AS metDate FROM timers WHERE case_id = ?').all(caseId) as {
    timer: string;
    dueDate: IsoDate;
    warnFrom: IsoDate;
    metDate: IsoDate | null;
  }[];
  const statuses = (timer: string): TimerStatus[] => timers.filter((t) => t.timer === timer).map((t) => timerStatus(t, asOf, c.closedDate));
  const late = (s: TimerStatus) => s === 'overdue' || s === 'met_late';
  const referral = statuses('referral');
  const chased = Boolean(db.prepare('SELECT 1 FROM chases WHERE case_id = ?').get(caseId));
  const first = statuses('first_contact');
  const keepInTouch = statuses('keep_in_touch');
  const plan = statuses('safety_plan_review');
  const shares = statuses('risk_share');
  const orders = statuses('order_expiry');
  const hasOrders = Boolean(db.prepare('SELECT 1 FROM orders WHERE case_id = ?').get(caseId));
  return {
    referral_chased: referral.some(late) ? (chased ? 'yes' : 'no') : 'not_applicable',
    first_contact_on_time: first.includes('met_on_time') ? 'yes' : first.some(late) ? 'no' : 'not_applicable',
    contact_adequate: keepInTouch.includes('overdue') ? 'no' : keepInTouch.length ? 'yes' : 'not_applicable',
    safety_plan_current: plan.length && !plan.includes('overdue') ? 'yes' : 'no',
    risk_shared: shares.length === 0 ? 'not_applicable' : shares.some(late) ? 'no' : 'yes',
    orders_known: !hasOrders ? 'not_applicable' : orders.includes('overdue') ? 'no' : 'yes',
  };
}

/** N open cases per worker at random, leaving out those audited in the last 90 days. The draw is audited. */
export function drawAuditSample(ctx: WriteContext, perWorker: number, asOf: IsoDate) {
  const { db, now } = ctx;
  const since = addDays(asOf, -RECENTLY_AUDITED_DAYS);
  const workers = db
    .prepare(
      'SELECT DISTINCT c.owner_worker_id AS id, w.name FROM cases c JOIN workers w ON w.id = c.owner_worker_id WHERE c.closed_date IS NULL ORDER BY w.name',
    )
    .all() as { id: number; name: string }[];
  const draw = db.prepare(
    `SELECT c.id AS caseId, c.case_ref AS caseRef, c.stage, (SELECT max(audit_date) FROM case_audits a WHERE a.case_id = c.id) AS lastAudited
     FROM cases c INDEXED BY cases_owner WHERE c.owner_worker_id = ? AND c.closed_date IS NULL
       AND NOT EXISTS (SELECT 1 FROM case_audits a WHERE a.case_id = c.id AND a.audit_date > ?)
     ORDER BY random() LIMIT ?`,
  );
  const rows = workers.flatMap((w) =>
    (draw.all(w.id, since, perWorker) as { caseId: number; caseRef: string; stage: string; lastAudited: string | null }[]).map((r) => ({
      worker: w.name,
      ...r,
    })),
  );
  recordAudit(db, ctx.actor, { action: 'case-audit.sample-drawn', detail: { perWorker, cases: rows.length } }, now);
  return { drawnAt: now.toISOString(), rows };
}

export function supervisionNotes(db: Db, workerId: number) {
  const worker = db.prepare('SELECT id, name FROM workers WHERE id = ?').get(workerId) as { id: number; name: string } | undefined;
  if (!worker) throw new PlwError('NOT_FOUND', 'That worker is not known.');
  const notes = db
    .prepare('SELECT id, note_date AS date, manager, note FROM supervision_notes WHERE worker_id = ? ORDER BY note_date DESC, id DESC')
    .all(workerId) as { id: number; date: string; manager: string; note: string }[];
  return { worker, notes };
}

export function addSupervisionNote(ctx: WriteContext, input: { workerId: number; date: IsoDate; note: string }): number {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date of the supervision', value: input.date }]);
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM workers WHERE id = ?').get(input.workerId)) throw new PlwError('VALIDATION', 'Choose the worker', 'workerId');
    const id = Number(
      db
        .prepare('INSERT INTO supervision_notes (worker_id, note_date, manager, note, recorded_at) VALUES (?, ?, ?, ?, ?)')
        .run(input.workerId, input.date, ctx.actor, input.note, now.toISOString()).lastInsertRowid,
    );
    recordAudit(db, ctx.actor, { action: 'supervision-note.added', entityType: 'supervision_note', entityId: id, detail: { workerId: input.workerId } }, now);
    return id;
  })();
}
