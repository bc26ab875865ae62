/**
 * Keeps the `timers` table true: every write that affects a case's timers calls
 * `rewriteCaseTimers` inside its own transaction, so Today and the chase list are
 * plain indexed reads.
 */
import type { IsoDate } from '../../../shared/calendar';
import { engagementHistory, engagementOn, type EngagementChange } from '../../../shared/engagement';
import type { ContactMethod, ContactOutcome, ProgrammeOutcome, Stage } from '../../../shared/reference-data';
import type { TimerRules } from '../../../shared/timer-rules';
import { computeTimers, TIMER_ENGINE_VERSION, type CaseFacts, type Timer } from '../../../shared/timers';
import type { Db } from '../db/open-database';
import type { ProgressReporter } from '../progress';
import { ownerOn } from './ownership';

interface CaseRow {
  id: number;
  owner_worker_id: number | null;
  sentence_date: IsoDate | null;
  sentence_type: string | null;
  release_date: IsoDate | null;
  supervision_end_date: IsoDate | null;
  referral_received_date: IsoDate | null;
  closed_date: IsoDate | null;
  programme_start_date: IsoDate | null;
  programme_end_date: IsoDate | null;
  programme_outcome: ProgrammeOutcome | null;
}

/** The caseload sorts risk by this rank; SQL, so inserts can compute it from their own value. */
export const riskRankOf = (expression: string) => `CASE ${expression} WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'very_high' THEN 4 END`;

/** Prepared once per connection: rewriting timers is on the hot path of every write. */
class TimerStatements {
  readonly caseRow;
  readonly contacts;
  readonly riskEvents;
  readonly shared;
  readonly orders;
  readonly engagementSet;
  readonly agencyChecks;
  readonly maracActions;
  readonly safetyPlanReviews;
  readonly linkedRiskEvents;
  readonly existingTimers;
  readonly ownership;
  readonly deleteTimer;
  readonly insertTimer;
  readonly updateCase;
  readonly refreshCopies;

  constructor(db: Db) {
    this.caseRow = db.prepare(
      `SELECT c.id, c.owner_worker_id, c.sentence_date, c.sentence_type, p.release_date, p.supervision_end_date, c.referral_received_date, c.closed_date,
         c.programme_start_date, c.programme_end_date, c.programme_outcome
       FROM cases c JOIN perpetrators p ON p.id = c.perpetrator_id WHERE c.id = ?`,
    );
    // A deleted contact meets nothing; a draft note still records a real attempt.
    this.contacts = db.prepare(
      'SELECT contact_date AS date, outcome, with_victim AS withVictim, method, recorded_at AS recordedAt FROM contacts WHERE case_id = ? AND deleted_at IS NULL',
    );
    this.engagementSet = db.prepare(
      'SELECT change_date AS date, status, source, recorded_at AS recordedAt FROM engagement_changes WHERE case_id = ? ORDER BY change_date, recorded_at',
    );
    this.riskEvents = db.prepare('SELECT id, event_date AS date FROM risk_events WHERE case_id = ?');
    this.shared = db.prepare("SELECT shared_date AS date FROM liaison WHERE case_id = ? AND agency = 'ro'");
    this.orders = db.prepare('SELECT id, order_ref AS orderRef, expiry_date AS expiryDate, resolved_date AS resolvedDate FROM orders WHERE case_id = ?');
    this.agencyChecks = db.prepare('SELECT id, requested_date AS requestedDate, reply_date AS replyDate FROM agency_checks WHERE case_id = ? ORDER BY id');
    this.maracActions = db.prepare(
      `SELECT a.id, m.meeting_date AS meetingDate, a.due_date AS dueDate, a.completed_date AS completedDate
       FROM marac_actions a JOIN marac_meetings m ON m.id = a.meeting_id WHERE a.case_id = ? ORDER BY a.id`,
    );
    this.safetyPlanReviews = db.prepare('SELECT review_date FROM safety_plan_reviews WHERE case_id = ?').pluck();
    // Every other case naming the same perpetrator (model v2 §1): their risk events trigger this plan's review.
    this.linkedRiskEvents = db
      .prepare(
        `SELECT e.event_date FROM cases c JOIN cases other ON other.perpetrator_id = c.perpetrator_id AND other.id <> c.id
         JOIN risk_events e ON e.case_id = other.id WHERE c.id = ?`,
      )
      .pluck();
    this.existingTimers = db.prepare(
      `SELECT id, owner_worker_id, timer, order_id, order_ref, risk_event_id, subject_id, start_date, due_date, warn_from, met_date, closed_date FROM timers WHERE case_id = ?`,
    );
    this.ownership = db.prepare('SELECT worker_id AS worker, from_date AS "from", to_date AS "to" FROM case_ownership WHERE case_id = ?');
    this.deleteTimer = db.prepare('DELETE FROM timers WHERE id = ?');
    this.insertTimer = db.prepare(
      `INSERT INTO timers (case_id, owner_worker_id, timer, order_id, order_ref, risk_event_id, subject_id, start_date, due_date, warn_from, met_date, closed_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Two updates, each made only when something differs: every column written here is
    // in a caseload index, and SQLite rewrites an index entry whenever its column is set,
    // even to the same value.
    this.updateCase = db.prepare(
      `UPDATE cases SET stage = @stage, next_timer = @timer, next_due_date = @due, next_warn_from = @warn, engagement = @engagement
       WHERE id = @id AND (stage IS NOT @stage OR next_timer IS NOT @timer OR next_due_date IS NOT @due OR next_warn_from IS NOT @warn OR engagement IS NOT @engagement)`,
    );
    // Also refreshes the caseload's copies of names, CRN, owner and the perpetrator's custody and
    // release: every write passes through here.
    const person = (column: string) => `(SELECT ${column} FROM perpetrators p WHERE p.id = cases.perpetrator_id)`;
    this.refreshCopies = db.prepare(
      `UPDATE cases SET victim_name = (SELECT name FROM victims v WHERE v.id = cases.victim_id), perpetrator_name = ${person('name')},
         crn = ${person('crn')}, owner_name = (SELECT name FROM workers w WHERE w.id = cases.owner_worker_id),
         risk_rank = ${riskRankOf('risk_to_victim')}, custody_status = ${person('custody_status')}, release_date = ${person('release_date')}
       WHERE id = ? AND (victim_name IS NOT (SELECT name FROM victims v WHERE v.id = cases.victim_id) OR perpetrator_name IS NOT ${person('name')}
         OR crn IS NOT ${person('crn')} OR owner_name IS NOT (SELECT name FROM workers w WHERE w.id = cases.owner_worker_id)
         OR risk_rank IS NOT ${riskRankOf('risk_to_victim')} OR custody_status IS NOT ${person('custody_status')} OR release_date IS NOT ${person('release_date')})`,
    );
  }
}

const statements = new WeakMap<Db, TimerStatements>();
function prepared(db: Db): TimerStatements {
  let found = statements.get(db);
  if (!found) {
    found = new TimerStatements(db);
    statements.set(db, found);
  }
  return found;
}

export function loadCaseFacts(db: Db, caseId: number): { row: CaseRow; facts: CaseFacts } | null {
  const s = prepared(db);
  const row = s.caseRow.get(caseId) as CaseRow | undefined;
  if (!row) return null;
  const contacts = (s.contacts.all(caseId) as { date: IsoDate; outcome: ContactOutcome; withVictim: number; method: ContactMethod; recordedAt: string }[]).map(
    (c) => ({ ...c, withVictim: c.withVictim === 1 }),
  );
  return {
    row,
    facts: {
      sentenceDate: row.sentence_date,
      sentenceType: row.sentence_type,
      releaseDate: row.release_date,
      supervisionEndDate: row.supervision_end_date,
      engagementSet: s.engagementSet.all(caseId) as EngagementChange[],
      referralReceivedDate: row.referral_received_date,
      closedDate: row.closed_date,
      programmeStartDate: row.programme_start_date,
      programmeEndDate: row.programme_end_date,
      programmeOutcome: row.programme_outcome,
      contacts,
      riskEvents: s.riskEvents.all(caseId) as { id: number; date: IsoDate }[],
      sharedWithRo: s.shared.all(caseId) as { date: IsoDate }[],
      orders: s.orders.all(caseId) as CaseFacts['orders'],
      agencyChecks: s.agencyChecks.all(caseId) as CaseFacts['agencyChecks'],
      maracActions: s.maracActions.all(caseId) as CaseFacts['maracActions'],
      safetyPlanReviews: s.safetyPlanReviews.all(caseId) as IsoDate[],
      linkedRiskEventDates: s.linkedRiskEvents.all(caseId) as IsoDate[],
    },
  };
}

export function stageOf(facts: CaseFacts): Stage {
  if (facts.closedDate) return 'closed';
  if (!facts.referralReceivedDate) return 'awaiting_referral';
  return facts.contacts.some((c) => c.withVictim) ? 'in_contact' : 'awaiting_first_contact';
}

/** The open timer that falls due first: what the caseload shows as "next". */
export function nextTimer(timers: Timer[], closedDate: IsoDate | null): Timer | null {
  if (closedDate) return null;
  let next: Timer | null = null;
  for (const timer of timers) if (!timer.metDate && (next === null || timer.dueDate < next.dueDate)) next = timer;
  return next;
}

/**
 * How one case's stored timers differ from what these rules make of its facts: the rows to add
 * and the ids to delete. Only the timers that changed are touched: each timer row is in ten
 * indexes, and a contact usually changes one or two of a case's timers (halves the write at scale).
 */
function timerChanges(db: Db, caseId: number, rules: TimerRules) {
  const loaded = loadCaseFacts(db, caseId);
  if (!loaded) return null;
  const { row, facts } = loaded;
  const timers = computeTimers(facts, rules);
  const s = prepared(db);
  const stale = new Map<string, number[]>();
  for (const existing of s.existingTimers.raw().all(caseId) as unknown[][]) {
    const key = JSON.stringify(existing.slice(1));
    stale.set(key, [...(stale.get(key) ?? []), existing[0] as number]);
  }
  const inserts: unknown[][] = [];
  // A met timer stays with whoever owned the case when it was met (model v2 §6: past figures do
  // not move when the case changes hands); an open one is the owner's today, to act on.
  const spans = s.ownership.all(caseId) as { worker: number | null; from: IsoDate | null; to: IsoDate | null }[];
  for (const t of timers) {
    const values = [
      t.metDate && spans.length > 1 ? ownerOn(spans, t.metDate, row.owner_worker_id) : row.owner_worker_id,
      t.timer,
      t.orderId ?? null,
      t.orderRef ?? null,
      t.riskEventId ?? null,
      t.subjectId ?? null,
      t.startDate,
      t.dueDate,
      t.warnFrom,
      t.metDate,
      row.closed_date,
    ];
    const same = stale.get(JSON.stringify(values));
    if (same?.length) same.pop();
    else inserts.push(values);
  }
  return { row, facts, timers, inserts, deletes: [...stale.values()].flat() };
}

/** Recomputes one case's timers from its facts. Call inside the transaction of the write. */
export function rewriteCaseTimers(db: Db, caseId: number, rules: TimerRules): Timer[] {
  const changes = timerChanges(db, caseId, rules);
  if (!changes) return [];
  const { row, facts, timers } = changes;
  const s = prepared(db);
  for (const values of changes.inserts) s.insertTimer.run(caseId, ...values);
  for (const id of changes.deletes) s.deleteTimer.run(id);
  const next = nextTimer(timers, row.closed_date);
  const engagement = engagementOn(engagementHistory(facts.contacts, facts.engagementSet));
  s.updateCase.run({ stage: stageOf(facts), timer: next?.timer ?? null, due: next?.dueDate ?? null, warn: next?.warnFrom ?? null, engagement, id: caseId });
  s.refreshCopies.run(caseId);
  return timers;
}

/**
 * Recomputes the timers of every other case naming the same perpetrator: a risk event on one
 * case brings forward the safety-plan review of each linked case (model v2 §1, §5).
 */
export function rewriteLinkedCaseTimers(db: Db, caseId: number, rules: TimerRules): void {
  const linked = db
    .prepare('SELECT other.id FROM cases c JOIN cases other ON other.perpetrator_id = c.perpetrator_id AND other.id <> c.id WHERE c.id = ?')
    .pluck()
    .all(caseId) as number[];
  for (const id of linked) rewriteCaseTimers(db, id, rules);
}

/**
 * How many cases' timers these rules would change, read without writing anything: what
 * Settings → Timers tells the administrator before they confirm new rules.
 */
export function casesChangedByRules(db: Db, rules: TimerRules, progress: ProgressReporter = () => undefined): number {
  const ids = db.prepare('SELECT id FROM cases ORDER BY id').pluck().all() as number[];
  let changed = 0;
  for (let i = 0; i < ids.length; i++) {
    const changes = timerChanges(db, ids[i]!, rules);
    if (changes && (changes.inserts.length || changes.deletes.length)) changed++;
    if (i % 2000 === 0) progress({ operation: 'recompute-timers', done: i, total: ids.length, label: `Checking timers: case ${i + 1} of ${ids.length}` });
  }
  progress({ operation: 'recompute-timers', done: ids.length, total: ids.length, label: 'Timers checked' });
  return changed;
}

/** After the team changes its timer rules: every case, in batches, with progress. */
export function recomputeAllTimers(db: Db, rules: TimerRules, progress: ProgressReporter = () => undefined): number {
  const ids = (db.prepare('SELECT id FROM cases ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const batch = 2000;
  db.transaction(() => {
    for (let i = 0; i < ids.length; i++) {
      rewriteCaseTimers(db, ids[i]!, rules);
      if (i % batch === 0)
        progress({ operation: 'recompute-timers', done: i, total: ids.length, label: `Recalculating timers: case ${i + 1} of ${ids.length}` });
    }
  })();
  progress({ operation: 'recompute-timers', done: ids.length, total: ids.length, label: 'Timers recalculated' });
  return ids.length;
}

/** Every case that names this person: his release date or custody changes all their timers and copies. */
export function rewritePersonTimers(db: Db, perpetratorId: number, rules: TimerRules): number[] {
  const ids = (db.prepare('SELECT id FROM cases WHERE perpetrator_id = ? ORDER BY id').all(perpetratorId) as { id: number }[]).map((r) => r.id);
  for (const id of ids) rewriteCaseTimers(db, id, rules);
  return ids;
}

const ENGINE_KEY = 'timerEngineVersion';

/**
 * Stored timers are the engine's output: when a new version of the app changes the rules
 * themselves (model v2: declined support stops keeping in touch, release clocks), every case's
 * timers are worked out again once, at the first unlock that holds the database lock.
 */
export function bringTimersUpToDate(db: Db, rules: TimerRules, progress: ProgressReporter = () => undefined): number {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(ENGINE_KEY) as { value: string } | undefined;
  if (row && Number(JSON.parse(row.value)) >= TIMER_ENGINE_VERSION) return 0;
  const hasCases = db.prepare('SELECT 1 FROM cases LIMIT 1').get() !== undefined;
  const recomputed = hasCases ? recomputeAllTimers(db, rules, progress) : 0;
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    ENGINE_KEY,
    JSON.stringify(TIMER_ENGINE_VERSION),
  );
  return recomputed;
}
