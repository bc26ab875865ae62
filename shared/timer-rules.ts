/**
 * The team's timer settings. Every number in docs/timers.md is here with its
 * default; a team may change any of them (Settings → Timers).
 */
import { z } from 'zod';

export const TIMER_IDS = [
  'referral',
  'first_contact',
  'programme_start_contact',
  'programme_exit_contact',
  'keep_in_touch',
  'risk_share',
  'order_expiry',
  'release_contact',
  'supervision_end_contact',
  'unable_to_contact_review',
  'agency_check',
  'marac_action',
  'safety_plan_review',
] as const;
export type TimerId = (typeof TIMER_IDS)[number];

export const TIMER_LABELS: Record<TimerId, string> = {
  referral: 'Referral',
  first_contact: 'First contact',
  programme_start_contact: 'Programme start contact',
  programme_exit_contact: 'Programme exit contact',
  keep_in_touch: 'Keep in touch',
  risk_share: 'Risk shared with RO',
  order_expiry: 'Order expiry',
  release_contact: 'Contact before release',
  supervision_end_contact: 'Contact before supervision ends',
  unable_to_contact_review: 'Review: unable to contact?',
  agency_check: 'Agency check reply',
  marac_action: 'MARAC action',
  safety_plan_review: 'Safety plan review',
};

/** The timers that ask for contact with the victim: none of them exists when she asked for no contact at all. */
export const VICTIM_CONTACT_TIMERS: readonly TimerId[] = [
  'first_contact',
  'programme_start_contact',
  'programme_exit_contact',
  'keep_in_touch',
  'release_contact',
  'supervision_end_contact',
  'unable_to_contact_review',
];

export const TIMER_STATUSES = ['pending', 'due_soon', 'overdue', 'met_on_time', 'met_late', 'closed_unmet'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

export const TIMER_STATUS_LABELS: Record<TimerStatus, string> = {
  pending: 'Pending',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  met_on_time: 'Met',
  met_late: 'Met late',
  closed_unmet: 'Closed',
};

const period = z.object({
  amount: z.number().int().min(0, 'Must be 0 or more').max(365, 'Must be 365 or fewer'),
  unit: z.enum(['days', 'working_days']),
});
export type Period = z.infer<typeof period>;

export const timerRulesSchema = z.object({
  referral: period,
  firstContact: period,
  programmeStartContact: period,
  programmeExitCompleted: period,
  programmeExitEarly: period,
  keepInTouch: period,
  riskShare: period,
  /** Calendar days before due that a timer becomes "due soon". */
  warnDays: z.number().int().min(0).max(60),
  orderExpiryWarnDays: z.number().int().min(0).max(365),
  /** A chase is due when none was logged in this many working days. */
  chaseEveryWorkingDays: z.number().int().min(1).max(60),
  escalateAfterChases: z.number().int().min(1).max(20),
  // Model v2 (defaults, so a team's saved rules from before them still read).
  /** Release and supervision end: due on the date, "due soon" this many days before. */
  releaseContactWarnDays: z.number().int().min(0).max(90).default(14),
  /** An attempt this many days before the release (or end) date or later meets the timer. */
  releaseContactWindowDays: z.number().int().min(0).max(180).default(28),
  unableToContactReview: period.default({ amount: 5, unit: 'working_days' }),
  unableToContactAttempts: z.number().int().min(1).max(20).default(3),
  unableToContactMethods: z.number().int().min(1).max(8).default(2),
  /** Today lists releases this many days ahead. */
  releasesAheadDays: z.number().int().min(1).max(180).default(28),
  // Model v2 part 2: agencies and safety plans.
  /** A police or children's social care check should be answered within this. */
  agencyCheck: period.default({ amount: 10, unit: 'working_days' }),
  /** A safety plan is reviewed at least this many months after its last review (same day of month). */
  safetyPlanReviewMonths: z.number().int().min(1).max(24).default(3),
  /** ...and within this after a trigger (a risk event here or on a linked case, release, programme end, order expiry). */
  safetyPlanTriggerReview: period.default({ amount: 5, unit: 'working_days' }),
  /** A risk share this many working days overdue is marked "escalate". */
  escalateRiskShareWorkingDays: z.number().int().min(1).max(30).default(2),
  /** Liaison not acknowledged this many working days after it was shared is marked "escalate". */
  escalateLiaisonWorkingDays: z.number().int().min(1).max(30).default(5),
});
export type TimerRules = z.output<typeof timerRulesSchema>;

/** The day counts a team may not set to zero: a timer due the day it starts, or warned of on its due day only, is a slip. */
const AT_LEAST_ONE_DAY = ['warnDays', 'orderExpiryWarnDays', 'releaseContactWarnDays', 'releaseContactWindowDays'] as const;

/**
 * Rules as a team may save them: every period and warning window at least a day. (Stored rules
 * are read with the looser schema above, so rules saved before this check still read as saved.)
 */
export function refuseZeroDays(rules: TimerRules, ctx: z.RefinementCtx): void {
  for (const [key, value] of Object.entries(rules)) {
    if (typeof value === 'object' && value !== null && 'amount' in value && value.amount < 1)
      ctx.addIssue({ code: 'custom', path: [key, 'amount'], message: 'Must be 1 or more: a timer cannot be due the day it starts' });
  }
  for (const key of AT_LEAST_ONE_DAY) {
    if (rules[key] < 1) ctx.addIssue({ code: 'custom', path: [key], message: 'Must be 1 day or more' });
  }
}
export const timerRulesInputSchema = timerRulesSchema.superRefine(refuseZeroDays);

export const DEFAULT_TIMER_RULES: TimerRules = {
  referral: { amount: 5, unit: 'working_days' },
  firstContact: { amount: 7, unit: 'days' },
  programmeStartContact: { amount: 7, unit: 'days' },
  programmeExitCompleted: { amount: 7, unit: 'days' },
  programmeExitEarly: { amount: 2, unit: 'working_days' },
  keepInTouch: { amount: 28, unit: 'days' },
  riskShare: { amount: 1, unit: 'working_days' },
  warnDays: 2,
  orderExpiryWarnDays: 28,
  chaseEveryWorkingDays: 3,
  escalateAfterChases: 2,
  releaseContactWarnDays: 14,
  releaseContactWindowDays: 28,
  unableToContactReview: { amount: 5, unit: 'working_days' },
  unableToContactAttempts: 3,
  unableToContactMethods: 2,
  releasesAheadDays: 28,
  agencyCheck: { amount: 10, unit: 'working_days' },
  safetyPlanReviewMonths: 3,
  safetyPlanTriggerReview: { amount: 5, unit: 'working_days' },
  escalateRiskShareWorkingDays: 2,
  escalateLiaisonWorkingDays: 5,
};
