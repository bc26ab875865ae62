/** The contract's channels for oversight: case audits and supervision notes (model v2 §6). */
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
} as const;
