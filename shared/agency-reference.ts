/**
 * Agencies (model v2 §4): the checks a PLW asks police and children's social care for, MARAC
 * and its criteria, the DASH risk checklist kept per assessment, Clare's Law applications,
 * and the safety plan's review kinds. Stored values are the snake_case keys.
 */
import { addMonths, type IsoDate } from './dates';
import { labelled } from './reference-data';

/** The 2018 inspection found these checks made in only 31% and 47% of cases. */
export const CHECK_AGENCIES = labelled({ police: 'Police call-out history', childrens_social_care: "Children's social care" });
export type CheckAgency = (typeof CHECK_AGENCIES.values)[number];

export const MARAC_CRITERIA = labelled({
  visible_high_risk: 'Visible high risk (DASH score at the threshold)',
  professional_judgement: 'Professional judgement',
  potential_escalation: 'Potential escalation (3 or more incidents in 12 months)',
  repeat: 'Repeat (within 12 months of the last referral)',
});
export type MaracCriterion = (typeof MARAC_CRITERIA.values)[number];

export const DASH_ANSWERS = labelled({ yes: 'Yes', no: 'No', not_known: 'Not known' });
export type DashAnswer = (typeof DASH_ANSWERS.values)[number];

/** The 24 questions of the SafeLives DASH risk checklist, in order, worded without assuming anyone's sex. */
export const DASH_QUESTIONS: readonly string[] = [
  'Has the current incident resulted in injury?',
  'Are you very frightened?',
  'Are you afraid of further injury or violence?',
  'Do you feel isolated from family or friends?',
  'Are you feeling depressed or having suicidal thoughts?',
  'Have you separated or tried to separate from them within the past year?',
  'Is there conflict over child contact?',
  'Do they constantly text, call, contact, follow, stalk or harass you?',
  'Are you pregnant or have you had a baby in the last 18 months?',
  'Is the abuse happening more often?',
  'Is the abuse getting worse?',
  'Do they try to control everything you do, or are they excessively jealous?',
  'Have they ever used weapons or objects to hurt you?',
  'Have they ever threatened to kill you or someone else, and you believed them?',
  'Have they ever attempted to strangle, choke, suffocate or drown you?',
  'Do they do or say things of a sexual nature that make you feel bad or that physically hurt you or someone else?',
  'Is there any other person who has threatened you or who you are afraid of?',
  'Do you know if they have hurt anyone else?',
  'Have they ever mistreated an animal or the family pet?',
  'Are there any financial issues?',
  'Have they had problems in the past year with drugs, alcohol or mental health leading to problems in leading a normal life?',
  'Have they ever threatened or attempted suicide?',
  'Have they ever broken bail, an injunction or a formal agreement about when they can see you or the children?',
  'Do you know if they have ever been in trouble with the police or have a criminal history?',
];

/** The DASH score is the number of "yes" answers (0 to 24). */
export function dashScore(answers: readonly DashAnswer[]): number {
  return answers.filter((a) => a === 'yes').length;
}

/** A referral within 12 months of the case's last one is a repeat referral. */
export function isRepeatReferral(earlierReferralDates: readonly IsoDate[], date: IsoDate): boolean {
  return earlierReferralDates.some((earlier) => earlier < date && addMonths(earlier, 12) >= date);
}

/** 3 or more risk events in the 12 months up to a date: the "potential escalation" criterion. */
export function potentialEscalation(riskEventDates: readonly IsoDate[], date: IsoDate): boolean {
  const from = addMonths(date, -12);
  return riskEventDates.filter((d) => d > from && d <= date).length >= 3;
}

export const DVDS_ROUTES = labelled({ right_to_ask: 'Right to ask', right_to_know: 'Right to know' });
export type DvdsRoute = (typeof DVDS_ROUTES.values)[number];
export const DVDS_OUTCOMES = labelled({
  pending: 'Waiting for a decision',
  disclosed: 'Disclosure made',
  not_disclosed: 'No disclosure',
  withdrawn: 'Withdrawn',
});
export type DvdsOutcome = (typeof DVDS_OUTCOMES.values)[number];

export const SAFETY_PLAN_REVIEW_KINDS = labelled({ agreed: 'Plan agreed with the victim', reviewed: 'Plan reviewed' });
export type SafetyPlanReviewKind = (typeof SAFETY_PLAN_REVIEW_KINDS.values)[number];
