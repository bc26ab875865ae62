/** The timer engine against docs/timers.md, row by row. */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar';
import { DEFAULT_TIMER_RULES as RULES, type TimerId } from '../../shared/timer-rules';
import { chaseDueIfNoChaseAfter, chaseState, computeTimers, daysOverdue, timerStatus, type CaseFacts } from '../../shared/timers';
import { NO_FACTS } from './no-facts';

const NONE = NO_FACTS;

const facts = (extra: Partial<CaseFacts>): CaseFacts => ({ ...NONE, ...extra });
const only = (f: CaseFacts, id: TimerId) => computeTimers(f, RULES).filter((t) => t.timer === id);
const one = (f: CaseFacts, id: TimerId) => {
  const found = only(f, id);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('a timer whose start fact is missing does not exist', () => {
  it('no facts, no timers', () => {
    expect(computeTimers(NONE, RULES)).toEqual([]);
  });
  it('no referral date: no first-contact timer', () => {
    expect(only(facts({ sentenceDate: '2026-11-02' }), 'first_contact')).toEqual([]);
  });
  it('an order with no expiry date ("until further order") has no expiry timer', () => {
    expect(only(facts({ orders: [{ id: 1, orderRef: 'RO1', expiryDate: null, resolvedDate: null }] }), 'order_expiry')).toEqual([]);
  });
});

describe('referral: sentence date + 5 working days, met by the referral received date', () => {
  it('is due five working days after sentence', () => {
    expect(one(facts({ sentenceDate: '2026-11-20' }), 'referral')).toMatchObject({
      startDate: '2026-11-20',
      dueDate: '2026-11-27',
      warnFrom: '2026-11-25',
      metDate: null,
    });
  });
  it('stretches over Christmas 2026', () => {
    expect(one(facts({ sentenceDate: '2026-12-22' }), 'referral').dueDate).toBe('2026-12-31');
  });
  it('is met on time or late by the referral date', () => {
    const onTime = one(facts({ sentenceDate: '2026-11-20', referralReceivedDate: '2026-11-27' }), 'referral');
    expect(timerStatus(onTime, '2026-12-15', null)).toBe('met_on_time');
    const late = one(facts({ sentenceDate: '2026-11-20', referralReceivedDate: '2026-11-30' }), 'referral');
    expect(timerStatus(late, '2026-12-15', null)).toBe('met_late');
  });
});

describe('first contact: referral date + 7 days, met by the earliest attempt on or after sentence', () => {
  const base = { sentenceDate: '2026-11-02', referralReceivedDate: '2026-11-09' };
  it('is due 7 calendar days after the referral', () => {
    expect(one(facts(base), 'first_contact')).toMatchObject({ startDate: '2026-11-09', dueDate: '2026-11-16' });
  });
  it('counts any attempt, even unanswered, but not one before sentence or with a third party', () => {
    const timer = one(
      facts({
        ...base,
        contacts: [
          { date: '2026-10-30', outcome: 'spoke_to_victim', withVictim: true, method: 'phone', recordedAt: '' }, // before sentence
          { date: '2026-11-10', outcome: 'spoke_to_victim', withVictim: false, method: 'phone', recordedAt: '' }, // with a third party
          { date: '2026-11-12', outcome: 'no_answer', withVictim: true, method: 'phone', recordedAt: '' },
          { date: '2026-11-14', outcome: 'spoke_to_victim', withVictim: true, method: 'phone', recordedAt: '' },
        ],
      }),
      'first_contact',
    );
    expect(timer.metDate).toBe('2026-11-12');
    expect(timerStatus(timer, '2026-11-20', null)).toBe('met_on_time');
  });
});

describe('programme contacts', () => {
  it('programme start: start date + 7 days, met by an attempt on or after the start', () => {
    const timer = one(
      facts({
        programmeStartDate: '2027-02-25',
        contacts: [
          { date: '2027-02-24', outcome: 'letter_sent', withVictim: true, method: 'phone', recordedAt: '' },
          { date: '2027-03-05', outcome: 'returned_mail', withVictim: true, method: 'phone', recordedAt: '' },
        ],
      }),
      'programme_start_contact',
    );
    expect(timer).toMatchObject({ dueDate: '2027-03-04', metDate: '2027-03-05' });
    expect(timerStatus(timer, '2027-03-10', null)).toBe('met_late');
  });
  it('programme completed: end date + 7 days', () => {
    expect(one(facts({ programmeEndDate: '2028-02-25', programmeOutcome: 'completed' }), 'programme_exit_contact').dueDate).toBe('2028-03-03');
  });
  for (const outcome of ['removed', 'dropped_out', 'breach', 'recall', 'withdrawn'] as const) {
    it(`left early (${outcome}): end date + 2 working days`, () => {
      expect(one(facts({ programmeEndDate: '2027-03-25', programmeOutcome: outcome }), 'programme_exit_contact').dueDate).toBe('2027-03-31');
    });
  }
  it('no outcome yet: no exit timer', () => {
    expect(only(facts({ programmeEndDate: '2027-03-25' }), 'programme_exit_contact')).toEqual([]);
  });
});

describe('keep in touch: latest successful contact + 28 days, rolling, never met', () => {
  it('restarts from the newest successful contact ("spoke to victim" only); attempts do not count', () => {
    const timer = one(
      facts({
        contacts: [
          { date: '2026-10-01', outcome: 'spoke_to_victim', withVictim: true, method: 'phone', recordedAt: '' },
          { date: '2026-10-20', outcome: 'spoke_to_victim', withVictim: true, method: 'phone', recordedAt: '' },
          { date: '2026-11-01', outcome: 'voicemail_left', withVictim: true, method: 'phone', recordedAt: '' },
        ],
      }),
      'keep_in_touch',
    );
    expect(timer).toMatchObject({ startDate: '2026-10-20', dueDate: '2026-11-17', metDate: null });
  });
  it('does not exist before any successful contact', () => {
    expect(
      only(facts({ contacts: [{ date: '2026-10-01', outcome: 'no_answer', withVictim: true, method: 'phone', recordedAt: '' }] }), 'keep_in_touch'),
    ).toEqual([]);
  });
});

describe('risk shared: risk event + 1 working day, met by a "shared with RO" liaison on or after it', () => {
  it('one timer per risk event', () => {
    const timers = only(
      facts({
        riskEvents: [
          { id: 1, date: '2026-04-02' },
          { id: 2, date: '2026-11-24' },
        ],
        sharedWithRo: [{ date: '2026-04-01' }, { date: '2026-04-08' }],
      }),
      'risk_share',
    );
    expect(timers).toEqual([
      expect.objectContaining({ riskEventId: 1, startDate: '2026-04-02', dueDate: '2026-04-07', metDate: '2026-04-08' }),
      expect.objectContaining({ riskEventId: 2, startDate: '2026-11-24', dueDate: '2026-11-25', metDate: null }),
    ]);
  });
});

describe('order expiry: due on the expiry date, due soon from 28 days before', () => {
  const order = { id: 7, orderRef: 'NMO-1', expiryDate: '2027-01-31', resolvedDate: null };
  it('carries the order ref and a 28-day warn window', () => {
    expect(one(facts({ orders: [order] }), 'order_expiry')).toMatchObject({ dueDate: '2027-01-31', warnFrom: '2027-01-03', orderRef: 'NMO-1', orderId: 7 });
  });
  it('is met when the order is renewed, replaced or reviewed', () => {
    const timer = one(facts({ orders: [{ ...order, resolvedDate: '2027-01-20' }] }), 'order_expiry');
    expect(timerStatus(timer, '2027-02-10', null)).toBe('met_on_time');
  });
  it('statuses around the window', () => {
    const timer = one(facts({ orders: [order] }), 'order_expiry');
    expect(timerStatus(timer, '2027-01-02', null)).toBe('pending');
    expect(timerStatus(timer, '2027-01-03', null)).toBe('due_soon');
    expect(timerStatus(timer, '2027-01-31', null)).toBe('due_soon');
    expect(timerStatus(timer, '2027-02-01', null)).toBe('overdue');
  });
});

describe('status on a date', () => {
  const timer = { dueDate: '2026-11-27', warnFrom: '2026-11-25', metDate: null };
  it('pending until 3 or more days before due', () => {
    expect(timerStatus(timer, '2026-11-24', null)).toBe('pending');
  });
  it('due soon from 2 days before due up to the due date', () => {
    expect(timerStatus(timer, '2026-11-25', null)).toBe('due_soon');
    expect(timerStatus(timer, '2026-11-27', null)).toBe('due_soon');
  });
  it('overdue from the day after the due date, counting calendar days', () => {
    expect(timerStatus(timer, '2026-11-28', null)).toBe('overdue');
    expect(daysOverdue('2026-11-27', '2026-12-02')).toBe(5);
  });
  it('a closed case never shows overdue: closed_unmet wins', () => {
    expect(timerStatus(timer, '2026-12-10', '2026-12-01')).toBe('closed_unmet');
    expect(timerStatus(timer, '2026-11-26', '2026-11-26')).toBe('closed_unmet');
    // Closing later than the as-of date does not count yet.
    expect(timerStatus(timer, '2026-11-28', '2026-12-01')).toBe('overdue');
  });
  it('a met timer stays met even after closure', () => {
    expect(timerStatus({ ...timer, metDate: '2026-11-26' }, '2026-12-10', '2026-12-01')).toBe('met_on_time');
  });
});

describe('chase list', () => {
  it('a chase is due when none was logged in the last 3 working days; escalate after 2 chases', () => {
    expect(chaseState([], '2026-12-01', RULES)).toEqual({ chases: 0, lastChaseDate: null, chaseDue: true, escalate: false });
    expect(chaseState(['2026-11-30'], '2026-12-02', RULES)).toMatchObject({ chases: 1, chaseDue: false, escalate: false });
    expect(chaseState(['2026-11-30'], '2026-12-03', RULES)).toMatchObject({ chaseDue: true });
    expect(chaseState(['2026-11-24', '2026-11-30'], '2026-12-01', RULES)).toMatchObject({
      chases: 2,
      lastChaseDate: '2026-11-30',
      escalate: true,
      chaseDue: false,
    });
    // Over Christmas 2026: 24th + 3 working days is the 31st.
    expect(chaseState(['2026-12-24'], '2026-12-30', RULES).chaseDue).toBe(false);
    expect(chaseState(['2026-12-24'], '2026-12-31', RULES).chaseDue).toBe(true);
  });
  it('follows the team’s numbers', () => {
    expect(chaseState(['2026-11-24'], '2026-11-25', { ...RULES, escalateAfterChases: 1, chaseEveryWorkingDays: 1 })).toMatchObject({
      escalate: true,
      chaseDue: true,
    });
  });
  it('the counting rule (due when no chase after a date) agrees with chaseState on every day of a year, holidays included', () => {
    for (const every of [1, 3, 10]) {
      const rules = { ...RULES, chaseEveryWorkingDays: every };
      for (let asOf = '2026-01-01'; asOf <= '2027-01-10'; asOf = addDays(asOf, 1)) {
        const cutoff = chaseDueIfNoChaseAfter(asOf, rules);
        for (let back = 0; back <= 25; back++) {
          const last = addDays(asOf, -back);
          expect(chaseState([last], asOf, rules).chaseDue, `${every} working days, last chase ${last}, on ${asOf}`).toBe(last <= cutoff);
        }
      }
    }
  });
});

describe('team rules change the numbers', () => {
  it('a referral rule of 10 calendar days', () => {
    const rules = { ...RULES, referral: { amount: 10, unit: 'days' as const }, warnDays: 5 };
    expect(computeTimers(facts({ sentenceDate: '2026-11-20' }), rules)[0]).toMatchObject({ dueDate: '2026-11-30', warnFrom: '2026-11-25' });
  });
});
