import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertKdfStrongEnough, deriveWrappingKey, newKdfParams, KDF_FLOOR } from '../../electron/core/crypto/kdf';
import { isSealedEntry, keyringPathFor, readKeyring, writeKeyringAtomic } from '../../electron/core/crypto/keyring';
import { PlwError } from '../../electron/core/errors';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase } from './helpers';

describe('keyring', () => {
  it('wraps the data key with Argon2id at 64 MiB and 3 passes or more, and stores the parameters beside it', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const keyring = readKeyring(keyringPathFor(databasePath));
    expect(keyring.accounts).toHaveLength(1);
    const [entry] = keyring.accounts;
    expect(entry!.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, passes: 3 });
    expect(Buffer.from(entry!.kdf.salt, 'base64')).toHaveLength(16);
    expect(isSealedEntry(entry!) && Buffer.from(entry.privateKeys.iv, 'base64')).toHaveLength(12);
  });

  it('refuses parameters weaker than the floor, so a tampered keyring cannot downgrade them', () => {
    expect(() => assertKdfStrongEnough(newKdfParams())).not.toThrow();
    for (const weaker of [{ memoryKiB: KDF_FLOOR.memoryKiB - 1 }, { passes: 2 }, { parallelism: 0 }, { salt: 'AAAA' }]) {
      expect(() => assertKdfStrongEnough({ ...newKdfParams(), ...weaker })).toThrow(PlwError);
    }
  });

  it('refuses to unlock with weakened parameters written into the file', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const path = keyringPathFor(databasePath);
    const keyring = readKeyring(path);
    keyring.accounts[0]!.kdf.memoryKiB = 1024;
    writeKeyringAtomic(path, keyring);
    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({
      code: 'DATABASE_DAMAGED',
    });
  });

  it('refuses parameters edited so high they would hang every unlock, at once', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const path = keyringPathFor(databasePath);
    for (const change of [{ memoryKiB: 2 ** 32 - 1 }, { passes: 1_000_000_000 }, { parallelism: 255 }]) {
      const keyring = readKeyring(path);
      keyring.accounts[0]!.kdf = { ...newKdfParams(), ...change };
      writeKeyringAtomic(path, keyring);
      const started = Date.now();
      await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({
        code: 'DATABASE_DAMAGED',
        message: expect.stringMatching(/more passphrase work than this app will do/),
      });
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it('binds the role into the ciphertext: promoting an account by editing the file breaks its key', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const path = keyringPathFor(databasePath);
    const keyring = readKeyring(path);
    keyring.accounts[0]!.role = 'manager';
    writeKeyringAtomic(path, keyring);
    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
  });

  it('says clearly when the keyring file is damaged', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    writeFileSync(keyringPathFor(databasePath), '{ not json');
    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({
      code: 'DATABASE_DAMAGED',
      message: expect.stringMatching(/keyring file is damaged/),
    });
  });

  it('is written atomically: no temp file is left beside it', async () => {
    const { open, databasePath, folder } = await newTeamDatabase();
    closeTeamDatabase(open);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(keyringPathFor(databasePath), 'utf8')).format).toBe('partner-link-tracker-keyring');
  });
});

describe('the key derivation', () => {
  it('is real Argon2id with the stored parameters: it matches Node’s own independent implementation', async () => {
    const crypto = (await import('node:crypto')) as unknown as {
      argon2Sync?: (
        algorithm: string,
        options: { message: string; nonce: Buffer; parallelism: number; tagLength: number; memory: number; passes: number },
      ) => Buffer;
    };
    expect(crypto.argon2Sync, 'Node 24.7+ has crypto.argon2Sync').toBeTypeOf('function');
    const params = newKdfParams();
    const ours = await deriveWrappingKey('kettle lantern orchard seven', params);
    const nodes = crypto.argon2Sync!('argon2id', {
      message: 'kettle lantern orchard seven',
      nonce: Buffer.from(params.salt, 'base64'),
      parallelism: params.parallelism,
      tagLength: 32,
      memory: params.memoryKiB,
      passes: params.passes,
    });
    expect(Buffer.from(nodes).equals(ours)).toBe(true);
  });
});

describe('the data key handed to SQLite', () => {
  it('is SQLCipher’s raw-key phrase, built as bytes (no string to linger in the heap)', async () => {
    const { rawKeyPhrase } = await import('../../electron/core/db/open-database');
    const key = Buffer.from('00ff10ab'.repeat(8), 'hex');
    const phrase = rawKeyPhrase(key);
    expect(Buffer.isBuffer(phrase)).toBe(true);
    expect(phrase.toString('latin1')).toBe(`x'${'00ff10ab'.repeat(8)}'`);
    expect(() => rawKeyPhrase(Buffer.alloc(16))).toThrow();
  });
});
