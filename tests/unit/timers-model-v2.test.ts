/** Model v2 timers (docs/timers.md "Model v2 timers" and the changed referral and keep_in_touch rows), against dates worked by hand. */
import { describe, expect, it } from 'vitest';
import { engagementHistory, engagementOn } from '../../shared/engagement';
import type { ContactMethod, ContactOutcome, EngagementStatus } from '../../shared/reference-data';
import { DEFAULT_TIMER_RULES as RULES, type TimerId } from '../../shared/timer-rules';
import { computeTimers, timerStatus, type CaseFacts } from '../../shared/timers';
import { NO_FACTS } from './no-facts';

const NONE = NO_FACTS;
const facts = (extra: Partial<CaseFacts>): CaseFacts => ({ ...NONE, ...extra });
const ids = (f: CaseFacts) => computeTimers(f, RULES).map((t) => t.timer);
const only = (f: CaseFacts, id: TimerId) => computeTimers(f, RULES).filter((t) => t.timer === id);
const one = (f: CaseFacts, id: TimerId) => {
  const found = only(f, id);
  expect(found).toHaveLength(1);
  return found[0]!;
};
let order = 0;
const contact = (date: string, outcome: ContactOutcome, method: ContactMethod = 'phone', withVictim = true) => ({
  date,
  outcome,
  method,
  withVictim,
  recordedAt: `2026-01-01T00:00:${String(order++ % 60).padStart(2, '0')}Z`,
});
const set = (date: string, status: EngagementStatus) => ({ date, status, source: 'hand' as const, recordedAt: `${date}T12:00:00Z` });

describe('referral: from the release date for licence and post-sentence supervision, when one is recorded', () => {
  it('licence with a release date: release (Mon 2 Nov 2026) + 5 working days = Mon 9 Nov', () => {
    expect(one(facts({ sentenceDate: '2026-03-02', sentenceType: 'licence', releaseDate: '2026-11-02' }), 'referral')).toMatchObject({
      startDate: '2026-11-02',
      dueDate: '2026-11-09',
    });
  });
  it('licence without a release date: from the sentence date (Mon 2 Mar 2026 -> Mon 9 Mar)', () => {
    expect(one(facts({ sentenceDate: '2026-03-02', sentenceType: 'licence' }), 'referral')).toMatchObject({ startDate: '2026-03-02', dueDate: '2026-03-09' });
  });
  it('post-sentence supervision released Mon 21 Dec 2026: Christmas, Boxing Day substitute (28th) skipped -> Wed 30 Dec', () => {
    const timer = one(facts({ sentenceDate: '2026-01-05', sentenceType: 'post_sentence_supervision', releaseDate: '2026-12-21' }), 'referral');
    expect(timer.dueDate).toBe('2026-12-30');
  });
  it('a community order keeps the sentence date even if a release date is recorded on the person', () => {
    expect(one(facts({ sentenceDate: '2026-03-02', sentenceType: 'community_order', releaseDate: '2026-11-02' }), 'referral').startDate).toBe('2026-03-02');
  });
  it('the false overdue of version 1 is gone: a licence case sentenced in March is pending before his release', () => {
    const timer = one(facts({ sentenceDate: '2026-03-02', sentenceType: 'licence', releaseDate: '2027-01-11' }), 'referral');
    expect(timerStatus(timer, '2026-12-01', null)).toBe('pending');
  });
});

describe('release contact: due on the release date, warn 14 days, met by an attempt from 28 days before', () => {
  const base = { releaseDate: '2027-01-15' };
  it('is due on the release date and due soon from 1 Jan 2027', () => {
    const timer = one(facts(base), 'release_contact');
    expect(timer).toMatchObject({ startDate: '2027-01-15', dueDate: '2027-01-15', warnFrom: '2027-01-01', metDate: null });
    expect(timerStatus(timer, '2026-12-31', null)).toBe('pending');
    expect(timerStatus(timer, '2027-01-01', null)).toBe('due_soon');
    expect(timerStatus(timer, '2027-01-16', null)).toBe('overdue');
  });
  it('an attempt on 17 Dec 2026 (29 days before) does not meet it; one on 18 Dec (28 days) does', () => {
    expect(one(facts({ ...base, contacts: [contact('2026-12-17', 'no_answer')] }), 'release_contact').metDate).toBeNull();
    expect(
      one(facts({ ...base, contacts: [contact('2026-12-17', 'no_answer'), contact('2026-12-18', 'letter_sent', 'letter')] }), 'release_contact').metDate,
    ).toBe('2026-12-18');
  });
  it('a contact with a third party does not meet it', () => {
    expect(one(facts({ ...base, contacts: [contact('2027-01-10', 'spoke_to_victim', 'phone', false)] }), 'release_contact').metDate).toBeNull();
  });
  it('does not exist when the case closed on or before the release', () => {
    expect(only(facts({ ...base, closedDate: '2027-01-15' }), 'release_contact')).toEqual([]);
    expect(only(facts({ ...base, closedDate: '2027-01-16' }), 'release_contact')).toHaveLength(1);
  });
  it('does not exist when her referral came after the release (a new partner met after he was out), but does while the referral is awaited', () => {
    expect(only(facts({ ...base, referralReceivedDate: '2027-01-16' }), 'release_contact')).toEqual([]);
    expect(only(facts({ ...base, referralReceivedDate: '2027-01-15' }), 'release_contact')).toHaveLength(1);
    expect(only(facts({ ...base, referralReceivedDate: null }), 'release_contact')).toHaveLength(1);
  });
});

describe('supervision end contact: the same rule from the supervision end date', () => {
  it('end 30 Jun 2027: due that day, due soon from 16 Jun, met from 2 Jun', () => {
    const timer = one(facts({ supervisionEndDate: '2027-06-30', contacts: [contact('2027-06-02', 'no_answer')] }), 'supervision_end_contact');
    expect(timer).toMatchObject({ dueDate: '2027-06-30', warnFrom: '2027-06-16', metDate: '2027-06-02' });
    expect(timerStatus(timer, '2027-06-20', null)).toBe('met_on_time');
  });
});

describe('unable to contact review: the attempt making 3 attempts by 2+ methods with no success, + 5 working days', () => {
  const phoneOnly = [contact('2026-11-02', 'no_answer'), contact('2026-11-03', 'voicemail_left'), contact('2026-11-04', 'no_answer')];
  it('three phone calls are one method: no review yet', () => {
    expect(only(facts({ contacts: phoneOnly }), 'unable_to_contact_review')).toEqual([]);
  });
  it('a letter on Thu 5 Nov makes it: due Thu 12 Nov 2026', () => {
    const timer = one(facts({ contacts: [...phoneOnly, contact('2026-11-05', 'letter_sent', 'letter')] }), 'unable_to_contact_review');
    expect(timer).toMatchObject({ startDate: '2026-11-05', dueDate: '2026-11-12', metDate: null });
  });
  it('the third attempt by a second method starts it: letter on Wed 4 Nov -> due Wed 11 Nov', () => {
    const contacts = [contact('2026-11-02', 'no_answer'), contact('2026-11-03', 'voicemail_left'), contact('2026-11-04', 'returned_mail', 'letter')];
    expect(one(facts({ contacts }), 'unable_to_contact_review')).toMatchObject({ startDate: '2026-11-04', dueDate: '2026-11-11' });
  });
  const four = [...phoneOnly, contact('2026-11-05', 'letter_sent', 'letter')];
  it('is met by an engagement status set by hand on or after the start (any value), and keep-in-touch does not follow', () => {
    const f = facts({ contacts: four, engagementSet: [set('2026-11-10', 'unable_to_contact')] });
    expect(one(f, 'unable_to_contact_review').metDate).toBe('2026-11-10');
    expect(ids(f)).not.toContain('keep_in_touch');
  });
  it('is met by a successful contact on or after the start', () => {
    const f = facts({ contacts: [...four, contact('2026-11-16', 'spoke_to_victim')] });
    const timer = one(f, 'unable_to_contact_review');
    expect(timer.metDate).toBe('2026-11-16');
    expect(timerStatus(timer, '2026-11-20', null)).toBe('met_late');
  });
  it('does not exist when she was reached before the third attempt', () => {
    expect(only(facts({ contacts: [contact('2026-11-01', 'spoke_to_victim'), ...four] }), 'unable_to_contact_review')).toEqual([]);
  });
  it('does not exist unless her engagement was "not yet contacted" at the start (she had declined)', () => {
    expect(only(facts({ contacts: four, engagementSet: [set('2026-11-01', 'declined')] }), 'unable_to_contact_review')).toEqual([]);
  });
});

describe('engagement: set by contacts (spoke -> engaged, declined support -> declined) or by hand; the latest on or before D', () => {
  it('history from contacts and hand, in date order', () => {
    const history = engagementHistory(
      [contact('2026-10-01', 'spoke_to_victim'), contact('2026-10-20', 'declined_support'), contact('2026-10-25', 'no_answer')],
      [set('2026-11-03', 'no_contact')],
    );
    expect(history.map((h) => [h.date, h.status, h.source])).toEqual([
      ['2026-10-01', 'engaged', 'contact'],
      ['2026-10-20', 'declined', 'contact'],
      ['2026-11-03', 'no_contact', 'hand'],
    ]);
    expect(engagementOn(history, '2026-09-30')).toBe('not_yet_contacted');
    expect(engagementOn(history, '2026-10-19')).toBe('engaged');
    expect(engagementOn(history, '2026-10-20')).toBe('declined');
    expect(engagementOn(history)).toBe('no_contact');
  });
  it('a declined support by a third party sets nothing', () => {
    expect(engagementOn(engagementHistory([contact('2026-10-20', 'declined_support', 'phone', false)], []))).toBe('not_yet_contacted');
  });
});

describe('declined: milestone-only contact', () => {
  const declined = {
    referralReceivedDate: '2026-09-28',
    sentenceDate: '2026-09-21',
    programmeEndDate: '2026-11-20',
    programmeOutcome: 'removed' as const,
    releaseDate: '2027-01-15',
    contacts: [contact('2026-10-01', 'spoke_to_victim'), contact('2026-10-20', 'declined_support')],
  };
  it('"declined support" meets first contact as an attempt, but keep-in-touch stops', () => {
    const f = facts(declined);
    expect(one(f, 'first_contact').metDate).toBe('2026-10-01');
    expect(ids(f)).not.toContain('keep_in_touch');
  });
  it('the milestones stay: an early exit (Fri 20 Nov + 2 working days = Tue 24 Nov) and his release', () => {
    const f = facts(declined);
    expect(one(f, 'programme_exit_contact').dueDate).toBe('2026-11-24');
    expect(one(f, 'release_contact').dueDate).toBe('2027-01-15');
  });
  it('a later "spoke to victim" re-engages her: keep-in-touch from 10 Nov, due 8 Dec', () => {
    const f = facts({ ...declined, contacts: [...declined.contacts, contact('2026-11-10', 'spoke_to_victim')] });
    expect(one(f, 'keep_in_touch')).toMatchObject({ startDate: '2026-11-10', dueDate: '2026-12-08' });
  });
  it('deselected is an early exit too', () => {
    expect(one(facts({ programmeEndDate: '2027-03-25', programmeOutcome: 'deselected' }), 'programme_exit_contact').dueDate).toBe('2027-03-31');
  });
});

describe('no contact at all: no victim-contact timer of any kind; the others remain', () => {
  const all = facts({
    sentenceDate: '2026-09-21',
    referralReceivedDate: '2026-09-28',
    programmeStartDate: '2026-10-05',
    programmeEndDate: '2026-11-20',
    programmeOutcome: 'completed',
    releaseDate: '2027-01-15',
    supervisionEndDate: '2027-06-30',
    contacts: [contact('2026-10-01', 'spoke_to_victim'), contact('2026-10-02', 'no_answer'), contact('2026-10-03', 'no_answer', 'text')],
    riskEvents: [{ id: 1, date: '2026-11-02' }],
    orders: [{ id: 1, orderRef: 'RO1', expiryDate: '2027-05-01', resolvedDate: null }],
  });
  it('with every fact present, every timer exists while she is engaged', () => {
    expect(new Set(ids(all))).toEqual(
      new Set([
        'referral',
        'first_contact',
        'programme_start_contact',
        'programme_exit_contact',
        'keep_in_touch',
        'release_contact',
        'supervision_end_contact',
        'risk_share',
        'order_expiry',
      ]),
    );
  });
  it('after she asks for no contact, only referral, risk share and order expiry are left', () => {
    expect(new Set(ids({ ...all, engagementSet: [set('2026-11-01', 'no_contact')] }))).toEqual(new Set(['referral', 'risk_share', 'order_expiry']));
  });
});
