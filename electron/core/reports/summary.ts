/**
 * The managers' summary: every figure of `shared/report-definitions.ts`, computed in
 * SQL per worker for a period, and for the team from the same rows. Medians keep
 * their raw values (anonymous numbers) so several workers' summaries can be merged.
 * Each figure is credited as its definition says (model v2 §6): to whoever owned the case on the
 * day (from the dated ownership history), or to whoever logged the contact or chase.
 */
import { addDays, type IsoDate } from '../../../shared/calendar';
import { median, percent, type Figures, type TrendMonth } from '../../../shared/report-definitions';
import { TIMER_IDS, type TimerId } from '../../../shared/timer-rules';
import type { Db } from '../db/open-database';
import { ownerOnSql } from '../cases/ownership';
import { victimsReached, type Breakdown } from './equality';
import { OFFICE_CASES, withOfficeCases } from './office-cases';

export interface RawFigures {
  counts: Record<string, number>;
  lagDays: number[];
  attemptDays: number[];
  riskEvents: number;
  riskSharedOnTime: number;
  overdueByTimer: Record<string, number>;
  contactsByMethod: Record<string, number>;
  contactsByOutcome: Record<string, number>;
}

export interface WorkerSummary {
  worker: string;
  raw: RawFigures;
}

const emptyRaw = (): RawFigures => ({
  counts: {},
  lagDays: [],
  attemptDays: [],
  riskEvents: 0,
  riskSharedOnTime: 0,
  overdueByTimer: {},
  contactsByMethod: {},
  contactsByOutcome: {},
});

/** The owner of case `c` (an alias of `cases`) on `dateExpr`, from the dated ownership history (model v2 §6). */
const ownerOn = (caseColumn: string, dateExpr: string) => ownerOnSql(caseColumn, dateExpr);

/**
 * A figure credited to an owner worked out per row (the owner on a date, or the worker who
 * logged it): the rows are read through the period's index, then grouped and filtered by that owner.
 */
const byOwner = (ownerExpr: string, from: string) => `SELECT owner, count(*) AS n FROM (SELECT ${ownerExpr} AS owner ${from}) WHERE 1 @wscope GROUP BY owner`;

/**
 * Counts that are plain sums across workers. Each is credited fairly (model v2 §6): a case's
 * events to whoever owned it that day, caseload to the owner at period end, contacts and chases
 * to the worker who logged them, a met timer to the owner when it was met (timers carry it).
 * (`+owner` keeps SQLite from walking the owner index to group, so it reads only the period's
 * rows through the date indexes.)
 */
const COUNTS: Record<string, string | string[]> = {
  // Open at period end: open today, plus closed since (two index ranges). Open today and owned
  // since before the end are counted as the index holds them, owner by owner (no sort: 18 ms a
  // sort took at 250,000 cases); the few that changed hands since are looked up in the history.
  open_caseload: [
    `SELECT c.owner_worker_id AS owner, count(*) AS n FROM cases c INDEXED BY cases_closed
       WHERE c.closed_date IS NULL AND c.sentence_date <= @to AND (c.owner_since IS NULL OR c.owner_since <= @to) @scope @inoffice(c.id) GROUP BY c.owner_worker_id`,
    byOwner(
      ownerOn('c', '@to'),
      'FROM cases c INDEXED BY cases_closed WHERE c.closed_date IS NULL AND c.sentence_date <= @to AND c.owner_since > @to @inoffice(c.id)',
    ),
    byOwner(ownerOn('c', '@to'), 'FROM cases c INDEXED BY cases_closed WHERE c.closed_date > @to AND c.sentence_date <= @to @inoffice(c.id)'),
  ],
  new_referrals: byOwner(
    ownerOn('c', 'c.referral_received_date'),
    'FROM cases c INDEXED BY cases_referral WHERE c.referral_received_date BETWEEN @from AND @to @inoffice(c.id)',
  ),
  referrals_late: `SELECT +t.owner_worker_id AS owner, count(*) AS n FROM timers t
    WHERE t.timer = 'referral' AND t.met_date BETWEEN @from AND @to AND t.met_date > t.due_date @tscope @inoffice(t.case_id) GROUP BY owner`,
  first_contacts_due: `SELECT +t.owner_worker_id AS owner, count(*) AS n FROM timers t
    WHERE t.timer = 'first_contact' AND t.due_date BETWEEN @from AND @to @tscope @inoffice(t.case_id) GROUP BY owner`,
  first_contacts_on_time: `SELECT +t.owner_worker_id AS owner, count(*) AS n FROM timers t
    WHERE t.timer = 'first_contact' AND t.due_date BETWEEN @from AND @to AND t.met_date IS NOT NULL AND t.met_date <= t.due_date @tscope @inoffice(t.case_id) GROUP BY owner`,
  risk_events: byOwner(
    ownerOn('c', 'r.event_date'),
    'FROM risk_events r INDEXED BY risk_events_date JOIN cases c INDEXED BY cases_owner_by_id ON c.id = r.case_id WHERE r.event_date BETWEEN @from AND @to @inoffice(r.case_id)',
  ),
  risk_shared_on_time: `SELECT +t.owner_worker_id AS owner, count(*) AS n FROM timers t
    WHERE t.timer = 'risk_share' AND t.start_date BETWEEN @from AND @to AND t.met_date IS NOT NULL AND t.met_date <= t.due_date @tscope @inoffice(t.case_id) GROUP BY owner`,
  // Each referral, repeats included (model v2: MARAC keeps every referral, not one date per case).
  marac_referrals: byOwner(
    ownerOn('c', 'r.referral_date'),
    'FROM marac_referrals r INDEXED BY marac_referrals_date JOIN cases c INDEXED BY cases_owner_by_id ON c.id = r.case_id WHERE r.referral_date BETWEEN @from AND @to @inoffice(r.case_id)',
  ),
  idva_referrals: byOwner(
    ownerOn('c', 'c.idva_referral_date'),
    'FROM cases c INDEXED BY cases_idva WHERE c.idva_referral_date BETWEEN @from AND @to @inoffice(c.id)',
  ),
  chases_logged: byOwner('ch.credited_worker_id', 'FROM chases ch INDEXED BY chases_credited WHERE ch.chase_date BETWEEN @from AND @to @inoffice(ch.case_id)'),
  // Whose work was audited is kept with the audit (the owner when it was done).
  case_audits: byOwner('a.owner_worker_id', 'FROM case_audits a INDEXED BY case_audits_date WHERE a.audit_date BETWEEN @from AND @to @inoffice(a.case_id)'),
  supervision_sessions: byOwner('s.worker_id', 'FROM supervision_notes s WHERE s.note_date BETWEEN @from AND @to @soscope'),
};

/**
 * Timers of the given kinds that were due before the end of the period and still open at
 * its end: those open today (read from an open-timer index) plus the few met or closed since.
 * Split this way a recent period reads its open timers and a handful of others, where
 * "due before the end" alone would read every timer ever due. A timer is never due before it
 * starts, so `start_date <= @to` needs checking only for the met and closed ones.
 */
function overdueAtPeriodEnd(columns: string, kinds: readonly TimerId[], scope: SummaryScope): string {
  const inKinds = `t.timer IN (${kinds.map((k) => `'${k}'`).join(', ')})`;
  const openIndex = scope.workerId === null ? 'timers_open_kind_due' : 'timers_open_owner_warn';
  // Called team-wide when the owner is worked out per row and filtered afterwards.
  const tscope = `${scope.workerId === null ? '' : '@tscope'} @inoffice(t.case_id)`;
  return `SELECT ${columns} FROM timers t INDEXED BY ${openIndex} WHERE t.met_date IS NULL AND t.closed_date IS NULL AND ${inKinds} AND t.due_date < @to ${tscope}
    UNION ALL
    SELECT ${columns} FROM timers t INDEXED BY timers_kind_met WHERE t.met_date IS NOT NULL AND ${inKinds} AND t.met_date > @to AND t.due_date < @to AND t.start_date <= @to AND (t.closed_date IS NULL OR t.closed_date > @to) ${tscope}
    UNION ALL
    SELECT ${columns} FROM timers t INDEXED BY timers_closing WHERE t.met_date IS NULL AND t.closed_date IS NOT NULL AND t.closed_date > @to AND ${inKinds} AND t.due_date < @to AND t.start_date <= @to ${tscope}`;
}

/** An order (`o`) in force at the period's end: made by then, not expired, not replaced by then. */
const ORDER_IN_FORCE = "o.made_date <= @to AND (o.expiry_date IS NULL OR o.expiry_date >= @to) AND (o.resolution IS NOT 'replaced' OR o.resolved_date > @to)";

/**
 * Several counts from one pass over a table: each row is an owner and one column per count.
 * Owners are read through `cases_owner_by_id` (migration 2), a narrow index that stays cached.
 */
const MULTI_COUNTS: readonly string[] = [
  // Agency checks asked for in the period, both agencies in one pass, for the owner that day.
  `SELECT owner, sum(agency = 'police') AS police_checks, sum(agency = 'childrens_social_care') AS childrens_social_care_checks FROM (
     SELECT ${ownerOn('c', 'a.requested_date')} AS owner, a.agency
     FROM agency_checks a INDEXED BY agency_checks_requested JOIN cases c INDEXED BY cases_owner_by_id ON c.id = a.case_id
     WHERE a.requested_date BETWEEN @from AND @to @inoffice(a.case_id)
   ) WHERE 1 @wscope GROUP BY owner`,
  // Orders active at period end, and those expiring in the 28 days after it. Each order carries its
  // case's owner (migration 16), so those owned since before the end are counted owner by owner
  // as the index holds them; the few whose case changed hands since are credited from the history.
  `SELECT o.owner_worker_id AS owner, count(*) AS active_orders, sum(o.expiry_date > @to AND o.expiry_date <= @horizon) AS orders_expiring_28_days
     FROM orders o INDEXED BY orders_owner_period
     WHERE ${ORDER_IN_FORCE} AND (o.owner_since IS NULL OR o.owner_since <= @to) @oscope @inoffice(o.case_id) GROUP BY o.owner_worker_id`,
  `SELECT owner, count(*) AS active_orders, sum(expiring) AS orders_expiring_28_days FROM (
     SELECT ${ownerOn('c', '@to')} AS owner, (o.expiry_date > @to AND o.expiry_date <= @horizon) AS expiring
     FROM orders o INDEXED BY orders_owner_changed JOIN cases c INDEXED BY cases_owner_by_id ON c.id = o.case_id
     WHERE o.owner_since > @to AND ${ORDER_IN_FORCE} @inoffice(o.case_id)
   ) WHERE 1 @wscope GROUP BY owner`,
];

/**
 * Referrals missing at period end (credited to the owner then) and whether chased, with the
 * chases of them (credited to whoever logged each): one read of the missing referrals and their
 * chases, a row per chase (or one row for a referral never chased), counted here. Two queries,
 * one for each figure, read the missing referrals twice: 53 ms of the month's summary at 250,000 cases.
 */
function countMissingReferrals(db: Db, scope: SummaryScope, p: ReturnType<typeof params>, raw: (owner: number | null) => RawFigures): void {
  const rows = db
    .prepare(
      scoped(
        `SELECT m.caseId, ${ownerOn('c', '@to')} AS owner, ch.id AS chaseId, ch.credited_worker_id AS chasedBy
         FROM (${overdueAtPeriodEnd('t.case_id AS caseId', ['referral'], teamWide(scope))}) m
         JOIN cases c INDEXED BY cases_owner_by_id ON c.id = m.caseId
         LEFT JOIN chases ch INDEXED BY chases_case_date ON ch.case_id = m.caseId AND ch.chase_date <= @to`,
        scope,
      ),
    )
    .raw()
    .all(p) as [caseId: number, owner: number | null, chaseId: number | null, chasedBy: number | null][];
  const inScope = (worker: number | null) => scope.workerId === null || worker === scope.workerId;
  const add = (owner: number | null, key: string) => {
    const counts = raw(owner).counts;
    counts[key] = (counts[key] ?? 0) + 1;
  };
  let previousCase: number | null = null;
  for (const [caseId, owner, chaseId, chasedBy] of rows) {
    // A case's rows come together (its chases are looked up as it is read).
    if (caseId !== previousCase && inScope(owner)) {
      add(owner, 'referrals_missing');
      if (chaseId !== null) add(owner, 'missing_referrals_chased');
    }
    previousCase = caseId;
    if (chaseId !== null && inScope(chasedBy)) add(chasedBy, 'chases_of_missing');
  }
}

/**
 * Contacts in the period by who logged them, method and outcome. A period of whole months (a
 * month's or a year's summary) sums the counts the writes keep (migration 16: a few hundred rows
 * where the contacts are 55,000 a month at 250,000 cases); any other period, or an office's (the
 * counts do not know offices), reads the contacts themselves.
 */
function contactCounts(db: Db, scope: SummaryScope, p: ReturnType<typeof params>) {
  type Row = { owner: number | null; method: string; outcome: string; n: number };
  // Not grouped here: a year's rows for one worker, method and outcome are added up by the caller.
  if (!scope.officeId && isWholeMonths(scope))
    return db
      .prepare(
        `SELECT nullif(worker_key, 0) AS owner, method, outcome, n FROM contact_month_counts
         WHERE month BETWEEN substr(@from, 1, 7) AND substr(@to, 1, 7) ${scope.workerId === null ? '' : 'AND worker_key = @worker'}`,
      )
      .all(p) as Row[];
  return db
    .prepare(
      scoped(
        `SELECT owner, method, outcome, count(*) AS n FROM (SELECT k.credited_worker_id AS owner, k.method, k.outcome
           FROM contacts k INDEXED BY contacts_credited WHERE k.deleted_at IS NULL AND k.contact_date BETWEEN @from AND @to @inoffice(k.case_id))
         WHERE 1 @wscope GROUP BY owner, method, outcome`,
        scope,
      ),
    )
    .all(p) as Row[];
}

/** From the first of a month to the last day of a month (the same or a later one). */
const isWholeMonths = ({ from, to }: SummaryScope) => from.endsWith('-01') && addDays(to, 1).endsWith('-01') && from <= to;

/** The same period for the whole team: figures credited by history are filtered by owner afterwards (`@wscope`). */
const teamWide = (scope: SummaryScope): SummaryScope => ({ ...scope, workerId: null });

export interface SummaryScope {
  from: IsoDate;
  to: IsoDate;
  /** null for the whole team */
  workerId: number | null;
  /** An office (PDU): only its cases, and the supervision of its accounts' workers. */
  officeId?: number | null;
}

function params(scope: SummaryScope) {
  return {
    from: scope.from,
    to: scope.to,
    horizon: addDays(scope.to, 28),
    ...(scope.workerId === null ? {} : { worker: scope.workerId }),
    ...(scope.officeId ? { office: scope.officeId } : {}),
  };
}

/**
 * `@scope` filters on the case's owner today, `@tscope` on the owner carried by each timer and
 * `@oscope` by each order (no join); `@wscope` on an owner worked out per row (outside the subquery that works it out).
 * `@inoffice(column)` keeps the rows of an office's cases (a case id looked up in the office's
 * cases, gathered once for the report: ./office-cases.ts; a team's report joins nothing for it;
 * `+` so the period's index still drives the read: driven from the office's cases, each timer
 * query took 1.2 s at 250,000 cases),
 * `@soscope` the supervision of its workers.
 */
function scoped(sql: string, scope: SummaryScope): string {
  const office = Boolean(scope.officeId);
  return sql
    .replaceAll('@scope', scope.workerId === null ? '' : 'AND c.owner_worker_id = @worker')
    .replaceAll('@tscope', scope.workerId === null ? '' : 'AND t.owner_worker_id = @worker')
    .replaceAll('@wscope', scope.workerId === null ? '' : 'AND owner = @worker')
    .replaceAll('@oscope', scope.workerId === null ? '' : 'AND o.owner_worker_id = @worker')
    .replace(/@inoffice\(([a-z_.]+)\)/g, office ? `AND +$1 IN ${OFFICE_CASES}` : '')
    .replaceAll(
      '@soscope',
      office
        ? 'AND s.worker_id IN (SELECT w.id FROM workers w JOIN accounts a ON a.id = w.account_id OR a.account_name = w.name WHERE a.office_id = @office)'
        : '',
    );
}

/** Raw figures per worker (by current owner), the building blocks of every view and of team merge. */
export function workerSummaries(db: Db, scope: SummaryScope): WorkerSummary[] {
  return summaryFigures(db, scope).workers;
}

/**
 * The scope's figures: each worker's raw figures, and the equality breakdowns of the victims the
 * scope reached (victims offered support and engaged, by sex, ethnicity, disability, relationship
 * and age band). The breakdowns are the scope's alone: never in a worker's summary file, so a
 * merged view has none.
 */
export function summaryFigures(db: Db, scope: SummaryScope): ScopeFigures {
  return withOfficeCases(db, scope.officeId, () => figuresOfScope(db, scope));
}

type ScopeFigures = { workers: WorkerSummary[]; equality: { offered: Breakdown; engaged: Breakdown } };

function figuresOfScope(db: Db, scope: SummaryScope): ScopeFigures {
  const p = params(scope);
  const byOwner = new Map<number | null, RawFigures>();
  const raw = (owner: number | null) => {
    let r = byOwner.get(owner);
    if (!r) byOwner.set(owner, (r = emptyRaw()));
    return r;
  };
  for (const [key, queries] of Object.entries(COUNTS)) {
    for (const sql of [queries].flat()) {
      for (const row of db.prepare(scoped(sql, scope)).all(p) as { owner: number | null; n: number }[]) {
        const counts = raw(row.owner).counts;
        counts[key] = (counts[key] ?? 0) + row.n;
      }
    }
  }
  for (const row of db
    .prepare(
      scoped(
        `SELECT +c.owner_worker_id AS owner, CAST(julianday(c.referral_received_date) - julianday(c.sentence_date) AS INTEGER) AS d FROM cases c INDEXED BY cases_referral WHERE c.referral_received_date BETWEEN @from AND @to @scope @inoffice(c.id)`,
        scope,
      ),
    )
    .all(p) as { owner: number | null; d: number }[])
    raw(row.owner).lagDays.push(row.d);
  for (const row of db
    .prepare(
      scoped(
        `SELECT +t.owner_worker_id AS owner, CAST(julianday(t.met_date) - julianday(t.start_date) AS INTEGER) AS d FROM timers t WHERE t.timer = 'first_contact' AND t.due_date BETWEEN @from AND @to AND t.met_date IS NOT NULL @tscope @inoffice(t.case_id)`,
        scope,
      ),
    )
    .all(p) as { owner: number | null; d: number }[])
    raw(row.owner).attemptDays.push(row.d);
  for (const row of db
    .prepare(
      scoped(
        `SELECT owner, timer, count(*) AS n FROM (${overdueAtPeriodEnd('+t.owner_worker_id AS owner, t.timer', TIMER_IDS, scope)}) GROUP BY owner, timer`,
        scope,
      ),
    )
    .all(p) as { owner: number | null; timer: string; n: number }[])
    raw(row.owner).overdueByTimer[row.timer] = row.n;
  countMissingReferrals(db, scope, p, raw);
  for (const sql of MULTI_COUNTS) {
    for (const { owner, ...counts } of db.prepare(scoped(sql, scope)).all(p) as ({ owner: number | null } & Record<string, number>)[]) {
      const into = raw(owner).counts;
      for (const [key, n] of Object.entries(counts)) into[key] = (into[key] ?? 0) + n;
    }
  }
  // Contacts, credited to the worker who logged them: counts by method and outcome.
  for (const row of contactCounts(db, scope, p)) {
    const r = raw(row.owner);
    r.counts.contacts = (r.counts.contacts ?? 0) + row.n;
    r.contactsByMethod[row.method] = (r.contactsByMethod[row.method] ?? 0) + row.n;
    r.contactsByOutcome[row.outcome] = (r.contactsByOutcome[row.outcome] ?? 0) + row.n;
  }
  // Victims offered support and spoken to: each once, for whoever owned her case on the day of her
  // first contact in the period (so the team's figure is the sum of the workers'), with the
  // equality fields of each for the breakdowns.
  const victims = victimsReached(db, scope, p);
  for (const [owner, reached] of victims.byOwner) {
    const r = raw(owner);
    r.counts.victims_offered_support = reached.offered;
    if (reached.spoken) r.counts.victims_spoken_to = reached.spoken;
  }
  const names = new Map((db.prepare('SELECT id, name FROM workers').all() as { id: number; name: string }[]).map((w) => [w.id, w.name]));
  const workers = [...byOwner.entries()]
    .map(([owner, r]) => {
      r.riskEvents = r.counts.risk_events ?? 0;
      r.riskSharedOnTime = r.counts.risk_shared_on_time ?? 0;
      return { worker: owner === null ? 'Unallocated' : (names.get(owner) ?? 'Unknown worker'), raw: r };
    })
    .sort((a, b) => a.worker.localeCompare(b.worker, 'en-GB'));
  return { workers, equality: victims.equality };
}

function addInto(target: Record<string, number>, source: Record<string, number>) {
  for (const [k, v] of Object.entries(source)) target[k] = (target[k] ?? 0) + v;
}

/** Several workers' raw figures as one (the team, or a merge of summary files). */
export function combine(raws: RawFigures[]): RawFigures {
  const total = emptyRaw();
  for (const r of raws) {
    addInto(total.counts, r.counts);
    total.lagDays.push(...r.lagDays);
    total.attemptDays.push(...r.attemptDays);
    total.riskEvents += r.riskEvents;
    total.riskSharedOnTime += r.riskSharedOnTime;
    addInto(total.overdueByTimer, r.overdueByTimer);
    addInto(total.contactsByMethod, r.contactsByMethod);
    addInto(total.contactsByOutcome, r.contactsByOutcome);
  }
  return total;
}

export function figuresOf(r: RawFigures): Figures {
  const n = (key: string) => r.counts[key] ?? 0;
  return {
    open_caseload: n('open_caseload'),
    new_referrals: n('new_referrals'),
    referrals_late: n('referrals_late'),
    median_referral_lag_days: median(r.lagDays),
    referrals_missing: n('referrals_missing'),
    missing_referrals_chased: n('missing_referrals_chased'),
    chases_of_missing: n('chases_of_missing'),
    first_contacts_due: n('first_contacts_due'),
    first_contacts_on_time: n('first_contacts_on_time'),
    first_contacts_on_time_pct: percent(n('first_contacts_on_time'), n('first_contacts_due')),
    median_days_to_first_attempt: median(r.attemptDays),
    victims_offered_support: n('victims_offered_support'),
    victims_spoken_to: n('victims_spoken_to'),
    contacts: n('contacts'),
    chases_logged: n('chases_logged'),
    risk_events: r.riskEvents,
    risk_shared_on_time_pct: percent(r.riskSharedOnTime, r.riskEvents),
    active_orders: n('active_orders'),
    orders_expiring_28_days: n('orders_expiring_28_days'),
    marac_referrals: n('marac_referrals'),
    idva_referrals: n('idva_referrals'),
    police_checks: n('police_checks'),
    childrens_social_care_checks: n('childrens_social_care_checks'),
    case_audits: n('case_audits'),
    supervision_sessions: n('supervision_sessions'),
    overdue_timers: Object.values(r.overdueByTimer).reduce((a, b) => a + b, 0),
    overdue_by_timer: r.overdueByTimer,
    contacts_by_method: r.contactsByMethod,
    contacts_by_outcome: r.contactsByOutcome,
  };
}

/**
 * Victims offered support (cases with a contact with the victim) in each month, one month at a
 * time from `contacts_victim_months` (month, case, date; migration 5). Within a month the index
 * holds each case's contacts together, so the distinct count compares each entry with the one
 * before: 60 ms for a national team's year. `count(DISTINCT)` over the year grouped by month
 * kept every case of the month in a temporary table: 510 ms. One worker's cases are looked up
 * in the index, case by case, instead of joining every contact of the year to its case.
 */
function victimsContactedByMonth(db: Db, months: string[], p: ReturnType<typeof params>, workerId: number | null): Map<string, number> {
  const owned = workerId === null ? '' : 'AND k.case_id IN (SELECT c.id FROM cases c INDEXED BY cases_owner WHERE c.owner_worker_id = @worker)';
  const count = db
    .prepare(
      `SELECT count(*) FROM (SELECT DISTINCT k.case_id FROM contacts k INDEXED BY contacts_victim_months
         WHERE k.with_victim = 1 AND k.deleted_at IS NULL AND substr(k.contact_date, 1, 7) = @month AND k.contact_date BETWEEN @from AND @to ${owned})`,
    )
    .pluck();
  return new Map(months.map((month) => [month, count.get({ ...p, month }) as number]));
}

/** Month by month for the 12 months ending with the month of `to`. */
export function trend(db: Db, to: IsoDate, workerId: number | null): TrendMonth[] {
  const months: string[] = [];
  const [y, m] = to.split('-').map(Number) as [number, number];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  const from = `${months[0]}-01`;
  const scope = { from, to, workerId };
  const p = params(scope);
  const monthly = (sql: string) => new Map((db.prepare(scoped(sql, scope)).all(p) as { month: string; n: number }[]).map((r) => [r.month, r.n]));
  const referrals = monthly(
    `SELECT substr(c.referral_received_date, 1, 7) AS month, count(*) AS n FROM cases c INDEXED BY cases_referral WHERE c.referral_received_date BETWEEN @from AND @to @scope GROUP BY month`,
  );
  const late = monthly(
    `SELECT substr(t.met_date, 1, 7) AS month, count(*) AS n FROM timers t WHERE t.timer = 'referral' AND t.met_date BETWEEN @from AND @to AND t.met_date > t.due_date @tscope GROUP BY month`,
  );
  const due = monthly(
    `SELECT substr(t.due_date, 1, 7) AS month, count(*) AS n FROM timers t WHERE t.timer = 'first_contact' AND t.due_date BETWEEN @from AND @to @tscope GROUP BY month`,
  );
  const onTime = monthly(
    `SELECT substr(t.due_date, 1, 7) AS month, count(*) AS n FROM timers t WHERE t.timer = 'first_contact' AND t.due_date BETWEEN @from AND @to AND t.met_date <= t.due_date @tscope GROUP BY month`,
  );
  const offered = victimsContactedByMonth(db, months, p, workerId);
  return months.map((month) => ({
    month,
    new_referrals: referrals.get(month) ?? 0,
    referrals_late: late.get(month) ?? 0,
    first_contacts_on_time_pct: percent(onTime.get(month) ?? 0, due.get(month) ?? 0),
    victims_offered_support: offered.get(month) ?? 0,
  }));
}

export interface Summary {
  period: { from: IsoDate; to: IsoDate };
  scope: string;
  team: Figures;
  /** The scope's breakdowns; null for a view merged from summary files, which carry none. */
  equality: { offered: Breakdown; engaged: Breakdown } | null;
  workers: ({ worker: string } & Figures)[];
  trend: TrendMonth[];
}

export function summarise(db: Db, scope: SummaryScope & { scopeLabel: string }): Summary {
  const { workers, equality } = summaryFigures(db, scope);
  const team = combine(workers.map((w) => w.raw));
  return {
    period: { from: scope.from, to: scope.to },
    scope: scope.scopeLabel,
    team: figuresOf(team),
    equality,
    workers: workers.map((w) => ({ worker: w.worker, ...figuresOf(w.raw) })),
    trend: trend(db, scope.to, scope.workerId),
  };
}

/** Month counts per worker (numerators and denominators), for summary files that merge. */
export function monthlyCountsByWorker(
  db: Db,
  to: IsoDate,
  workerId: number | null,
): Map<
  string,
  { month: string; newReferrals: number; referralsLate: number; firstContactsDue: number; firstContactsOnTime: number; victimsOfferedSupport: number }[]
> {
  const months: string[] = [];
  const [y, m] = to.split('-').map(Number) as [number, number];
  for (let i = 11; i >= 0; i--) months.push(new Date(Date.UTC(y, m - 1 - i, 1)).toISOString().slice(0, 7));
  const scope = { from: `${months[0]}-01`, to, workerId };
  const p = params(scope);
  const names = new Map((db.prepare('SELECT id, name FROM workers').all() as { id: number; name: string }[]).map((w) => [w.id, w.name]));
  const result = new Map<
    string,
    Map<
      string,
      { month: string; newReferrals: number; referralsLate: number; firstContactsDue: number; firstContactsOnTime: number; victimsOfferedSupport: number }
    >
  >();
  const cell = (owner: number | null, month: string) => {
    const worker = owner === null ? 'Unallocated' : (names.get(owner) ?? 'Unknown worker');
    let byMonth = result.get(worker);
    if (!byMonth) {
      byMonth = new Map(
        months.map((mm) => [mm, { month: mm, newReferrals: 0, referralsLate: 0, firstContactsDue: 0, firstContactsOnTime: 0, victimsOfferedSupport: 0 }]),
      );
      result.set(worker, byMonth);
    }
    return byMonth.get(month);
  };
  const add = (sql: string, field: 'newReferrals' | 'referralsLate' | 'firstContactsDue' | 'firstContactsOnTime' | 'victimsOfferedSupport') => {
    for (const row of db.prepare(scoped(sql, scope)).all(p) as { owner: number | null; month: string; n: number }[]) {
      const target = cell(row.owner, row.month);
      if (target) target[field] += row.n;
    }
  };
  add(
    `SELECT +c.owner_worker_id AS owner, substr(c.referral_received_date, 1, 7) AS month, count(*) AS n FROM cases c INDEXED BY cases_referral WHERE c.referral_received_date BETWEEN @from AND @to @scope GROUP BY owner, month`,
    'newReferrals',
  );
  add(
    `SELECT +t.owner_worker_id AS owner, substr(t.met_date, 1, 7) AS month, count(*) AS n FROM timers t WHERE t.timer = 'referral' AND t.met_date BETWEEN @from AND @to AND t.met_date > t.due_date @tscope GROUP BY owner, month`,
    'referralsLate',
  );
  add(
    `SELECT +t.owner_worker_id AS owner, substr(t.due_date, 1, 7) AS month, count(*) AS n FROM timers t WHERE t.timer = 'first_contact' AND t.due_date BETWEEN @from AND @to @tscope GROUP BY owner, month`,
    'firstContactsDue',
  );
  add(
    `SELECT +t.owner_worker_id AS owner, substr(t.due_date, 1, 7) AS month, count(*) AS n FROM timers t WHERE t.timer = 'first_contact' AND t.due_date BETWEEN @from AND @to AND t.met_date <= t.due_date @tscope GROUP BY owner, month`,
    'firstContactsOnTime',
  );
  add(
    `SELECT +c.owner_worker_id AS owner, substr(k.contact_date, 1, 7) AS month, count(DISTINCT k.case_id) AS n FROM contacts k JOIN cases c INDEXED BY cases_owner_by_id ON c.id = k.case_id WHERE k.with_victim = 1 AND k.deleted_at IS NULL AND k.contact_date BETWEEN @from AND @to @scope GROUP BY owner, month`,
    'victimsOfferedSupport',
  );
  return new Map([...result.entries()].map(([worker, byMonth]) => [worker, [...byMonth.values()]]));
}
