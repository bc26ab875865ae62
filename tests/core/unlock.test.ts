import { readAttempts } from '../../electron/core/crypto/unlock-attempts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addAccount, changeOwnPassphrase, listAccounts } from '../../electron/core/team/accounts';
import { callIn } from '../../electron/core/handlers';
import { makeSession } from '../../electron/core/session';
import { createTeamDatabase } from '../../electron/core/team/create';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { delayAfterFailures } from '../../electron/core/unlock-throttle';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase } from './helpers';

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function addTeamNote(open: Awaited<ReturnType<typeof newTeamDatabase>>['open'], value: string) {
  open.db.prepare("INSERT INTO settings (key, value) VALUES ('note', ?)").run(JSON.stringify(value));
}
function readTeamNote(open: { db: { prepare(sql: string): { get(): unknown } } }): string {
  const row = open.db.prepare("SELECT value FROM settings WHERE key = 'note'").get() as { value: string };
  return JSON.parse(row.value) as string;
}

describe('creating a team database', () => {
  it('refuses to overwrite an existing database', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    await expect(createTeamDatabase({ databasePath, teamName: 'Other', accountName: 'Someone', passphrase: 'another long passphrase' })).rejects.toMatchObject({
      code: 'DATABASE_EXISTS',
    });
  });

  it('gives a recovery key of 64 hex digits in 16 groups of four', async () => {
    const { open, recoveryKey } = await newTeamDatabase();
    closeTeamDatabase(open);
    expect(recoveryKey).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){15}$/);
  });
});

describe('unlocking', () => {
  it('rejects a wrong passphrase with a clear message and changes nothing in the database', async () => {
    const { open, databasePath } = await newTeamDatabase();
    addTeamNote(open, 'still here');
    closeTeamDatabase(open);
    const before = fileHash(databasePath);

    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: 'not the passphrase at all' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      message: 'The account name or passphrase is not right. Check them and try again.',
    });
    expect(fileHash(databasePath)).toBe(before);

    const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    expect(readTeamNote(again)).toBe('still here');
    closeTeamDatabase(again);
  });

  it('gives the same answer for an unknown account as for a wrong passphrase', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    await expect(unlockTeamDatabase({ databasePath, accountName: 'Nobody', passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
  });

  it('matches account names whatever their case', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN.toUpperCase(), passphrase: ADMIN_PASSPHRASE });
    expect(again.account).toEqual({ accountName: ADMIN, role: 'admin' });
    closeTeamDatabase(again);
  });

  it('makes the person wait longer and longer after repeated wrong passphrases', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    let clock = new Date('2026-11-24T09:00:00Z');
    const now = () => clock;
    for (let i = 0; i < 3; i++) {
      await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: `wrong guess number ${i}`, now })).rejects.toMatchObject({
        code: 'WRONG_PASSPHRASE',
      });
    }
    // Even the right passphrase must wait now.
    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE, now })).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      message: 'Too many wrong passphrases. Wait 2 seconds and try again.',
    });
    clock = new Date(clock.getTime() + 2_000);
    const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE, now });
    closeTeamDatabase(again);
    expect(readAttempts(databasePath, ADMIN).failedAttempts).toBe(0);
    expect([2, 3, 4, 5, 12].map(delayAfterFailures)).toEqual([0, 2000, 4000, 8000, 300000]);
  });

  it('records every unlock in the audit log', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    const actions = again.db.prepare('SELECT account_name AS who, action FROM audit_log ORDER BY id').all();
    expect(actions).toEqual([
      { who: ADMIN, action: 'database.created' },
      { who: ADMIN, action: 'session.unlocked' },
    ]);
    closeTeamDatabase(again);
  });
});

describe('accounts', () => {
  it('a second account unlocks the same data with its own passphrase, after replacing the temporary one', async () => {
    const { open, databasePath } = await newTeamDatabase();
    addTeamNote(open, 'shared by the team');
    await addAccount(open, { accountName: 'Priya PLW', role: 'plw', temporaryPassphrase: 'temporary passphrase one' });
    expect(listAccounts(open).map((a) => [a.accountName, a.role, a.mustChangePassphrase])).toEqual([
      ['Priya PLW', 'plw', true],
      [ADMIN, 'admin', false],
    ]);
    closeTeamDatabase(open);

    await expect(unlockTeamDatabase({ databasePath, accountName: 'Priya PLW', passphrase: 'temporary passphrase one' })).rejects.toMatchObject({
      code: 'PASSPHRASE_CHANGE_REQUIRED',
      field: 'newPassphrase',
    });
    // The administrator knows the temporary one, so it cannot be kept; and the usual rule applies.
    await expect(
      unlockTeamDatabase({ databasePath, accountName: 'Priya PLW', passphrase: 'temporary passphrase one', newPassphrase: 'temporary passphrase one' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', field: 'newPassphrase', message: 'Choose a passphrase of your own, not the temporary one you were given' });
    await expect(
      unlockTeamDatabase({ databasePath, accountName: 'Priya PLW', passphrase: 'temporary passphrase one', newPassphrase: 'short' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', field: 'newPassphrase', message: 'Passphrase must be 12 characters or more' });

    const priya = await unlockTeamDatabase({
      databasePath,
      accountName: 'Priya PLW',
      passphrase: 'temporary passphrase one',
      newPassphrase: 'priya chose this one herself',
    });
    expect(priya.account).toEqual({ accountName: 'Priya PLW', role: 'plw' });
    expect(readTeamNote(priya)).toBe('shared by the team');
    closeTeamDatabase(priya);

    await expect(unlockTeamDatabase({ databasePath, accountName: 'Priya PLW', passphrase: 'temporary passphrase one' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    const again = await unlockTeamDatabase({ databasePath, accountName: 'Priya PLW', passphrase: 'priya chose this one herself' });
    closeTeamDatabase(again);
  });

  it('only an admin can add accounts or reset passphrases', async () => {
    const { open, databasePath } = await newTeamDatabase();
    await addAccount(open, { accountName: 'Morgan Manager', role: 'manager', temporaryPassphrase: 'temporary passphrase two' });
    closeTeamDatabase(open);
    const manager = await unlockTeamDatabase({
      databasePath,
      accountName: 'Morgan Manager',
      passphrase: 'temporary passphrase two',
      newPassphrase: 'managers own passphrase',
    });
    // Asked the way every caller asks: through dispatch and the one permission table.
    const session = makeSession(
      manager,
      { emit: () => undefined, choose: async () => null },
      () => new Date(),
      () => undefined,
    );
    await expect(callIn(session, 'accounts.add', { accountName: 'Eve', role: 'admin', temporaryPassphrase: 'sneaky passphrase here' })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: 'Only an administrator can do this.',
    });
    await expect(
      callIn(session, 'accounts.resetPassphrase', { accountName: ADMIN, temporaryPassphrase: 'sneaky passphrase here', passphrase: 'managers own passphrase' }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    closeTeamDatabase(manager);
  });

  it('refuses a second account with the same name', async () => {
    const { open } = await newTeamDatabase();
    await expect(addAccount(open, { accountName: ADMIN.toLowerCase(), role: 'plw', temporaryPassphrase: 'temporary passphrase one' })).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'accountName',
    });
    closeTeamDatabase(open);
  });

  it('changing a passphrase re-wraps the key only: the database file is untouched and the data kept', async () => {
    const { open, databasePath } = await newTeamDatabase();
    addTeamNote(open, 'kept across passphrase change');
    open.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fileHash(databasePath);
    await expect(changeOwnPassphrase(open, { currentPassphrase: 'wrong current passphrase', newPassphrase: 'a brand new passphrase' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      field: 'currentPassphrase',
    });
    await changeOwnPassphrase(open, { currentPassphrase: ADMIN_PASSPHRASE, newPassphrase: 'a brand new passphrase' });
    expect(fileHash(databasePath)).toBe(before);
    closeTeamDatabase(open);

    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: 'a brand new passphrase' });
    expect(readTeamNote(again)).toBe('kept across passphrase change');
    closeTeamDatabase(again);
  });
});
