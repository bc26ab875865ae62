/**
 * The timer engine: pure functions from a case's facts and the team's rules to
 * its timers, exactly as docs/timers.md says. Stored timers carry dates only; the
 * status on any date is worked out from them by `timerStatus`.
 */
import { addDays, addMonths, daysBetween, englandAndWales, type IsoDate, type WorkingCalendar } from './calendar';
import { engagementHistory, engagementOn, type EngagementChange } from './engagement';
import {
  EARLY_EXIT_OUTCOMES,
  RELEASE_CLOCK_SENTENCES,
  SUCCESSFUL_OUTCOMES,
  type ContactMethod,
  type ContactOutcome,
  type ProgrammeOutcome,
} from './reference-data';
import { VICTIM_CONTACT_TIMERS, type Period, type TimerId, type TimerRules, type TimerStatus } from './timer-rules';

/**
 * Moves on whenever the rules themselves change (not a team's settings): stored timers made by
 * an older engine are worked out again at the next unlock. 2: model v2 (docs/model.md); 3: agency checks, MARAC actions, safety plans.
 */
export const TIMER_ENGINE_VERSION = 3;

export interface CaseFacts {
  sentenceDate: IsoDate | null;
  sentenceType: string | null;
  /** The perpetrator's, shared by every case that names him (model v2). */
  releaseDate: IsoDate | null;
  supervisionEndDate: IsoDate | null;
  referralReceivedDate: IsoDate | null;
  closedDate: IsoDate | null;
  programmeStartDate: IsoDate | null;
  programmeEndDate: IsoDate | null;
  programmeOutcome: ProgrammeOutcome | null;
  /** Every contact; only those with the victim meet a timer (third-party contacts never do). */
  contacts: { date: IsoDate; outcome: ContactOutcome; withVictim: boolean; method: ContactMethod; recordedAt: string }[];
  /** Engagement statuses set by hand or imported (those from contacts are worked out from `contacts`). */
  engagementSet: EngagementChange[];
  riskEvents: { id: number; date: IsoDate }[];
  /** Liaison records that say risk information was shared with the RO. */
  sharedWithRo: { date: IsoDate }[];
  orders: { id: number; orderRef: string; expiryDate: IsoDate | null; resolvedDate: IsoDate | null }[];
  /** Police call-out and children's social care checks (model v2 §4): each should be answered. */
  agencyChecks: { id: number; requestedDate: IsoDate; replyDate: IsoDate | null }[];
  /** MARAC actions, each with its meeting's date, its own due date and when it was done. */
  maracActions: { id: number; meetingDate: IsoDate; dueDate: IsoDate; completedDate: IsoDate | null }[];
  /** The safety plan's reviews, agreeing it counting as the first; none when there is no plan. */
  safetyPlanReviews: IsoDate[];
  /** Risk events on cases with the same perpetrator: each is a trigger for this case's safety-plan review. */
  linkedRiskEventDates: IsoDate[];
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
  /** The agency check or MARAC action the timer is about. */
  subjectId?: number;
}

export function addPeriod(start: IsoDate, period: Period, calendar: WorkingCalendar = englandAndWales): IsoDate {
  return period.unit === 'days' ? addDays(start, period.amount) : calendar.addWorkingDays(start, period.amount);
}

function earliestOnOrAfter(dates: IsoDate[], from: IsoDate | null): IsoDate | null {
  let best: IsoDate | null = null;
  for (const date of dates) if ((from === null || date >= from) && (best === null || date < best)) best = date;
  return best;
}

/**
 * Every timer of one case. Engagement (model v2) is her latest status: stored timers hold dates
 * only, and no engagement fact may be dated after today, so the latest is the one in force.
 */
export function computeTimers(facts: CaseFacts, rules: TimerRules, calendar: WorkingCalendar = englandAndWales): Timer[] {
  const timers: Timer[] = [];
  const make = (timer: TimerId, startDate: IsoDate, dueDate: IsoDate, metDate: IsoDate | null, warnDays = rules.warnDays): Timer => ({
    timer,
    startDate,
    dueDate,
    warnFrom: addDays(dueDate, -warnDays),
    metDate,
  });
  const withVictim = facts.contacts.filter((c) => c.withVictim);
  const attempts = withVictim.map((c) => c.date);
  const history = engagementHistory(facts.contacts, facts.engagementSet);
  const engagement = engagementOn(history);

  const releaseClock = facts.sentenceType !== null && RELEASE_CLOCK_SENTENCES.includes(facts.sentenceType) && facts.releaseDate !== null;
  const referralStart = releaseClock ? facts.releaseDate : facts.sentenceDate;
  if (referralStart) {
    timers.push(make('referral', referralStart, addPeriod(referralStart, rules.referral, calendar), facts.referralReceivedDate));
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
      facts.programmeOutcome === 'completed'
        ? rules.programmeExitCompleted
        : EARLY_EXIT_OUTCOMES.includes(facts.programmeOutcome)
          ? rules.programmeExitEarly
          : null;
    if (period) {
      const due = addPeriod(facts.programmeEndDate, period, calendar);
      timers.push(make('programme_exit_contact', facts.programmeEndDate, due, earliestOnOrAfter(attempts, facts.programmeEndDate)));
    }
  }
  const successful = withVictim.filter((c) => SUCCESSFUL_OUTCOMES.includes(c.outcome)).map((c) => c.date);
  // Declined, unable to contact and no contact at all are milestone-only (or no) contact: no keeping in touch.
  if (successful.length && engagement !== 'declined' && engagement !== 'unable_to_contact' && engagement !== 'no_contact') {
    // Rolling: never met; the latest successful contact restarts it.
    const latest = successful.reduce((a, b) => (a > b ? a : b));
    timers.push(make('keep_in_touch', latest, addPeriod(latest, rules.keepInTouch, calendar), null));
  }
  // Before release and before supervision (and its protections) end: due on the date itself, for a
  // case open on that date: referred by then (or still awaiting its referral), and not yet closed.
  // (A new partner referred after his release has no release to be warned of: first contact covers her.)
  for (const [timer, date] of [
    ['release_contact', facts.releaseDate],
    ['supervision_end_contact', facts.supervisionEndDate],
  ] as const) {
    if (!date || (facts.closedDate !== null && facts.closedDate <= date)) continue;
    if (facts.referralReceivedDate !== null && facts.referralReceivedDate > date) continue;
    timers.push(make(timer, date, date, earliestOnOrAfter(attempts, addDays(date, -rules.releaseContactWindowDays)), rules.releaseContactWarnDays));
  }
  const unableStart = unableToContactStart(withVictim, rules);
  if (unableStart && engagementOn(history, unableStart) === 'not_yet_contacted') {
    const changed = history.map((change) => change.date);
    timers.push(
      make(
        'unable_to_contact_review',
        unableStart,
        addPeriod(unableStart, rules.unableToContactReview, calendar),
        earliestOnOrAfter([...changed, ...successful], unableStart),
      ),
    );
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
  for (const check of facts.agencyChecks) {
    const due = addPeriod(check.requestedDate, rules.agencyCheck, calendar);
    timers.push({ ...make('agency_check', check.requestedDate, due, check.replyDate), subjectId: check.id });
  }
  for (const action of facts.maracActions) {
    timers.push({ ...make('marac_action', action.meetingDate, action.dueDate, action.completedDate), subjectId: action.id });
  }
  const review = safetyPlanReview(facts, rules, calendar);
  if (review) timers.push(make('safety_plan_review', review.startDate, review.dueDate, null));
  // She asked for no contact at all: no timer asks anyone to contact her.
  return engagement === 'no_contact' ? timers.filter((t) => !VICTIM_CONTACT_TIMERS.includes(t.timer)) : timers;
}

/**
 * The safety plan's next review (docs/timers.md `safety_plan_review`): rolling from the latest
 * review, due at the earlier of N months on and a few working days after the first trigger
 * dated after that review. No plan agreed: no timer.
 */
export function safetyPlanReview(
  facts: Pick<CaseFacts, 'safetyPlanReviews' | 'riskEvents' | 'linkedRiskEventDates' | 'releaseDate' | 'programmeEndDate' | 'orders'>,
  rules: TimerRules,
  calendar: WorkingCalendar = englandAndWales,
): { startDate: IsoDate; dueDate: IsoDate; trigger: IsoDate | null } | null {
  if (!facts.safetyPlanReviews.length) return null;
  const latest = facts.safetyPlanReviews.reduce((a, b) => (a > b ? a : b));
  const triggers = [
    ...facts.riskEvents.map((e) => e.date),
    ...facts.linkedRiskEventDates,
    facts.releaseDate,
    facts.programmeEndDate,
    ...facts.orders.map((o) => o.expiryDate),
  ].filter((d): d is IsoDate => d !== null && d > latest);
  const trigger = triggers.length ? triggers.reduce((a, b) => (a < b ? a : b)) : null;
  const byMonths = addMonths(latest, rules.safetyPlanReviewMonths);
  const byTrigger = trigger ? addPeriod(trigger, rules.safetyPlanTriggerReview, calendar) : null;
  return { startDate: latest, dueDate: byTrigger !== null && byTrigger < byMonths ? byTrigger : byMonths, trigger };
}

/**
 * Escalate markers (shown, not timers): a risk share still unmet N working days after it was due,
 * and liaison unacknowledged N working days after it was shared.
 */
export function riskShareEscalates(
  dueDate: IsoDate,
  metDate: IsoDate | null,
  asOf: IsoDate,
  rules: TimerRules,
  calendar: WorkingCalendar = englandAndWales,
): boolean {
  return metDate === null && calendar.addWorkingDays(dueDate, rules.escalateRiskShareWorkingDays) <= asOf;
}

export function liaisonEscalates(
  sharedDate: IsoDate,
  acknowledgedDate: IsoDate | null,
  asOf: IsoDate,
  rules: TimerRules,
  calendar: WorkingCalendar = englandAndWales,
): boolean {
  return acknowledgedDate === null && calendar.addWorkingDays(sharedDate, rules.escalateLiaisonWorkingDays) <= asOf;
}

/**
 * The date of the attempt that makes N attempts by M or more methods with no successful contact
 * among them (docs/timers.md `unable_to_contact_review`), or null if there is none.
 */
export function unableToContactStart(
  attempts: readonly { date: IsoDate; outcome: ContactOutcome; method: ContactMethod; recordedAt: string }[],
  rules: TimerRules,
): IsoDate | null {
  const inOrder = [...attempts].sort((a, b) => (a.date === b.date ? a.recordedAt.localeCompare(b.recordedAt) : a.date < b.date ? -1 : 1));
  const methods = new Set<ContactMethod>();
  let count = 0;
  for (const attempt of inOrder) {
    if (SUCCESSFUL_OUTCOMES.includes(attempt.outcome)) return null;
    count++;
    methods.add(attempt.method);
    if (count >= rules.unableToContactAttempts && methods.size >= rules.unableToContactMethods) return attempt.date;
  }
  return null;
}

/** The status of a timer on date `asOf`, rows of docs/timers.md top to bottom, `closed_unmet` winning over the unmet ones. */
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
