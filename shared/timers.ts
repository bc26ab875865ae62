/**
 * The timer engine: pure functions from a case's facts and the team's rules to
 * its timers, exactly as TIMERS.md says. Stored timers carry dates only; the
 * status on any date is worked out from them by `timerStatus`.
 */
import { addDays, daysBetween, englandAndWales, type IsoDate, type WorkingCalendar } from './calendar';
import { SUCCESSFUL_OUTCOMES, type ContactOutcome, type ProgrammeOutcome } from './reference-data';
import type { Period, TimerId, TimerRules, TimerStatus } from './timer-rules';

export interface CaseFacts {
  sentenceDate: IsoDate | null;
  referralReceivedDate: IsoDate | null;
  closedDate: IsoDate | null;
  programmeStartDate: IsoDate | null;
  programmeEndDate: IsoDate | null;
  programmeOutcome: ProgrammeOutcome | null;
  /** Contacts with the victim only: third-party contacts never meet a timer. */
  contacts: { date: IsoDate; outcome: ContactOutcome; withVictim: boolean }[];
  riskEvents: { id: number; date: IsoDate }[];
  /** Liaison records that say risk information was shared with the RO. */
  sharedWithRo: { date: IsoDate }[];
  orders: { id: number; orderRef: string; expiryDate: IsoDate | null; resolvedDate: IsoDate | null }[];
}

export interface Timer {
  timer: TimerId;
  startDate: IsoDate;
  dueDate: IsoDate;
  /** From this date the timer is "due soon" (due − warn window). */
  warnFrom: IsoDate;
  metDate: IsoDate | null;
  orderId?: number;
  orderRef?: string;
  riskEventId?: number;
}

const EARLY_EXITS: readonly ProgrammeOutcome[] = ['removed', 'dropped_out', 'breach', 'recall', 'withdrawn'];

export function addPeriod(start: IsoDate, period: Period, calendar: WorkingCalendar = englandAndWales): IsoDate {
  return period.unit === 'days' ? addDays(start, period.amount) : calendar.addWorkingDays(start, period.amount);
}

function earliestOnOrAfter(dates: IsoDate[], from: IsoDate | null): IsoDate | null {
  let best: IsoDate | null = null;
  for (const date of dates) if ((from === null || date >= from) && (best === null || date < best)) best = date;
  return best;
}

export function computeTimers(facts: CaseFacts, rules: TimerRules, calendar: WorkingCalendar = englandAndWales): Timer[] {
  const timers: Timer[] = [];
  const make = (timer: TimerId, startDate: IsoDate, dueDate: IsoDate, metDate: IsoDate | null, warnDays = rules.warnDays): Timer => ({
    timer,
    startDate,
    dueDate,
    warnFrom: addDays(dueDate, -warnDays),
    metDate,
  });
  const attempts = facts.contacts.filter((c) => c.withVictim).map((c) => c.date);

  if (facts.sentenceDate) {
    timers.push(make('referral', facts.sentenceDate, addPeriod(facts.sentenceDate, rules.referral, calendar), facts.referralReceivedDate));
  }
  if (facts.referralReceivedDate) {
    const due = addPeriod(facts.referralReceivedDate, rules.firstContact, calendar);
    timers.push(make('first_contact', facts.referralReceivedDate, due, earliestOnOrAfter(attempts, facts.sentenceDate)));
  }
  if (facts.programmeStartDate) {
    const due = addPeriod(facts.programmeStartDate, rules.programmeStartContact, calendar);
    timers.push(make('programme_start_contact', facts.programmeStartDate, due, earliestOnOrAfter(attempts, facts.programmeStartDate)));
  }
  if (facts.programmeEndDate && facts.programmeOutcome) {
    const period =
      facts.programmeOutcome === 'completed' ? rules.programmeExitCompleted : EARLY_EXITS.includes(facts.programmeOutcome) ? rules.programmeExitEarly : null;
    if (period) {
      const due = addPeriod(facts.programmeEndDate, period, calendar);
      timers.push(make('programme_exit_contact', facts.programmeEndDate, due, earliestOnOrAfter(attempts, facts.programmeEndDate)));
    }
  }
  const successful = facts.contacts.filter((c) => c.withVictim && SUCCESSFUL_OUTCOMES.includes(c.outcome)).map((c) => c.date);
  if (successful.length) {
    // Rolling: never met; the latest successful contact restarts it.
    const latest = successful.reduce((a, b) => (a > b ? a : b));
    timers.push(make('keep_in_touch', latest, addPeriod(latest, rules.keepInTouch, calendar), null));
  }
  const shared = facts.sharedWithRo.map((l) => l.date);
  for (const event of facts.riskEvents) {
    const due = addPeriod(event.date, rules.riskShare, calendar);
    timers.push({ ...make('risk_share', event.date, due, earliestOnOrAfter(shared, event.date)), riskEventId: event.id });
  }
  for (const order of facts.orders) {
    if (!order.expiryDate) continue; // "until further order": nothing expires
    timers.push({
      ...make('order_expiry', order.expiryDate, order.expiryDate, order.resolvedDate, rules.orderExpiryWarnDays),
      orderId: order.id,
      orderRef: order.orderRef,
    });
  }
  return timers;
}

/** The status of a timer on date `asOf`, rows of TIMERS.md top to bottom, `closed_unmet` winning over the unmet ones. */
export function timerStatus(timer: Pick<Timer, 'dueDate' | 'warnFrom' | 'metDate'>, asOf: IsoDate, closedDate: IsoDate | null): TimerStatus {
  if (timer.metDate) return timer.metDate <= timer.dueDate ? 'met_on_time' : 'met_late';
  if (closedDate && closedDate <= asOf) return 'closed_unmet';
  if (asOf > timer.dueDate) return 'overdue';
  if (asOf >= timer.warnFrom) return 'due_soon';
  return 'pending';
}

/** Days overdue is D − due in calendar days (0 or less when not overdue). */
export function daysOverdue(dueDate: IsoDate, asOf: IsoDate): number {
  return daysBetween(dueDate, asOf);
}

export interface ChaseState {
  chases: number;
  lastChaseDate: IsoDate | null;
  chaseDue: boolean;
  escalate: boolean;
}

/** For a case on the chase list: is a chase due (none in the last N working days), and should it be escalated? */
export function chaseState(chaseDates: IsoDate[], asOf: IsoDate, rules: TimerRules, calendar: WorkingCalendar = englandAndWales): ChaseState {
  const past = chaseDates.filter((d) => d <= asOf);
  const lastChaseDate = past.length ? past.reduce((a, b) => (a > b ? a : b)) : null;
  const chaseDue = lastChaseDate === null || calendar.addWorkingDays(lastChaseDate, rules.chaseEveryWorkingDays) <= asOf;
  return { chases: past.length, lastChaseDate, chaseDue, escalate: past.length >= rules.escalateAfterChases };
}

/**
 * The latest "last chase" date for which a chase is due again on `asOf`: a case is chase-due
 * when it has no chase after this date. Lets a query count chase-due cases from the chase
 * index alone. Adding working days never goes backwards, so the first date found walking
 * back from `asOf` is the latest one.
 */
export function chaseDueIfNoChaseAfter(asOf: IsoDate, rules: TimerRules, calendar: WorkingCalendar = englandAndWales): IsoDate {
  let day = addDays(asOf, -rules.chaseEveryWorkingDays);
  while (calendar.addWorkingDays(day, rules.chaseEveryWorkingDays) > asOf) day = addDays(day, -1);
  return day;
}

/**
 * The same, from a count and the latest chase date (as a query returns them), against the
 * `chaseDueIfNoChaseAfter` date worked out once for a whole list: working days per row were
 * most of the chase list's time.
 */
export function chaseStateFrom(chases: number, lastChaseDate: IsoDate | null, noChaseAfter: IsoDate, rules: TimerRules): ChaseState {
  return { chases, lastChaseDate, chaseDue: lastChaseDate === null || lastChaseDate <= noChaseAfter, escalate: chases >= rules.escalateAfterChases };
}
