/**
 * Least privilege for managers. v1: a manager read five safe addresses through safety.get,
 * letters.preview, contacts.list and the timeline, and a sensitive contact's words through its
 * amendments, with no `case.viewed` entry. Now every channel is asked, as a manager, with
 * every input that makes sense, and no answer (nor any file a channel writes) holds a secret.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/handlers';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import { coreThroughHandlers, tempFolder } from './helpers';

const SECRETS = {
  victimPhone: '07700 900123',
  victimEmail: 'ana.secret@example.org',
  victimAddress: '14 Wetherby Road',
  victimPostcode: 'ZZ1 4QQ',
  safePhone: '01632 960555',
  safeEmail: 'safe.channel@example.org',
  safeAddress: 'c/o Zinc Street Refuge',
  safeTimes: 'after 6pm on Tuesdays',
  doNotContactVia: 'her brother Quentin',
  safeContactNotes: 'use the code word heron',
  sensitiveNote: 'disclosed the new flat',
  amendment: 'correction: the flat is above the bakery',
  overrideReason: 'she asked for a voicemail this once',
};

/** Calls that would end the session or make or move a database: not what this test is about. */
const SKIPPED = new Set(['session.lock', 'session.unlock', 'session.recover', 'database.create', 'database.createDemo', 'location.choose', 'backups.restore']);

describe('a manager', () => {
  it('gets no victim contact detail and no sensitive contact’s words from any channel, and each case opening is audited once', async () => {
    const exports = join(tempFolder(), 'exports');
    const { handlers, ok, db: openDb } = coreThroughHandlers({ choose: async (_kind, name) => join(exports, name ?? 'chosen') });
    await ok('database.create', { teamName: 'Team', accountName: 'Sam Admin', passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
    const { caseId } = (await ok('cases.create', {
      case: {
        ownerName: 'Sam Admin',
        victimName: 'Ana Núñez',
        victimPhone: SECRETS.victimPhone,
        victimEmail: SECRETS.victimEmail,
        victimAddress: SECRETS.victimAddress,
        victimPostcode: SECRETS.victimPostcode,
        perpetratorName: 'P',
        sentenceDate: '2026-11-02',
        referralReceivedDate: '2026-11-05',
      },
    })) as { caseId: number };
    await ok('safety.update', {
      caseId,
      version: ((await ok('safety.get', { caseId })) as { version: number }).version,
      profile: {
        safePhone: SECRETS.safePhone,
        safeEmail: SECRETS.safeEmail,
        safeAddress: SECRETS.safeAddress,
        safeTimes: SECRETS.safeTimes,
        doNotContactVia: SECRETS.doNotContactVia,
        safeContactNotes: SECRETS.safeContactNotes,
        noVoicemail: true,
      },
    });
    const { contactId } = (await ok('contacts.log', {
      caseId,
      contact: {
        date: '2026-11-20',
        method: 'phone',
        outcome: 'voicemail_left',
        notes: SECRETS.sensitiveNote,
        sensitive: true,
        overrideReason: SECRETS.overrideReason,
      },
    })) as { contactId: number };
    await ok('contacts.amend', { contactId, text: SECRETS.amendment });
    const { caseId: other } = (await ok('cases.create', {
      case: { ownerName: 'Sam Admin', victimName: 'Bea Brennan', perpetratorName: 'P', sentenceDate: '2026-11-02' },
    })) as { caseId: number };
    await ok('accounts.add', { accountName: 'Morgan Manager', role: 'manager', temporaryPassphrase: 'a temporary passphrase' });
    await ok('session.lock', {});
    await ok('session.unlock', {
      accountName: 'Morgan Manager',
      passphrase: 'a temporary passphrase',
      newPassphrase: 'morgan chose this one',
      newPassphraseConfirm: 'morgan chose this one',
    });

    const inputs: unknown[] = [
      {},
      { caseId },
      { contactId },
      { caseId, kind: 'initial_contact' },
      { caseId, kind: 'initial_contact', format: 'pdf' },
      { caseId, format: 'json' },
      { caseId, format: 'pdf' },
      { scope: 'team' },
      { scope: 'team', page: 1, pageSize: 50, sort: 'caseRef', direction: 'asc' },
      { scope: 'team', search: 'Ana' },
      { scope: 'team', confirmed: true },
      { from: '2026-11-01', to: '2026-11-30', scope: 'team' },
      { from: '2026-11-01', to: '2026-11-30', scope: 'team', format: 'xlsx' },
      { from: '2026-11-01', to: '2026-11-30', scope: 'team', format: 'pdf' },
    ];
    const answers: string[] = [];
    const answered = new Set<string>();
    for (const channel of CHANNEL_NAMES.filter((c) => !SKIPPED.has(c))) {
      for (const input of inputs) {
        const result = await dispatch(handlers, channel, input);
        if (result.ok) answered.add(channel);
        answers.push(JSON.stringify(result));
      }
    }
    const files = readdirSafe(exports).map((name) => readFileSync(join(exports, name)).toString('latin1') + readFileSync(join(exports, name)).toString('utf8'));
    const everything = [...answers, ...files].join('\n');
    const leaked = Object.entries(SECRETS)
      .filter(([, secret]) => everything.includes(secret))
      .map(([name]) => name);
    expect(leaked).toEqual([]);
    // The test asked enough to mean something: the case page's channels answered a manager.
    for (const channel of ['cases.get', 'safety.get', 'contacts.list', 'cases.timeline', 'children.list', 'orders.list', 'risk.list', 'cases.list']) {
      if ((CHANNEL_NAMES as readonly string[]).includes(channel)) expect(answered, channel).toContain(channel);
    }
    expect(answered.size).toBeGreaterThan(20);
    // A manager sees that a sensitive contact exists, and that rules exist.
    const contacts = (await ok('contacts.list', { caseId })) as { sensitive: boolean; notes: string | null; amendments: unknown[] }[];
    expect(contacts[0]).toMatchObject({ sensitive: true, notes: null, amendments: [] });
    expect(((await ok('safety.get', { caseId })) as { profile: { noVoicemail: boolean } }).profile.noVoicemail).toBe(true);

    // Each opening of the case is one entry, however many of its panels are read.
    const db = openDb();
    const views = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.viewed' AND account_name = 'Morgan Manager'").get() as { n: number };
    expect(views.n).toBeGreaterThan(0);
    const before = views.n;
    for (const opened of [other, caseId]) {
      await ok('cases.get', { caseId: opened });
      for (const channel of ['safety.get', 'contacts.list', 'orders.list', 'risk.list', 'children.list']) await ok(channel, { caseId: opened });
    }
    // A panel read on its own, for a case not open, is an opening of its own.
    await ok('safety.get', { caseId: other });
    const after = (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.viewed' AND account_name = 'Morgan Manager'").get() as { n: number }).n;
    expect(after - before).toBe(3);
  }, 120_000);
});

function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
