import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import { CHANNELS, contract } from '../../shared/contract';
import { validationError } from '../../shared/validation';

describe('the IPC contract', () => {
  it('lists exactly the channels the preload exposes', () => {
    expect([...CHANNELS].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('checks new passphrases and their confirmation, naming the field', () => {
    const result = contract['database.create'].input.safeParse({
      teamName: 'Team',
      accountName: 'Sam',
      passphrase: 'long enough passphrase',
      passphraseConfirm: 'something else',
    });
    expect(result.success).toBe(false);
    expect(validationError(result.error!.issues)).toEqual({ code: 'VALIDATION', message: 'Passphrases do not match', field: 'passphraseConfirm' });
  });

  it('refuses unknown fields and wrong types before anything reaches the core', () => {
    expect(contract['session.lock'].input.safeParse({ extra: 1 }).success).toBe(false);
    expect(contract['session.lock'].input.safeParse({ reason: 'rekey' }).success).toBe(false);
    const minutes = contract['settings.update'].input.safeParse({ version: 1, autoLockMinutes: 0.5 });
    expect(validationError(minutes.error!.issues)).toMatchObject({ field: 'autoLockMinutes', message: 'Auto-lock must be a whole number of minutes' });
    const name = contract['accounts.add'].input.safeParse({ accountName: '<script>', role: 'plw', temporaryPassphrase: 'long enough passphrase' });
    expect(validationError(name.error!.issues).field).toBe('accountName');
  });

  it('never passes zod’s own wording to a person', () => {
    const result = contract['accounts.add'].input.safeParse({ accountName: 'Sam', role: 'superuser', temporaryPassphrase: 'long enough passphrase' });
    expect(validationError(result.error!.issues)).toEqual({ code: 'VALIDATION', message: 'Check what you entered and try again.', field: 'role' });
  });
});
