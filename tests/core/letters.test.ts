/** Letters: filled from the case, refused when unsafe unless overridden (audited), and real PDF and DOCX files. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import { DEFAULT_LETTER_TEMPLATES, fillTemplate, LETTER_FIELDS } from '../../shared/letters';
import { tempFolder } from './helpers';

async function setUp() {
  const folder = tempFolder();
  const saved: string[] = [];
  const core = new AppCore({
    configDir: folder,
    emit: () => undefined,
    choose: async (_kind, suggestedName) => {
      const path = join(folder, suggestedName ?? 'letter');
      saved.push(path);
      return path;
    },
    now: () => new Date('2026-11-24T10:00:00Z'),
  });
  const handlers = createHandlers(core);
  const ok = async (channel: string, input: unknown) => {
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value as never;
  };
  await ok('database.create', {
    teamName: 'East Lancashire PLW team',
    accountName: 'Priya Shah',
    passphrase: 'a long passphrase',
    passphraseConfirm: 'a long passphrase',
  });
  const { caseId } = (await ok('cases.create', {
    case: {
      caseRef: 'PL-7',
      ownerName: 'Priya Shah',
      victimName: 'Ana Núñez',
      perpetratorName: 'Darren Threlkeld',
      sentenceDate: '2026-11-02',
      programmeStartDate: '2026-11-20',
    },
  })) as { caseId: number };
  await ok('safety.update', { caseId, version: 1, profile: { safeAddress: 'c/o Women’s Aid, 1 High Street, Accrington, ZZ1 1AA', safePhone: '01632 960123' } });
  // The numbers a letter gives her to ring: the worker's own and the team's, never hers.
  await ok('workers.setOwnPhone', { phone: '01632 960555' });
  const settings = (await ok('settings.get', {})) as { version: number };
  await ok('settings.update', { version: settings.version, teamPhone: '01632 960000', teamAddress: 'Probation Office, 2 Union Road, Accrington' });
  return { core, ok, call: (c: string, i: unknown) => dispatch(handlers, c, i), caseId, folder, saved };
}

/** The case form's fields as an update sends them (what `cases.get` returns holds more). */
function pickCaseInput(fields: Record<string, unknown>) {
  const { victimName, perpetratorName, ownerName, sentenceDate, programmeStartDate, caseRef } = fields;
  return { victimName, perpetratorName, ownerName, sentenceDate, programmeStartDate, caseRef };
}

describe('letters', () => {
  it('fills every field, and shows a missing one in brackets rather than dropping it', () => {
    expect(
      fillTemplate('Hello {{first_name}}, call {{safe_phone}} ({{nonsense}})', {
        victim_name: 'Ana Núñez',
        first_name: 'Ana',
        worker_name: null,
        worker_phone: null,
        role_title: null,
        team_name: null,
        team_phone: null,
        team_address: null,
        case_ref: null,
        today: null,
        programme_start_date: null,
        programme_end_date: null,
        safe_phone: null,
      }),
    ).toBe('Hello Ana, call [safe phone] ([nonsense])');
    // Not the object's inherited properties either.
    const none = Object.fromEntries(LETTER_FIELDS.map((f) => [f, null])) as never;
    expect(fillTemplate('{{constructor}} {{__proto__}} {{toString}}', none)).toBe('[constructor] [  proto  ] [toString]');
  });

  it('saves templates that use only the listed fields, and says which field is not one', async () => {
    const { ok, call } = await setUp();
    const templates = (await ok('letters.templates', {})) as Record<string, { subject: string; body: string }> & { version: number };
    expect(await call('letters.updateTemplates', { ...templates, closing: { subject: 'Goodbye', body: 'From {{constructor}}, {{team_name}}' } })).toMatchObject(
      {
        ok: false,
        error: {
          code: 'VALIDATION',
          field: 'closing.body',
          message: expect.stringMatching(/^\{\{constructor\}\} is not a field letters can fill\. Use one of: \{\{victim_name\}\}/),
        },
      },
    );
  });

  it('still reads a team’s templates saved by an earlier version with an unknown field, printing it in brackets', async () => {
    const { core, ok, caseId } = await setUp();
    const db = core.session()!.database.db;
    const saved = { ...DEFAULT_LETTER_TEMPLATES, closing: { subject: 'Our own words', body: 'From {{constructor}}.' } };
    db.prepare("INSERT INTO settings (key, value) VALUES ('letterTemplates', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
      JSON.stringify(saved),
    );
    const preview = (await ok('letters.preview', { caseId, kind: 'closing' })) as { letter: { subject: string; paragraphs: string[] } };
    expect(preview.letter).toMatchObject({ subject: 'Our own words', paragraphs: ['From [constructor].'] });
  });

  it('makes a PDF that renders, and a DOCX that parses, both with the filled fields, only where the person chose', async () => {
    const { ok, caseId, folder } = await setUp();
    expect(await ok('letters.generate', { caseId, kind: 'programme_start', format: 'pdf' })).toEqual({ savedAs: 'PL-7-programme-start.pdf' });
    expect(await ok('letters.generate', { caseId, kind: 'programme_start', format: 'docx' })).toEqual({ savedAs: 'PL-7-programme-start.docx' });

    const pdf = join(folder, 'PL-7-programme-start.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(folder, 'page')]);
    expect(readdirSync(folder).filter((f) => f.startsWith('page') && f.endsWith('.png'))).toHaveLength(1);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of [
      'Ana Núñez',
      'Accrington',
      '24 November 2026',
      'Dear Ana,',
      'started on 20 November 2026',
      'call me on 01632 960555 or the team on 01632 960000',
      'Priya Shah',
      'Domestic Abuse Safety Officer',
      'East Lancashire PLW team',
    ]) {
      expect(text).toContain(expected);
    }

    const zip = await JSZip.loadAsync(readFileSync(join(folder, 'PL-7-programme-start.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    const docText = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    for (const expected of ['Ana Núñez', 'Dear Ana,', 'started on 20 November 2026', 'Priya Shah']) expect(docText).toContain(expected);
    // Her own safe number is hers to be rung on, not a number the letter asks her to ring.
    expect(text).not.toContain('01632 960123');
  });

  it('refuses a letter when letters are unsafe: clear message, no file, nothing logged; with a reason it is made and the override audited', async () => {
    const { core, ok, call, caseId, saved } = await setUp();
    await ok('safety.update', {
      caseId,
      version: ((await ok('safety.get', { caseId })) as { version: number }).version,
      profile: { safeAddress: '1 High Street', noLetters: true },
    });
    expect(await call('letters.generate', { caseId, kind: 'initial_contact', format: 'pdf' })).toEqual({
      ok: false,
      error: {
        code: 'UNSAFE_CONTACT',
        message: 'Letters are not safe for this victim (no letters). To go ahead anyway, give the reason.',
        field: 'overrideReason',
      },
    });
    expect(saved).toEqual([]);
    expect(await ok('contacts.list', { caseId })).toEqual([]);
    expect(((await ok('letters.preview', { caseId, kind: 'initial_contact' })) as { unsafe: string[] }).unsafe).toEqual([
      'Letters are not safe for this victim (no letters).',
    ]);

    await ok('letters.generate', { caseId, kind: 'initial_contact', format: 'pdf', overrideReason: 'Victim asked for it to go to her solicitor' });
    expect(saved.every((p) => existsSync(p))).toBe(true);
    const db = core.session()!.database.db;
    expect(
      (db.prepare("SELECT detail FROM audit_log WHERE action = 'safe-contact.overridden'").all() as { detail: string }[]).map((r) => JSON.parse(r.detail)),
    ).toEqual([{ rules: ['no_letters'], letter: 'initial_contact' }]);
    expect(await ok('contacts.list', { caseId })).toEqual([]);

    await ok('letters.confirmSent', { caseId, kind: 'initial_contact', date: '2026-11-24', overrideReason: 'Victim asked for it to go to her solicitor' });
    const contacts = (await ok('contacts.list', { caseId })) as { method: string; outcome: string; notes: string }[];
    expect(contacts).toEqual([expect.objectContaining({ method: 'letter', outcome: 'letter_sent', notes: 'Initial contact letter sent.' })]);
  });

  it('refuses a letter with an empty field unless a reason is given, and audits the reason with the fields', async () => {
    const { core, ok, call, caseId, saved } = await setUp();
    const settings = (await ok('settings.get', {})) as { version: number };
    await ok('settings.update', { version: settings.version, teamPhone: '' });
    expect(((await ok('letters.preview', { caseId, kind: 'programme_start' })) as { emptyFields: string[] }).emptyFields).toEqual(['team phone']);
    expect(await call('letters.generate', { caseId, kind: 'programme_start', format: 'pdf' })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'emptyFieldReason',
        message: 'This letter has nothing to put in team phone. Fill it in (Settings), or say why the letter should be made without.',
      },
    });
    expect(saved).toEqual([]);
    await ok('letters.generate', { caseId, kind: 'programme_start', format: 'pdf', emptyFieldReason: 'Team line being moved; writing it in by hand' });
    const db = core.session()!.database.db;
    expect(
      db
        .prepare("SELECT detail FROM audit_log WHERE action = 'letter.made-with-empty-fields'")
        .pluck()
        .all()
        .map((d) => JSON.parse(d as string)),
    ).toEqual([{ letter: 'programme_start', fields: ['team_phone'], reason: 'Team line being moved; writing it in by hand' }]);
  });

  it('the default templates: no one’s sex assumed, never her own number to ring, and the first says what is shared and with whom', () => {
    for (const [key, template] of Object.entries(DEFAULT_LETTER_TEMPLATES)) {
      const words = `${template.subject} ${template.body}`;
      expect(words, key).not.toContain('{{safe_phone}}');
      if (!key.endsWith('_cy')) expect(words, key).not.toMatch(/\b(he|him|his|she|her|hers)\b/i);
    }
    expect(DEFAULT_LETTER_TEMPLATES.initial_contact.body).toMatch(/What we share, and with whom: .*probation officer.*police and children's social care/s);
    expect(DEFAULT_LETTER_TEMPLATES.initial_contact_cy.body).toMatch(/swyddog prawf.*heddlu a gwasanaethau cymdeithasol plant/s);
  });

  it('writes to a victim whose preferred language is Welsh in Welsh, with the Welsh helpline, and prints ŵ and ŷ (PDF read back)', async () => {
    const { ok, caseId, folder } = await setUp();
    const detail = (await ok('cases.get', { caseId })) as { version: number; fields: Record<string, unknown> };
    await ok('cases.update', { caseId, version: detail.version, case: { ...pickCaseInput(detail.fields), victimName: 'Siân Llŷr', welshLanguage: true } });
    const preview = (await ok('letters.preview', { caseId, kind: 'initial_contact' })) as {
      language: string;
      letter: { greeting: string; date: string; subject: string; signOff: string[] };
    };
    expect(preview.language).toBe('cy');
    expect(preview.letter).toMatchObject({ greeting: 'Annwyl Siân,', date: '24 Tachwedd 2026', subject: 'Cynnig cymorth' });
    expect(preview.letter.signOff).toEqual(['Yn gywir,', '', 'Priya Shah', 'Swyddog Diogelwch Cam-drin Domestig', 'East Lancashire PLW team']);
    await ok('letters.generate', { caseId, kind: 'initial_contact', format: 'pdf' });
    const text = execFileSync('pdftotext', [join(folder, 'PL-7-initial-contact.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of ['Siân Llŷr', 'Annwyl Siân,', 'Byw Heb Ofn', '0808 80 10 800', 'ffonio i ar 01632 960555', 'Yn gywir,'])
      expect(text).toContain(expected);
  });

  it('refuses a Welsh template naming a field letters cannot fill, saying which template', async () => {
    const { ok, call } = await setUp();
    const templates = (await ok('letters.templates', {})) as Record<string, { subject: string; body: string }> & { version: number };
    expect(await call('letters.updateTemplates', { ...templates, closing_cy: { subject: 'Hwyl', body: 'Oddi wrth {{tim}}' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'closing_cy.body', message: expect.stringMatching(/^\{\{tim\}\} is not a field letters can fill/) },
    });
  });

  it('lets an admin change the team’s templates', async () => {
    const { ok, caseId } = await setUp();
    const templates = (await ok('letters.templates', {})) as Record<string, { subject: string; body: string }> & { version: number };
    await ok('letters.updateTemplates', { ...templates, closing: { subject: 'Goodbye for now', body: 'Thank you, {{first_name}}.' } });
    const preview = (await ok('letters.preview', { caseId, kind: 'closing' })) as { letter: { subject: string; paragraphs: string[] } };
    expect(preview.letter).toMatchObject({ subject: 'Goodbye for now', paragraphs: ['Thank you, Ana.'] });
  });
});
