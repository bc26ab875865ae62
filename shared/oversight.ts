/**
 * Oversight (model v2 §6): a manager's case audit (a checklist, an outcome, actions) and
 * supervision notes per worker. The 2018 inspection found management oversight sufficient in
 * 27% of cases and PLWs with no way to quality-assure their work.
 */
import { z } from 'zod';
import { date, optionalText, tuple } from './record-inputs';
import { labelled } from './reference-data';

export const AUDIT_CHECKLIST = labelled({
  referral_chased: 'The referral was chased while it was late',
  first_contact_on_time: 'First contact was attempted on time',
  contact_adequate: 'Contact with her has been kept up',
  safety_plan_current: 'The safety plan is current',
  risk_shared: 'Risk information was shared with the RO in time',
  orders_known: 'Protective orders are recorded and known',
});
export type AuditItem = (typeof AUDIT_CHECKLIST.values)[number];

export const AUDIT_ANSWERS = labelled({ yes: 'Yes', no: 'No', not_applicable: 'Does not apply' });
export type AuditAnswer = (typeof AUDIT_ANSWERS.values)[number];

export const AUDIT_OUTCOMES = labelled({ good: 'Good', requires_improvement: 'Requires improvement', inadequate: 'Inadequate' });
export type AuditOutcome = (typeof AUDIT_OUTCOMES.values)[number];

const answer = z.enum(tuple(AUDIT_ANSWERS.values), { message: 'Answer each question: yes, no or does not apply' });
export const caseAuditInputSchema = z.object({
  date: date('the date of the audit'),
  checklist: z.object(Object.fromEntries(AUDIT_CHECKLIST.values.map((item) => [item, answer])) as Record<AuditItem, typeof answer>),
  outcome: z.enum(tuple(AUDIT_OUTCOMES.values), { message: 'Choose the outcome of the audit' }),
  actions: optionalText(4000, 'Actions'),
});
export type CaseAuditInput = z.output<typeof caseAuditInputSchema>;

export const supervisionNoteInputSchema = z.object({
  workerId: z.number().int().positive({ message: 'Choose the worker' }),
  date: date('the date of the supervision'),
  note: z.string({ message: 'Enter the note' }).trim().min(1, 'Enter the note').max(20_000, 'The note must be 20000 characters or fewer'),
});

const text = z.string().nullable();
export const caseAuditViewSchema = z.object({
  id: z.number(),
  date: z.string(),
  auditor: z.string(),
  ownerName: text,
  checklist: z.record(z.string(), z.string()),
  outcome: z.string(),
  actions: text,
});
export type CaseAuditView = z.infer<typeof caseAuditViewSchema>;

export const caseAuditsSchema = z.object({
  audits: z.array(caseAuditViewSchema),
  /** What the case's own records say for each question: the auditor confirms or changes it. */
  suggested: z.record(z.string(), z.string()),
});

export const auditSampleSchema = z.object({
  drawnAt: z.string(),
  rows: z.array(z.object({ worker: z.string(), caseId: z.number(), caseRef: z.string(), stage: z.string(), lastAudited: text })),
});

export const auditListSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(caseAuditViewSchema.extend({ caseId: z.number(), caseRef: z.string() })),
});

export const supervisionViewSchema = z.object({
  asOf: z.string(),
  worker: z.object({ id: z.number(), name: z.string() }).nullable(),
  notes: z.array(z.object({ id: z.number(), date: z.string(), manager: z.string(), note: z.string() })),
});
