/**
 * The keyring: one wrapped copy of the database's data key per account, in a small
 * JSON file beside the database. It holds no personal data about victims: account
 * names, roles, Argon2id parameters, ciphertext, and the unlock-failure counters.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { roleSchema } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
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
  failedAttempts: z.number().int().min(0),
  lastFailureAt: z.string().nullable(),
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
/** Written before a rekey and promoted after it, so a crash mid-rekey never strands the data. */
export const pendingKeyringPathFor = (databasePath: string): string => `${databasePath}.keyring.next`;

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
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(keyring, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncDirectory(dirname(path));
}

function syncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; the rename is still atomic there.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function removeIfPresent(path: string): void {
  if (existsSync(path)) unlinkSync(path);
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
  return { accountName, role, kdf, wrapped, mustChangePassphrase, failedAttempts: 0, lastFailureAt: null };
}

/** The data key, or null when the passphrase is wrong. */
export async function openEntry(databaseId: string, entry: KeyringEntry, passphrase: string): Promise<Buffer | null> {
  const wrappingKey = await deriveWrappingKey(passphrase, entry.kdf);
  const dataKey = unwrapKey(entry.wrapped, wrappingKey, associatedData(databaseId, entry.accountName, entry.role));
  wrappingKey.fill(0);
  return dataKey;
}
