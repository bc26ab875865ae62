/** Shapes of the records shown on a case after the referral: zod schemas for the contract. */
import { z } from 'zod';

const text = z.string().nullable();

export const contactRowSchema = z.object({
  id: z.number(),
  date: z.string(),
  time: text,
  method: z.string(),
  direction: z.string(),
  outcome: z.string(),
  withVictim: z.boolean(),
  withWhom: text,
  durationMinutes: z.number().nullable(),
  notes: text,
  sensitive: z.boolean(),
  isFinal: z.boolean(),
  overrideReason: text,
  recordedBy: z.string(),
  recordedAt: z.string(),
  deletedAt: text,
  deletedBy: text,
  deletedReason: text,
  amendments: z.array(z.object({ text: z.string(), author: z.string(), createdAt: z.string() })),
  /** Sent back when a draft is saved: a save from an out-of-date copy is refused. */
  version: z.number(),
});
export type ContactView = z.infer<typeof contactRowSchema>;

export const safetyViewSchema = z.object({
  profile: z.object({
    safePhone: text,
    safeEmail: text,
    safeAddress: text,
    safeTimes: text,
    preferredLanguage: text,
    interpreterNeeded: z.boolean(),
    accessNeeds: text,
    noVoicemail: z.boolean(),
    noLetters: z.boolean(),
    noTexts: z.boolean(),
    doNotContactVia: text,
    doNotContactViaAbout: text,
    safeContactNotes: text,
  }),
  idva: z.object({ idvaStatus: text, idvaReferralDate: text }),
  /**
   * The case's version, sent back by both forms: the safe-contact rules are also on the case's
   * edit form, so one version covers the case, its victim and its perpetrator.
   */
  version: z.number(),
});
export type SafetyView = z.infer<typeof safetyViewSchema>;

export const orderRowSchema = z.object({
  id: z.number(),
  orderRef: z.string(),
  orderType: z.string(),
  madeDate: text,
  expiryDate: text,
  court: text,
  protectedPeople: z.array(z.string()),
  conditions: text,
  exclusionZones: text,
  aware: z.array(z.string()),
  resolution: text,
  resolvedDate: text,
  breaches: z.array(z.object({ date: z.string(), what: z.string(), reportedTo: text, recordedBy: z.string() })),
  version: z.number(),
});
export type OrderView = z.infer<typeof orderRowSchema>;

export const expiringOrderSchema = z.object({
  orderId: z.number(),
  orderRef: z.string(),
  orderType: z.string(),
  expiryDate: z.string(),
  caseId: z.number(),
  caseRef: z.string(),
  victimName: z.string(),
  ownerName: text,
});

export const riskViewSchema = z.object({
  riskEvents: z.array(z.object({ id: z.number(), date: z.string(), category: z.string(), description: text, recordedBy: z.string() })),
  liaison: z.array(
    z.object({
      id: z.number(),
      riskEventId: z.number().nullable(),
      date: z.string(),
      agency: z.string(),
      sharedWith: text,
      method: text,
      what: text,
      acknowledgedDate: text,
      recordedBy: z.string(),
      version: z.number(),
    }),
  ),
});
export type RiskView = z.infer<typeof riskViewSchema>;

/**
 * The Risk and liaison section: each risk event with its share timer, and the escalate markers
 * (model v2 §4): a share N working days overdue, liaison unacknowledged N working days after it
 * was shared. What the ready email to the RO's manager names comes with it (nothing about her).
 */
export const riskSectionSchema = z.object({
  riskEvents: z.array(riskViewSchema.shape.riskEvents.element.extend({ shareDue: text, sharedDate: text, escalate: z.boolean() })),
  liaison: z.array(riskViewSchema.shape.liaison.element.extend({ escalate: z.boolean() })),
  caseRef: z.string(),
  crn: text,
  roName: text,
});
export type RiskSection = z.infer<typeof riskSectionSchema>;

export const followUpSchema = z.object({
  id: z.number(),
  /** Shared with the RO: the ready escalation email goes to the RO's manager. */
  crn: text,
  roName: text,
  date: z.string(),
  agency: z.string(),
  sharedWith: text,
  caseId: z.number(),
  caseRef: z.string(),
  ownerName: text,
});

export const childRowSchema = z.object({
  id: z.number(),
  name: z.string(),
  dateOfBirth: text,
  ageYears: z.number().nullable(),
  relationshipToVictim: text,
  relationshipToPerpetrator: text,
  livingWith: text,
  safeguardingStatus: z.enum(['none', 'child_in_need', 'child_protection_plan', 'looked_after']),
  socialWorker: text,
  socialWorkerContact: text,
  notes: text,
  version: z.number(),
});
export type ChildView = z.infer<typeof childRowSchema>;

export const timelineKindSchema = z.enum(['case', 'chase', 'contact', 'programme', 'order', 'risk', 'liaison', 'engagement', 'agency', 'plan']);
export const timelineEntrySchema = z.object({ date: z.string(), time: text, kind: timelineKindSchema, title: z.string(), detail: text, by: text });
export type TimelineEntryView = z.infer<typeof timelineEntrySchema>;

/** What the case header shows beyond the case itself. */
export const caseSummarySchema = z.object({
  activeOrders: z.number(),
  children: z.number(),
  highestSafeguarding: z.enum(['none', 'child_in_need', 'child_protection_plan', 'looked_after']).nullable(),
  noVoicemail: z.boolean(),
  noLetters: z.boolean(),
  noTexts: z.boolean(),
  safeAddressKnown: z.boolean(),
  doNotContactVia: text,
  doNotContactViaAbout: text,
});
