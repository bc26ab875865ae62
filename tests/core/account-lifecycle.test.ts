/**
 * Accounts for real: leavers, resets, roles, and the keyring copies people keep. Each test
 * replays an attack from the issue: a copy of the keyring taken before a change, put back
 * or used beside the live file, with the passphrase that used to work.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findEntry, isSealedEntry, keyringPathFor, openEntry, readKeyring } from '../../electron/core/crypto/keyring';
import {
  addAccount,
  changeOwnPassphrase,
  changeRole,
  disableAccount,
  enableAccount,
  listAccounts,
  removeAccount,
  resetPassphrase,
} from '../../electron/core/team/accounts';
import { rekeyTeamDatabase } from '../../electron/core/team/rekey';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { ADMIN, ADMIN_PASSPHRASE, asVersion1Accounts, closeTeamDatabase, newTeamDatabase, opensWithRawKey } from './helpers';

const PRIYA = 'Priya PLW';
const PRIYA_OWN = 'priya chose this herself';
const MORGAN = 'Morgan Manager';
const MORGAN_OWN = 'morgan chose this himself';

/** A team of three, each having set their own passphrase. */
async function team() {
  const made = await newTeamDatabase();
  await addAccount(made.open, { accountName: PRIYA, role: 'plw', temporaryPassphrase: 'priya temporary one' });
  await addAccount(made.open, { accountName: MORGAN, role: 'manager', temporaryPassphrase: 'morgan temporary one' });
  for (const [accountName, temporary, own] of [
    [PRIYA, 'priya temporary one', PRIYA_OWN],
    [MORGAN, 'morgan temporary one', MORGAN_OWN],
  ] as const) {
    closeTeamDatabase(
      await unlockTeamDatabase({ databasePath: made.databasePath, accountName, passphrase: temporary, newPassphrase: own, besideOthers: true }),
    );
  }
  return made;
}

/** What an old keyring copy and an old passphrase give: the data key they unwrap, or null. */
async function keyFromCopy(keyringCopy: string, accountName: string, passphrase: string): Promise<string | null> {
  const keyring = JSON.parse(keyringCopy) as ReturnType<typeof readKeyring>;
  const entry = findEntry(keyring, accountName);
  const key = entry ? await openEntry(keyring.databaseId, entry, passphrase) : null;
  return key ? key.toString('hex') : null;
}

const unlocks = (databasePath: string, accountName: string, passphrase: string) =>
  unlockTeamDatabase({ databasePath, accountName, passphrase, besideOthers: true }).then(
    (open) => (closeTeamDatabase(open), 'opens'),
    (error: { code: string }) => error.code,
  );

describe('a leaver', () => {
  it('disabled: cannot unlock, and her old keyring copy with her passphrase no longer opens the live file', async () => {
    const { open, databasePath } = await team();
    const keyringBefore = readFileSync(keyringPathFor(databasePath), 'utf8');
    const oldKey = open.dataKey.toString('hex');

    await expect(disableAccount(open, { accountName: PRIYA, passphrase: 'not my passphrase' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const outcome = await disableAccount(open, { accountName: PRIYA, passphrase: ADMIN_PASSPHRASE });
    expect(outcome.recoveryKey).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){15}$/);
    expect(findEntry(readKeyring(keyringPathFor(databasePath)), PRIYA)).toBeUndefined();
    expect(listAccounts(open).find((a) => a.accountName === PRIYA)).toMatchObject({ status: 'disabled', disabledAt: expect.any(String) });

    // The attack: her copy of the keyring unwraps the old data key, which opens nothing now.
    expect(await keyFromCopy(keyringBefore, PRIYA, PRIYA_OWN)).toBe(oldKey);
    expect(opensWithRawKey(databasePath, oldKey)).toBe(false);
    // Nor does putting her copy back in place let her in, or let anyone else in with it.
    closeTeamDatabase(open);
    const live = readFileSync(keyringPathFor(databasePath), 'utf8');
    writeFileSync(keyringPathFor(databasePath), keyringBefore);
    expect(await unlocks(databasePath, PRIYA, PRIYA_OWN)).not.toBe('opens');
    writeFileSync(keyringPathFor(databasePath), live);
    expect(await unlocks(databasePath, PRIYA, PRIYA_OWN)).toBe('WRONG_PASSPHRASE');
    // Everyone else keeps their own passphrase.
    expect(await unlocks(databasePath, MORGAN, MORGAN_OWN)).toBe('opens');
    expect(await unlocks(databasePath, ADMIN, ADMIN_PASSPHRASE)).toBe('opens');

    const admin = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    expect(admin.db.prepare("SELECT action, detail FROM audit_log WHERE action IN ('account.disabled', 'database.rekeyed') ORDER BY id").all()).toEqual([
      { action: 'account.disabled', detail: JSON.stringify({ account: PRIYA }) },
      { action: 'database.rekeyed', detail: JSON.stringify({ temporaryAccounts: 0, reason: 'account.disabled' }) },
    ]);
    // Back from leave: enabled with a temporary passphrase she must replace.
    await enableAccount(admin, { accountName: PRIYA, temporaryPassphrase: 'priya back from leave' });
    closeTeamDatabase(admin);
    await expect(unlockTeamDatabase({ databasePath, accountName: PRIYA, passphrase: 'priya back from leave' })).rejects.toMatchObject({
      code: 'PASSPHRASE_CHANGE_REQUIRED',
    });
    expect(
      await unlockTeamDatabase({ databasePath, accountName: PRIYA, passphrase: 'priya back from leave', newPassphrase: 'priya new one after leave' }).then(
        (o) => (closeTeamDatabase(o), 'opens'),
      ),
    ).toBe('opens');
  });

  it('removed: gone from the list, her name kept in the history, and nothing she had opens the file', async () => {
    const { open, databasePath } = await team();
    const keyringBefore = readFileSync(keyringPathFor(databasePath), 'utf8');
    const oldKey = open.dataKey.toString('hex');
    const outcome = await removeAccount(open, { accountName: PRIYA, passphrase: ADMIN_PASSPHRASE });
    expect(outcome?.recoveryKey).toBeTruthy();
    expect(listAccounts(open).map((a) => a.accountName)).toEqual([MORGAN, ADMIN]);
    expect(await keyFromCopy(keyringBefore, PRIYA, PRIYA_OWN)).toBe(oldKey);
    expect(opensWithRawKey(databasePath, oldKey)).toBe(false);
    // The name stays taken, so the history's entries keep meaning her.
    await expect(addAccount(open, { accountName: PRIYA, role: 'plw', temporaryPassphrase: 'a new temporary one' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(open.db.prepare('SELECT count(*) AS n FROM audit_log WHERE account_name = ?').get(PRIYA)).toEqual({ n: 2 });
    // Removing one already disabled needs no new key: she has no entry to take away.
    await disableAccount(open, { accountName: MORGAN, passphrase: ADMIN_PASSPHRASE });
    const key = open.dataKey.toString('hex');
    expect(await removeAccount(open, { accountName: MORGAN, passphrase: ADMIN_PASSPHRASE })).toBeNull();
    expect(open.dataKey.toString('hex')).toBe(key);
    expect(listAccounts(open).map((a) => a.accountName)).toEqual([ADMIN]);
    closeTeamDatabase(open);
    expect(await unlocks(databasePath, PRIYA, PRIYA_OWN)).toBe('WRONG_PASSPHRASE');
  });

  it('an administrator cannot disable, remove or reset themselves, and a team always keeps an administrator', async () => {
    const { open } = await team();
    await expect(disableAccount(open, { accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(removeAccount(open, { accountName: ADMIN.toUpperCase(), passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(
      resetPassphrase(open, { accountName: ADMIN, passphrase: ADMIN_PASSPHRASE, temporaryPassphrase: 'a temporary passphrase' }),
    ).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(changeRole(open, { accountName: ADMIN, role: 'plw' })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(disableAccount(open, { accountName: 'Nobody', passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    closeTeamDatabase(open);
  });
});

describe('a reset', () => {
  it('gives a temporary passphrase of 12 or more characters, and the old keyring copy with the old passphrase opens nothing', async () => {
    const { open, databasePath } = await team();
    const keyringBefore = readFileSync(keyringPathFor(databasePath), 'utf8');
    const oldKey = open.dataKey.toString('hex');
    await expect(resetPassphrase(open, { accountName: MORGAN, passphrase: ADMIN_PASSPHRASE, temporaryPassphrase: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'temporaryPassphrase',
    });
    const outcome = await resetPassphrase(open, { accountName: MORGAN, passphrase: ADMIN_PASSPHRASE, temporaryPassphrase: 'morgan reset temporary' });
    expect(outcome.temporaryAccounts).toEqual([MORGAN]);
    closeTeamDatabase(open);

    // The attack: the old keyring copied back let the manager in with his old passphrase.
    const live = readFileSync(keyringPathFor(databasePath), 'utf8');
    writeFileSync(keyringPathFor(databasePath), keyringBefore);
    expect(await unlocks(databasePath, MORGAN, MORGAN_OWN)).not.toBe('opens');
    expect(await keyFromCopy(keyringBefore, MORGAN, MORGAN_OWN)).toBe(oldKey);
    expect(opensWithRawKey(databasePath, oldKey)).toBe(false);
    writeFileSync(keyringPathFor(databasePath), live);
    expect(await unlocks(databasePath, MORGAN, MORGAN_OWN)).toBe('WRONG_PASSPHRASE');
    // The temporary one must be replaced, and not by itself.
    await expect(
      unlockTeamDatabase({ databasePath, accountName: MORGAN, passphrase: 'morgan reset temporary', newPassphrase: 'morgan reset temporary' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'newPassphrase',
    });
    expect(
      await unlockTeamDatabase({ databasePath, accountName: MORGAN, passphrase: 'morgan reset temporary', newPassphrase: 'morgan after the reset' }).then(
        (o) => (closeTeamDatabase(o), 'opens'),
      ),
    ).toBe('opens');
    expect(await unlocks(databasePath, PRIYA, PRIYA_OWN)).toBe('opens');
  });
});

describe('your own passphrase change', () => {
  it('gives you new key pairs: the old entry, planted back into the live keyring, is refused', async () => {
    const { open, databasePath } = await team();
    closeTeamDatabase(open);
    const priya = await unlockTeamDatabase({ databasePath, accountName: PRIYA, passphrase: PRIYA_OWN });
    const oldEntry = findEntry(readKeyring(keyringPathFor(databasePath)), PRIYA)!;
    await changeOwnPassphrase(priya, { currentPassphrase: PRIYA_OWN, newPassphrase: 'priya changed it again' });
    closeTeamDatabase(priya);
    const newEntry = findEntry(readKeyring(keyringPathFor(databasePath)), PRIYA)!;
    expect(isSealedEntry(newEntry) && isSealedEntry(oldEntry) && newEntry.publicKeys.sealing !== oldEntry.publicKeys.sealing).toBe(true);
    expect(await unlocks(databasePath, PRIYA, PRIYA_OWN)).toBe('WRONG_PASSPHRASE');

    const keyring = readKeyring(keyringPathFor(databasePath));
    writeFileSync(
      keyringPathFor(databasePath),
      JSON.stringify({ ...keyring, accounts: keyring.accounts.map((e) => (e.accountName === PRIYA ? oldEntry : e)) }),
    );
    expect(await unlockTeamDatabase({ databasePath, accountName: PRIYA, passphrase: PRIYA_OWN }).catch((e: Error) => e.message)).toBe(
      'The keyring entry for this account is not the one the database knows (it may be an old copy put back). Ask your administrator to reset your passphrase.',
    );
  });
});

describe('a change of role', () => {
  it("is made by an administrator without the person's passphrase; editing the role in the keyring file opens nothing", async () => {
    const { open, databasePath } = await team();
    await changeRole(open, { accountName: MORGAN, role: 'admin' });
    expect(listAccounts(open).find((a) => a.accountName === MORGAN)?.role).toBe('admin');
    await changeRole(open, { accountName: MORGAN, role: 'manager' });
    closeTeamDatabase(open);
    const morgan = await unlockTeamDatabase({ databasePath, accountName: MORGAN, passphrase: MORGAN_OWN });
    expect(morgan.account.role).toBe('manager');
    closeTeamDatabase(morgan);

    // Priya edits the plain file to make herself an administrator.
    const path = keyringPathFor(databasePath);
    const keyring = readKeyring(path);
    writeFileSync(path, JSON.stringify({ ...keyring, accounts: keyring.accounts.map((e) => (e.accountName === PRIYA ? { ...e, role: 'admin' } : e)) }));
    expect(await unlocks(databasePath, PRIYA, PRIYA_OWN)).toBe('WRONG_PASSPHRASE');
  });
});

describe('two administrators changing accounts at once', () => {
  it('one change goes through and the other is refused, never a keyring that drops or revives someone', async () => {
    const { open, databasePath } = await team();
    const results = await Promise.allSettled([
      disableAccount(open, { accountName: PRIYA, passphrase: ADMIN_PASSPHRASE }),
      addAccount(open, { accountName: 'Jo PLW', role: 'plw', temporaryPassphrase: 'jo temporary passphrase' }),
    ]);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { code: string });
    expect(refused.every((e) => e.code === 'CONFLICT')).toBe(true);
    const keyring = readKeyring(keyringPathFor(databasePath));
    const rows = listAccounts(open);
    // Whatever order they landed in, the keyring and the database agree about everyone.
    for (const row of rows)
      expect({ name: row.accountName, inKeyring: !!findEntry(keyring, row.accountName) }).toEqual({
        name: row.accountName,
        inKeyring: row.status !== 'disabled',
      });
    for (const entry of keyring.accounts)
      expect(
        await unlocks(
          databasePath,
          entry.accountName,
          entry.accountName === ADMIN
            ? ADMIN_PASSPHRASE
            : entry.accountName === PRIYA
              ? PRIYA_OWN
              : entry.accountName === MORGAN
                ? MORGAN_OWN
                : 'jo temporary passphrase',
        ),
      ).toMatch(/opens|PASSPHRASE_CHANGE_REQUIRED/);
    closeTeamDatabase(open);
  });
});

describe('a database from before keyring version 2', () => {
  it('gives each account its key pairs at its first unlock; the version 1 entry put back is then refused', async () => {
    const { open, databasePath } = await team();
    await asVersion1Accounts(open, [{ accountName: PRIYA, passphrase: PRIYA_OWN }]);
    const v1Keyring = readFileSync(keyringPathFor(databasePath), 'utf8');
    expect(listAccounts(open).find((a) => a.accountName === PRIYA)?.needsKeys).toBe(true);
    // Until she unlocks, a leaver's removal (of someone else) asks for a passphrase for her.
    await expect(disableAccount(open, { accountName: MORGAN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: `others.${PRIYA}`,
    });
    closeTeamDatabase(open);

    const priya = await unlockTeamDatabase({ databasePath, accountName: PRIYA, passphrase: PRIYA_OWN });
    expect(priya.signingKey).not.toBeNull();
    expect(priya.db.prepare('SELECT action FROM audit_log WHERE account_name = ? ORDER BY id DESC LIMIT 2').all(PRIYA)).toEqual([
      { action: 'session.unlocked' },
      { action: 'account.keys-created' },
    ]);
    closeTeamDatabase(priya);
    expect(isSealedEntry(findEntry(readKeyring(keyringPathFor(databasePath)), PRIYA)!)).toBe(true);

    writeFileSync(keyringPathFor(databasePath), v1Keyring);
    expect(await unlocks(databasePath, PRIYA, PRIYA_OWN)).toBe('NOT_ALLOWED');
  });

  it("a backup's keyring (version 1 or 2) still opens that backup: what the README tells administrators to retire", async () => {
    const { open, databasePath, folder } = await team();
    copyFileSync(databasePath, `${folder}/old-copy.plwdb`);
    const oldKey = open.dataKey.toString('hex');
    await rekeyTeamDatabase(open, { passphrase: ADMIN_PASSPHRASE, others: [] });
    closeTeamDatabase(open);
    expect(opensWithRawKey(`${folder}/old-copy.plwdb`, oldKey)).toBe(true);
    expect(opensWithRawKey(databasePath, oldKey)).toBe(false);
  });
});
