/**
 * The operations the benchmarks time, as one list built for a database, so the
 * same work runs on the encrypted database and on its unencrypted copy. Each has
 * its kind (interactive reads must scale sub-linearly) and the target.
 */
import { contactInputSchema } from '../../shared/record-inputs';
import { logChase } from '../../electron/core/cases/case-store';
import { readSafety, viewCaseDetail } from '../../electron/core/features/cases/case-page';
import { CHASE_LIST_PAGE_ROWS } from '../../electron/core/features/cases';
import { chaseCounts, chaseList, listCaseload, todayList } from '../../electron/core/cases/queries';
import type { Db } from '../../electron/core/db/open-database';
import { listChildren } from '../../electron/core/records/children';
import { listContacts, logContactRecord } from '../../electron/core/records/contacts';
import { listOrders, ordersToAct } from '../../electron/core/records/orders';
import { listRiskAndLiaison, unacknowledgedLiaison } from '../../electron/core/records/risk';
import { addMaracAction, readAgencies, recordMaracMeeting, referToMarac } from '../../electron/core/records/agencies';
import { readSafetyPlan } from '../../electron/core/records/safety-plan';
import { caseTimeline } from '../../electron/core/records/timeline';
import { summaryXlsx } from '../../electron/core/reports/export-summary';
import { combine, summarise, summaryFigures, trend } from '../../electron/core/reports/summary';
import { caseloadQuerySchema, type CaseloadQuery } from '../../shared/case-views';
import type { TimerRules } from '../../shared/timer-rules';
import { releasesAhead } from '../../electron/core/cases/today-queries';
import { setEngagement } from '../../electron/core/records/engagement';

/**
 * `list`: a screen that shows every match (up to 1,000), so it grows with the team until it is
 * paged as the chase list is; timed against the 20 ms of a screen, its scaling shown, not judged.
 */
export type Kind = 'interactive' | 'list' | 'write' | 'report';

export interface Operation {
  label: string;
  kind: Kind;
  /** The target for the median at 250,000 cases, in ms (null: none set). */
  target: number | null;
  /** Fewer runs for the slow ones. */
  runs?: number;
  work: () => unknown;
}

export const AS_OF = '2026-11-24';
export const NOW = new Date('2026-11-24T09:00:00Z');
export const ACTOR = 'Sam Admin';

/** Real values to search for, read from the database itself so every size has them. */
export interface Probe {
  busiestWorker: number;
  cases: number;
  surnamePrefix: string;
  crn: string;
  phone: string;
  postcode: string;
  caseRef: string;
  /** An office holding a fifth of the cases (the demo team has none): for the office's summary. */
  officeId: number;
}

/** A month's figures as the Reports page has them, less the trend (timed on its own): the team's, each worker's and the breakdowns. */
const teamFigures = ({ workers, equality }: ReturnType<typeof summaryFigures>) => ({ team: combine(workers.map((w) => w.raw)), equality });

export function probe(db: Db): Probe {
  let officeId = db.prepare('SELECT id FROM offices ORDER BY id LIMIT 1').pluck().get() as number | undefined;
  if (officeId === undefined) {
    officeId = Number(db.prepare("INSERT INTO offices (name, created_at) VALUES ('Bench PDU', '2026-11-01T10:00:00Z')").run().lastInsertRowid);
    db.prepare('UPDATE cases SET office_id = ? WHERE id % 5 = 1').run(officeId);
  }
  const busiestWorker = (db.prepare('SELECT owner_worker_id AS id FROM cases GROUP BY owner_worker_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number })
    .id;
  const cases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  const sample = db
    .prepare(
      'SELECT c.case_ref AS caseRef, c.crn, c.victim_name AS victim, v.phone, v.postcode FROM cases c JOIN victims v ON v.id = c.victim_id WHERE c.id = ?',
    )
    .get(Math.ceil(cases / 2)) as { caseRef: string; crn: string; victim: string; phone: string; postcode: string };
  const surname = sample.victim.split(' ').at(-1)!;
  return {
    busiestWorker,
    cases,
    surnamePrefix: surname.slice(0, 4).toLowerCase(),
    crn: sample.crn,
    phone: sample.phone,
    postcode: sample.postcode,
    caseRef: sample.caseRef,
    officeId,
  };
}

export function operations(db: Db, p: Probe, rules: TimerRules): Operation[] {
  const q = (extra: Partial<CaseloadQuery>): CaseloadQuery => ({ ...caseloadQuerySchema.parse({ scope: 'team' }), asOf: AS_OF, ...extra });
  const ctx = { db, actor: ACTOR, now: NOW, rules };
  // Different cases each run, spread over the whole table (a cold case, not the one just read).
  let n = 0;
  const nextCase = () => 1 + ((n++ * 7919) % p.cases);
  const lastPage = Math.max(1, Math.ceil(p.cases / 50));
  const month = { from: '2026-10-01', to: '2026-10-31', workerId: null };
  const year = { from: '2025-11-01', to: '2026-10-31', workerId: null, scopeLabel: 'Team' };
  const lastChasePageOffset = (Math.max(1, Math.ceil(chaseCounts(db, AS_OF, rules, null).overdue / CHASE_LIST_PAGE_ROWS)) - 1) * CHASE_LIST_PAGE_ROWS;
  const ops: Operation[] = [
    // What each screen asks for: Today shows its lists and the chase counts; the chase list
    // shows a page of the most overdue (CHASE_LIST_PAGE_ROWS) and the counts.
    { label: 'Today: team', kind: 'interactive', target: 20, work: () => [todayList(db, AS_OF, null), chaseCounts(db, AS_OF, rules, null)] },
    {
      label: 'Today: one worker',
      kind: 'interactive',
      target: 20,
      work: () => [todayList(db, AS_OF, p.busiestWorker), chaseCounts(db, AS_OF, rules, p.busiestWorker)],
    },
    {
      label: 'chase list: team',
      kind: 'interactive',
      target: 20,
      work: () => [chaseList(db, AS_OF, rules, null, CHASE_LIST_PAGE_ROWS), chaseCounts(db, AS_OF, rules, null)],
    },
    {
      label: 'chase list: team, last page',
      kind: 'interactive',
      target: 20,
      work: () => [chaseList(db, AS_OF, rules, null, CHASE_LIST_PAGE_ROWS, lastChasePageOffset), chaseCounts(db, AS_OF, rules, null)],
    },
    {
      label: 'chase list: one worker',
      kind: 'interactive',
      target: 20,
      work: () => [chaseList(db, AS_OF, rules, p.busiestWorker, CHASE_LIST_PAGE_ROWS), chaseCounts(db, AS_OF, rules, p.busiestWorker)],
    },
  ];
  for (const sort of ['nextDue', 'caseRef', 'victim', 'perpetrator', 'crn', 'owner', 'stage', 'risk'] as const) {
    ops.push({ label: `caseload page: sort ${sort}`, kind: 'interactive', target: 20, work: () => listCaseload(db, q({ sort }), null) });
  }
  ops.push(
    {
      label: 'caseload page: sort victim, descending',
      kind: 'interactive',
      target: 20,
      work: () => listCaseload(db, q({ sort: 'victim', direction: 'desc' }), null),
    },
    {
      label: 'caseload page: last page (deep scroll)',
      kind: 'interactive',
      target: 20,
      work: () => listCaseload(db, q({ sort: 'victim', page: lastPage }), null),
    },
    {
      label: 'caseload page: one worker, overdue',
      kind: 'interactive',
      target: 20,
      work: () => listCaseload(db, q({ scope: 'worker', workerId: p.busiestWorker, timerStatus: 'overdue' }), null),
    },
    {
      label: 'caseload page: flag IMAR, sort victim',
      kind: 'interactive',
      target: 20,
      work: () => listCaseload(db, q({ flag: 'IMAR', sort: 'victim' }), null),
    },
    { label: 'caseload page: stage + risk', kind: 'interactive', target: 20, work: () => listCaseload(db, q({ stage: 'in_contact', risk: 'high' }), null) },
    // Model v2: her engagement and his custody as caseload filters, and Today's releases.
    { label: 'caseload page: engagement declined', kind: 'interactive', target: 20, work: () => listCaseload(db, q({ engagement: 'declined' }), null) },
    {
      label: 'caseload page: in custody, sort victim',
      kind: 'interactive',
      target: 20,
      work: () => listCaseload(db, q({ inCustody: true, sort: 'victim' }), null),
    },
    { label: 'releases in the next 28 days: team', kind: 'list', target: 20, work: () => releasesAhead(db, AS_OF, 28, null) },
    // The Orders page: not in the list, but a screen a PLW opens like Today.
    {
      label: 'orders expired and expiring in 28 days: team',
      kind: 'list',
      target: 20,
      work: () => [ordersToAct(db, AS_OF, 'expired', null, 28), ordersToAct(db, AS_OF, 'expiring', null, 28)],
    },
    { label: 'liaison not acknowledged: team', kind: 'list', target: 20, work: () => unacknowledgedLiaison(db, AS_OF, null) },
    { label: 'search: name prefix', kind: 'interactive', target: 20, work: () => listCaseload(db, q({ search: p.surnamePrefix }), null) },
    { label: 'search: CRN', kind: 'interactive', target: 20, work: () => listCaseload(db, q({ search: p.crn }), null) },
    { label: 'search: phone', kind: 'interactive', target: 20, work: () => listCaseload(db, q({ search: p.phone }), null) },
    { label: 'search: postcode', kind: 'interactive', target: 20, work: () => listCaseload(db, q({ search: p.postcode }), null) },
    { label: 'search: case ref', kind: 'interactive', target: 20, work: () => listCaseload(db, q({ search: p.caseRef }), null) },
    {
      label: 'case page, all panels (view audited)',
      kind: 'interactive',
      target: 20,
      work: () => {
        const caseId = nextCase();
        viewCaseDetail(db, caseId, { accountName: ACTOR, asOf: AS_OF, now: NOW });
        listContacts(db, caseId, { includeDeleted: true, hideSensitiveNotes: false });
        readSafety(db, caseId);
        listOrders(db, caseId);
        listRiskAndLiaison(db, caseId);
        listChildren(db, caseId);
        caseTimeline(db, caseId, { hideSensitiveNotes: false });
      },
    },
    {
      // Model v2 part 2: the Agencies and Safety plan sections, each read with its timers.
      label: 'case page: agencies and safety plan',
      kind: 'interactive',
      target: 20,
      work: () => {
        const caseId = nextCase();
        readAgencies(db, caseId, AS_OF, 14);
        readSafetyPlan(db, caseId, AS_OF, rules);
      },
    },
    {
      // Three writes, each its own transaction and commit: a referral, its meeting, and an action from it.
      label: 'MARAC referral, meeting and action (3 writes)',
      kind: 'write',
      target: 15,
      work: () => {
        const caseId = nextCase();
        const referral = referToMarac(ctx, caseId, { date: '2026-11-01', criteria: ['professional_judgement'], notes: null });
        const meeting = recordMaracMeeting(ctx, caseId, { referralId: referral, date: '2026-11-10', outcome: null });
        addMaracAction(ctx, caseId, { meetingId: meeting, action: 'Share the plan', owner: 'PLW', dueDate: '2026-11-30' });
      },
    },
    {
      label: 'log a contact (safe-contact check, timers, audit)',
      kind: 'write',
      target: 5,
      work: () =>
        logContactRecord(
          ctx,
          nextCase(),
          contactInputSchema.parse({
            date: AS_OF,
            method: 'phone',
            outcome: 'no_answer',
            notes: 'Rang, no answer.',
            // Some demo victims asked for no contact at all: the worker's reason is given, as it would be.
            overrideReason: 'Police asked us to warn her',
          }),
        ),
    },
    {
      label: 'set engagement by hand (timers, audit)',
      kind: 'write',
      target: 5,
      work: () => setEngagement(ctx, nextCase(), { status: 'unable_to_contact', date: AS_OF, reason: null }),
    },
    {
      label: 'record a chase (timers, audit)',
      kind: 'write',
      target: 5,
      work: () => logChase(ctx, nextCase(), { date: AS_OF, toWhom: 'RO', method: 'email', note: null }),
    },
    { label: "month's team summary", kind: 'report', target: 300, runs: 5, work: () => teamFigures(summaryFigures(db, month)) },
    {
      label: "month's summary for one office",
      kind: 'report',
      target: 300,
      runs: 5,
      work: () => teamFigures(summaryFigures(db, { ...month, officeId: p.officeId })),
    },
    { label: '12-month trend, team', kind: 'report', target: 1000, runs: 5, work: () => trend(db, '2026-10-31', null) },
    {
      label: "XLSX export of a year's summary",
      kind: 'report',
      target: null,
      runs: 3,
      work: () => summaryXlsx(summarise(db, year), { generatedAt: NOW.toISOString(), generatedBy: ACTOR, team: 'Bench' }),
    },
  );
  return ops;
}
