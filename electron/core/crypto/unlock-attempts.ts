/**
 * Wrong-passphrase counters, one per account, in their own small file beside the
 * keyring (`team.plwdb.unlock-attempts`). Kept apart from the keyring so that a failed
 * guess, which must be counted even though nothing can be decrypted, never rewrites
 * the keyring: an account added or a key changed at the same moment cannot be undone
 * by it. Every update is a read-change-write under the file's lock, so eight wrong
 * guesses at once count eight.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../files/durable-files';
import { waitForLock } from '../files/file-lock';
import { PlwError } from '../errors';

export interface Attempts {
  failedAttempts: number;
  lastFailureAt: string | null;
}

const fileSchema = z.object({
  format: z.literal('partner-link-tracker-unlock-attempts'),
  version: z.literal(1),
  accounts: z.record(z.string(), z.object({ failedAttempts: z.number().int().min(0), lastFailureAt: z.string().nullable() })),
});
type AttemptsFile = z.infer<typeof fileSchema>;

export const unlockAttemptsPathFor = (databasePath: string): string => `${databasePath}.unlock-attempts`;
const NONE: Attempts = { failedAttempts: 0, lastFailureAt: null };
const WAIT_MS = 15_000;

const keyOf = (accountName: string) => accountName.normalize('NFC').toLocaleLowerCase('en-GB');

/**
 * A missing or unreadable file counts as no failures: the counters only slow a person
 * guessing at the keyboard (anyone who can edit this file has the keyring file too,
 * and there Argon2id is what slows them).
 */
function readFile(path: string): AttemptsFile {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    /* no file yet */
  }
  return { format: 'partner-link-tracker-unlock-attempts', version: 1, accounts: {} };
}

export function readAttempts(databasePath: string, accountName: string): Attempts {
  return readFile(unlockAttemptsPathFor(databasePath)).accounts[keyOf(accountName)] ?? NONE;
}

async function update(databasePath: string, accountName: string, change: (current: Attempts) => Attempts | null): Promise<Attempts> {
  const path = unlockAttemptsPathFor(databasePath);
  const attempt = await waitForLock(`${path}.lock`, 'unlock-attempts', WAIT_MS);
  if (!('acquired' in attempt)) throw new PlwError('IN_USE', 'Another unlock is still being checked. Wait a moment and try again.');
  try {
    const file = readFile(path);
    const before = file.accounts[keyOf(accountName)] ?? NONE;
    const after = change(before);
    if (after) file.accounts[keyOf(accountName)] = after;
    else delete file.accounts[keyOf(accountName)];
    writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
    return before;
  } finally {
    attempt.acquired.release();
  }
}

/** Counts one wrong passphrase; returns the count before it. */
export function recordFailedAttempt(databasePath: string, accountName: string, at: Date): Promise<Attempts> {
  return update(databasePath, accountName, (current) => ({ failedAttempts: current.failedAttempts + 1, lastFailureAt: at.toISOString() }));
}

/** Clears the count after a right passphrase; returns what it was, for the audit log. */
export async function clearFailedAttempts(databasePath: string, accountName: string): Promise<Attempts> {
  if (readAttempts(databasePath, accountName).failedAttempts === 0) return NONE;
  return update(databasePath, accountName, () => null);
}
