/** Shapes of the Agencies and Safety plan sections of a case: zod schemas for the contract. */
import { z } from 'zod';

const text = z.string().nullable();
const timerState = { dueDate: z.string(), status: z.string() };

export const agencyCheckViewSchema = z.object({
  id: z.number(),
  agency: z.string(),
  requestedDate: z.string(),
  requestedFrom: text,
  replyDate: text,
  replySummary: text,
  recordedBy: z.string(),
  chases: z.array(z.object({ date: z.string(), method: text, recordedBy: z.string() })),
  ...timerState,
  version: z.number(),
});

export const maracActionViewSchema = z.object({
  id: z.number(),
  action: z.string(),
  owner: z.string(),
  completedDate: text,
  ...timerState,
  version: z.number(),
});

export const agenciesViewSchema = z.object({
  asOf: z.string(),
  /** What the ready emails name: our reference, his CRN and the RO (nothing about her). */
  caseRef: z.string(),
  crn: text,
  roName: text,
  checks: z.array(agencyCheckViewSchema),
  dash: z.array(
    z.object({
      id: z.number(),
      date: text,
      assessor: text,
      score: z.number(),
      /** Null for a score carried over from version 1, which kept the number only. */
      answers: z.array(z.string()).nullable(),
      atThreshold: z.boolean(),
    }),
  ),
  dashThreshold: z.number(),
  maracReferrals: z.array(
    z.object({
      id: z.number(),
      /** Null only for a version 1 meeting or outcome kept without the referral's date. */
      date: text,
      criteria: z.array(z.string()),
      notes: text,
      recordedBy: z.string(),
      meetings: z.array(z.object({ id: z.number(), date: z.string(), outcome: text, actions: z.array(maracActionViewSchema) })),
    }),
  ),
  /** 3 or more risk events in the last 12 months: the MARAC "potential escalation" criterion is met. */
  potentialEscalation: z.boolean(),
  mappa: z.object({ category: text, level: text }),
  vlo: z.object({ vloName: text, vloContact: text }),
  dvds: z.array(z.object({ id: z.number(), route: z.string(), applicationDate: z.string(), outcome: z.string(), outcomeDate: text, version: z.number() })),
  /** The case's version: the VLO is kept on the case. */
  caseVersion: z.number(),
});
export type AgenciesView = z.infer<typeof agenciesViewSchema>;

export const safetyPlanViewSchema = z.object({
  asOf: z.string(),
  items: z.array(z.object({ id: z.number(), risk: z.string(), action: z.string(), who: z.string(), byWhen: text, version: z.number() })),
  reviews: z.array(z.object({ id: z.number(), date: z.string(), kind: z.string(), notes: text, recordedBy: z.string() })),
  /** The next review (none until the plan is agreed), and what brought it forward. */
  next: z
    .object({
      ...timerState,
      trigger: z.object({ date: z.string(), what: z.string() }).nullable(),
    })
    .nullable(),
});
export type SafetyPlanView = z.infer<typeof safetyPlanViewSchema>;
