/**
 * No silent overwrite. v1 let the later save of a form opened earlier put back what
 * someone else had just saved (a victim's new safe number and "no voicemail" went back
 * to the old, unsafe ones, with two normal saves in the audit log). Every edited record
 * now carries a version; a save names the version it was loaded at, and an out-of-date
 * one is refused with who changed the record and when.
 */
import { caseInputSchema } from '../../shared/case-input';
import { childInputSchema, orderInputSchema, safeProfileSchema } from '../../shared/record-inputs';
import { describe, expect, it } from 'vitest';
import { updateCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { saveChild } from '../../electron/core/records/children';
import { saveOrder } from '../../electron/core/records/orders';
import { updateSafeProfile } from '../../electron/core/records/safety';
import { coreThroughHandlers } from './helpers';

const STALE = /^This was changed by (Priya Shah|Sam Ingham) at \d\d:\d\d on \d+ \w+ \d{4}: reload and apply your change again\.$/;

async function setUp() {
  const { call, ok, db: openDb } = coreThroughHandlers();
  await ok('database.create', { teamName: 'Team', accountName: 'Priya Shah', passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
  const caseInput = {
    ownerName: 'Priya Shah',
    victimName: 'Ana Núñez',
    victimPhone: '01632 960001',
    perpetratorName: 'Darren Threlkeld',
    sentenceDate: '2026-11-02',
  };
  const { caseId } = (await ok('cases.create', { case: caseInput })) as { caseId: number };
  // A second person working on the same database (as on a team server, or in another window).
  const db = openDb();
  const sam = { db, actor: 'Sam Ingham', now: new Date('2026-11-24T10:05:00Z'), rules: readTimerRules(db) };
  const version = async () => ((await ok('safety.get', { caseId })) as { version: number }).version;
  return { call, ok, caseId, caseInput, sam, version };
}

describe('no silent overwrite', () => {
  it('two people save the same victim’s safe contact: the later, stale save is refused and nothing is reverted', async () => {
    const { call, ok, caseId, caseInput, sam, version } = await setUp();
    const loaded = await version(); // both open the Safety page
    updateSafeProfile(sam, caseId, safeProfileSchema.parse({ safePhone: '01632 960999', noVoicemail: true }), loaded);
    const stale = await call('safety.update', { caseId, version: loaded, profile: { safePhone: '01632 960123', noVoicemail: false } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'version', message: expect.stringMatching(STALE) } });
    expect((stale as { error: { message: string } }).error.message).toContain('changed by Sam Ingham at 10:05 on 24 Nov 2026');
    // And v1's exact path: the case's edit form, opened before, carries the old "no voicemail".
    const reverted = await call('cases.update', { caseId, version: loaded, case: { ...caseInput, noVoicemail: false, victimName: 'Ana Nunez' } });
    expect(reverted).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(STALE) } });
    const now = (await ok('safety.get', { caseId })) as { profile: { safePhone: string; noVoicemail: boolean } };
    expect(now.profile).toMatchObject({ safePhone: '01632 960999', noVoicemail: true });
    expect(((await ok('cases.get', { caseId })) as { fields: { victimName: string } }).fields.victimName).toBe('Ana Núñez');
    // Reloaded, the same change goes through.
    await ok('cases.update', { caseId, version: await version(), case: { ...caseInput, noVoicemail: true, victimName: 'Ana Nunez' } });
  });

  it('the case form and the IDVA form share the case’s version; each save moves it on', async () => {
    const { call, ok, caseId, caseInput, sam, version } = await setUp();
    const v1 = await version();
    await ok('idva.update', { caseId, version: v1, idva: { idvaStatus: 'referred', idvaReferralDate: '2026-11-20' } });
    expect(await version()).toBe(v1 + 1);
    expect(await call('cases.update', { caseId, version: v1, case: caseInput })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Changes with no form behind them (reassigning, an import) move the version on too.
    updateCase({ ...sam, actor: 'plw import' }, caseId, caseInputSchema.parse(caseInput), { programmeReason: 'imported' });
    expect(await call('idva.update', { caseId, version: v1 + 1, idva: { idvaStatus: 'accepted', idvaReferralDate: '2026-11-20' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('orders, children, liaison and contact drafts each carry their own version', async () => {
    const { call, ok, caseId, sam } = await setUp();
    const { orderId } = (await ok('orders.save', { caseId, order: { orderRef: 'RO-1', orderType: 'restraining_order', madeDate: '2026-11-01' } })) as {
      orderId: number;
    };
    const order = async () => ((await ok('orders.list', { caseId })) as { id: number; version: number; court: string | null }[]).find((o) => o.id === orderId)!;
    const loaded = (await order()).version;
    saveOrder(
      sam,
      caseId,
      orderId,
      orderInputSchema.parse({ orderRef: 'RO-1', orderType: 'restraining_order', madeDate: '2026-11-01', court: 'Burnley' }),
      loaded,
    );
    expect(
      await call('orders.save', { caseId, orderId, version: loaded, order: { orderRef: 'RO-1', orderType: 'restraining_order', madeDate: '2026-11-01' } }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await order()).court).toBe('Burnley');
    // An edit must say which version it changes; adding needs none.
    expect(await call('orders.save', { caseId, orderId, order: { orderRef: 'RO-1', orderType: 'restraining_order', madeDate: '2026-11-01' } })).toMatchObject({
      ok: false,
      error: { field: 'version' },
    });

    const { childId } = (await ok('children.save', { caseId, child: { name: 'Mia', ageYears: 6 } })) as { childId: number };
    saveChild(sam, caseId, childId, childInputSchema.parse({ name: 'Mia', ageYears: 7 }), 1);
    expect(await call('children.save', { caseId, childId, version: 1, child: { name: 'Mia', ageYears: 6 } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    const { liaisonId } = (await ok('liaison.log', { caseId, liaison: { date: '2026-11-20', agency: 'ro' } })) as { liaisonId: number };
    await ok('liaison.acknowledge', { liaisonId, version: 1, date: '2026-11-23' });
    expect(await call('liaison.acknowledge', { liaisonId, version: 1, date: '2026-11-24' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const { contactId } = (await ok('contacts.log', {
      caseId,
      contact: { date: '2026-11-20', method: 'phone', outcome: 'no_answer', notes: 'first go', final: false },
    })) as { contactId: number };
    const draft = { date: '2026-11-20', method: 'phone', outcome: 'no_answer', final: false };
    await ok('contacts.updateDraft', { contactId, version: 1, contact: { ...draft, notes: 'second go, in one window' } });
    expect(await call('contacts.updateDraft', { contactId, version: 1, contact: { ...draft, notes: 'first go, from the other' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(((await ok('contacts.list', { caseId })) as { notes: string }[])[0]!.notes).toBe('second go, in one window');
  });

  it('team settings, timer rules and letter templates are versioned too', async () => {
    const { call, ok } = await setUp();
    const settings = (await ok('settings.get', {})) as { version: number };
    await ok('settings.update', { version: settings.version, autoLockMinutes: 5 });
    expect(await call('settings.update', { version: settings.version, autoLockMinutes: 30 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(((await ok('settings.get', {})) as { autoLockMinutes: number }).autoLockMinutes).toBe(5);

    const rules = (await ok('timers.rules', {})) as { version: number; warnDays: number };
    await ok('timers.updateRules', { ...rules, warnDays: 3 });
    expect(await call('timers.updateRules', { ...rules, warnDays: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(((await ok('timers.rules', {})) as { warnDays: number }).warnDays).toBe(3);

    const templates = (await ok('letters.templates', {})) as { version: number; closing: { subject: string; body: string } };
    await ok('letters.updateTemplates', { ...templates, closing: { subject: 'Goodbye', body: 'Thank you.' } });
    expect(await call('letters.updateTemplates', { ...templates, closing: { subject: 'Old', body: 'Old.' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});
