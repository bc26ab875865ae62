/**
 * The keyring: one entry per account, in a small JSON file beside the database, each
 * opening the database's data key with that account's passphrase. It holds no personal
 * data about victims: account names, roles, Argon2id parameters, public keys, ciphertext.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { roleSchema } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { removeIfPresent, writeFileAtomic } from '../files/durable-files';
import { waitForLock } from '../files/file-lock';
import { PlwError } from '../errors';
import { deriveWrappingKey, newKdfParams, type KdfParams } from './kdf';
import { newAccountKeys, openSealedKey, sealDataKey, sealingPublicKeyOf, type AccountPrivateKeys, type AccountPublicKeys } from './account-keys';
import { unwrapKey, wrapKey, type WrappedKey } from './key-wrap';

const wrappedSchema = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });
const kdfSchema = z.object({
  algorithm: z.literal('argon2id'),
  memoryKiB: z.number().int(),
  passes: z.number().int(),
  parallelism: z.number().int(),
  salt: z.string(),
});
const commonEntry = {
  accountName: z.string(),
  role: roleSchema,
  kdf: kdfSchema,
  mustChangePassphrase: z.boolean(),
  // Version 1 kept the unlock-failure counters here; they now live in their own file
  // (unlock-attempts.ts) so a failed guess never rewrites the keyring. Read, never written.
  failedAttempts: z.number().int().min(0).optional(),
  lastFailureAt: z.string().nullable().optional(),
};
/**
 * Version 1 entry: the data key wrapped directly under the passphrase. Still read, so
 * people can unlock after an upgrade; replaced by a version 2 entry at that unlock.
 */
const legacyEntrySchema = z.object({ ...commonEntry, wrapped: wrappedSchema }).strict();
/**
 * Version 2 entry: the account's own key pairs (account-keys.ts), private halves wrapped
 * under the passphrase, and the data key sealed to the public sealing key. Anyone holding
 * the data key can seal a new one to it, so rekeying needs nobody's passphrase.
 */
const sealedEntrySchema = z
  .object({
    ...commonEntry,
    privateKeys: wrappedSchema,
    publicKeys: z.object({ sealing: z.string(), signing: z.string() }),
    sealedKey: z.object({ enc: z.string(), ciphertext: z.string() }),
  })
  .strict();
const entrySchema = z.union([sealedEntrySchema, legacyEntrySchema]);
const keyringSchema = z.object({
  format: z.literal('partner-link-tracker-keyring'),
  version: z.union([z.literal(1), z.literal(2)]),
  databaseId: z.string(),
  teamName: z.string(),
  demo: z.boolean(),
  accounts: z.array(entrySchema),
});

export type SealedEntry = z.infer<typeof sealedEntrySchema>;
export type LegacyEntry = z.infer<typeof legacyEntrySchema>;
export type KeyringEntry = z.infer<typeof entrySchema>;
export type Keyring = z.infer<typeof keyringSchema>;

export const keyringPathFor = (databasePath: string): string => `${databasePath}.keyring`;
/** The keyring that goes with `team.plwdb.next` during a rekey or restore (see database-swap.ts). */
export const pendingKeyringPathFor = (databasePath: string): string => `${databasePath}.keyring.next`;
const keyringLockPathFor = (databasePath: string): string => `${databasePath}.keyring.lock`;

const normalisedName = (accountName: string) => accountName.normalize('NFC').toLocaleLowerCase('en-GB');

export function sameAccountName(a: string, b: string): boolean {
  return normalisedName(a) === normalisedName(b);
}

/** Binding the account and role into the ciphertext means editing the file's role breaks the key. */
function legacyAssociatedData(databaseId: string, accountName: string, role: Role): string {
  return `partner-link-tracker-keyring:v1:${databaseId}:${normalisedName(accountName)}:${role}`;
}
/** The private keys belong to the account, not its role: a role change needs no passphrase. */
function privateKeysAssociatedData(databaseId: string, accountName: string): string {
  return `partner-link-tracker-keyring:v2-private-keys:${databaseId}:${normalisedName(accountName)}`;
}
/** The sealed data key is bound to the role, so editing the role in the file breaks it. */
function sealedKeyAssociatedData(databaseId: string, accountName: string, role: Role): string {
  return `partner-link-tracker-keyring:v2-sealed-key:${databaseId}:${normalisedName(accountName)}:${role}`;
}

export function isSealedEntry(entry: KeyringEntry): entry is SealedEntry {
  return 'sealedKey' in entry;
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
  // Version 2 whatever was read: an older app must not rewrite a keyring it cannot fully read.
  writeFileAtomic(path, `${JSON.stringify({ ...keyring, version: 2 }, null, 2)}\n`);
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

/** The keyring with this account's entry replaced, or added when it has none. */
export function withEntry(keyring: Keyring, fresh: KeyringEntry): Keyring {
  if (!findEntry(keyring, fresh.accountName)) return { ...keyring, accounts: [...keyring.accounts, fresh] };
  return { ...keyring, accounts: keyring.accounts.map((entry) => (sameAccountName(entry.accountName, fresh.accountName) ? fresh : entry)) };
}

/**
 * A version 2 entry with new key pairs: for a new account, a reset, a recovery, or the
 * first unlock after an upgrade. Returns the private keys too (zero them when done).
 */
export async function makeEntry(
  databaseId: string,
  accountName: string,
  role: Role,
  passphrase: string,
  dataKey: Buffer,
  mustChangePassphrase: boolean,
): Promise<{ entry: SealedEntry; privateKeys: AccountPrivateKeys }> {
  const { publicKeys, privateKeys } = await newAccountKeys();
  const entry = await wrapEntry(databaseId, { accountName, role, mustChangePassphrase }, passphrase, publicKeys, privateKeys, dataKey);
  return { entry, privateKeys };
}

/** The same key pairs under a new passphrase (changing your own passphrase). */
export async function wrapEntry(
  databaseId: string,
  account: { accountName: string; role: Role; mustChangePassphrase: boolean },
  passphrase: string,
  publicKeys: AccountPublicKeys,
  privateKeys: AccountPrivateKeys,
  dataKey: Buffer,
): Promise<SealedEntry> {
  const kdf: KdfParams = newKdfParams();
  const wrappingKey = await deriveWrappingKey(passphrase, kdf);
  const secret = Buffer.concat([privateKeys.sealing, privateKeys.signing]);
  const wrapped: WrappedKey = wrapKey(secret, wrappingKey, privateKeysAssociatedData(databaseId, account.accountName));
  secret.fill(0);
  wrappingKey.fill(0);
  const sealedKey = await sealDataKey(dataKey, publicKeys.sealing, sealedKeyAssociatedData(databaseId, account.accountName, account.role));
  return { ...account, kdf, privateKeys: wrapped, publicKeys, sealedKey };
}

/** The same account and key pairs with another data key or role sealed in: no passphrase needed. */
export async function resealEntry(databaseId: string, entry: SealedEntry, dataKey: Buffer, role: Role = entry.role): Promise<SealedEntry> {
  const sealedKey = await sealDataKey(dataKey, entry.publicKeys.sealing, sealedKeyAssociatedData(databaseId, entry.accountName, role));
  return { ...entry, role, sealedKey };
}

export interface OpenedEntry {
  dataKey: Buffer;
  /** Null for a version 1 entry, which has no key pairs yet. */
  privateKeys: AccountPrivateKeys | null;
}

/** The data key (and the account's private keys), or null when the passphrase is wrong. */
export async function unlockEntry(databaseId: string, entry: KeyringEntry, passphrase: string): Promise<OpenedEntry | null> {
  const wrappingKey = await deriveWrappingKey(passphrase, entry.kdf);
  try {
    if (!isSealedEntry(entry)) {
      const dataKey = unwrapKey(entry.wrapped, wrappingKey, legacyAssociatedData(databaseId, entry.accountName, entry.role));
      return dataKey ? { dataKey, privateKeys: null } : null;
    }
    const secret = unwrapKey(entry.privateKeys, wrappingKey, privateKeysAssociatedData(databaseId, entry.accountName));
    if (!secret || secret.length !== 64) return null;
    const privateKeys = { sealing: Buffer.from(secret.subarray(0, 32)), signing: Buffer.from(secret.subarray(32)) };
    secret.fill(0);
    const dataKey = await openSealedKey(entry.sealedKey, privateKeys.sealing, sealedKeyAssociatedData(databaseId, entry.accountName, entry.role));
    // A private key that does not match the public key beside it means the entry was pieced together.
    if (!dataKey || sealingPublicKeyOf(privateKeys.sealing) !== entry.publicKeys.sealing) {
      dataKey?.fill(0);
      zeroPrivateKeys(privateKeys);
      return null;
    }
    return { dataKey, privateKeys };
  } finally {
    wrappingKey.fill(0);
  }
}

/** The data key only, or null when the passphrase is wrong (a passphrase check). */
export async function openEntry(databaseId: string, entry: KeyringEntry, passphrase: string): Promise<Buffer | null> {
  const opened = await unlockEntry(databaseId, entry, passphrase);
  if (!opened) return null;
  if (opened.privateKeys) zeroPrivateKeys(opened.privateKeys);
  return opened.dataKey;
}

export function zeroPrivateKeys(keys: AccountPrivateKeys): void {
  keys.sealing.fill(0);
  keys.signing.fill(0);
}
