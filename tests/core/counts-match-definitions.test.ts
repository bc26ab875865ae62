/**
 * The summary's "state at period end" figures are read in pieces for speed (open today, plus
 * met or closed since), and the period's victims, agency checks and risk events through indexes
 * chosen for speed (a month's victims from the month's index, a longer period's from the period's).
 * Here each is checked against its definition written the plain way, one scan over the table,
 * on a demo team for recent and old periods, team and one worker.
 * Today's counts and the chase list's counts are read the same way and checked the same way.
 */
import { caseInputSchema } from '../../shared/case-input';
import { contactInputSchema, orderInputSchema } from '../../shared/record-inputs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, logChase, reassignCase, updateCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { recomputeAllTimers } from '../../electron/core/cases/timer-store';
import { deleteContact, logContactRecord, updateDraftContact } from '../../electron/core/records/contacts';
import { eraseCase } from '../../electron/core/records/retention';
import { ordersToAct, saveOrder } from '../../electron/core/records/orders';
import { unacknowledgedLiaison, unacknowledgedLiaisonCount } from '../../electron/core/records/risk';
import { addDays } from '../../shared/calendar';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { chaseCounts, chaseList, listCaseload, todayList } from '../../electron/core/cases/queries';
import { caseloadQuerySchema, type CaseloadQuery } from '../../shared/case-views';
import { RISK_LEVELS } from '../../shared/reference-data';
import { summaryFigures, trend, workerSummaries, type SummaryScope } from '../../electron/core/reports/summary';
import { EQUALITY_DIMENSIONS } from '../../shared/equality-words';
import type { Db } from '../../electron/core/db/open-database';
import { closeTeamDatabase, newTeamDatabase } from './helpers';

type OpenDb = Awaited<ReturnType<typeof newTeamDatabase>>['open'];
let open: OpenDb;
let db: Db;
let worker: number;

beforeAll(async () => {
  ({ open } = await newTeamDatabase());
  db = open.db;
  generateDemo(db, { cases: 1500, seed: 8, actor: 'Sam Admin', rules: readTimerRules(db), now: new Date('2026-11-24T10:00:00Z'), asOf: '2026-11-24' });
  worker = (db.prepare('SELECT owner_worker_id AS id FROM cases GROUP BY owner_worker_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number }).id;
});
afterAll(() => closeTeamDatabase(open));

/** The owner of case `c` on a date, from the ownership history, read plainly. */
const OWNER_ON = (date: string) => `(SELECT o.worker_id FROM case_ownership o NOT INDEXED WHERE o.case_id = c.id
  AND (o.from_date IS NULL OR o.from_date <= ${date}) AND (o.to_date IS NULL OR o.to_date > ${date}))`;
const OWNER_AT_END = OWNER_ON('@to');

/** Each victim with a contact with her in the period, once: her case, her first contact in it, and whether she was spoken to. */
const VICTIMS_IN_PERIOD = `SELECT case_id, min(contact_date) AS first, max(outcome = 'spoke_to_victim') AS spoken FROM contacts NOT INDEXED
  WHERE with_victim = 1 AND deleted_at IS NULL AND contact_date BETWEEN @from AND @to GROUP BY case_id`;

/**
 * The definitions, as plain scans: what was due before the end and not met or closed by it;
 * what is counted at period end for the owner then (model v2 §6); chases for whoever logged them.
 */
const DEFINITIONS = {
  overdueByTimer: `SELECT t.owner_worker_id AS owner, t.timer AS key, count(*) AS n FROM timers t NOT INDEXED
    WHERE t.due_date < @to AND t.start_date <= @to AND (t.met_date IS NULL OR t.met_date > @to) AND (t.closed_date IS NULL OR t.closed_date > @to) @tscope GROUP BY 1, 2`,
  missing: `SELECT owner, count(*) AS n, sum(ch > 0) AS chased FROM (
      SELECT ${OWNER_AT_END} AS owner, (SELECT count(*) FROM chases WHERE case_id = t.case_id AND chase_date <= @to) AS ch FROM timers t NOT INDEXED JOIN cases c ON c.id = t.case_id
      WHERE t.timer = 'referral' AND t.due_date < @to AND (t.met_date IS NULL OR t.met_date > @to) AND (t.closed_date IS NULL OR t.closed_date > @to))
    WHERE 1 @oscope GROUP BY 1`,
  chasesOfMissing: `SELECT ch.credited_worker_id AS owner, count(*) AS n FROM chases ch NOT INDEXED WHERE ch.chase_date <= @to AND ch.case_id IN (
      SELECT t.case_id FROM timers t NOT INDEXED WHERE t.timer = 'referral' AND t.due_date < @to AND (t.met_date IS NULL OR t.met_date > @to) AND (t.closed_date IS NULL OR t.closed_date > @to))
    @cscope GROUP BY 1`,
  activeOrders: `SELECT owner, count(*) AS n FROM (SELECT ${OWNER_AT_END} AS owner FROM orders o NOT INDEXED JOIN cases c ON c.id = o.case_id
    WHERE o.made_date <= @to AND (o.expiry_date IS NULL OR o.expiry_date >= @to) AND (o.resolution IS NOT 'replaced' OR o.resolved_date > @to)) WHERE 1 @oscope GROUP BY 1`,
  ordersExpiring: `SELECT owner, count(*) AS n FROM (SELECT ${OWNER_AT_END} AS owner FROM orders o NOT INDEXED JOIN cases c ON c.id = o.case_id
    WHERE o.made_date <= @to AND o.expiry_date > @to AND o.expiry_date <= date(@to, '+28 days') AND (o.resolution IS NOT 'replaced' OR o.resolved_date > @to)) WHERE 1 @oscope GROUP BY 1`,
  openCaseload: `SELECT owner, count(*) AS n FROM (SELECT ${OWNER_AT_END} AS owner FROM cases c NOT INDEXED WHERE c.sentence_date <= @to AND (c.closed_date IS NULL OR c.closed_date > @to))
    WHERE 1 @oscope GROUP BY 1`,
  victims: `SELECT owner, count(*) AS n, sum(spoken) AS spoken FROM (SELECT ${OWNER_ON('v.first')} AS owner, v.spoken
    FROM (${VICTIMS_IN_PERIOD}) v JOIN cases c ON c.id = v.case_id) WHERE 1 @oscope GROUP BY 1`,
  victimsBySex: `SELECT coalesce(sex, 'not_recorded') AS key, count(*) AS n, sum(spoken) AS spoken FROM (SELECT ${OWNER_ON('v.first')} AS owner, v.spoken, p.sex
    FROM (${VICTIMS_IN_PERIOD}) v JOIN cases c ON c.id = v.case_id JOIN victims p ON p.id = c.victim_id) WHERE 1 @oscope GROUP BY 1`,
  agencyChecks: `SELECT owner, agency AS key, count(*) AS n FROM (SELECT ${OWNER_ON('a.requested_date')} AS owner, a.agency FROM agency_checks a NOT INDEXED JOIN cases c ON c.id = a.case_id
    WHERE a.requested_date BETWEEN @from AND @to) WHERE 1 @oscope GROUP BY 1, 2`,
  riskEvents: `SELECT owner, count(*) AS n FROM (SELECT ${OWNER_ON('r.event_date')} AS owner FROM risk_events r NOT INDEXED JOIN cases c ON c.id = r.case_id
    WHERE r.event_date BETWEEN @from AND @to) WHERE 1 @oscope GROUP BY 1`,
  contacts: `SELECT owner, key, count(*) AS n FROM (SELECT k.credited_worker_id AS owner, k.method || ' ' || k.outcome AS key FROM contacts k NOT INDEXED
    WHERE k.deleted_at IS NULL AND k.contact_date BETWEEN @from AND @to) WHERE 1 @oscope GROUP BY 1, 2`,
  offeredByMonth: `SELECT substr(k.contact_date, 1, 7) AS key, count(DISTINCT k.case_id) AS n FROM contacts k NOT INDEXED JOIN cases c ON c.id = k.case_id
    WHERE k.with_victim = 1 AND k.deleted_at IS NULL AND k.contact_date BETWEEN @from AND @to @scope GROUP BY 1`,
};

function definition(sql: string, scope: SummaryScope) {
  const scoped = sql
    .replace('@tscope', scope.workerId === null ? '' : 'AND t.owner_worker_id = @worker')
    .replace('@oscope', scope.workerId === null ? '' : 'AND owner = @worker')
    .replace('@cscope', scope.workerId === null ? '' : 'AND ch.credited_worker_id = @worker')
    .replace('@scope', scope.workerId === null ? '' : 'AND c.owner_worker_id = @worker');
  return db.prepare(scoped).all({ from: scope.from, to: scope.to, ...(scope.workerId === null ? {} : { worker: scope.workerId }) }) as {
    owner: number;
    key?: string;
    n: number;
    chased?: number;
    chases?: number;
    spoken?: number;
  }[];
}

const total = (rows: { n: number }[]) => rows.reduce((sum, r) => sum + r.n, 0);

const PERIODS = [
  { name: 'last month', from: '2026-10-01', to: '2026-10-31' },
  { name: 'a month two years ago', from: '2024-03-01', to: '2024-03-31' },
  { name: 'a year', from: '2025-11-01', to: '2026-10-31' },
  // Not whole months: the contacts are read themselves, not the monthly counts.
  { name: 'part of a month', from: '2026-10-06', to: '2026-10-20' },
];

describe('summary figures at period end equal their definitions', () => {
  for (const period of PERIODS) {
    for (const scopeName of ['team', 'one worker'] as const) {
      it(`${period.name}, ${scopeName}`, () => {
        const scope: SummaryScope = { from: period.from, to: period.to, workerId: scopeName === 'team' ? null : worker };
        const raws = workerSummaries(db, scope).map((w) => w.raw);
        const sum = (pick: (r: (typeof raws)[number]) => number | undefined) => raws.reduce((n, r) => n + (pick(r) ?? 0), 0);

        const overdue = definition(DEFINITIONS.overdueByTimer, scope);
        const byTimer = new Map<string, number>();
        for (const row of overdue) byTimer.set(row.key!, (byTimer.get(row.key!) ?? 0) + row.n);
        for (const [timer, n] of byTimer)
          expect(
            sum((r) => r.overdueByTimer[timer]),
            timer,
          ).toBe(n);
        expect(sum((r) => Object.values(r.overdueByTimer).reduce((a, b) => a + b, 0))).toBe(total(overdue));

        const missing = definition(DEFINITIONS.missing, scope);
        expect(sum((r) => r.counts.referrals_missing)).toBe(total(missing));
        expect(sum((r) => r.counts.missing_referrals_chased)).toBe(missing.reduce((n, r) => n + r.chased!, 0));
        expect(sum((r) => r.counts.chases_of_missing)).toBe(total(definition(DEFINITIONS.chasesOfMissing, scope)));

        expect(sum((r) => r.counts.active_orders)).toBe(total(definition(DEFINITIONS.activeOrders, scope)));
        expect(sum((r) => r.counts.orders_expiring_28_days)).toBe(total(definition(DEFINITIONS.ordersExpiring, scope)));
        expect(sum((r) => r.counts.open_caseload)).toBe(total(definition(DEFINITIONS.openCaseload, scope)));

        // Each victim once, for the owner at her first contact in the period; the breakdowns count the same victims.
        const victims = definition(DEFINITIONS.victims, scope);
        expect(sum((r) => r.counts.victims_offered_support)).toBe(total(victims));
        expect(sum((r) => r.counts.victims_spoken_to)).toBe(victims.reduce((n, r) => n + r.spoken!, 0));
        const { equality } = summaryFigures(db, scope);
        const bySex = definition(DEFINITIONS.victimsBySex, scope);
        expect(equality.offered.sex).toEqual(Object.fromEntries(bySex.map((r) => [r.key, r.n])));
        expect(equality.engaged.sex).toEqual(Object.fromEntries(bySex.filter((r) => r.spoken! > 0).map((r) => [r.key, r.spoken])));
        for (const dimension of EQUALITY_DIMENSIONS)
          expect(
            Object.values(equality.offered[dimension]).reduce((a, b) => a + b, 0),
            dimension,
          ).toBe(total(victims));

        const checks = definition(DEFINITIONS.agencyChecks, scope);
        expect(sum((r) => r.counts.police_checks)).toBe(total(checks.filter((r) => r.key === 'police')));
        expect(sum((r) => r.counts.childrens_social_care_checks)).toBe(total(checks.filter((r) => r.key === 'childrens_social_care')));
        expect(sum((r) => r.riskEvents)).toBe(total(definition(DEFINITIONS.riskEvents, scope)));

        // Contacts by who logged them, method and outcome (whole months from the counts the writes keep).
        const contacts = definition(DEFINITIONS.contacts, scope);
        expect(sum((r) => r.counts.contacts)).toBe(total(contacts));
        const byKey = (rows: { key?: string; n: number }[]) => {
          const counts = new Map<string, number>();
          for (const row of rows) counts.set(row.key!, (counts.get(row.key!) ?? 0) + row.n);
          return counts;
        };
        const methods = byKey(contacts.map((r) => ({ key: r.key!.split(' ')[0], n: r.n })));
        const outcomes = byKey(contacts.map((r) => ({ key: r.key!.split(' ')[1], n: r.n })));
        for (const [method, n] of methods)
          expect(
            sum((r) => r.contactsByMethod[method]),
            method,
          ).toBe(n);
        for (const [outcome, n] of outcomes)
          expect(
            sum((r) => r.contactsByOutcome[outcome]),
            outcome,
          ).toBe(n);
        expect(total(contacts)).toBeGreaterThan(0);

        // The figures are not all zero: the demo team has something to count in every period.
        expect(total(victims)).toBeGreaterThan(0);
        expect(total(overdue)).toBeGreaterThan(0);
        expect(total(definition(DEFINITIONS.activeOrders, scope))).toBeGreaterThan(0);
      });
    }
  }

  it('the 12-month trend’s victims offered support, team and one worker, to a month’s end and to mid-month', () => {
    for (const workerId of [null, worker]) {
      for (const [from, to] of [
        ['2025-11-01', '2026-10-31'],
        ['2025-11-01', '2026-10-15'],
      ] as const) {
        const offered = new Map(definition(DEFINITIONS.offeredByMonth, { from, to, workerId }).map((r) => [r.key!, r.n]));
        const months = trend(db, to, workerId);
        expect(months.map((m) => m.victims_offered_support)).toEqual(months.map((m) => offered.get(m.month) ?? 0));
        expect(months.every((m) => (m.victims_offered_support ?? 0) > 0)).toBe(true);
      }
    }
  });
});

describe('Today and chase list counts equal their definitions', () => {
  const TODAY = `SELECT t.timer, sum(t.due_date < @asOf) AS overdue, sum(t.due_date >= @asOf) AS dueSoon FROM timers t NOT INDEXED
    WHERE t.met_date IS NULL AND (t.closed_date IS NULL OR t.closed_date > @asOf) AND t.warn_from <= @asOf @tscope GROUP BY t.timer ORDER BY t.timer`;
  for (const asOf of ['2026-11-24', '2026-06-15', '2025-01-06']) {
    it(`on ${asOf}, team and one worker`, () => {
      for (const workerId of [null, worker]) {
        const today = todayList(db, asOf, workerId);
        const expected = db
          .prepare(TODAY.replace('@tscope', workerId === null ? '' : 'AND t.owner_worker_id = @worker'))
          .all({ asOf, ...(workerId === null ? {} : { worker: workerId }) });
        expect(today.byTimer).toEqual(expected);
        expect(today.overdue + today.dueSoon).toBeGreaterThan(0);

        const everyOverdueReferral = chaseList(db, asOf, readTimerRules(db), workerId);
        expect(chaseCounts(db, asOf, readTimerRules(db), workerId)).toEqual({
          overdue: everyOverdueReferral.length,
          chaseDue: everyOverdueReferral.filter((r) => r.chaseDue).length,
        });
      }
    });
  }
});

describe('the open timer counts kept by triggers', () => {
  const COUNTED = 'SELECT timer, due_date, warn_from, n FROM open_timer_counts ORDER BY 1, 2, 3';
  const DEFINITION = `SELECT timer, due_date, warn_from, count(*) AS n FROM timers NOT INDEXED WHERE met_date IS NULL AND closed_date IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  const REFERRAL_LAST_CHASE = "SELECT case_id, last_chase_date FROM timers WHERE timer = 'referral' ORDER BY case_id";
  const REFERRAL_LAST_CHASE_DEFINITION =
    "SELECT t.case_id, (SELECT max(chase_date) FROM chases NOT INDEXED WHERE case_id = t.case_id) AS last_chase_date FROM timers t WHERE t.timer = 'referral' ORDER BY t.case_id";

  it('match the open timers (and the flags, and the latest chases) after every kind of write: contacts, chases, closing, reopening, rules, erasure', () => {
    expect(db.prepare(COUNTED).all()).toEqual(db.prepare(DEFINITION).all());
    expect(db.prepare(REFERRAL_LAST_CHASE).all()).toEqual(db.prepare(REFERRAL_LAST_CHASE_DEFINITION).all());
    const ctx = { db, actor: 'Sam Admin', now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(db) };
    const [a, d] = (db.prepare('SELECT id FROM cases WHERE closed_date IS NULL ORDER BY id LIMIT 2').all() as { id: number }[]).map((r) => r.id);
    logContactRecord(ctx, a!, contactInputSchema.parse({ date: '2026-11-24', method: 'phone', outcome: 'spoke_to_victim' }));
    logContactRecord(ctx, d!, contactInputSchema.parse({ date: '2026-11-23', method: 'home_visit', outcome: 'no_answer' }));
    const input = {
      ownerName: 'Priya Shah',
      victimName: 'V',
      perpetratorName: 'P',
      sentenceDate: '2026-11-02',
      referralReceivedDate: '2026-11-04',
      flags: ['IMAR', 'RSTO'],
    };
    const { caseId: closing } = createCase(ctx, input);
    updateCase(ctx, closing, caseInputSchema.parse({ ...input, closedDate: '2026-11-20', flags: ['IMAR'] }));
    updateCase(ctx, closing, caseInputSchema.parse({ ...input, closedDate: null }));
    const { caseId: erased } = createCase(ctx, { ...input, closedDate: '2026-11-20' });
    logChase(ctx, a!, { date: '2026-11-24', toWhom: 'RO', method: 'email', note: null });
    logChase(ctx, erased, { date: '2026-11-10', toWhom: 'RO', method: 'phone', note: null });
    logChase(ctx, erased, { date: '2026-11-12', toWhom: 'RO', method: 'phone', note: null });
    db.prepare('UPDATE chases SET case_id = ? WHERE id = (SELECT max(id) FROM chases)').run(d!); // a chase moved to another case
    eraseCase(ctx, erased);
    // A direct update (as the worker merge does to owners) and one that closes a timer.
    db.prepare('UPDATE timers SET owner_worker_id = owner_worker_id').run();
    db.prepare("UPDATE timers SET closed_date = '2026-11-01' WHERE id = (SELECT min(id) FROM timers WHERE met_date IS NULL AND closed_date IS NULL)").run();
    recomputeAllTimers(db, { ...readTimerRules(db), keepInTouch: { amount: 20, unit: 'days' } });
    expect(db.prepare(COUNTED).all()).toEqual(db.prepare(DEFINITION).all());
    expect((db.prepare('SELECT count(*) AS n FROM open_timer_counts').get() as { n: number }).n).toBeGreaterThan(100);
    // Each referral timer's latest chase likewise, after chases were logged, moved and erased with their case.
    expect(db.prepare(REFERRAL_LAST_CHASE).all()).toEqual(db.prepare(REFERRAL_LAST_CHASE_DEFINITION).all());
    // The flag counts likewise, after cases with flags were made, changed and erased.
    expect(db.prepare('SELECT code, n FROM flag_counts ORDER BY code').all()).toEqual(
      db.prepare('SELECT code, count(*) AS n FROM flags NOT INDEXED GROUP BY code ORDER BY code').all(),
    );
    // And the cases by owner, stage and risk, after cases were made, closed, reopened, moved between workers and erased.
    db.prepare('UPDATE cases SET owner_worker_id = NULL WHERE id = ?').run(a!);
    db.prepare("UPDATE cases SET risk_to_victim = 'very_high' WHERE id = ?").run(d!);
    expect(db.prepare(CASE_COUNTS).all()).toEqual(db.prepare(CASE_COUNTS_DEFINITION).all());
    expect(db.prepare('SELECT count(*) FROM case_counts WHERE owner_key = 0').pluck().get()).toBe(1);
  });

  it("keep the contacts by month and each order's owner (migration 16) after contacts are logged, finalised, deleted and moved, orders added and moved, cases reassigned and erased", () => {
    expect(db.prepare(CONTACT_MONTH_COUNTS).all()).toEqual(db.prepare(CONTACT_MONTH_COUNTS_DEFINITION).all());
    expect(db.prepare(ORDER_OWNERS_WRONG).all()).toEqual([]);
    const ctx = { db, actor: 'Sam Admin', role: 'admin', now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(db) };
    const [a, b, c] = (db.prepare('SELECT id FROM cases WHERE closed_date IS NULL ORDER BY id DESC LIMIT 3').all() as { id: number }[]).map((r) => r.id);
    const logged = logContactRecord(ctx, a!, contactInputSchema.parse({ date: '2026-11-24', method: 'phone', outcome: 'spoke_to_victim' }));
    const draft = logContactRecord(ctx, a!, contactInputSchema.parse({ date: '2026-11-20', method: 'phone', outcome: 'no_answer', final: false }));
    updateDraftContact(ctx, draft, contactInputSchema.parse({ date: '2026-10-30', method: 'text', outcome: 'message_sent' }), null);
    deleteContact(ctx, logged, 'Logged against the wrong case');
    db.prepare('UPDATE contacts SET deleted_at = NULL WHERE id = ?').run(logged); // undeleted directly: counted again
    db.prepare('UPDATE contacts SET credited_worker_id = NULL WHERE id = ?').run(draft); // no one credited: counted under 0
    db.prepare('DELETE FROM contacts WHERE id = (SELECT min(id) FROM contacts WHERE deleted_at IS NULL)').run();
    const order = saveOrder(ctx, b!, null, orderInputSchema.parse({ orderRef: 'NMO-16', orderType: 'non_molestation_order', madeDate: '2026-11-01' }), null);
    db.prepare('UPDATE orders SET case_id = ? WHERE id = ?').run(c!, order); // an order moved to another case takes its owner
    reassignCase(ctx, c!, 'Priya Shah');
    reassignCase(ctx, b!, 'Tom Reed');
    db.prepare('UPDATE cases SET owner_worker_id = NULL WHERE id = ?').run(b!);
    eraseCase(ctx, (db.prepare('SELECT case_id FROM orders ORDER BY id LIMIT 1').get() as { case_id: number }).case_id);
    expect(db.prepare(CONTACT_MONTH_COUNTS).all()).toEqual(db.prepare(CONTACT_MONTH_COUNTS_DEFINITION).all());
    expect(db.prepare('SELECT count(*) FROM contact_month_counts WHERE worker_key = 0').pluck().get()).toBe(1);
    expect(db.prepare(ORDER_OWNERS_WRONG).all()).toEqual([]);
    expect(db.prepare('SELECT owner_worker_id FROM orders WHERE id = ?').pluck().get(order)).toBe(
      db.prepare('SELECT owner_worker_id FROM cases WHERE id = ?').pluck().get(c!),
    );
    expect(db.prepare('SELECT count(*) FROM orders WHERE owner_since IS NOT NULL').pluck().get()).toBeGreaterThan(0);
  });
});

const CONTACT_MONTH_COUNTS = 'SELECT month, worker_key, method, outcome, n FROM contact_month_counts ORDER BY 1, 2, 3, 4';
const CONTACT_MONTH_COUNTS_DEFINITION = `SELECT substr(contact_date, 1, 7) AS month, coalesce(credited_worker_id, 0) AS worker_key, method, outcome, count(*) AS n
  FROM contacts NOT INDEXED WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
/** Orders whose copy of their case's owner, or of the day it took the case over, is not the case's. */
const ORDER_OWNERS_WRONG = `SELECT o.id FROM orders o NOT INDEXED JOIN cases c ON c.id = o.case_id
  WHERE o.owner_worker_id IS NOT c.owner_worker_id OR o.owner_since IS NOT c.owner_since`;

describe('the orders to act on equal their definition', () => {
  // Unresolved orders of open cases (or cases closing later) expired before the day, or expiring from it to the horizon, read from the orders themselves.
  const DEFINITION = `SELECT o.id AS orderId FROM orders o NOT INDEXED JOIN cases c ON c.id = o.case_id
    WHERE o.resolved_date IS NULL AND o.expiry_date IS NOT NULL AND @range AND (c.closed_date IS NULL OR c.closed_date > @asOf) @scope ORDER BY o.expiry_date, c.case_ref, o.id`;
  const RANGE = { expired: 'o.expiry_date < @asOf', expiring: 'o.expiry_date BETWEEN @asOf AND @horizon' };
  for (const asOf of ['2026-11-24', '2027-02-15']) {
    it(`on ${asOf}, expired and expiring, team and one worker`, () => {
      // The worker is one with an order on the list (which worker has one depends on the demo's draw).
      const withOrders = ordersToAct(db, asOf, 'expiring', null, 28).rows.map((o) => o.caseId);
      const orderWorker = db.prepare('SELECT owner_worker_id FROM cases WHERE id = ?').pluck().get(withOrders[0]) as number;
      for (const which of ['expired', 'expiring'] as const) {
        for (const workerId of [null, orderWorker]) {
          const listed = ordersToAct(db, asOf, which, workerId, 28);
          const expected = db
            .prepare(DEFINITION.replace('@range', RANGE[which]).replace('@scope', workerId === null ? '' : 'AND c.owner_worker_id = @worker'))
            .pluck()
            .all({ asOf, horizon: addDays(asOf, 28), ...(workerId === null ? {} : { worker: workerId }) });
          expect(listed.rows.length, which).toBeGreaterThan(0);
          const inOrder = [...listed.rows].sort(
            (a, b) => a.expiryDate.localeCompare(b.expiryDate) || a.caseRef.localeCompare(b.caseRef) || a.orderId - b.orderId,
          );
          expect(inOrder.slice(0, 1000).map((o) => o.orderId)).toEqual(expected.slice(0, 1000));
          expect(listed.rows.map((o) => o.expiryDate)).toEqual(inOrder.map((o) => o.expiryDate)); // soonest first
          // The count a capped list reports is the whole list's length.
          expect(listed.total).toBe(expected.length);
        }
      }
    });
  }
});

describe('the liaison follow-up count', () => {
  it('is the length of the whole list, team and one worker', () => {
    for (const workerId of [null, worker]) {
      const listed = unacknowledgedLiaison(db, '2026-11-24', workerId);
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.length).toBeLessThan(1000);
      expect(unacknowledgedLiaisonCount(db, '2026-11-24', workerId)).toBe(listed.length);
    }
  });
});

const CASE_COUNTS = 'SELECT owner_key, stage, risk_key, n FROM case_counts ORDER BY 1, 2, 3';
const CASE_COUNTS_DEFINITION =
  "SELECT coalesce(owner_worker_id, 0) AS owner_key, stage, coalesce(risk_to_victim, '') AS risk_key, count(*) AS n FROM cases NOT INDEXED GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";

describe('the caseload count under worker, stage and risk filters', () => {
  it('equals the cases matching, for every mix of the three (read from the counts kept by triggers)', () => {
    expect(db.prepare(CASE_COUNTS).all()).toEqual(db.prepare(CASE_COUNTS_DEFINITION).all());
    const base = { ...caseloadQuerySchema.parse({ scope: 'team' }), asOf: '2026-11-24' };
    const stages = (db.prepare('SELECT DISTINCT stage FROM cases').pluck().all() as CaseloadQuery['stage'][]).concat([undefined]);
    const risks = [...RISK_LEVELS.values, undefined] as CaseloadQuery['risk'][];
    const counted = (where: string, params: unknown[]) =>
      db
        .prepare(`SELECT count(*) FROM cases NOT INDEXED WHERE 1 ${where}`)
        .pluck()
        .get(...params) as number;
    let nonEmpty = 0;
    for (const scope of [{ scope: 'team' }, { scope: 'worker', workerId: worker }, { scope: 'mine' }] as const) {
      for (const stage of stages) {
        for (const risk of risks) {
          const { total } = listCaseload(db, { ...base, ...scope, stage, risk }, scope.scope === 'mine' ? worker : null);
          const where = [scope.scope === 'team' ? '' : 'AND owner_worker_id = ?', stage ? 'AND stage = ?' : '', risk ? 'AND risk_to_victim = ?' : ''].join(' ');
          const params = [...(scope.scope === 'team' ? [] : [worker]), ...(stage ? [stage] : []), ...(risk ? [risk] : [])];
          expect(total, `${scope.scope} ${stage} ${risk}`).toBe(counted(where, params));
          if (total > 0) nonEmpty++;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
    // Someone with no worker record of their own has no cases.
    expect(listCaseload(db, { ...base, scope: 'mine' }, null).total).toBe(0);
  });
});
