/** What a PLW records about other agencies and the safety plan: checked the same way in the forms and in the core. */
import { z } from 'zod';
import { CHECK_AGENCIES, DASH_ANSWERS, DASH_QUESTIONS, DVDS_OUTCOMES, DVDS_ROUTES, MARAC_CRITERIA, SAFETY_PLAN_REVIEW_KINDS } from './agency-reference';
import { CHASE_METHODS } from './reference-data';
import { date, optionalDate, optionalText, tuple } from './record-inputs';

const requiredText = (max: number, label: string, missing: string) =>
  z.string({ message: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);

export const agencyCheckInputSchema = z.object({
  agency: z.enum(tuple(CHECK_AGENCIES.values), { message: 'Choose which check was asked for' }),
  requestedDate: date('the date it was asked for'),
  requestedFrom: optionalText(200, 'Who was asked'),
});

export const agencyReplyInputSchema = z.object({
  replyDate: date('the date of the reply'),
  summary: optionalText(4000, 'The summary'),
});

export const agencyChaseInputSchema = z.object({
  date: date('the date of the chase'),
  method: z
    .enum(tuple(CHASE_METHODS.values))
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const dashInputSchema = z.object({
  date: date('the date of the assessment'),
  assessor: requiredText(120, 'The assessor', 'Enter who completed the checklist'),
  answers: z
    .array(z.enum(tuple(DASH_ANSWERS.values), { message: 'Answer every question: yes, no or not known' }))
    .length(DASH_QUESTIONS.length, `Answer all ${DASH_QUESTIONS.length} questions`),
});

/** "Repeat" is worked out from the case's earlier referrals, so it is not chosen here. */
const chosenCriteria = MARAC_CRITERIA.values.filter((c) => c !== 'repeat');
export const maracReferralInputSchema = z.object({
  date: date('the date of the referral'),
  criteria: z.array(z.enum(tuple(chosenCriteria))).min(1, 'Choose why she was referred'),
  notes: optionalText(4000, 'Notes'),
});

export const maracMeetingInputSchema = z.object({
  referralId: z.number().int().positive(),
  date: date('the date of the meeting'),
  outcome: optionalText(4000, 'The outcome'),
});

export const maracActionInputSchema = z.object({
  meetingId: z.number().int().positive(),
  action: requiredText(500, 'The action', 'Enter the action'),
  owner: requiredText(120, 'Who owns it', 'Enter who owns the action'),
  dueDate: date('the date the action is due'),
});

export const dvdsInputSchema = z
  .object({
    route: z.enum(tuple(DVDS_ROUTES.values), { message: 'Choose right to ask or right to know' }),
    applicationDate: date('the date of the application'),
    outcome: z.enum(tuple(DVDS_OUTCOMES.values)).default('pending'),
    outcomeDate: optionalDate('the date of the outcome'),
  })
  .superRefine((value, ctx) => {
    if (value.outcome !== 'pending' && !value.outcomeDate) ctx.addIssue({ code: 'custom', path: ['outcomeDate'], message: 'Enter the date of the outcome' });
    if (value.outcomeDate && value.outcomeDate < value.applicationDate)
      ctx.addIssue({ code: 'custom', path: ['outcomeDate'], message: 'The outcome cannot be before the application' });
  });

/** The Victim Liaison Officer (Victim Contact Scheme) working with her, where there is one. */
export const vloInputSchema = z.object({
  vloName: optionalText(120, 'The VLO’s name'),
  vloContact: optionalText(200, 'The VLO’s contact details'),
});

export const safetyPlanItemInputSchema = z.object({
  risk: requiredText(500, 'The risk', 'Enter the risk'),
  action: requiredText(1000, 'The action', 'Enter what will be done'),
  who: requiredText(120, 'Who', 'Enter who will do it'),
  byWhen: optionalDate('the date it is to be done by'),
});

export const safetyPlanReviewInputSchema = z.object({
  date: date('the date'),
  kind: z.enum(tuple(SAFETY_PLAN_REVIEW_KINDS.values)).default('reviewed'),
  notes: optionalText(4000, 'Notes'),
});
