/**
 * Every figure in the managers' summary, with its one-line definition: one place,
 * used by the Reports page (expand for the definition), the exports' definitions
 * sheet, and the README. Keys are stable snake_case: scripts read them.
 */
export const FIGURES = [
  {
    key: 'open_caseload',
    label: 'Open caseload at period end',
    definition:
      'Cases sentenced by the end of the period and not closed by then, each counted for the worker who owned it on the last day (from the dated ownership history).',
  },
  {
    key: 'new_referrals',
    label: 'New referrals',
    definition: 'Referrals received during the period, each counted for the worker who owned the case that day.',
  },
  {
    key: 'referrals_late',
    label: 'Referrals received late',
    definition: 'Referrals received during the period after their referral timer was due (5 working days after sentence by default).',
  },
  {
    key: 'median_referral_lag_days',
    label: 'Median days from sentence to referral',
    definition: 'For referrals received during the period, the median number of calendar days from sentence to referral.',
  },
  {
    key: 'referrals_missing',
    label: 'Referrals missing at period end',
    definition: 'Open cases whose referral was overdue and not yet received at the end of the period.',
  },
  {
    key: 'missing_referrals_chased',
    label: 'Missing referrals chased',
    definition: 'Of the referrals missing at period end, how many had been chased at least once.',
  },
  {
    key: 'chases_of_missing',
    label: 'Chases of missing referrals',
    definition: 'How many chases had been logged, by the end of the period, for the referrals still missing; each counted for the worker who logged it.',
  },
  {
    key: 'first_contacts_due',
    label: 'First contacts due',
    definition: 'First-contact timers (7 days after referral by default) falling due during the period.',
  },
  {
    key: 'first_contacts_on_time',
    label: 'First contacts on time',
    definition: 'Of the first contacts due in the period, those attempted on or before the due date.',
  },
  {
    key: 'first_contacts_on_time_pct',
    label: 'First contacts on time (%)',
    definition: 'First contacts on time as a percentage of first contacts due, rounded to a whole number.',
  },
  {
    key: 'median_days_to_first_attempt',
    label: 'Median days from referral to first attempt',
    definition: 'For first contacts due in the period that were attempted, the median number of calendar days from referral to the first attempt.',
  },
  {
    key: 'victims_offered_support',
    label: 'Victims offered support',
    definition:
      'Victims with at least one contact attempt (any method or outcome) during the period; each counted once, for the worker who owned her case on the day of her first contact in the period.',
  },
  {
    key: 'victims_spoken_to',
    label: 'Victims spoken to',
    definition: 'Victims with at least one contact during the period whose outcome was "spoke to victim"; counted as for victims offered support.',
  },
  {
    key: 'contacts',
    label: 'Contacts logged',
    definition: 'Contacts dated in the period, with the victim or a third party, not counting deleted ones; each counted for the worker who logged it.',
  },
  { key: 'chases_logged', label: 'Chases logged', definition: 'Chases of late referrals dated in the period, each counted for the worker who logged it.' },
  { key: 'risk_events', label: 'Risk events', definition: 'Risk events dated in the period, each counted for the worker who owned the case that day.' },
  {
    key: 'risk_shared_on_time_pct',
    label: 'Risk events shared with the RO in time (%)',
    definition: 'Of the risk events in the period, the percentage shared with the RO within the risk-share timer (1 working day by default).',
  },
  {
    key: 'active_orders',
    label: 'Active protective orders at period end',
    definition: 'Orders made by the end of the period, not expired and not replaced by then.',
  },
  {
    key: 'orders_expiring_28_days',
    label: 'Orders expiring in the next 28 days',
    definition: 'Active orders at period end whose expiry date is within the 28 days after it.',
  },
  {
    key: 'marac_referrals',
    label: 'MARAC referrals',
    definition: 'MARAC referrals made during the period; a repeat referral of the same victim counts again.',
  },
  { key: 'idva_referrals', label: 'IDVA referrals', definition: 'Cases referred to an IDVA during the period.' },
  { key: 'police_checks', label: 'Police call-out checks asked for', definition: 'Police call-out history checks asked for during the period.' },
  {
    key: 'childrens_social_care_checks',
    label: "Children's social care checks asked for",
    definition: "Children's social care checks asked for during the period.",
  },
  {
    key: 'case_audits',
    label: 'Case audits',
    definition: "Managers' audits of cases done during the period, each counted for the worker whose case it was when audited.",
  },
  { key: 'supervision_sessions', label: 'Supervision sessions', definition: 'Supervision notes written during the period, counted for the worker supervised.' },
  {
    key: 'overdue_timers',
    label: 'Overdue timers at period end',
    definition: 'Timers of open cases that were past their due date and not met at the end of the period (by timer in the detail).',
  },
] as const;

export type FigureKey = (typeof FIGURES)[number]['key'];

export type Figures = Record<FigureKey, number | null> & {
  overdue_by_timer: Record<string, number>;
  contacts_by_method: Record<string, number>;
  contacts_by_outcome: Record<string, number>;
};

export const TREND_FIGURES = [
  { key: 'new_referrals', label: 'Referrals received' },
  { key: 'referrals_late', label: 'Late referrals' },
  { key: 'first_contacts_on_time_pct', label: 'First contacts on time (%)' },
  { key: 'victims_offered_support', label: 'Victims offered support' },
] as const;
export type TrendKey = (typeof TREND_FIGURES)[number]['key'];
export type TrendMonth = { month: string } & Record<TrendKey, number | null>;

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percent(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 100) : null;
}
