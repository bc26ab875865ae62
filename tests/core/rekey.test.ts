import { existsSync } from 'node:fs';
import Official from '@signalapp/sqlcipher';
import { describe, expect, it } from 'vitest';
import { applyCipher } from '../../electron/core/db/open-database';
import { pendingKeyringPathFor } from '../../electron/core/crypto/keyring';
import { addAccount } from '../../electron/core/team/accounts';
import { rekeyTeamDatabase } from '../../electron/core/team/rekey';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { verifyDatabase } from '../../electron/core/team/verify';
import { parseRecoveryKey } from '../../shared/recovery-key';
import Database from 'better-sqlite3-multiple-ciphers';
import { ADMIN, ADMIN_PASSPHRASE, asVersion1Accounts, closeTeamDatabase, newTeamDatabase } from './helpers';

/** Opens the file with a raw key the way official SQLCipher 4 does, or says it cannot. */
function opensWithOfficialSqlcipher(databasePath: string, keyHex: string): boolean {
  const db = new Official(databasePath);
  try {
    // Official SQLCipher logs a failed HMAC to stderr; the failure is the expected answer here.
    db.pragma('cipher_log_level = NONE');
    db.pragma(`key = "x'${keyHex}'"`);
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

describe('the recovery key', () => {
  it('opens the file in official SQLCipher 4 as a raw key', async () => {
    const { open, recoveryKey, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const keyHex = parseRecoveryKey(recoveryKey)!;
    const db = new Official(databasePath);
    db.pragma(`key = "x'${keyHex}'"`);
    expect(String(db.pragma('cipher_version', { simple: true }))).toMatch(/^4\./);
    expect(db.prepare('SELECT account_name AS name, role FROM accounts').all()).toEqual([{ name: ADMIN, role: 'admin' }]);
    // Official SQLCipher's own page check agrees with ours: no rows means no damaged page.
    expect(db.pragma('cipher_integrity_check')).toEqual([]);
    db.close();
  });
});

describe('rekey', () => {
  it("seals the new key to every account's own key pair: nobody else's passphrase is needed, and everyone keeps theirs", async () => {
    const { open, recoveryKey, databasePath } = await newTeamDatabase();
    await addAccount(open, { accountName: 'Priya PLW', role: 'plw', temporaryPassphrase: 'temporary passphrase one' });
    const priya = await unlockTeamDatabase({
      databasePath,
      accountName: 'Priya PLW',
      passphrase: 'temporary passphrase one',
      newPassphrase: 'priya picked this one',
      besideOthers: true,
    });
    closeTeamDatabase(priya);
    const result = await rekeyTeamDatabase(open, { passphrase: ADMIN_PASSPHRASE, others: [] });
    expect(result).toEqual({ recoveryKey: expect.not.stringMatching(recoveryKey), temporaryAccounts: [] });
    closeTeamDatabase(open);
    const again = await unlockTeamDatabase({ databasePath, accountName: 'Priya PLW', passphrase: 'priya picked this one' });
    expect(again.dataKey.toString('hex')).toBe(parseRecoveryKey(result.recoveryKey));
    closeTeamDatabase(again);
  });

  it('keeps the data, gives a new recovery key, and the old recovery key no longer opens the file (accounts from before keyring version 2 need a passphrase)', async () => {
    const { open, recoveryKey, databasePath } = await newTeamDatabase();
    open.db.prepare("INSERT INTO settings (key, value) VALUES ('note', '\"survives rekey\"')").run();
    await addAccount(open, { accountName: 'Priya PLW', role: 'plw', temporaryPassphrase: 'temporary passphrase one' });
    await addAccount(open, { accountName: 'Morgan Manager', role: 'manager', temporaryPassphrase: 'temporary passphrase two' });
    await asVersion1Accounts(open, [
      { accountName: 'Priya PLW', passphrase: 'temporary passphrase one', mustChangePassphrase: true },
      { accountName: 'Morgan Manager', passphrase: 'temporary passphrase two', mustChangePassphrase: true },
    ]);
    const events: string[] = [];

    await expect(rekeyTeamDatabase(open, { passphrase: 'not my passphrase', others: [] })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(
      rekeyTeamDatabase(open, {
        passphrase: ADMIN_PASSPHRASE,
        others: [{ accountName: 'Priya PLW', kind: 'temporary', passphrase: 'priya new temporary one' }],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/Morgan Manager/) });

    // A temporary passphrase stays in every backup's keyring: "x" would be guessed at once.
    await expect(
      rekeyTeamDatabase(open, {
        passphrase: ADMIN_PASSPHRASE,
        others: [
          { accountName: 'Priya PLW', kind: 'temporary', passphrase: 'x' },
          { accountName: 'Morgan Manager', kind: 'temporary', passphrase: 'morgan new temporary' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: 'Passphrase must be 12 characters or more (the temporary passphrase for Priya PLW)' });

    const result = await rekeyTeamDatabase(
      open,
      {
        passphrase: ADMIN_PASSPHRASE,
        others: [
          { accountName: 'Priya PLW', kind: 'current', passphrase: 'temporary passphrase one' },
          { accountName: 'Morgan Manager', kind: 'temporary', passphrase: 'morgan new temporary' },
        ],
      },
      (event) => events.push(`${event.done}/${event.total}`),
    );
    expect(result.temporaryAccounts).toEqual(['Morgan Manager']);
    expect(result.recoveryKey).not.toBe(recoveryKey);
    expect(events.at(-1)).toBe('5/5');
    expect(open.db.pragma('journal_mode', { simple: true })).toBe('wal');
    closeTeamDatabase(open);

    expect(existsSync(pendingKeyringPathFor(databasePath))).toBe(false);
    expect(opensWithOfficialSqlcipher(databasePath, parseRecoveryKey(recoveryKey)!)).toBe(false);
    expect(opensWithOfficialSqlcipher(databasePath, parseRecoveryKey(result.recoveryKey)!)).toBe(true);
    expect(verifyDatabase(databasePath, parseRecoveryKey(result.recoveryKey)!).ok).toBe(true);

    for (const [accountName, passphrase, newPassphrase] of [
      [ADMIN, ADMIN_PASSPHRASE, undefined],
      ['Priya PLW', 'temporary passphrase one', 'priya picks her own now'],
      ['Morgan Manager', 'morgan new temporary', 'morgan picks his own now'],
    ] as const) {
      const again = await unlockTeamDatabase({ databasePath, accountName, passphrase, ...(newPassphrase ? { newPassphrase } : {}) });
      const row = again.db.prepare("SELECT value FROM settings WHERE key = 'note'").get() as { value: string };
      expect(JSON.parse(row.value)).toBe('survives rekey');
      closeTeamDatabase(again);
    }
  });

  it('recovers when a crash came after the file was rekeyed but before the new keyring was promoted', async () => {
    const { open, databasePath } = await newTeamDatabase();
    // Simulate the crash: write the pending keyring and rekey the file by hand, then stop.
    const { isSealedEntry, resealEntry, readKeyring, keyringPathFor, writeKeyringAtomic } = await import('../../electron/core/crypto/keyring');
    const keyring = readKeyring(keyringPathFor(databasePath));
    const { randomBytes } = await import('node:crypto');
    const newKey = randomBytes(32);
    const own = keyring.accounts[0]!;
    if (!isSealedEntry(own)) throw new Error('a new database has a version 2 keyring');
    const entry = await resealEntry(keyring.databaseId, own, newKey);
    writeKeyringAtomic(pendingKeyringPathFor(databasePath), { ...keyring, accounts: [entry] });
    open.db.pragma('journal_mode=DELETE');
    open.db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
    closeTeamDatabase(open);

    const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    expect(again.dataKey.equals(newKey)).toBe(true);
    closeTeamDatabase(again);
    expect(existsSync(pendingKeyringPathFor(databasePath))).toBe(false);
    const check = new Database(databasePath);
    applyCipher(check, newKey.toString('hex'));
    expect(check.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 1 });
    check.close();
  });
});
