/** Shapes of what the caseload, case page, Today and the chase list show: zod schemas for the contract. */
import { z } from 'zod';
import {
  CUSTODY_STATUSES,
  DISABILITIES,
  ENGAGEMENT_SOURCES,
  ENGAGEMENT_STATUSES,
  ETHNICITIES,
  FLAGS,
  MAPPA_CATEGORIES,
  MAPPA_LEVELS,
  PROGRAMME_OUTCOMES,
  PROGRAMME_STATUSES,
  RELATIONSHIPS,
  REQUIREMENTS,
  RISK_LEVELS,
  SENTENCE_TYPES,
  SEXES,
  SEXUAL_ORIENTATIONS,
  STAGES,
} from './reference-data';
import { TIMER_IDS, TIMER_STATUSES } from './timer-rules';

const tuple = <K extends string>(values: K[]) => values as unknown as readonly [K, ...K[]];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD');
const text = z.string().nullable();

export const stageSchema = z.enum(tuple(STAGES.values));
export const riskSchema = z.enum(tuple(RISK_LEVELS.values));
export const timerIdSchema = z.enum(TIMER_IDS);
export const timerStatusSchema = z.enum(TIMER_STATUSES);
export const engagementSchema = z.enum(tuple(ENGAGEMENT_STATUSES.values));

export const scopeSchema = z.object({
  scope: z.enum(['mine', 'team', 'worker']).default('mine'),
  workerId: z.number().int().positive().optional(),
});

export const caseloadQuerySchema = scopeSchema.extend({
  stage: stageSchema.optional(),
  /** Open cases only (any stage but closed): the caseload's default view. */
  open: z.boolean().optional(),
  flag: z.enum(tuple(FLAGS.values)).optional(),
  timerStatus: z.enum(['overdue', 'due_soon', 'pending', 'none']).optional(),
  risk: riskSchema.optional(),
  engagement: engagementSchema.optional(),
  /** The perpetrator's custody status is "in custody". */
  inCustody: z.boolean().optional(),
  search: z.string().max(100, 'Search must be 100 characters or fewer').optional(),
  sort: z.enum(['caseRef', 'crn', 'victim', 'perpetrator', 'owner', 'stage', 'nextDue', 'risk']).default('nextDue'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
});
export type CaseloadQueryInput = z.input<typeof caseloadQuerySchema>;
export type CaseloadQuery = z.output<typeof caseloadQuerySchema> & { asOf: string };

export const caseloadRowSchema = z.object({
  caseId: z.number(),
  caseRef: z.string(),
  crn: text,
  victimName: z.string(),
  perpetratorName: z.string(),
  ownerName: text,
  stage: stageSchema,
  nextTimer: timerIdSchema.nullable(),
  nextDueDate: text,
  nextStatus: timerStatusSchema.nullable(),
  riskToVictim: riskSchema.nullable(),
});
export type CaseloadRow = z.infer<typeof caseloadRowSchema>;

export const caseFieldsViewSchema = z.object({
  caseRef: z.string(),
  ownerName: z.string(),
  officeId: z.number().nullable(),
  victimName: z.string(),
  victimDob: text,
  victimPhone: text,
  victimEmail: text,
  victimAddress: text,
  victimPostcode: text,
  noVoicemail: z.boolean(),
  noLetters: z.boolean(),
  safeContactNotes: text,
  relationship: z.enum(tuple(RELATIONSHIPS.values)).nullable(),
  sex: z.enum(tuple(SEXES.values)).nullable(),
  ethnicity: z.enum(tuple(ETHNICITIES.values)).nullable(),
  disability: z.enum(tuple(DISABILITIES.values)).nullable(),
  sexualOrientation: z.enum(tuple(SEXUAL_ORIENTATIONS.values)).nullable(),
  welshLanguage: z.boolean(),
  perpetratorName: z.string(),
  crn: text,
  perpetratorDob: text,
  perpetratorId: z.number(),
  consentGivenDate: text,
  consentWithdrawnDate: text,
  custodyStatus: z.enum(tuple(CUSTODY_STATUSES.values)).nullable(),
  custodyStatusDate: text,
  releaseDate: text,
  supervisionEndDate: text,
  mappaCategory: z.enum(tuple(MAPPA_CATEGORIES.values)).nullable(),
  mappaLevel: z.enum(tuple(MAPPA_LEVELS.values)).nullable(),
  roName: text,
  roEmail: text,
  roPhone: text,
  roOffice: text,
  sentenceDate: z.string(),
  sentenceType: z.enum(tuple(SENTENCE_TYPES.values)).nullable(),
  requirement: z.enum(tuple(REQUIREMENTS.values)).nullable(),
  referralReceivedDate: text,
  referralSource: text,
  programmeStatus: z.enum(tuple(PROGRAMME_STATUSES.values)).nullable(),
  programmeStartDate: text,
  programmeEndDate: text,
  programmeOutcome: z.enum(tuple(PROGRAMME_OUTCOMES.values)).nullable(),
  riskToVictim: riskSchema.nullable(),
  riskToChildren: riskSchema.nullable(),
  flags: z.array(z.enum(tuple(FLAGS.values))),
  closedDate: text,
});

export const caseDetailSchema = z.object({
  caseId: z.number(),
  /** Sent back by the edit form: a save from an out-of-date copy is refused. */
  version: z.number(),
  /** The perpetrator's own version: his facts are shared with his other cases. */
  perpetratorVersion: z.number(),
  caseRef: z.string(),
  stage: stageSchema,
  engagement: z.object({
    status: engagementSchema,
    since: text,
    history: z.array(z.object({ date: z.string(), status: engagementSchema, source: z.enum(tuple(ENGAGEMENT_SOURCES.values)), by: z.string(), reason: text })),
  }),
  /** Other cases naming the same perpetrator. */
  linkedCases: z.array(
    z.object({
      caseId: z.number(),
      caseRef: z.string(),
      ownerName: text,
      relationship: z.enum(tuple(RELATIONSHIPS.values)).nullable(),
      riskToVictim: riskSchema.nullable(),
      closedDate: text,
    }),
  ),
  /** Other people on record with his name and date of birth, whom a worker may link by hand. */
  linkCandidates: z.array(z.object({ caseId: z.number(), caseRef: z.string(), crn: text })),
  /** Other names and dates of birth he is on record under. */
  aliases: z.array(z.object({ name: z.string(), dateOfBirth: text, how: z.string() })),
  ownerName: text,
  fields: caseFieldsViewSchema,
  timers: z.array(z.object({ timer: timerIdSchema, startDate: z.string(), dueDate: z.string(), metDate: text, orderRef: text, status: timerStatusSchema })),
  chases: z.array(z.object({ date: z.string(), toWhom: text, method: text, note: text, recordedBy: z.string() })),
  programmeHistory: z.array(
    z.object({ fromStatus: text, toStatus: z.string(), date: z.string(), reason: text, recordedBy: z.string(), recordedAt: z.string() }),
  ),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const todayRowSchema = z.object({
  timer: timerIdSchema,
  dueDate: z.string(),
  orderRef: text,
  caseId: z.number(),
  caseRef: z.string(),
  victimName: z.string(),
  ownerName: text,
  status: z.enum(['overdue', 'due_soon']),
  daysOverdue: z.number(),
  /** A risk share overdue by the team's working days (2 by default): escalate to the RO's manager. */
  escalate: z.boolean(),
});
export type TodayRow = z.infer<typeof todayRowSchema>;

export const releaseRowSchema = z.object({
  caseId: z.number(),
  caseRef: z.string(),
  victimName: z.string(),
  ownerName: text,
  releaseDate: z.string(),
  custodyStatus: z.enum(tuple(CUSTODY_STATUSES.values)).nullable(),
});
export type ReleaseRow = z.infer<typeof releaseRowSchema>;

export const todayResultSchema = z.object({
  asOf: z.string(),
  /** Open cases whose perpetrator is released in the next N days (the team's setting, 28). */
  releases: z.object({ days: z.number(), total: z.number(), rows: z.array(releaseRowSchema) }),
  total: z.number(),
  overdue: z.number(),
  dueSoon: z.number(),
  byTimer: z.array(z.object({ timer: timerIdSchema, overdue: z.number(), dueSoon: z.number() })),
  /** The card's filter the list shows (only overdue, only due soon), and how many rows that is over every page. */
  status: z.enum(['overdue', 'due_soon']).nullable(),
  listed: z.number(),
  page: z.number(),
  pages: z.number(),
  pageSize: z.number(),
  rows: z.array(todayRowSchema),
  truncated: z.boolean(),
});
export type TodayResult = z.infer<typeof todayResultSchema>;

export const chaseListRowSchema = z.object({
  caseId: z.number(),
  caseRef: z.string(),
  /** For the team view's Victim column: the worker's own list is read by case. Never in an email. */
  victimName: z.string(),
  crn: text,
  roName: text,
  roEmail: text,
  sentenceDate: z.string(),
  dueDate: z.string(),
  ownerName: text,
  daysOverdue: z.number(),
  chases: z.number(),
  lastChaseDate: text,
  chaseDue: z.boolean(),
  escalate: z.boolean(),
});
export type ChaseListRow = z.infer<typeof chaseListRowSchema>;

export const chaseInputSchema = z.object({
  date: isoDate.refine((v) => !Number.isNaN(Date.parse(v)), 'Enter a real date'),
  toWhom: z
    .string()
    .trim()
    .max(120)
    .optional()
    .transform((v) => (v ? v : null)),
  method: z
    .enum(['email', 'phone', 'meeting', 'letter'])
    .optional()
    .transform((v) => v ?? null),
  note: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => (v ? v : null)),
});

export const isoDateSchema = isoDate;
