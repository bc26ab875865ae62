/**
 * Passphrase → wrapping key with Argon2id. The parameters are stored beside each
 * wrapped key so they can be raised later without breaking old keyrings; anything
 * weaker than the floor is refused, so a tampered keyring cannot downgrade them.
 */
import { randomBytes } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { PlwError } from '../errors';

export interface KdfParams {
  algorithm: 'argon2id';
  memoryKiB: number;
  passes: number;
  parallelism: number;
  /** base64, 16 random bytes */
  salt: string;
}

export const KDF_FLOOR = { memoryKiB: 64 * 1024, passes: 3, parallelism: 1 } as const;
/**
 * And a ceiling: a keyring edited to ask for 4 TiB of memory or a billion passes would hang
 * or crash every unlock (a denial of service by file edit). 1 GiB and 20 passes is several
 * times what any office computer would be set to.
 */
export const KDF_CEILING = { memoryKiB: 1024 * 1024, passes: 20, parallelism: 16 } as const;

// The @node-rs/argon2 enum is a `const enum`, which isolated modules cannot import: 2 is Argon2id.
const ARGON2ID = 2;

export function newKdfParams(): KdfParams {
  return { algorithm: 'argon2id', ...KDF_FLOOR, salt: randomBytes(16).toString('base64') };
}

export function assertKdfStrongEnough(params: KdfParams): void {
  if (
    params.algorithm !== 'argon2id' ||
    params.memoryKiB < KDF_FLOOR.memoryKiB ||
    params.passes < KDF_FLOOR.passes ||
    params.parallelism < 1 ||
    Buffer.from(params.salt, 'base64').length < 16
  ) {
    throw new PlwError(
      'DATABASE_DAMAGED',
      'The keyring asks for weaker passphrase protection than this app accepts. It may have been tampered with. Use the recovery key or a backup.',
    );
  }
  if (params.memoryKiB > KDF_CEILING.memoryKiB || params.passes > KDF_CEILING.passes || params.parallelism > KDF_CEILING.parallelism) {
    throw new PlwError(
      'DATABASE_DAMAGED',
      'The keyring asks for more passphrase work than this app will do (it would stop the computer). It may have been tampered with. Use the recovery key or a backup.',
    );
  }
}

export async function deriveWrappingKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  assertKdfStrongEnough(params);
  // NFC so the same passphrase typed on Windows and macOS derives the same key.
  return hashRaw(passphrase.normalize('NFC'), {
    algorithm: ARGON2ID,
    memoryCost: params.memoryKiB,
    timeCost: params.passes,
    parallelism: params.parallelism,
    outputLen: 32,
    salt: Buffer.from(params.salt, 'base64'),
  });
}
