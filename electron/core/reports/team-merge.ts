/**
 * Team merge: each PLW exports a summary file of their own anonymised figures; the
 * manager merges several into one team view. The file carries only worker names and
 * numbers (raw counts and the day counts medians need), signed with the exporting
 * account's Ed25519 key (account-keys.ts). The merge checks the signature (an edited or
 * cut-short file is refused) and that the key is one this team's database knows for the
 * account named as signer (a colleague's figures signed with someone else's key are refused).
 */
import { z } from 'zod';
import type { IsoDate } from '../../../shared/calendar';
import { keyFingerprint, signBytes, signingPublicKeyOf, verifySignature } from '../crypto/account-keys';
import { sameAccountName } from '../crypto/keyring';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';
import { signingKeyHolder } from '../team/account-records';
import { combine, figuresOf, type RawFigures, type Summary, type WorkerSummary } from './summary';

const rawSchema = z.object({
  counts: z.record(z.string(), z.number()),
  lagDays: z.array(z.number()),
  attemptDays: z.array(z.number()),
  riskEvents: z.number(),
  riskSharedOnTime: z.number(),
  overdueByTimer: z.record(z.string(), z.number()),
  contactsByMethod: z.record(z.string(), z.number()),
  contactsByOutcome: z.record(z.string(), z.number()),
});
const monthSchema = z.object({
  month: z.string(),
  newReferrals: z.number(),
  referralsLate: z.number(),
  firstContactsDue: z.number(),
  firstContactsOnTime: z.number(),
  victimsOfferedSupport: z.number(),
});
const payloadSchema = z.object({
  format: z.literal('partner-link-tracker-worker-summary'),
  version: z.literal(1),
  period: z.object({ from: z.string(), to: z.string() }),
  generatedAt: z.string(),
  workers: z.array(z.object({ worker: z.string(), raw: rawSchema, months: z.array(monthSchema) })),
});
export type SummaryFilePayload = z.infer<typeof payloadSchema>;
export type MonthCounts = z.infer<typeof monthSchema>;

const signerSchema = z.object({ accountName: z.string().max(64), databaseId: z.string().max(64), publicKey: z.string().max(64) });
export type SummarySigner = z.infer<typeof signerSchema>;
const fileSchema = z.object({ payload: payloadSchema, signer: signerSchema, signature: z.string().max(200) });
/** Version 1 files carried a bare SHA-256, which anyone could recompute after editing. */
const unsignedFileSchema = z.object({ payload: z.unknown(), sha256: z.string() });

/** What is signed: the payload and who signs it, as one canonical string. */
const signedBytes = (payload: SummaryFilePayload, signer: SummarySigner) => Buffer.from(JSON.stringify({ payload, signer }), 'utf8');

export function writeSummaryFile(payload: SummaryFilePayload, signer: { accountName: string; databaseId: string; signingKey: Buffer }): string {
  const who: SummarySigner = { accountName: signer.accountName, databaseId: signer.databaseId, publicKey: signingPublicKeyOf(signer.signingKey) };
  return `${JSON.stringify({ payload, signer: who, signature: signBytes(signer.signingKey, signedBytes(payload, who)) })}\n`;
}

export interface SignedSummaryFile {
  payload: SummaryFilePayload;
  signer: SummarySigner;
}

/**
 * Parses a file and checks its signature; any damage or edit gets one clear message and
 * nothing is merged from it. Who signed is checked against a database by `checkSigner`.
 */
export function readSummaryFile(text: string, name: string): SignedSummaryFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A summary file is JSON: one that starts as one was cut short; anything else (a PDF, a spreadsheet) was never one.
    if (!text.trimStart().startsWith('{'))
      throw new PlwError('VALIDATION', `${name} is not a Partner Link Tracker summary file. Choose the .json file a worker exported.`);
    throw new PlwError('VALIDATION', `${name} is not a complete summary file: it may have been cut short. Ask for it to be exported again.`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    if (unsignedFileSchema.safeParse(json).success) {
      throw new PlwError(
        'VALIDATION',
        `${name} was made by an older version of the app and is not signed, so it cannot be trusted. Ask for it to be exported again.`,
      );
    }
    throw new PlwError('VALIDATION', `${name} is not a Partner Link Tracker summary file.`);
  }
  const { payload, signer, signature } = parsed.data;
  if (!verifySignature(signer.publicKey, signedBytes(payload, signer), signature)) {
    throw new PlwError('VALIDATION', `${name} has been changed since it was exported, so it cannot be trusted. Ask for it to be exported again.`);
  }
  return { payload, signer };
}

/**
 * The signer named in the file must be an account of this team's database whose signing
 * key (now, or before a passphrase change) is the one that signed it. Returns how to show it.
 */
export function checkSigner(
  db: Db,
  databaseId: string,
  file: SignedSummaryFile,
  name: string,
): { signedBy: string; fingerprint: string; keyRetiredAt: string | null } {
  const { signer } = file;
  if (signer.databaseId !== databaseId) {
    throw new PlwError(
      'VALIDATION',
      `${name} was signed in another team's database, so this team cannot check who signed it. Ask for it to be exported from this team's database.`,
    );
  }
  const holder = signingKeyHolder(db, signer.publicKey);
  if (!holder || !sameAccountName(holder.accountName, signer.accountName)) {
    throw new PlwError('VALIDATION', `${name} says it was signed by ${signer.accountName}, but not with their key: it may be forged. It was not merged.`);
  }
  return { signedBy: holder.accountName, fingerprint: keyFingerprint(signer.publicKey), keyRetiredAt: holder.retiredAt };
}

/**
 * Merges files for one period. A later file for the same worker replaces the earlier one,
 * so sending a file twice never double counts.
 */
export function mergeSummaryFiles(files: SummaryFilePayload[]): {
  period: { from: IsoDate; to: IsoDate };
  workers: { worker: string; raw: RawFigures; months: MonthCounts[] }[];
} {
  if (!files.length) throw new PlwError('VALIDATION', 'Add at least one summary file.');
  const period = files[0]!.period;
  const other = files.find((f) => f.period.from !== period.from || f.period.to !== period.to);
  if (other)
    throw new PlwError(
      'VALIDATION',
      `All files must cover the same period: one covers ${other.period.from} to ${other.period.to}, another ${period.from} to ${period.to}.`,
    );
  const byWorker = new Map<string, SummaryFilePayload['workers'][number]>();
  for (const file of files) for (const w of file.workers) byWorker.set(w.worker.toLocaleLowerCase('en-GB'), w);
  return { period, workers: [...byWorker.values()].sort((a, b) => a.worker.localeCompare(b.worker, 'en-GB')) };
}

function monthsTotal(list: MonthCounts[][]): MonthCounts[] {
  const months = new Map<string, MonthCounts>();
  for (const m of list.flat()) {
    const t = months.get(m.month) ?? {
      month: m.month,
      newReferrals: 0,
      referralsLate: 0,
      firstContactsDue: 0,
      firstContactsOnTime: 0,
      victimsOfferedSupport: 0,
    };
    t.newReferrals += m.newReferrals;
    t.referralsLate += m.referralsLate;
    t.firstContactsDue += m.firstContactsDue;
    t.firstContactsOnTime += m.firstContactsOnTime;
    t.victimsOfferedSupport += m.victimsOfferedSupport;
    months.set(m.month, t);
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export function mergedSummary(merged: ReturnType<typeof mergeSummaryFiles>): Summary {
  return {
    period: merged.period,
    scope: `Team (merged from ${merged.workers.length} worker${merged.workers.length === 1 ? '' : 's'})`,
    team: figuresOf(combine(merged.workers.map((w) => w.raw))),
    equality: null,
    workers: merged.workers.map((w) => ({ worker: w.worker, ...figuresOf(w.raw) })),
    trend: monthsTotal(merged.workers.map((w) => w.months)).map((m) => ({
      month: m.month,
      new_referrals: m.newReferrals,
      referrals_late: m.referralsLate,
      first_contacts_on_time_pct: m.firstContactsDue ? Math.round((m.firstContactsOnTime / m.firstContactsDue) * 100) : null,
      victims_offered_support: m.victimsOfferedSupport,
    })),
  };
}

export function payloadFor(
  period: { from: IsoDate; to: IsoDate },
  workers: WorkerSummary[],
  months: Map<string, MonthCounts[]>,
  generatedAt: string,
): SummaryFilePayload {
  return {
    format: 'partner-link-tracker-worker-summary',
    version: 1,
    period,
    generatedAt,
    // No equality breakdowns leave in a summary file (they could not be shown fewer-than-5 and still add up): a worker's raw figures carry none.
    workers: workers.map(({ worker, raw }) => ({ worker, raw, months: months.get(worker) ?? [] })),
  };
}
