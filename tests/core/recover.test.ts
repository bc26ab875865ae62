/** The recovery key opens the database when every passphrase is forgotten, for an administrator. */
import { describe, expect, it } from 'vitest';
import { addAccount } from '../../electron/core/team/accounts';
import { rekeyTeamDatabase } from '../../electron/core/team/rekey';
import { recoverWithKey } from '../../electron/core/team/recover';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase } from './helpers';

describe('recovery with the recovery key', () => {
  it('sets a new passphrase for an administrator, audited; the old passphrase stops working', async () => {
    const { open, databasePath, recoveryKey } = await newTeamDatabase();
    await addAccount(open, { accountName: 'Priya PLW', role: 'plw', temporaryPassphrase: 'temporary passphrase one' });
    closeTeamDatabase(open);
    const recover = (overrides: object) =>
      recoverWithKey({ databasePath, recoveryKey, accountName: ADMIN, newPassphrase: 'sam remembers this one', ...overrides });

    await expect(recover({ recoveryKey: 'not a key' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'recoveryKey' });
    await expect(recover({ recoveryKey: 'ab'.repeat(32) })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      field: 'recoveryKey',
      message: expect.stringMatching(/^That recovery key does not open this database/),
    });
    await expect(recover({ accountName: 'Priya PLW' })).rejects.toMatchObject({ code: 'NOT_ALLOWED', field: 'accountName' });
    await expect(recover({ newPassphrase: 'short' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'newPassphrase' });

    const recovered = await recover({ recoveryKey: ` ${recoveryKey.toUpperCase()} ` });
    expect(recovered.account).toEqual({ accountName: ADMIN, role: 'admin' });
    const actions = (recovered.db.prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 2').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['session.unlocked', 'account.recovered-with-key']);
    closeTeamDatabase(recovered);

    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: 'sam remembers this one' });
    // Other accounts are untouched.
    closeTeamDatabase(again);
    await expect(unlockTeamDatabase({ databasePath, accountName: 'Priya PLW', passphrase: 'temporary passphrase one' })).rejects.toMatchObject({
      code: 'PASSPHRASE_CHANGE_REQUIRED',
    });
  });

  it('a recovery key from before a rekey no longer opens the database; the new one does', async () => {
    const { open, databasePath, recoveryKey } = await newTeamDatabase();
    const { recoveryKey: fresh } = await rekeyTeamDatabase(open, { passphrase: ADMIN_PASSPHRASE, others: [] });
    closeTeamDatabase(open);
    await expect(recoverWithKey({ databasePath, recoveryKey, accountName: ADMIN, newPassphrase: 'sam remembers this one' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    closeTeamDatabase(await recoverWithKey({ databasePath, recoveryKey: fresh, accountName: ADMIN, newPassphrase: 'sam remembers this one' }));
  });
});
