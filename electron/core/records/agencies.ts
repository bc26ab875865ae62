/**
 * Agencies (model v2 §4): police call-out and children's social care checks (asked, answered,
 * chased: the `agency_check` timer), DASH assessments, MARAC referrals, meetings and actions
 * (the `marac_action` timer), Clare's Law applications and the Victim Liaison Officer.
 * Every write is audited with ids and field names only, never what was said.
 */
import type { z } from 'zod';
import type {
  agencyChaseInputSchema,
  agencyCheckInputSchema,
  agencyReplyInputSchema,
  dashInputSchema,
  dvdsInputSchema,
  maracActionInputSchema,
  maracMeetingInputSchema,
  maracReferralInputSchema,
  vloInputSchema,
} from '../../../shared/agency-inputs';
import { dashScore, isRepeatReferral, potentialEscalation, type MaracCriterion } from '../../../shared/agency-reference';
import type { AgenciesView } from '../../../shared/agency-views';
import { londonDate, type IsoDate } from '../../../shared/calendar';
import { timerStatus } from '../../../shared/timers';
import { recordAudit } from '../audit';
import { takeVersion } from '../db/edit-versions';
import { refuseFutureDates, type WriteContext } from '../cases/case-store';
import { rewriteCaseTimers } from '../cases/timer-store';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

type Input<S extends z.ZodType> = z.output<S>;

function caseMustExist(db: Db, caseId: number): void {
  if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
}

function caseOf(db: Db, table: string, id: number, missing: string): number {
  const row = db.prepare(`SELECT case_id AS caseId FROM ${table} WHERE id = ?`).get(id) as { caseId: number } | undefined;
  if (!row) throw new PlwError('NOT_FOUND', missing);
  return row.caseId;
}

export function requestAgencyCheck(ctx: WriteContext, caseId: number, input: Input<typeof agencyCheckInputSchema>): number {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'requestedDate', label: 'the date it was asked for', value: input.requestedDate }]);
  return db.transaction(() => {
    caseMustExist(db, caseId);
    const id = Number(
      db
        .prepare('INSERT INTO agency_checks (case_id, agency, requested_date, requested_from, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(caseId, input.agency, input.requestedDate, input.requestedFrom, ctx.actor, now.toISOString()).lastInsertRowid,
    );
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'agency-check.requested', entityType: 'agency_check', entityId: id, caseId, detail: { agency: input.agency } }, now);
    return id;
  })();
}

export function recordAgencyReply(ctx: WriteContext, checkId: number, input: Input<typeof agencyReplyInputSchema>, version: number | null): void {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'replyDate', label: 'the date of the reply', value: input.replyDate }]);
  db.transaction(() => {
    const check = db.prepare('SELECT case_id AS caseId, requested_date AS requested FROM agency_checks WHERE id = ?').get(checkId) as
      { caseId: number; requested: IsoDate } | undefined;
    if (!check) throw new PlwError('NOT_FOUND', 'That check no longer exists. Reload the page.');
    if (input.replyDate < check.requested) throw new PlwError('VALIDATION', 'The reply cannot be before the check was asked for', 'replyDate');
    takeVersion(db, 'agencyCheck', checkId, version, ctx.actor, now);
    db.prepare('UPDATE agency_checks SET reply_date = ?, reply_summary = ? WHERE id = ?').run(input.replyDate, input.summary, checkId);
    rewriteCaseTimers(db, check.caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'agency-check.replied', entityType: 'agency_check', entityId: checkId, caseId: check.caseId }, now);
  })();
}

export function chaseAgencyCheck(ctx: WriteContext, checkId: number, input: Input<typeof agencyChaseInputSchema>): void {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date of the chase', value: input.date }]);
  db.transaction(() => {
    const caseId = caseOf(db, 'agency_checks', checkId, 'That check no longer exists. Reload the page.');
    db.prepare('INSERT INTO agency_check_chases (check_id, chase_date, method, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)').run(
      checkId,
      input.date,
      input.method,
      ctx.actor,
      now.toISOString(),
    );
    recordAudit(db, ctx.actor, { action: 'agency-check.chased', entityType: 'agency_check', entityId: checkId, caseId }, now);
  })();
}

/** A DASH assessment keeps its 24 answers; the score is worked out from them, never typed. The case keeps a copy of the latest. */
export function recordDash(ctx: WriteContext, caseId: number, input: Input<typeof dashInputSchema>): number {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date of the assessment', value: input.date }]);
  return db.transaction(() => {
    caseMustExist(db, caseId);
    const score = dashScore(input.answers);
    const id = Number(
      db
        .prepare('INSERT INTO dash_assessments (case_id, assessed_date, assessor, answers, score, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(caseId, input.date, input.assessor, JSON.stringify(input.answers), score, ctx.actor, now.toISOString()).lastInsertRowid,
    );
    copyLatestToCase(db, caseId);
    recordAudit(db, ctx.actor, { action: 'dash.recorded', entityType: 'dash_assessment', entityId: id, caseId, detail: { score } }, now);
    return id;
  })();
}

/** A referral within 12 months of the case's last one is marked a repeat referral without anyone having to say so. */
export function referToMarac(ctx: WriteContext, caseId: number, input: Input<typeof maracReferralInputSchema>): number {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date of the referral', value: input.date }]);
  return db.transaction(() => {
    caseMustExist(db, caseId);
    const earlier = db.prepare('SELECT referral_date FROM marac_referrals WHERE case_id = ? AND referral_date IS NOT NULL').pluck().all(caseId) as IsoDate[];
    const criteria: MaracCriterion[] = [...input.criteria, ...(isRepeatReferral(earlier, input.date) ? (['repeat'] as const) : [])];
    const id = Number(
      db
        .prepare('INSERT INTO marac_referrals (case_id, referral_date, criteria, notes, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(caseId, input.date, JSON.stringify(criteria), input.notes, ctx.actor, now.toISOString()).lastInsertRowid,
    );
    copyLatestToCase(db, caseId);
    recordAudit(db, ctx.actor, { action: 'marac.referred', entityType: 'marac_referral', entityId: id, caseId, detail: { criteria } }, now);
    return id;
  })();
}

/** A meeting may be booked ahead; its actions are added once it has met. */
export function recordMaracMeeting(ctx: WriteContext, caseId: number, input: Input<typeof maracMeetingInputSchema>): number {
  const { db, now } = ctx;
  return db.transaction(() => {
    const referral = db.prepare('SELECT case_id AS caseId, referral_date AS date FROM marac_referrals WHERE id = ?').get(input.referralId) as
      { caseId: number; date: IsoDate | null } | undefined;
    if (!referral || referral.caseId !== caseId) throw new PlwError('VALIDATION', 'That referral is not on this case', 'referralId');
    if (referral.date && input.date < referral.date) throw new PlwError('VALIDATION', 'The meeting cannot be before the referral', 'date');
    const id = Number(
      db
        .prepare('INSERT INTO marac_meetings (referral_id, case_id, meeting_date, outcome, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(input.referralId, caseId, input.date, input.outcome, ctx.actor, now.toISOString()).lastInsertRowid,
    );
    copyLatestToCase(db, caseId);
    recordAudit(db, ctx.actor, { action: 'marac.meeting-recorded', entityType: 'marac_meeting', entityId: id, caseId }, now);
    return id;
  })();
}

export function addMaracAction(ctx: WriteContext, caseId: number, input: Input<typeof maracActionInputSchema>): number {
  const { db, now } = ctx;
  return db.transaction(() => {
    const meeting = db.prepare('SELECT case_id AS caseId, meeting_date AS date FROM marac_meetings WHERE id = ?').get(input.meetingId) as
      { caseId: number; date: IsoDate } | undefined;
    if (!meeting || meeting.caseId !== caseId) throw new PlwError('VALIDATION', 'That meeting is not on this case', 'meetingId');
    if (meeting.date > londonDate(now)) throw new PlwError('VALIDATION', 'Add the meeting’s actions once it has met', 'meetingId');
    if (input.dueDate < meeting.date) throw new PlwError('VALIDATION', 'The action cannot be due before the meeting', 'dueDate');
    const id = Number(
      db
        .prepare('INSERT INTO marac_actions (meeting_id, case_id, action, owner, due_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.meetingId, caseId, input.action, input.owner, input.dueDate, ctx.actor, now.toISOString()).lastInsertRowid,
    );
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'marac.action-added', entityType: 'marac_action', entityId: id, caseId }, now);
    return id;
  })();
}

export function completeMaracAction(ctx: WriteContext, actionId: number, completedDate: IsoDate, version: number | null): void {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'completedDate', label: 'the date it was done', value: completedDate }]);
  db.transaction(() => {
    const caseId = caseOf(db, 'marac_actions', actionId, 'That action no longer exists. Reload the page.');
    takeVersion(db, 'maracAction', actionId, version, ctx.actor, now);
    db.prepare('UPDATE marac_actions SET completed_date = ? WHERE id = ?').run(completedDate, actionId);
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'marac.action-completed', entityType: 'marac_action', entityId: actionId, caseId }, now);
  })();
}

export function recordDvds(ctx: WriteContext, caseId: number, dvdsId: number | null, input: Input<typeof dvdsInputSchema>, version: number | null): number {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [
    { field: 'applicationDate', label: 'the date of the application', value: input.applicationDate },
    { field: 'outcomeDate', label: 'the date of the outcome', value: input.outcomeDate },
  ]);
  return db.transaction(() => {
    caseMustExist(db, caseId);
    const outcomeDate = input.outcome === 'pending' ? null : input.outcomeDate;
    if (dvdsId === null) {
      const id = Number(
        db
          .prepare(
            'INSERT INTO dvds_applications (case_id, route, application_date, outcome, outcome_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(caseId, input.route, input.applicationDate, input.outcome, outcomeDate, ctx.actor, now.toISOString()).lastInsertRowid,
      );
      recordAudit(db, ctx.actor, { action: 'dvds.recorded', entityType: 'dvds_application', entityId: id, caseId, detail: { route: input.route } }, now);
      return id;
    }
    if (caseOf(db, 'dvds_applications', dvdsId, 'That application no longer exists. Reload the page.') !== caseId)
      throw new PlwError('VALIDATION', 'That application is not on this case');
    takeVersion(db, 'dvdsApplication', dvdsId, version, ctx.actor, now);
    db.prepare('UPDATE dvds_applications SET route = ?, application_date = ?, outcome = ?, outcome_date = ? WHERE id = ?').run(
      input.route,
      input.applicationDate,
      input.outcome,
      outcomeDate,
      dvdsId,
    );
    recordAudit(db, ctx.actor, { action: 'dvds.updated', entityType: 'dvds_application', entityId: dvdsId, caseId, detail: { outcome: input.outcome } }, now);
    return dvdsId;
  })();
}

/** The VLO is kept on the case, so it shares the case's version (one edit form covers the case). */
export function updateVlo(ctx: WriteContext, caseId: number, input: Input<typeof vloInputSchema>, version: number | null): void {
  const { db, now } = ctx;
  db.transaction(() => {
    caseMustExist(db, caseId);
    takeVersion(db, 'case', caseId, version, ctx.actor, now);
    db.prepare('UPDATE cases SET vlo_name = ?, vlo_contact = ?, updated_at = ? WHERE id = ?').run(input.vloName, input.vloContact, now.toISOString(), caseId);
    recordAudit(db, ctx.actor, { action: 'vlo.updated', entityType: 'case', entityId: caseId, caseId }, now);
  })();
}

/** The case's copies of its latest MARAC referral and meeting and DASH score: what the reports and the caseload read. */
function copyLatestToCase(db: Db, caseId: number): void {
  db.prepare(
    `UPDATE cases SET
       marac_referral_date = (SELECT max(referral_date) FROM marac_referrals WHERE case_id = @id),
       marac_meeting_date = (SELECT max(meeting_date) FROM marac_meetings WHERE case_id = @id),
       dash_date = (SELECT assessed_date FROM dash_assessments WHERE case_id = @id ORDER BY assessed_date DESC, id DESC LIMIT 1),
       dash_score = (SELECT score FROM dash_assessments WHERE case_id = @id ORDER BY assessed_date DESC, id DESC LIMIT 1)
     WHERE id = @id`,
  ).run({ id: caseId });
}

/** Everything on the Agencies section, with each check's and action's timer as of today. */
export function readAgencies(db: Db, caseId: number, asOf: IsoDate, dashThreshold: number): AgenciesView {
  const c = db
    .prepare(
      `SELECT c.case_ref AS caseRef, p.crn, c.ro_name AS roName, c.closed_date AS closedDate, c.vlo_name AS vloName, c.vlo_contact AS vloContact, c.version, p.mappa_category AS mappaCategory, p.mappa_level AS mappaLevel
       FROM cases c JOIN perpetrators p ON p.id = c.perpetrator_id WHERE c.id = ?`,
    )
    .get(caseId) as
    | {
        caseRef: string;
        crn: string | null;
        roName: string | null;
        closedDate: IsoDate | null;
        vloName: string | null;
        vloContact: string | null;
        version: number;
        mappaCategory: string | null;
        mappaLevel: string | null;
      }
    | undefined;
  if (!c) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  const timerOf = db.prepare(
    'SELECT due_date AS dueDate, warn_from AS warnFrom, met_date AS metDate FROM timers WHERE case_id = ? AND timer = ? AND subject_id = ?',
  );
  const state = (timer: 'agency_check' | 'marac_action', id: number, fallbackDue: IsoDate) => {
    const t = timerOf.get(caseId, timer, id) as { dueDate: IsoDate; warnFrom: IsoDate; metDate: IsoDate | null } | undefined;
    return t ? { dueDate: t.dueDate, status: timerStatus(t, asOf, c.closedDate) } : { dueDate: fallbackDue, status: 'pending' };
  };
  const chases = db.prepare('SELECT chase_date AS date, method, recorded_by AS recordedBy FROM agency_check_chases WHERE check_id = ? ORDER BY chase_date, id');
  const checks = (
    db
      .prepare(
        `SELECT id, agency, requested_date AS requestedDate, requested_from AS requestedFrom, reply_date AS replyDate, reply_summary AS replySummary,
           recorded_by AS recordedBy, version FROM agency_checks WHERE case_id = ? ORDER BY requested_date DESC, id DESC`,
      )
      .all(caseId) as Omit<AgenciesView['checks'][number], 'chases' | 'dueDate' | 'status'>[]
  ).map((check) => ({
    ...check,
    chases: chases.all(check.id) as AgenciesView['checks'][number]['chases'],
    ...state('agency_check', check.id, check.requestedDate),
  }));
  const dash = (
    db
      .prepare(
        'SELECT id, assessed_date AS date, assessor, score, answers FROM dash_assessments WHERE case_id = ? ORDER BY assessed_date IS NULL, assessed_date DESC, id DESC',
      )
      .all(caseId) as { id: number; date: string | null; assessor: string | null; score: number; answers: string | null }[]
  ).map((d) => ({ ...d, answers: d.answers === null ? null : (JSON.parse(d.answers) as string[]), atThreshold: d.score >= dashThreshold }));
  const actions = db.prepare(
    'SELECT id, action, owner, due_date AS dueDate, completed_date AS completedDate, version FROM marac_actions WHERE meeting_id = ? ORDER BY due_date, id',
  );
  const meetings = db.prepare('SELECT id, meeting_date AS date, outcome FROM marac_meetings WHERE referral_id = ? ORDER BY meeting_date, id');
  const maracReferrals = (
    db
      .prepare(
        'SELECT id, referral_date AS date, criteria, notes, recorded_by AS recordedBy FROM marac_referrals WHERE case_id = ? ORDER BY referral_date IS NULL, referral_date DESC, id DESC',
      )
      .all(caseId) as { id: number; date: string | null; criteria: string; notes: string | null; recordedBy: string }[]
  ).map((r) => ({
    ...r,
    criteria: JSON.parse(r.criteria) as string[],
    meetings: (meetings.all(r.id) as { id: number; date: string; outcome: string | null }[]).map((m) => ({
      ...m,
      actions: (actions.all(m.id) as { id: number; action: string; owner: string; dueDate: IsoDate; completedDate: IsoDate | null; version: number }[]).map(
        (a) => ({ ...a, ...state('marac_action', a.id, a.dueDate) }),
      ),
    })),
  }));
  const riskDates = db.prepare('SELECT event_date FROM risk_events WHERE case_id = ?').pluck().all(caseId) as IsoDate[];
  return {
    asOf,
    caseRef: c.caseRef,
    crn: c.crn,
    roName: c.roName,
    checks,
    dash,
    dashThreshold,
    maracReferrals,
    potentialEscalation: potentialEscalation(riskDates, asOf),
    mappa: { category: c.mappaCategory, level: c.mappaLevel },
    vlo: { vloName: c.vloName, vloContact: c.vloContact },
    dvds: db
      .prepare(
        'SELECT id, route, application_date AS applicationDate, outcome, outcome_date AS outcomeDate, version FROM dvds_applications WHERE case_id = ? ORDER BY application_date DESC, id DESC',
      )
      .all(caseId) as AgenciesView['dvds'],
    caseVersion: c.version,
  };
}
