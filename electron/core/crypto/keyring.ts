/**
 * The keyring: one wrapped copy of the database's data key per account, in a small
 * JSON file beside the database. It holds no personal data about victims: account
 * names, roles, Argon2id parameters and ciphertext.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { roleSchema } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { removeIfPresent, writeFileAtomic } from '../db/durable-files';
import { waitForLock } from '../db/file-lock';
import { PlwError } from '../errors';
import { deriveWrappingKey, newKdfParams, type KdfParams } from './kdf';
import { unwrapKey, wrapKey, type WrappedKey } from './key-wrap';

const wrappedSchema = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });
const kdfSchema = z.object({
  algorithm: z.literal('argon2id'),
  memoryKiB: z.number().int(),
  passes: z.number().int(),
  parallelism: z.number().int(),
  salt: z.string(),
});
const entrySchema = z.object({
  accountName: z.string(),
  role: roleSchema,
  kdf: kdfSchema,
  wrapped: wrappedSchema,
  mustChangePassphrase: z.boolean(),
  // Version 1 kept the unlock-failure counters here; they now live in their own file
  // (unlock-attempts.ts) so a failed guess never rewrites the keyring. Read, never written.
  failedAttempts: z.number().int().min(0).optional(),
  lastFailureAt: z.string().nullable().optional(),
});
const keyringSchema = z.object({
  format: z.literal('partner-link-tracker-keyring'),
  version: z.literal(1),
  databaseId: z.string(),
  teamName: z.string(),
  demo: z.boolean(),
  accounts: z.array(entrySchema),
});

export type KeyringEntry = z.infer<typeof entrySchema>;
export type Keyring = z.infer<typeof keyringSchema>;

export const keyringPathFor = (databasePath: string): string => `${databasePath}.keyring`;
/** The keyring that goes with `team.plwdb.next` during a rekey or restore (see database-swap.ts). */
export const pendingKeyringPathFor = (databasePath: string): string => `${databasePath}.keyring.next`;
const keyringLockPathFor = (databasePath: string): string => `${databasePath}.keyring.lock`;

export function sameAccountName(a: string, b: string): boolean {
  return a.normalize('NFC').toLocaleLowerCase('en-GB') === b.normalize('NFC').toLocaleLowerCase('en-GB');
}

/** Binding the account and role into the ciphertext means editing the file's role breaks the key. */
function associatedData(databaseId: string, accountName: string, role: Role): string {
  return `partner-link-tracker-keyring:v1:${databaseId}:${accountName.normalize('NFC').toLocaleLowerCase('en-GB')}:${role}`;
}

export function readKeyring(path: string): Keyring {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new PlwError('NO_DATABASE', 'The keyring file beside the database is missing. Restore it from a backup, or use the recovery key.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PlwError('DATABASE_DAMAGED', 'The keyring file is damaged. Restore it from a backup, or use the recovery key.');
  }
  const parsed = keyringSchema.safeParse(json);
  if (!parsed.success) {
    throw new PlwError('DATABASE_DAMAGED', 'The keyring file is not in a format this app understands. Restore it from a backup, or use the recovery key.');
  }
  return parsed.data;
}

/** Temp file, fsync, rename, fsync the folder: the keyring is either the old one or the new one, never half. */
export function writeKeyringAtomic(path: string, keyring: Keyring): void {
  writeFileAtomic(path, `${JSON.stringify(keyring, null, 2)}\n`);
}

export { removeIfPresent };

/** How long a change to the keyring waits for another one (a few Argon2id-free writes) to finish. */
const KEYRING_WAIT_MS = 15_000;

/**
 * Runs `work` holding the keyring's lock, on the keyring as it is now (re-read inside
 * the lock), and writes what it returns. Two changes at once, in one program or two,
 * therefore apply one after the other and neither is lost. `work` must not wait on
 * anything slow (derive keys before calling this).
 */
export async function withKeyringLock<T>(databasePath: string, work: (keyring: Keyring) => T): Promise<T> {
  const attempt = await waitForLock(keyringLockPathFor(databasePath), 'keyring', KEYRING_WAIT_MS);
  if (!('acquired' in attempt)) {
    throw new PlwError('IN_USE', 'Another change to the accounts is still being saved. Wait a moment and try again.');
  }
  try {
    return work(readKeyring(keyringPathFor(databasePath)));
  } finally {
    attempt.acquired.release();
  }
}

/** Reads, changes and writes the keyring under its lock. */
export function updateKeyring(databasePath: string, change: (keyring: Keyring) => Keyring): Promise<Keyring> {
  return withKeyringLock(databasePath, (keyring) => {
    const next = change(keyring);
    writeKeyringAtomic(keyringPathFor(databasePath), next);
    return next;
  });
}

export function findEntry(keyring: Keyring, accountName: string): KeyringEntry | undefined {
  return keyring.accounts.find((entry) => sameAccountName(entry.accountName, accountName));
}

export async function makeEntry(
  databaseId: string,
  accountName: string,
  role: Role,
  passphrase: string,
  dataKey: Buffer,
  mustChangePassphrase: boolean,
): Promise<KeyringEntry> {
  const kdf: KdfParams = newKdfParams();
  const wrappingKey = await deriveWrappingKey(passphrase, kdf);
  const wrapped: WrappedKey = wrapKey(dataKey, wrappingKey, associatedData(databaseId, accountName, role));
  wrappingKey.fill(0);
  return { accountName, role, kdf, wrapped, mustChangePassphrase };
}

/** The data key, or null when the passphrase is wrong. */
export async function openEntry(databaseId: string, entry: KeyringEntry, passphrase: string): Promise<Buffer | null> {
  const wrappingKey = await deriveWrappingKey(passphrase, entry.kdf);
  const dataKey = unwrapKey(entry.wrapped, wrappingKey, associatedData(databaseId, entry.accountName, entry.role));
  wrappingKey.fill(0);
  return dataKey;
}
