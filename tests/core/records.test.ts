/** What a PLW records after the referral, through the same handler table the app and the harness serve. */
import { describe, expect, it } from 'vitest';
import { coreThroughHandlers } from './helpers';

let clock = new Date('2026-11-24T10:00:00Z');

async function setUp() {
  clock = new Date('2026-11-24T10:00:00Z');
  const { core, call, ok } = coreThroughHandlers({ now: () => clock });
  await ok('database.create', { teamName: 'Team', accountName: 'Priya Shah', passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
  const { caseId } = (await ok('cases.create', {
    case: {
      ownerName: 'Priya Shah',
      victimName: 'Ana Núñez',
      perpetratorName: 'Darren Threlkeld',
      sentenceDate: '2026-11-02',
      referralReceivedDate: '2026-11-09',
    },
  })) as { caseId: number };
  const timer = async (name: string) =>
    ((await ok('cases.get', { caseId })) as { timers: { timer: string; dueDate: string; metDate: string | null; status: string }[] }).timers.find(
      (t) => t.timer === name,
    );
  // The version each edit form sends back, read as the form would read it.
  const caseVersion = async (id = caseId) => ((await ok('safety.get', { caseId: id })) as { version: number }).version;
  const contactVersion = async (contactId: number) =>
    ((await ok('contacts.list', { caseId })) as { id: number; version: number }[]).find((c) => c.id === contactId)!.version;
  const liaisonVersion = async (liaisonId: number) =>
    ((await ok('risk.list', { caseId })) as { liaison: { id: number; version: number }[] }).liaison.find((l) => l.id === liaisonId)!.version;
  return { core, call, ok, caseId, timer, caseVersion, contactVersion, liaisonVersion };
}

const contact = (extra: object = {}) => ({ date: '2026-11-12', method: 'phone', outcome: 'no_answer', ...extra });

describe('contact log', () => {
  it('a first contact attempt meets first_contact on time, or late after the due date', async () => {
    const { ok, caseId, timer } = await setUp();
    expect(await timer('first_contact')).toMatchObject({ dueDate: '2026-11-16', metDate: null, status: 'overdue' });
    await ok('contacts.log', { caseId, contact: contact({ date: '2026-11-17' }) });
    expect(await timer('first_contact')).toMatchObject({ metDate: '2026-11-17', status: 'met_late' });
    await ok('contacts.log', {
      caseId,
      contact: contact({ date: '2026-11-16', method: 'letter', outcome: 'letter_sent', overrideReason: 'Victim asked for a letter at her sister’s' }),
    });
    expect(await timer('first_contact')).toMatchObject({ metDate: '2026-11-16', status: 'met_on_time' });
  });

  it('refuses a final note through the IPC; amendments keep the original beneath it', async () => {
    const { ok, call, caseId, contactVersion } = await setUp();
    const { contactId } = (await ok('contacts.log', { caseId, contact: contact({ notes: 'Original words' }) })) as { contactId: number };
    expect(await call('contacts.updateDraft', { contactId, version: await contactVersion(contactId), contact: contact({ notes: 'Rewritten' }) })).toEqual({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: 'A final note cannot be changed. Add an amendment instead.' },
    });
    await ok('contacts.amend', { contactId, text: 'Correction: it was the home phone.' });
    const [row] = (await ok('contacts.list', { caseId })) as { notes: string; amendments: { text: string; author: string }[] }[];
    expect(row!.notes).toBe('Original words');
    expect(row!.amendments).toEqual([expect.objectContaining({ text: 'Correction: it was the home phone.', author: 'Priya Shah' })]);
  });

  it('a draft can be changed until it is saved as final', async () => {
    const { ok, call, caseId, contactVersion } = await setUp();
    const { contactId } = (await ok('contacts.log', { caseId, contact: contact({ notes: 'first go', final: false }) })) as { contactId: number };
    await ok('contacts.updateDraft', { contactId, version: await contactVersion(contactId), contact: contact({ notes: 'second go', final: true }) });
    expect(((await ok('contacts.list', { caseId })) as { notes: string; isFinal: boolean }[])[0]).toMatchObject({ notes: 'second go', isFinal: true });
    expect((await call('contacts.updateDraft', { contactId, version: await contactVersion(contactId), contact: contact({ notes: 'third go' }) })).ok).toBe(
      false,
    );
    expect((await call('contacts.amend', { contactId: 999, text: 'x' })).ok).toBe(false);
  });

  it('a deleted contact is kept for admins, audited, and stops meeting timers', async () => {
    const { ok, caseId, timer } = await setUp();
    const { contactId } = (await ok('contacts.log', { caseId, contact: contact() })) as { contactId: number };
    expect((await timer('first_contact'))!.status).toBe('met_on_time');
    await ok('contacts.delete', { contactId, reason: 'Logged on the wrong case' });
    expect((await timer('first_contact'))!.status).toBe('overdue');
    const asAdmin = (await ok('contacts.list', { caseId })) as { deletedBy: string; deletedReason: string }[];
    expect(asAdmin).toEqual([expect.objectContaining({ deletedBy: 'Priya Shah', deletedReason: 'Logged on the wrong case' })]);
    expect(await ok('cases.timeline', { caseId, kinds: ['contact'] })).toEqual([]);
  });
});

describe('safe-contact rules', () => {
  it('warns before an unsafe act, naming the rule; with a reason it goes ahead and the override is audited', async () => {
    const { core, ok, call, caseId, caseVersion } = await setUp();
    await ok('safety.update', {
      caseId,
      version: await caseVersion(),
      profile: { noLetters: true, noVoicemail: true, noTexts: true, doNotContactVia: 'his mother' },
    });
    const cases: [object, string][] = [
      [{ method: 'letter', outcome: 'letter_sent' }, 'Letters are not safe for this victim (no letters).'],
      [{ method: 'phone', outcome: 'voicemail_left' }, 'Voicemail is not safe for this victim (no voicemail).'],
      [{ method: 'text', outcome: 'message_sent' }, 'Text messages are not safe for this victim (no texts).'],
      [{ method: 'phone', outcome: 'spoke_to_victim', withVictim: false, withWhom: 'His mother, Jean' }, 'Do not contact the victim via his mother.'],
    ];
    for (const [act, message] of cases) {
      const refused = await call('contacts.log', { caseId, contact: contact(act) });
      expect(refused).toEqual({
        ok: false,
        error: { code: 'UNSAFE_CONTACT', message: `${message} To go ahead anyway, give the reason.`, field: 'overrideReason' },
      });
    }
    expect(await ok('contacts.list', { caseId })).toEqual([]);
    await ok('contacts.log', {
      caseId,
      contact: contact({ method: 'letter', outcome: 'letter_sent', overrideReason: 'She asked for a letter to her solicitor' }),
    });
    const audit = core.session()!.database.db.prepare("SELECT detail FROM audit_log WHERE action = 'safe-contact.overridden'").all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([{ rules: ['no_letters'] }]);
  });

  it('a letter needs a known safe address', async () => {
    const { ok, call, caseId, caseVersion } = await setUp();
    expect((await call('contacts.log', { caseId, contact: contact({ method: 'letter', outcome: 'letter_sent' }) })).ok).toBe(false);
    await ok('safety.update', { caseId, version: await caseVersion(), profile: { safeAddress: 'c/o Women’s Aid, 1 High St' } });
    expect((await call('contacts.log', { caseId, contact: contact({ method: 'letter', outcome: 'letter_sent' }) })).ok).toBe(true);
  });
});

describe('risk events and liaison', () => {
  it('a risk event starts risk_share (1 working day); sharing with the RO meets it, sharing with the police does not', async () => {
    const { ok, caseId, timer } = await setUp();
    const { riskEventId } = (await ok('risk.log', { caseId, event: { date: '2026-11-20', category: 'new_incident', description: 'Police call-out' } })) as {
      riskEventId: number;
    };
    expect(await timer('risk_share')).toMatchObject({ dueDate: '2026-11-23', metDate: null, status: 'overdue' });
    await ok('liaison.log', { caseId, liaison: { date: '2026-11-21', agency: 'police', riskEventId } });
    expect((await timer('risk_share'))!.status).toBe('overdue');
    await ok('liaison.log', { caseId, liaison: { date: '2026-11-23', agency: 'ro', sharedWith: 'Jo Bloggs', riskEventId } });
    expect(await timer('risk_share')).toMatchObject({ metDate: '2026-11-23', status: 'met_on_time' });
  });

  it('lists liaison unacknowledged after 5 working days for follow-up', async () => {
    const { ok, caseId, liaisonVersion } = await setUp();
    const { liaisonId } = (await ok('liaison.log', { caseId, liaison: { date: '2026-11-17', agency: 'ro' } })) as { liaisonId: number };
    await ok('liaison.log', { caseId, liaison: { date: '2026-11-18', agency: 'idva' } });
    const list = (await ok('liaison.followUp', { scope: 'team' })) as { rows: { id: number }[]; total: number };
    expect(list.total).toBe(list.rows.length);
    expect(list.rows.map((r) => r.id)).toEqual([liaisonId]);
    await ok('liaison.acknowledge', { liaisonId, version: await liaisonVersion(liaisonId), date: '2026-11-24' });
    expect(((await ok('liaison.followUp', { scope: 'team' })) as { rows: unknown[] }).rows).toEqual([]);
  });
});

describe('orders, children, MARAC and the timeline', () => {
  it('orders feed order_expiry, can be breached and resolved, and list when expiring in 28 days', async () => {
    const { ok, call, caseId, timer } = await setUp();
    const { orderId } = (await ok('orders.save', {
      caseId,
      order: {
        orderRef: 'RO-1',
        orderType: 'restraining_order',
        madeDate: '2025-12-15',
        expiryDate: '2026-12-15',
        protectedPeople: ['victim'],
        aware: ['ro', 'police'],
      },
    })) as { orderId: number };
    expect(await timer('order_expiry')).toMatchObject({ dueDate: '2026-12-15', status: 'due_soon' });
    expect(await ok('orders.expiring', { scope: 'team' })).toMatchObject({ expiring: { rows: [{ orderRef: 'RO-1' }], total: 1 }, expired: { total: 0 } });
    expect(((await ok('cases.get', { caseId })) as { summary: { activeOrders: number } }).summary.activeOrders).toBe(1);
    await ok('orders.addBreach', { orderId, breach: { date: '2026-11-20', what: 'Came to the house', reportedTo: 'Police' } });
    await ok('orders.resolve', { orderId, resolution: { resolution: 'renewed', date: '2026-11-24' } });
    expect(await timer('order_expiry')).toMatchObject({ metDate: '2026-11-24', status: 'met_on_time' });
    expect(((await ok('orders.list', { caseId })) as { breaches: unknown[] }[])[0]!.breaches).toHaveLength(1);
    expect(await call('orders.save', { caseId, order: { orderRef: 'RO-1', orderType: 'dvpo', madeDate: '2026-01-01' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'orderRef' },
    });
    expect(await call('orders.save', { caseId, order: { orderRef: 'X', orderType: 'dvpo', madeDate: '2026-01-01', expiryDate: '2025-01-01' } })).toMatchObject({
      ok: false,
      error: { field: 'order.expiryDate' },
    });
  });

  it('children show on the case as a count and the highest safeguarding status', async () => {
    const { ok, call, caseId } = await setUp();
    await ok('children.save', { caseId, child: { name: 'Ollie', ageYears: 4, safeguardingStatus: 'child_in_need' } });
    await ok('children.save', { caseId, child: { name: 'Mia', dateOfBirth: '2015-03-02', safeguardingStatus: 'child_protection_plan' } });
    expect(await call('children.save', { caseId, child: { name: 'No age' } })).toMatchObject({
      ok: false,
      error: { message: 'Enter a date of birth or an age' },
    });
    expect(((await ok('cases.get', { caseId })) as { summary: object }).summary).toMatchObject({ children: 2, highestSafeguarding: 'child_protection_plan' });
  });

  it('records the IDVA referral on the case; MARAC and DASH are records of their own', async () => {
    const { ok, call, caseId, caseVersion } = await setUp();
    await ok('idva.update', { caseId, version: await caseVersion(), idva: { idvaStatus: 'accepted', idvaReferralDate: '2026-11-20' } });
    expect(((await ok('safety.get', { caseId })) as { idva: object }).idva).toEqual({ idvaStatus: 'accepted', idvaReferralDate: '2026-11-20' });
    // The old one-number DASH is no longer taken: a DASH is 24 answers (tests/core/agencies.test.ts).
    expect(await call('idva.update', { caseId, version: await caseVersion(), idva: { idvaStatus: 'not_a_status' } })).toMatchObject({ ok: false });
  });

  it('the timeline shows everything on the case, newest first, and filters by kind', async () => {
    const { ok, caseId } = await setUp();
    await ok('contacts.log', { caseId, contact: contact({ date: '2026-11-12', time: '09:15', notes: 'Left a message with the office' }) });
    await ok('risk.log', { caseId, event: { date: '2026-11-20', category: 'address_change' } });
    await ok('cases.logChase', { caseId, chase: { date: '2026-11-05', toWhom: 'Jo Bloggs', method: 'email' } });
    const all = (await ok('cases.timeline', { caseId })) as { date: string; kind: string; title: string }[];
    expect(all.map((e) => [e.date, e.kind, e.title])).toEqual([
      ['2026-11-20', 'risk', 'Risk event: address change'],
      ['2026-11-12', 'contact', 'Phone call: no answer'],
      ['2026-11-09', 'case', 'Referral received'],
      ['2026-11-05', 'chase', 'Referral chased with Jo Bloggs by email'],
      ['2026-11-02', 'case', 'Sentenced'],
    ]);
    expect(((await ok('cases.timeline', { caseId, kinds: ['risk'] })) as { kind: string }[]).map((e) => e.kind)).toEqual(['risk']);
  });
});
