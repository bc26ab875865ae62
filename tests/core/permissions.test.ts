/**
 * The permission matrix: every channel asked by every role through dispatch, refused exactly
 * where shared/permissions.ts says, with the table's words. A channel added to the contract
 * without an entry in the table does not build (`satisfies`), and is caught here too.
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { PERMISSIONS, refusalFor } from '../../shared/permissions';
import { ROLES, type Role } from '../../shared/roles';
import { FEATURES, PUBLIC_CHANNELS, dispatch } from '../../electron/core/handlers';
import { ADMIN, coreThroughHandlers } from './helpers';

const PASSPHRASE = 'a long passphrase';

async function sessionsOfEveryRole() {
  const { core, handlers, ok } = coreThroughHandlers();
  await ok('database.create', { teamName: 'Team', accountName: ADMIN, passphrase: PASSPHRASE, passphraseConfirm: PASSPHRASE });
  const sessions = new Map<Role, NonNullable<ReturnType<typeof core.session>>>();
  sessions.set('admin', core.session()!);
  for (const role of ['plw', 'manager'] as const) {
    await ok('accounts.add', { accountName: `A ${role}`, role, temporaryPassphrase: 'a temporary passphrase' });
  }
  // Each role's own session, as a team server would hold them beside each other.
  for (const role of ['plw', 'manager'] as const) {
    const base = core.session()!;
    sessions.set(role, { ...base, account: { accountName: `A ${role}`, role }, state: { viewedCase: null, importSource: null, merged: null } });
  }
  return { core, handlers, sessions };
}

describe('the permission table', () => {
  it('has an entry for every channel and no other, and "anyone" exactly for the channels that work before unlocking', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...CHANNELS].sort());
    expect([...PUBLIC_CHANNELS, ...Object.keys(FEATURES)].sort()).toEqual([...CHANNELS].sort());
  });

  it(`is what dispatch enforces: ${CHANNELS.length} channels × ${ROLES.length} roles`, async () => {
    const { core, handlers, sessions } = await sessionsOfEveryRole();
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const channel of CHANNELS) {
      const allowed = PERMISSIONS[channel];
      if (allowed === 'anyone') continue;
      for (const role of ROLES) {
        // An empty input: a refused role is refused before the input is read; an allowed one gets past the check.
        const result = await dispatch(handlers, channel, {}, sessions.get(role));
        const refused = !result.ok && result.error.code === 'NOT_ALLOWED' && result.error.message === refusalFor(channel);
        const expected = !(allowed as readonly Role[]).includes(role);
        checked.push(`${channel} × ${role}`);
        if (refused !== expected) wrong.push(`${channel} × ${role}: ${refused ? 'refused' : 'allowed'}, the table says ${expected ? 'refused' : 'allowed'}`);
      }
    }
    expect(wrong).toEqual([]);
    const sessionChannels = CHANNELS.filter((c) => PERMISSIONS[c] !== 'anyone').length;
    expect(checked).toHaveLength(sessionChannels * ROLES.length);
    console.log(`permission matrix: ${sessionChannels} channels needing a session × ${ROLES.length} roles = ${checked.length} checks, 0 disagreements`);
    core.lock('requested');
  });

  it('says the same words for the same refusal, and locked comes before anything else', async () => {
    const { core, handlers, sessions } = await sessionsOfEveryRole();
    expect(await dispatch(handlers, 'import.run', { update: false }, sessions.get('plw'))).toEqual({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: 'Only an administrator can do this.' },
    });
    expect(await dispatch(handlers, 'contacts.log', { nonsense: true }, sessions.get('manager'))).toEqual({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: 'Managers can view cases but not change them.' },
    });
    core.lock('requested');
    expect(await dispatch(handlers, 'accounts.list', {})).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: 'The app is locked. Unlock it to carry on.' },
    });
  });
});
