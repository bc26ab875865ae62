/** The contract's channels for oversight and fair figures (model v2 §6): case audits, supervision notes, offices. */
import { z } from 'zod';
import { caseIdInput, id } from './contract-primitives';
import { isoDateSchema } from './case-views';
import { auditListSchema, auditSampleSchema, caseAuditInputSchema, caseAuditsSchema, supervisionNoteInputSchema, supervisionViewSchema } from './oversight';

export const oversightChannels = {
  /** A case's audits, with what its records suggest for each checklist question. Reading it is a view of the case. */
  'audits.forCase': { input: caseIdInput, output: caseAuditsSchema },
  /** A manager's audit of a case: whose work it was is the case's owner today, kept with it. */
  'audits.record': { input: z.object({ caseId: id, audit: caseAuditInputSchema }), output: z.object({ auditId: z.number() }) },
  /** N open cases per worker, drawn at random (those audited in the last 90 days left out), for a manager to audit. */
  'audits.sample': {
    input: z.object({ perWorker: z.number().int().min(1, 'Draw at least 1 case').max(20, 'Draw 20 cases or fewer') }),
    output: auditSampleSchema,
  },
  /** Audits done in a period: this month so far unless dates are given. */
  'audits.list': { input: z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() }), output: auditListSchema },
  /** A worker's supervision notes: a manager reads anyone's, a worker only their own. */
  'supervision.list': { input: z.object({ workerId: id.optional() }), output: supervisionViewSchema },
  'supervision.add': { input: supervisionNoteInputSchema, output: z.object({ noteId: z.number() }) },
  /** The team's offices (PDUs), with their open cases and accounts. */
  'offices.list': { input: z.object({}).strict(), output: z.array(z.object({ id: z.number(), name: z.string(), cases: z.number(), accounts: z.number() })) },
  'offices.add': {
    input: z.object({ name: z.string().trim().min(1, 'Enter the office’s name').max(80, 'The office’s name must be 80 characters or fewer') }),
    output: z.object({ officeId: z.number() }),
  },
  /** The office an account works from: new cases it makes start there. */
  'accounts.setOffice': {
    input: z.object({ accountName: z.string().trim().min(1).max(64), officeId: id.nullable() }),
    output: z.object({ ok: z.literal(true) }),
  },
} as const;
