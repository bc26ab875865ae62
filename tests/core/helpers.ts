import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { buildSync } from 'esbuild';
import { afterEach } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { applyCipher } from '../../electron/core/db/open-database';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import { createTeamDatabase } from '../../electron/core/team/create';
import { closeTeamDatabase, type OpenTeamDatabase } from '../../electron/core/team/open-team-database';

export const ADMIN = 'Sam Admin';
export const ADMIN_PASSPHRASE = 'correct horse battery staple';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder for one test, removed after it. */
export function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plw-test-'));
  made.push(dir);
  return dir;
}

export async function newTeamDatabase(teamName = 'Lancashire PLW team'): Promise<{
  open: OpenTeamDatabase;
  recoveryKey: string;
  databasePath: string;
  folder: string;
}> {
  const folder = tempFolder();
  const databasePath = join(folder, 'team.plwdb');
  const { open, recoveryKey } = await createTeamDatabase({ databasePath, teamName, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
  return { open, recoveryKey, databasePath, folder };
}

export { closeTeamDatabase };

/** Damages a file the way a bad disk or a careless edit would: one byte changed in place. */
export function flipByte(path: string, offset: number, mask = 0x01): void {
  const fd = openSync(path, 'r+');
  const byte = Buffer.alloc(1);
  readSync(fd, byte, 0, 1, offset);
  byte[0] = byte[0]! ^ mask;
  writeSync(fd, byte, 0, 1, offset);
  closeSync(fd);
}

/**
 * A test's child program (tests/core/NAME.ts) bundled into a temp folder, to run as a second
 * process. Its native modules load from the project (run it with NODE_PATH=node_modules).
 */
export function bundleTestChild(name: string): string {
  const script = join(tempFolder(), `${name}.cjs`);
  buildSync({
    entryPoints: [join(import.meta.dirname, `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: script,
    external: ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
    logLevel: 'error',
  });
  return script;
}

/** Whether this raw key opens the file (as official SQLCipher would be given it), read-only. */
export function opensWithRawKey(path: string, keyHex: string | null): boolean {
  if (!keyHex) return false;
  const db = new Database(path, { readonly: true });
  try {
    applyCipher(db, keyHex);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/**
 * The core as the app's window reaches it: an AppCore in a fresh folder and the handler
 * table, with `call` (the Result as the window gets it) and `ok` (the value, or a thrown error).
 */
export function coreThroughHandlers(env: Partial<import('../../electron/core/app-core').CoreEnvironment> = {}) {
  const core = new AppCore({ configDir: tempFolder(), emit: () => undefined, choose: async () => null, now: () => new Date('2026-11-24T10:00:00Z'), ...env });
  const handlers = createHandlers(core);
  const call = (channel: string, input: unknown) => dispatch(handlers, channel, input);
  const ok = async (channel: string, input: unknown) => {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value as never;
  };
  /** The open database, for what a second person (or an attacker) does beside the window. */
  const db = () => core.session()!.database.db;
  return { core, handlers, call, ok, db };
}

/**
 * Turns these accounts back into what version 1 of the keyring held (the data key wrapped
 * directly under the passphrase, no key pairs) and forgets their public keys in the database,
 * as a database made before keyring version 2 is. Written by hand from the version 1 format,
 * so the tests check the app still reads files it no longer writes.
 */
export async function asVersion1Accounts(
  open: import('../../electron/core/team/open-team-database').OpenTeamDatabase,
  accounts: { accountName: string; passphrase: string; mustChangePassphrase?: boolean }[],
): Promise<void> {
  const { deriveWrappingKey, newKdfParams } = await import('../../electron/core/crypto/kdf');
  const { wrapKey } = await import('../../electron/core/crypto/key-wrap');
  const { keyringPathFor, readKeyring, withEntry, writeKeyringAtomic } = await import('../../electron/core/crypto/keyring');
  const path = keyringPathFor(open.databasePath);
  let keyring = readKeyring(path);
  for (const { accountName, passphrase, mustChangePassphrase = false } of accounts) {
    const role = (open.db.prepare('SELECT role FROM accounts WHERE account_name = ?').get(accountName) as { role: import('../../shared/roles').Role }).role;
    const kdf = newKdfParams();
    const wrappingKey = await deriveWrappingKey(passphrase, kdf);
    const wrapped = wrapKey(
      open.dataKey,
      wrappingKey,
      `partner-link-tracker-keyring:v1:${keyring.databaseId}:${accountName.normalize('NFC').toLocaleLowerCase('en-GB')}:${role}`,
    );
    keyring = withEntry(keyring, { accountName, role, kdf, wrapped, mustChangePassphrase });
    open.db.prepare('UPDATE accounts SET sealing_public_key = NULL, signing_public_key = NULL WHERE account_name = ?').run(accountName);
    open.db.prepare('DELETE FROM account_signing_keys WHERE account_name = ?').run(accountName);
  }
  writeKeyringAtomic(path, { ...keyring, version: 1 });
}
