import { contactInputSchema } from '../../shared/record-inputs';
import { caseInputSchema } from '../../shared/case-input';
import { describe, expect, it } from 'vitest';
import { createCase, logChase, reassignCase, recordReferral, updateCase, type WriteContext } from '../../electron/core/cases/case-store';
import { chaseCounts, chaseList, getCaseDetail, listCaseload, todayList } from '../../electron/core/cases/queries';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { logContactRecord } from '../../electron/core/records/contacts';
import { recomputeAllTimers } from '../../electron/core/cases/timer-store';
import { workerForAccount } from '../../electron/core/cases/workers';
import type { CaseInput } from '../../shared/case-input';
import { caseloadQuerySchema, type CaseloadQueryInput } from '../../shared/case-views';
import { DEFAULT_TIMER_RULES } from '../../shared/timer-rules';
import { closeTeamDatabase, newTeamDatabase } from './helpers';

const NOW = new Date('2026-11-24T10:00:00Z');

async function setUp() {
  const { open } = await newTeamDatabase();
  const ctx: WriteContext = { db: open.db, actor: 'Sam Admin', now: NOW, rules: readTimerRules(open.db) };
  return { open, ctx, done: () => closeTeamDatabase(open) };
}

const base: CaseInput = {
  ownerName: 'Priya Shah',
  victimName: 'Ana María Núñez',
  victimPhone: '07700 900461',
  victimPostcode: 'bb4 7qz',
  perpetratorName: 'Darren Threlkeld',
  crn: 'x123456',
  sentenceDate: '2026-11-20',
  roName: 'Jo Bloggs',
  roEmail: 'jo.bloggs@probation.example',
};

const query = (extra: CaseloadQueryInput, asOf = '2026-11-24') => ({ ...caseloadQuerySchema.parse({ scope: 'team', ...extra }), asOf });

describe('cases', () => {
  it('creates a case with a generated reference, its referral timer materialised in the same write', async () => {
    const { open, ctx, done } = await setUp();
    const { caseId, caseRef } = createCase(ctx, base);
    expect(caseRef).toBe('PL-2026-00001');
    const detail = getCaseDetail(open.db, caseId, '2026-11-24');
    expect(detail.fields).toMatchObject({ crn: 'X123456', victimPostcode: 'BB4 7QZ', ownerName: 'Priya Shah' });
    expect(detail.stage).toBe('awaiting_referral');
    expect(detail.timers).toEqual([{ timer: 'referral', startDate: '2026-11-20', dueDate: '2026-11-27', metDate: null, orderRef: null, status: 'pending' }]);
    expect(open.db.prepare("SELECT action FROM audit_log WHERE action = 'case.created'").all()).toHaveLength(1);
    done();
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const { open, ctx, done } = await setUp();
    expect(() => createCase(ctx, { ...base, crn: '1234567' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', field: 'crn', message: 'CRN must be a letter followed by six digits, like X123456' }),
    );
    expect(() => createCase(ctx, { ...base, sentenceDate: '2026-02-30' })).toThrow(expect.objectContaining({ field: 'sentenceDate' }));
    expect(() => createCase(ctx, { ...base, victimName: ' ' })).toThrow(expect.objectContaining({ field: 'victimName' }));
    expect(open.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
    expect(open.db.prepare('SELECT count(*) AS n FROM victims').get()).toEqual({ n: 0 });
    createCase(ctx, { ...base, caseRef: 'ABC-1' });
    expect(() => createCase(ctx, { ...base, caseRef: 'abc-1' })).toThrow(expect.objectContaining({ code: 'CONFLICT', field: 'caseRef' }));
    expect(open.db.prepare('SELECT count(*) AS n FROM victims').get()).toEqual({ n: 1 });
    done();
  });

  it('logging the referral meets the referral timer and starts first contact, due in 7 days', async () => {
    const { open, ctx, done } = await setUp();
    const { caseId } = createCase(ctx, base);
    recordReferral(ctx, caseId, { receivedDate: '2026-11-24', source: 'RO' });
    const detail = getCaseDetail(open.db, caseId, '2026-11-24');
    expect(detail.stage).toBe('awaiting_first_contact');
    expect(detail.timers.map((t) => [t.timer, t.dueDate, t.status])).toEqual([
      ['referral', '2026-11-27', 'met_on_time'],
      ['first_contact', '2026-12-01', 'pending'],
    ]);
    logContactRecord(ctx, caseId, contactInputSchema.parse({ date: '2026-11-24', method: 'phone', outcome: 'spoke_to_victim' }));
    const after = getCaseDetail(open.db, caseId, '2026-11-25');
    expect(after.stage).toBe('in_contact');
    expect(after.timers.find((t) => t.timer === 'first_contact')?.status).toBe('met_on_time');
    expect(after.timers.find((t) => t.timer === 'keep_in_touch')?.dueDate).toBe('2026-12-22');
    done();
  });

  it('moves the programme only along allowed transitions, keeping who, when and why', async () => {
    const { open, ctx, done } = await setUp();
    const { caseId } = createCase(ctx, { ...base, programmeStatus: 'awaiting_assessment' });
    expect(() => updateCase(ctx, caseId, caseInputSchema.parse({ ...base, programmeStatus: 'programme_complete' }))).toThrow(
      expect.objectContaining({ field: 'programmeStatus', message: 'The programme cannot move from awaiting assessment to programme complete' }),
    );
    updateCase(ctx, caseId, caseInputSchema.parse({ ...base, programmeStatus: 'awaiting_allocation' }), { programmeReason: 'Assessed as suitable' });
    const history = getCaseDetail(open.db, caseId, '2026-11-24').programmeHistory;
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.reason, h.recordedBy])).toEqual([
      ['awaiting_assessment', 'awaiting_allocation', 'Assessed as suitable', 'Sam Admin'],
      [null, 'awaiting_assessment', null, 'Sam Admin'],
    ]);
    const audit = open.db.prepare("SELECT detail FROM audit_log WHERE action = 'case.updated'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toEqual({ fields: ['programmeStatus'] });
    done();
  });

  it('reassigns a case between workers, audited, and its timers follow the owner', async () => {
    const { open, ctx, done } = await setUp();
    const { caseId } = createCase(ctx, base);
    reassignCase(ctx, caseId, 'Tom Worker');
    expect(getCaseDetail(open.db, caseId, '2026-11-24').ownerName).toBe('Tom Worker');
    const owners = open.db.prepare('SELECT DISTINCT w.name FROM timers t JOIN workers w ON w.id = t.owner_worker_id').all();
    expect(owners).toEqual([{ name: 'Tom Worker' }]);
    expect(open.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.reassigned'").get()).toEqual({ n: 1 });
    done();
  });
});

describe('Today and the chase list', () => {
  it('lists what is due soon and overdue, overdue first, for one worker or the team', async () => {
    const { open, ctx, done } = await setUp();
    const a = createCase(ctx, { ...base, sentenceDate: '2026-11-10' }); // referral due 17 Nov: overdue on the 24th
    const b = createCase(ctx, { ...base, ownerName: 'Tom Worker', sentenceDate: '2026-11-18' }); // due 25th: due soon
    createCase(ctx, { ...base, sentenceDate: '2026-11-23' }); // due 30th: pending
    createCase(ctx, { ...base, sentenceDate: '2026-11-01', closedDate: '2026-11-20' }); // closed: never overdue
    const team = todayList(open.db, '2026-11-24', null);
    expect(team).toMatchObject({ total: 2, overdue: 1, dueSoon: 1, listed: 2, pages: 1, truncated: false });
    expect(team.rows.map((r) => [r.caseId, r.status, r.daysOverdue])).toEqual([
      [a.caseId, 'overdue', 7],
      [b.caseId, 'due_soon', 0],
    ]);
    const priya = workerForAccount(open.db, 'Priya Shah');
    expect(todayList(open.db, '2026-11-24', priya).rows.map((r) => r.caseId)).toEqual([a.caseId]);
    done();
  });

  it('puts overdue referrals on the chase list, with chase due and escalate after 2 chases', async () => {
    const { open, ctx, done } = await setUp();
    const { caseId } = createCase(ctx, { ...base, sentenceDate: '2026-11-10' });
    let [row] = chaseList(open.db, '2026-11-24', DEFAULT_TIMER_RULES, null);
    expect(row).toMatchObject({ caseId, daysOverdue: 7, chases: 0, lastChaseDate: null, chaseDue: true, escalate: false, roName: 'Jo Bloggs' });
    logChase(ctx, caseId, { date: '2026-11-18', toWhom: 'Jo Bloggs', method: 'email', note: null });
    logChase(ctx, caseId, { date: '2026-11-23', toWhom: 'Jo Bloggs', method: 'phone', note: null });
    [row] = chaseList(open.db, '2026-11-24', DEFAULT_TIMER_RULES, null);
    expect(row).toMatchObject({ chases: 2, lastChaseDate: '2026-11-23', chaseDue: false, escalate: true });
    recordReferral(ctx, caseId, { receivedDate: '2026-11-24', source: null });
    expect(chaseList(open.db, '2026-11-24', DEFAULT_TIMER_RULES, null)).toEqual([]);
    done();
  });

  it('gives a screen the most overdue referrals first, at most the limit asked for, with exact counts over all of them', async () => {
    const { open, ctx, done } = await setUp();
    // Sentenced on three days, two cases on the middle day: the cut falls between them.
    const made = ['2026-11-02', '2026-11-05', '2026-11-05', '2026-11-09'].map((sentenceDate, i) =>
      createCase(ctx, { ...base, caseRef: `PL-T-${4 - i}`, sentenceDate }),
    );
    logChase(ctx, made[0]!.caseId, { date: '2026-11-23', toWhom: 'Jo Bloggs', method: 'email', note: null });
    const all = chaseList(open.db, '2026-11-24', DEFAULT_TIMER_RULES, null);
    expect(all.map((r) => r.caseRef)).toEqual(['PL-T-4', 'PL-T-2', 'PL-T-3', 'PL-T-1']);
    // Same due date: ordered by reference before the cut, so the limit keeps PL-T-2, not PL-T-3.
    expect(chaseList(open.db, '2026-11-24', DEFAULT_TIMER_RULES, null, 2).map((r) => r.caseRef)).toEqual(['PL-T-4', 'PL-T-2']);
    expect(chaseList(open.db, '2026-11-24', DEFAULT_TIMER_RULES, null, 0)).toEqual([]);
    // Four overdue; the one chased yesterday is not due a chase.
    expect(chaseCounts(open.db, '2026-11-24', DEFAULT_TIMER_RULES, null)).toEqual({ overdue: 4, chaseDue: 3 });
    expect(chaseCounts(open.db, '2026-11-24', DEFAULT_TIMER_RULES, null)).toEqual({ overdue: all.length, chaseDue: all.filter((r) => r.chaseDue).length });
    expect(chaseCounts(open.db, '2026-11-24', DEFAULT_TIMER_RULES, -1)).toEqual({ overdue: 0, chaseDue: 0 });
    done();
  });

  it('reads the chase list a page at a time: the pages, one after another, are the whole list, whichever page size and scope', async () => {
    const { open, ctx, done } = await setUp();
    // Thirteen overdue referrals on four sentence dates (many due the same day, so pages cut
    // through ties), split between two workers; references out of date order on purpose.
    const dates = [
      '2026-11-02',
      '2026-11-05',
      '2026-11-05',
      '2026-11-05',
      '2026-11-05',
      '2026-11-06',
      '2026-11-06',
      '2026-11-09',
      '2026-11-09',
      '2026-11-09',
      '2026-11-09',
      '2026-11-09',
      '2026-11-02',
    ];
    dates.forEach((sentenceDate, i) =>
      createCase(ctx, { ...base, caseRef: `PL-P-${(i * 7) % 13}`, ownerName: i % 3 ? 'Priya Shah' : 'Tom Worker', sentenceDate }),
    );
    for (const workerId of [null, workerForAccount(open.db, 'Priya Shah'), workerForAccount(open.db, 'Tom Worker')]) {
      const whole = chaseList(open.db, '2026-11-24', DEFAULT_TIMER_RULES, workerId).map((r) => r.caseRef);
      expect(whole.length).toBe(chaseCounts(open.db, '2026-11-24', DEFAULT_TIMER_RULES, workerId).overdue);
      for (const size of [1, 2, 3, 4, 5, 50]) {
        const pages: string[] = [];
        for (let offset = 0; offset < whole.length; offset += size) {
          const page = chaseList(open.db, '2026-11-24', DEFAULT_TIMER_RULES, workerId, size, offset).map((r) => r.caseRef);
          expect(page.length).toBe(Math.min(size, whole.length - offset));
          pages.push(...page);
        }
        expect(pages).toEqual(whole);
        expect(chaseList(open.db, '2026-11-24', DEFAULT_TIMER_RULES, workerId, size, whole.length)).toEqual([]);
      }
    }
    done();
  });

  it('a write replaces only the timers it changes, leaving the table as a full recompute would', async () => {
    const { open, ctx, done } = await setUp();
    const { caseId } = createCase(ctx, { ...base, sentenceDate: '2026-11-02', referralReceivedDate: '2026-11-04' });
    const rows = () =>
      open.db.prepare('SELECT id, timer, start_date, due_date, met_date FROM timers WHERE case_id = ? ORDER BY timer').all(caseId) as {
        id: number;
        timer: string;
      }[];
    const before = rows();
    logContactRecord(ctx, caseId, contactInputSchema.parse({ date: '2026-11-06', method: 'phone', outcome: 'spoke_to_victim' }));
    const after = rows();
    // The referral timer did not change and kept its row; first contact was met (a new row); keep in touch began.
    expect(after.find((t) => t.timer === 'referral')!.id).toBe(before.find((t) => t.timer === 'referral')!.id);
    expect(after.find((t) => t.timer === 'first_contact')!.id).not.toBe(before.find((t) => t.timer === 'first_contact')!.id);
    expect(after.map((t) => t.timer)).toEqual(['first_contact', 'keep_in_touch', 'referral']);
    const strip = (list: { id: number }[]) => list.map(({ id: _id, ...rest }) => rest);
    recomputeAllTimers(open.db, DEFAULT_TIMER_RULES);
    open.db.prepare('DELETE FROM timers WHERE case_id = ?').run(caseId);
    recomputeAllTimers(open.db, DEFAULT_TIMER_RULES);
    expect(strip(rows())).toEqual(strip(after));
    done();
  });

  it('changing the team’s timer rules recomputes every case', async () => {
    const { open, ctx, done } = await setUp();
    const { caseId } = createCase(ctx, base);
    const events: number[] = [];
    recomputeAllTimers(open.db, { ...DEFAULT_TIMER_RULES, referral: { amount: 10, unit: 'days' } }, (e) => events.push(e.done));
    expect(getCaseDetail(open.db, caseId, '2026-11-24').timers[0]!.dueDate).toBe('2026-11-30');
    expect(events.at(-1)).toBe(1);
    done();
  });
});

describe('caseload', () => {
  it('pages past the middle (read from the end of the index) join up with the first pages, in every order', async () => {
    const { open, ctx, done } = await setUp();
    const names = [
      'Ann',
      'bob',
      'Cal',
      'ann',
      'Dee',
      'Eve',
      'Fay',
      'gus',
      'Hal',
      'Ivy',
      'Jo',
      'Kit',
      'Lu',
      'Mo',
      'Ned',
      'Oz',
      'Pam',
      'Quin',
      'Roy',
      'Sal',
      'Ted',
      'Uma',
      'Vic',
    ];
    names.forEach((victimName, i) =>
      createCase(ctx, {
        ...base,
        victimName,
        perpetratorName: names[(i * 7) % names.length]!,
        sentenceDate: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}`,
      }),
    );
    for (const sort of ['victim', 'perpetrator', 'caseRef', 'stage'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const whole = listCaseload(open.db, query({ sort, direction, pageSize: 100 }), null).rows.map((r) => r.caseId);
        const paged = [1, 2, 3, 4, 5].flatMap((page) => listCaseload(open.db, query({ sort, direction, pageSize: 5, page }), null).rows.map((r) => r.caseId));
        expect(paged, `${sort} ${direction}`).toEqual(whole);
        expect(whole).toHaveLength(names.length);
      }
    }
    expect(listCaseload(open.db, query({ sort: 'victim', pageSize: 5, page: 6 }), null).rows).toEqual([]);
    // A search that every case matches walks the sort's index: the same pages as no search.
    for (const sort of ['nextDue', 'victim', 'perpetrator', 'crn', 'owner', 'risk'] as const) {
      for (const page of [1, 2, 5]) {
        const plain = listCaseload(open.db, query({ sort, direction: 'desc', pageSize: 5, page }), null);
        expect(listCaseload(open.db, query({ sort, direction: 'desc', pageSize: 5, page, search: 'PL-2026' }), null), `${sort} page ${page}`).toEqual(plain);
      }
    }
    done();
  });

  it('finds cases by name prefix whatever the accents or case, and by CRN, phone, postcode and case ref', async () => {
    const { open, ctx, done } = await setUp();
    const { caseId } = createCase(ctx, base);
    createCase(ctx, {
      ...base,
      victimName: 'Beth Jones',
      perpetratorName: 'Carl Smith',
      crn: 'Y654321',
      victimPhone: '01632 960001',
      victimPostcode: 'M1 1AA',
    });
    for (const search of ['nune', 'ANA MAR', 'thrELK', 'x1234', '07700 9004', '07700900461', 'bb47', 'BB4 7Q', 'PL-2026-00001', 'pl202600001']) {
      const found = listCaseload(open.db, query({ search }), null);
      expect(
        found.rows.map((r) => r.caseId),
        search,
      ).toEqual([caseId]);
      // Counted from the search index alone, and the same when another filter makes it count cases.
      expect(found.total, search).toBe(1);
      expect(listCaseload(open.db, query({ search, stage: 'awaiting_referral' }), null).total, search).toBe(1);
    }
    expect(listCaseload(open.db, query({ search: 'pl-2026' }), null).total).toBe(2);
    expect(listCaseload(open.db, query({ search: 'nobody' }), null).total).toBe(0);
    expect(listCaseload(open.db, query({ search: '"*' }), null).total).toBe(0);
    done();
  });

  it('filters by owner, stage, flag, risk and next timer status; sorts by any column; pages in SQL', async () => {
    const { open, ctx, done } = await setUp();
    for (let i = 0; i < 7; i++) {
      createCase(ctx, {
        ...base,
        victimName: `Victim ${String.fromCharCode(71 - i)}`,
        ownerName: i % 2 ? 'Tom Worker' : 'Priya Shah',
        sentenceDate: `2026-11-${String(10 + i * 2).padStart(2, '0')}`,
        riskToVictim: i === 3 ? 'high' : 'medium',
        flags: i === 2 ? ['IMAR'] : [],
      });
    }
    expect(listCaseload(open.db, query({ sort: 'victim', pageSize: 3 }), null).rows.map((r) => r.victimName)).toEqual(['Victim A', 'Victim B', 'Victim C']);
    expect(listCaseload(open.db, query({ sort: 'victim', pageSize: 3, page: 3 }), null)).toMatchObject({ total: 7, rows: [{ victimName: 'Victim G' }] });
    expect(listCaseload(open.db, query({ sort: 'victim', direction: 'desc', pageSize: 1 }), null).rows[0]!.victimName).toBe('Victim G');
    const priya = workerForAccount(open.db, 'Priya Shah');
    expect(listCaseload(open.db, query({ scope: 'mine' }), priya).total).toBe(4);
    expect(listCaseload(open.db, query({ flag: 'IMAR' }), null).total).toBe(1);
    // i = 2 is Priya's (even) case at medium risk: a flag with another filter counts through the cases.
    expect(listCaseload(open.db, query({ flag: 'IMAR', scope: 'mine' }), priya).total).toBe(1);
    expect(listCaseload(open.db, query({ flag: 'IMAR', risk: 'high' }), null).total).toBe(0);
    expect(listCaseload(open.db, query({ risk: 'high' }), null).total).toBe(1);
    // Sentences on 10, 12, 14 … 22 Nov: referrals due (5 working days) 17, 19, 20, 23, 25, 27 and 27 Nov.
    const overdue = listCaseload(open.db, query({ timerStatus: 'overdue', sort: 'nextDue' }), null);
    expect(overdue.rows.map((r) => [r.nextDueDate, r.nextStatus])).toEqual([
      ['2026-11-17', 'overdue'],
      ['2026-11-19', 'overdue'],
      ['2026-11-20', 'overdue'],
      ['2026-11-23', 'overdue'],
    ]);
    expect(listCaseload(open.db, query({ timerStatus: 'due_soon' }), null).rows.map((r) => r.nextDueDate)).toEqual(['2026-11-25']);
    expect(listCaseload(open.db, query({ timerStatus: 'pending' }), null).total).toBe(2);
    expect(listCaseload(open.db, query({ stage: 'awaiting_referral' }), null).total).toBe(7);
    for (const sort of ['caseRef', 'crn', 'victim', 'perpetrator', 'owner', 'stage', 'nextDue', 'risk'] as const) {
      expect(listCaseload(open.db, query({ sort }), null).rows).toHaveLength(7);
    }
    done();
  });
});
