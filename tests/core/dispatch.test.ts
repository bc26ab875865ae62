import { describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import type { EventName } from '../../shared/contract';
import { tempFolder } from './helpers';

function coreInTempFolder() {
  const events: { event: EventName; payload: unknown }[] = [];
  const core = new AppCore({ configDir: tempFolder(), emit: (event, payload) => events.push({ event, payload }), choose: async () => null });
  return { core, handlers: createHandlers(core), events };
}

describe('dispatch through the handler table', () => {
  it('validates input and answers with the error shape, naming the field', async () => {
    const { handlers } = coreInTempFolder();
    expect(await dispatch(handlers, 'database.create', { teamName: 'T', accountName: 'Sam', passphrase: 'short', passphraseConfirm: 'short' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Passphrase must be 12 characters or more', field: 'passphrase' },
    });
    expect(await dispatch(handlers, 'no.such.channel', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(handlers, 'session.unlock', 'not an object')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses work on data while locked', async () => {
    const { handlers } = coreInTempFolder();
    expect(await dispatch(handlers, 'accounts.list', {})).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: 'The app is locked. Unlock it to carry on.' },
    });
  });

  it('creates, reports progress, locks (dropping the key) and unlocks', async () => {
    const { core, handlers, events } = coreInTempFolder();
    expect(await dispatch(handlers, 'app.status', {})).toMatchObject({ ok: true, value: { state: 'no-database' } });
    const created = await dispatch(handlers, 'database.create', {
      teamName: 'Team',
      accountName: 'Sam',
      passphrase: 'a long passphrase',
      passphraseConfirm: 'a long passphrase',
    });
    expect(created).toMatchObject({ ok: true, value: { session: { accountName: 'Sam', role: 'admin' } } });
    expect(events.filter((e) => e.event === 'progress').map((e) => (e.payload as { done: number }).done)).toEqual([0, 1, 2, 3]);

    expect(await dispatch(handlers, 'session.lock', {})).toEqual({ ok: true, value: { ok: true } });
    expect(core.isUnlocked()).toBe(false);
    expect(events.at(-1)).toEqual({ event: 'locked', payload: { reason: 'requested' } });
    expect(await dispatch(handlers, 'app.status', {})).toEqual({ ok: true, value: { state: 'locked', teamName: 'Team', demo: false } });

    expect(await dispatch(handlers, 'session.unlock', { accountName: 'Sam', passphrase: 'a long passphrase' })).toMatchObject({ ok: true });
    expect(await dispatch(handlers, 'settings.update', { version: 1, autoLockMinutes: 5, teamName: 'Renamed team' })).toMatchObject({
      ok: true,
      // A new team is given the role's current name (model v2 §7).
      value: { autoLockMinutes: 5, teamName: 'Renamed team', roleTitle: 'DASO', dashMaracThreshold: 14, version: 2 },
    });
    // A team whose settings were saved before the setting existed keeps "Partner Link Worker".
    core.session()!.database.db.prepare("DELETE FROM settings WHERE key = 'roleTitle'").run();
    expect(await dispatch(handlers, 'settings.get', {})).toMatchObject({ ok: true, value: { roleTitle: 'PLW' } });
    expect(await dispatch(handlers, 'settings.update', { version: 2, dashMaracThreshold: 12 })).toMatchObject({ ok: true, value: { dashMaracThreshold: 12 } });
    // Saved from a page loaded before that last change: refused, naming who changed it and when.
    expect(await dispatch(handlers, 'settings.update', { version: 2, autoLockMinutes: 30 })).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/^This was changed by Sam at \d\d:\d\d on \d+ \w+ \d{4}: reload and apply your change again\.$/),
      },
    });
    expect(await dispatch(handlers, 'settings.update', { version: 3, dashMaracThreshold: 30 })).toMatchObject({
      ok: false,
      error: { field: 'dashMaracThreshold', message: 'The DASH threshold must be from 1 to 24' },
    });
    expect(await dispatch(handlers, 'session.lock', { reason: 'idle' })).toEqual({ ok: true, value: { ok: true } });
    expect(events.at(-1)).toEqual({ event: 'locked', payload: { reason: 'idle' } });
    // The locked screen shows the new team name, read from the keyring.
    expect(await dispatch(handlers, 'app.status', {})).toMatchObject({ value: { state: 'locked', teamName: 'Renamed team' } });
  });

  it('turns an unexpected failure into a plain message that quotes nothing', async () => {
    const { handlers } = coreInTempFolder();
    const leaky = {
      ...handlers,
      public: {
        ...handlers.public,
        'app.status': {
          run: () => {
            throw new Error('SQLITE_ERROR near "Philippa Quenby"');
          },
        },
      },
    };
    const result = await dispatch(leaky, 'app.status', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong. Nothing was changed. Try again, and if it keeps happening tell your administrator.' },
    });
  });
});
