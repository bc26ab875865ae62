/** The contract's channels for agencies (checks, DASH, MARAC, Clare's Law, the VLO) and the safety plan (model v2 §4-5). */
import { z } from 'zod';
import {
  agencyChaseInputSchema,
  agencyCheckInputSchema,
  agencyReplyInputSchema,
  dashInputSchema,
  dvdsInputSchema,
  maracActionInputSchema,
  maracMeetingInputSchema,
  maracReferralInputSchema,
  safetyPlanItemInputSchema,
  safetyPlanReviewInputSchema,
  vloInputSchema,
} from './agency-inputs';
import { agenciesViewSchema, safetyPlanViewSchema } from './agency-views';
import { isoDateSchema } from './case-views';
import { caseIdInput, editOf, id, ok, version } from './contract-primitives';

export const agencyChannels = {
  /** The Agencies section: checks with their timers, DASH assessments, MARAC, MAPPA, the VLO, Clare's Law. Viewing it is audited. */
  'agencies.get': { input: caseIdInput, output: agenciesViewSchema },
  'agencyChecks.request': { input: z.object({ caseId: id, check: agencyCheckInputSchema }), output: z.object({ checkId: z.number() }) },
  'agencyChecks.reply': { input: z.object({ checkId: id, version, reply: agencyReplyInputSchema }), output: ok },
  'agencyChecks.chase': { input: z.object({ checkId: id, chase: agencyChaseInputSchema }), output: ok },
  /** The score is worked out from the 24 answers. */
  'dash.record': { input: z.object({ caseId: id, assessment: dashInputSchema }), output: z.object({ assessmentId: z.number(), score: z.number() }) },
  'marac.refer': { input: z.object({ caseId: id, referral: maracReferralInputSchema }), output: z.object({ referralId: z.number() }) },
  'marac.recordMeeting': { input: z.object({ caseId: id, meeting: maracMeetingInputSchema }), output: z.object({ meetingId: z.number() }) },
  'marac.addAction': { input: z.object({ caseId: id, action: maracActionInputSchema }), output: z.object({ actionId: z.number() }) },
  'marac.completeAction': { input: z.object({ actionId: id, version, completedDate: isoDateSchema }), output: ok },
  'dvds.save': {
    input: editOf(z.object({ caseId: id, dvdsId: id.optional(), version: version.optional(), application: dvdsInputSchema }), 'dvdsId'),
    output: z.object({ dvdsId: z.number() }),
  },
  'vlo.update': { input: z.object({ caseId: id, version, vlo: vloInputSchema }), output: ok },

  /** The safety plan: its items, agreement and reviews, and the next review with what brought it forward. Viewing it is audited. */
  'safetyPlan.get': { input: caseIdInput, output: safetyPlanViewSchema },
  'safetyPlan.saveItem': {
    input: editOf(z.object({ caseId: id, itemId: id.optional(), version: version.optional(), item: safetyPlanItemInputSchema }), 'itemId'),
    output: z.object({ itemId: z.number() }),
  },
  'safetyPlan.removeItem': { input: z.object({ caseId: id, itemId: id, version }), output: ok },
  /** Agreeing the plan with her (the first time) or reviewing it: restarts the review timer. */
  'safetyPlan.review': { input: z.object({ caseId: id, review: safetyPlanReviewInputSchema }), output: z.object({ reviewId: z.number() }) },
} as const;
