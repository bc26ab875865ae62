/**
 * Model v2 part 2 timers (docs/timers.md `agency_check`, `marac_action`, `safety_plan_review`
 * and the escalate markers), each against dates worked out by hand on a calendar.
 * Bank holidays used: Christmas 2026 (Fri 25 Dec), Boxing Day's substitute (Mon 28 Dec),
 * New Year 2027 (Fri 1 Jan), Good Friday and Easter Monday 2027 (26 and 29 Mar).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMER_RULES as RULES, type TimerId } from '../../shared/timer-rules';
import { computeTimers, liaisonEscalates, riskShareEscalates, safetyPlanReview, timerStatus, type CaseFacts } from '../../shared/timers';
import { NO_FACTS } from './no-facts';

const facts = (extra: Partial<CaseFacts>): CaseFacts => ({ ...NO_FACTS, ...extra });
const only = (f: CaseFacts, id: TimerId) => computeTimers(f, RULES).filter((t) => t.timer === id);
const one = (f: CaseFacts, id: TimerId) => {
  const found = only(f, id);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const statusOn = (f: CaseFacts, id: TimerId, asOf: string) => timerStatus(one(f, id), asOf, f.closedDate);

describe('agency_check: a reply within 10 working days of the request', () => {
  it('Mon 2 Nov 2026 is due Mon 16 Nov, due soon from Sat 14 Nov, overdue from Tue 17 Nov', () => {
    const f = facts({ agencyChecks: [{ id: 7, requestedDate: '2026-11-02', replyDate: null }] });
    expect(one(f, 'agency_check')).toMatchObject({ startDate: '2026-11-02', dueDate: '2026-11-16', warnFrom: '2026-11-14', metDate: null, subjectId: 7 });
    expect(statusOn(f, 'agency_check', '2026-11-13')).toBe('pending');
    expect(statusOn(f, 'agency_check', '2026-11-14')).toBe('due_soon');
    expect(statusOn(f, 'agency_check', '2026-11-16')).toBe('due_soon');
    expect(statusOn(f, 'agency_check', '2026-11-17')).toBe('overdue');
  });

  it('over Christmas and New Year: requested Fri 18 Dec 2026 is due Wed 6 Jan 2027', () => {
    // 21, 22, 23, 24 Dec (4); 25 and 28 Dec holidays; 29, 30, 31 Dec (7); 1 Jan holiday; 4, 5, 6 Jan (10).
    expect(one(facts({ agencyChecks: [{ id: 1, requestedDate: '2026-12-18', replyDate: null }] }), 'agency_check').dueDate).toBe('2027-01-06');
  });

  it('the reply meets it: on the due date on time, the day after late', () => {
    const on = facts({ agencyChecks: [{ id: 1, requestedDate: '2026-11-02', replyDate: '2026-11-16' }] });
    const late = facts({ agencyChecks: [{ id: 1, requestedDate: '2026-11-02', replyDate: '2026-11-17' }] });
    expect(statusOn(on, 'agency_check', '2026-12-01')).toBe('met_on_time');
    expect(statusOn(late, 'agency_check', '2026-12-01')).toBe('met_late');
  });

  it('one timer per check; none without a check; it stays when she asked for no contact at all', () => {
    const two = facts({
      agencyChecks: [
        { id: 1, requestedDate: '2026-11-02', replyDate: null },
        { id: 2, requestedDate: '2026-11-03', replyDate: null },
      ],
    });
    expect(only(two, 'agency_check').map((t) => t.subjectId)).toEqual([1, 2]);
    expect(only(NO_FACTS, 'agency_check')).toEqual([]);
    const noContact = facts({
      agencyChecks: [{ id: 1, requestedDate: '2026-11-02', replyDate: null }],
      engagementSet: [{ date: '2026-11-01', status: 'no_contact', source: 'hand', recordedAt: '2026-11-01T12:00:00Z' }],
    });
    expect(only(noContact, 'agency_check')).toHaveLength(1);
  });

  it('a closed case never shows it overdue', () => {
    const f = facts({ closedDate: '2026-11-20', agencyChecks: [{ id: 1, requestedDate: '2026-11-02', replyDate: null }] });
    expect(statusOn(f, 'agency_check', '2026-11-19')).toBe('overdue');
    expect(statusOn(f, 'agency_check', '2026-11-20')).toBe('closed_unmet');
  });
});

describe('marac_action: from the meeting to the action’s own due date, warned 2 days before', () => {
  const f = facts({ maracActions: [{ id: 3, meetingDate: '2026-11-05', dueDate: '2026-11-20', completedDate: null }] });
  it('meeting Thu 5 Nov, due Fri 20 Nov: pending to 17 Nov, due soon 18 to 20 Nov, overdue from 21 Nov', () => {
    expect(one(f, 'marac_action')).toMatchObject({ startDate: '2026-11-05', dueDate: '2026-11-20', warnFrom: '2026-11-18', subjectId: 3 });
    expect(statusOn(f, 'marac_action', '2026-11-17')).toBe('pending');
    expect(statusOn(f, 'marac_action', '2026-11-18')).toBe('due_soon');
    expect(statusOn(f, 'marac_action', '2026-11-20')).toBe('due_soon');
    expect(statusOn(f, 'marac_action', '2026-11-21')).toBe('overdue');
  });
  it('completing the action meets it', () => {
    const done = facts({ maracActions: [{ id: 3, meetingDate: '2026-11-05', dueDate: '2026-11-20', completedDate: '2026-11-19' }] });
    const late = facts({ maracActions: [{ id: 3, meetingDate: '2026-11-05', dueDate: '2026-11-20', completedDate: '2026-11-23' }] });
    expect(statusOn(done, 'marac_action', '2026-12-01')).toBe('met_on_time');
    expect(statusOn(late, 'marac_action', '2026-12-01')).toBe('met_late');
  });
});

describe('safety_plan_review: the earlier of 3 months on and 5 working days after a trigger', () => {
  const plan = (reviews: string[], extra: Partial<CaseFacts> = {}) => facts({ safetyPlanReviews: reviews, ...extra });
  const dueOf = (f: CaseFacts) => one(f, 'safety_plan_review').dueDate;

  it('the worked examples: review 29 Jan 2027 with a risk event Wed 10 Feb is due Wed 17 Feb; with none, 29 Apr', () => {
    expect(dueOf(plan(['2027-01-29'], { riskEvents: [{ id: 1, date: '2027-02-10' }] }))).toBe('2027-02-17');
    expect(dueOf(plan(['2027-01-29']))).toBe('2027-04-29');
  });

  it('the month end is clamped: 30 Nov 2026 is due 28 Feb 2027, 31 Aug 2026 is due 30 Nov 2026', () => {
    expect(dueOf(plan(['2026-11-30']))).toBe('2027-02-28');
    expect(dueOf(plan(['2026-08-31']))).toBe('2026-11-30');
  });

  it('a risk event on a linked case triggers it just as one on this case', () => {
    expect(dueOf(plan(['2027-01-29'], { linkedRiskEventDates: ['2027-02-10'] }))).toBe('2027-02-17');
  });

  it('release, programme end and order expiry are triggers too', () => {
    // Release Mon 1 Mar 2027 -> Mon 8 Mar; programme end Fri 26 Feb -> Fri 5 Mar; order expiry 28 Apr -> 5 May (later than 29 Apr).
    expect(dueOf(plan(['2027-01-29'], { releaseDate: '2027-03-01' }))).toBe('2027-03-08');
    expect(dueOf(plan(['2027-01-29'], { programmeEndDate: '2027-02-26' }))).toBe('2027-03-05');
    expect(dueOf(plan(['2027-01-29'], { orders: [{ id: 1, orderRef: 'X', expiryDate: '2027-04-28', resolvedDate: null }] }))).toBe('2027-04-29');
  });

  it('the first trigger counts, in working days over Easter: risk event Wed 24 Mar 2027 is due Fri 2 Apr', () => {
    // 25 Mar (1); 26 and 29 Mar Good Friday and Easter Monday; 30, 31 Mar, 1, 2 Apr (5).
    const f = plan(['2027-01-29'], { riskEvents: [{ id: 1, date: '2027-03-24' }], linkedRiskEventDates: ['2027-04-20'] });
    expect(dueOf(f)).toBe('2027-04-02');
    expect(safetyPlanReview(f, RULES)?.trigger).toBe('2027-03-24');
  });

  it('a trigger on or before the latest review has been reviewed already', () => {
    expect(dueOf(plan(['2027-01-29'], { riskEvents: [{ id: 1, date: '2027-01-29' }] }))).toBe('2027-04-29');
    expect(dueOf(plan(['2026-09-01', '2026-12-01'], { riskEvents: [{ id: 1, date: '2026-10-10' }] }))).toBe('2027-03-01');
  });

  it('rolling: never met, started by the latest review; no plan agreed, no timer', () => {
    expect(one(plan(['2026-09-01', '2026-12-01']), 'safety_plan_review')).toMatchObject({ startDate: '2026-12-01', metDate: null });
    expect(only(facts({ riskEvents: [{ id: 1, date: '2027-02-10' }] }), 'safety_plan_review')).toEqual([]);
  });

  it('the team may change the months and the trigger window', () => {
    const rules = { ...RULES, safetyPlanReviewMonths: 1, safetyPlanTriggerReview: { amount: 2, unit: 'days' as const } };
    expect(safetyPlanReview(plan(['2027-01-31']), rules)?.dueDate).toBe('2027-02-28');
    expect(safetyPlanReview(plan(['2027-01-29'], { riskEvents: [{ id: 1, date: '2027-02-10' }] }), rules)?.dueDate).toBe('2027-02-12');
  });
});

describe('escalate markers', () => {
  it('a risk share (event Thu 5 Nov 2026, due Fri 6 Nov) escalates from Tue 10 Nov, 2 working days overdue', () => {
    const f = facts({ riskEvents: [{ id: 1, date: '2026-11-05' }] });
    const share = one(f, 'risk_share');
    expect(share.dueDate).toBe('2026-11-06');
    expect(riskShareEscalates(share.dueDate, share.metDate, '2026-11-09', RULES)).toBe(false);
    expect(riskShareEscalates(share.dueDate, share.metDate, '2026-11-10', RULES)).toBe(true);
    expect(riskShareEscalates(share.dueDate, '2026-11-09', '2026-11-20', RULES)).toBe(false);
  });

  it('liaison shared Mon 21 Dec 2026 and not acknowledged escalates from Wed 30 Dec (Christmas and Boxing Day skipped)', () => {
    expect(liaisonEscalates('2026-12-21', null, '2026-12-29', RULES)).toBe(false);
    expect(liaisonEscalates('2026-12-21', null, '2026-12-30', RULES)).toBe(true);
    expect(liaisonEscalates('2026-12-21', '2026-12-22', '2027-01-30', RULES)).toBe(false);
  });
});
