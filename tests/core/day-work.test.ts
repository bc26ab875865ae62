/**
 * Issue 18's defects below the screens, through the same handler table the app serves, on real
 * encrypted databases. Each test failed before its fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { importWorkbook } from '../../electron/core/import/import-workbook';
import { readSummaryFile } from '../../electron/core/reports/team-merge';
import { outcomeFitsMethod, type ContactMethod, type ContactOutcome } from '../../shared/reference-data';
import { ADMIN, closeTeamDatabase, coreThroughHandlers, newTeamDatabase, tempFolder } from './helpers';
import { makeFixture, writeXlsx } from './workbook-fixture';

const NOW = new Date('2026-11-24T10:00:00Z');

async function team(choose: () => Promise<string | null> = async () => null) {
  const { call, ok, db } = coreThroughHandlers({ now: () => NOW, choose });
  await ok('database.create', { teamName: 'Team', accountName: 'Priya Shah', passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
  const newCase = async (extra: object = {}) =>
    (
      (await ok('cases.create', {
        case: { ownerName: 'Priya Shah', victimName: 'Ana Núñez', perpetratorName: 'Darren Threlkeld', sentenceDate: '2026-10-01', ...extra },
      })) as { caseId: number }
    ).caseId;
  return { call, ok, db, newCase };
}

describe('defect 1: "do not contact via" names the person apart from who they are', () => {
  it('with the rule "Karen Wood (his sister)", a final contact with "Karen Wood" is stopped until a reason is given', async () => {
    const { call, ok, newCase } = await team();
    const caseId = await newCase({ referralReceivedDate: '2026-10-05' });
    const { version } = (await ok('safety.get', { caseId })) as { version: number };
    await ok('safety.update', { caseId, version, profile: { doNotContactVia: 'Karen Wood (his sister)' } });
    const contact = { date: '2026-11-20', method: 'phone', outcome: 'spoke_to_victim', withVictim: false, withWhom: 'Karen Wood', final: true };
    const refused = await call('contacts.log', { caseId, contact });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNSAFE_CONTACT', field: 'overrideReason' } });
    expect(JSON.stringify(refused)).toContain('Do not contact the victim via Karen Wood');
    await ok('contacts.log', { caseId, contact: { ...contact, overrideReason: 'She rang us from her sister’s phone' } });
  });

  it('keeps the person and the description in their own fields', async () => {
    const { ok, newCase } = await team();
    const caseId = await newCase();
    const { version } = (await ok('safety.get', { caseId })) as { version: number };
    await ok('safety.update', { caseId, version, profile: { doNotContactVia: 'Karen Wood', doNotContactViaAbout: 'his sister' } });
    const { profile } = (await ok('safety.get', { caseId })) as { profile: Record<string, unknown> };
    expect(profile).toMatchObject({ doNotContactVia: 'Karen Wood', doNotContactViaAbout: 'his sister' });
    const detail = (await ok('cases.get', { caseId })) as { summary: Record<string, unknown> };
    expect(detail.summary).toMatchObject({ doNotContactVia: 'Karen Wood', doNotContactViaAbout: 'his sister' });
  });
});

describe('defect 13 (the rule itself): an outcome must fit the method', () => {
  it('"letter, spoke to victim" and "home visit, returned mail" are refused with the outcomes that fit', async () => {
    const { call, ok, newCase } = await team();
    const caseId = await newCase({ referralReceivedDate: '2026-10-05' });
    expect(await call('contacts.log', { caseId, contact: { date: '2026-11-20', method: 'letter', outcome: 'spoke_to_victim' } })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'contact.outcome',
        message: 'A letter cannot have that outcome: choose letter sent, returned mail or declined support',
      },
    });
    expect(await call('contacts.log', { caseId, contact: { date: '2026-11-20', method: 'home_visit', outcome: 'returned_mail' } })).toMatchObject({
      ok: false,
      error: { field: 'contact.outcome' },
    });
    await ok('contacts.log', {
      caseId,
      contact: { date: '2026-11-20', method: 'letter', outcome: 'returned_mail', overrideReason: 'Sent to her sister, who passes it on' },
    });
  });
});

describe('defect 2: orders expiring have one definition, one scope, and counts that match the lists', () => {
  it("Today's card, Today's group and the Orders page count the same orders; expired ones are their own list", async () => {
    const { ok, newCase } = await team();
    const orders: [string, string][] = [
      ['2025-03-01', '2025-09-30'], // expired in 2025, never reviewed
      ['2025-06-01', '2026-01-31'],
      ['2026-01-01', '2026-11-20'], // expired last week
      ['2026-02-01', '2026-11-24'], // expires today
      ['2026-02-01', '2026-12-10'], // in the window
      ['2026-02-01', '2026-12-22'], // the window's last day (28 days on)
      ['2026-02-01', '2026-12-23'], // one day beyond it
      ['2026-02-01', '2027-06-01'],
    ];
    for (const [i, [madeDate, expiryDate]] of orders.entries()) {
      const caseId = await newCase({ sentenceDate: '2025-02-01' });
      await ok('orders.save', { caseId, order: { orderRef: `O-${i}`, orderType: 'restraining_order', madeDate, expiryDate } });
    }
    const today = (await ok('today.list', { scope: 'team' })) as {
      byTimer: { timer: string; overdue: number; dueSoon: number }[];
      rows: { timer: string; orderRef: string | null }[];
    };
    const counts = today.byTimer.find((t) => t.timer === 'order_expiry')!;
    const group = today.rows.filter((r) => r.timer === 'order_expiry');
    const page = (await ok('orders.expiring', { scope: 'team' })) as {
      asOf: string;
      windowDays: number;
      expired: { total: number; rows: { orderRef: string; expiryDate: string }[] };
      expiring: { total: number; rows: { orderRef: string; expiryDate: string }[] };
    };
    expect(page.windowDays).toBe(28);
    expect(page.expired.rows.map((o) => o.orderRef)).toEqual(['O-0', 'O-1', 'O-2']);
    expect(page.expiring.rows.map((o) => o.orderRef)).toEqual(['O-3', 'O-4', 'O-5']);
    expect(page.expiring.rows.every((o) => o.expiryDate >= page.asOf)).toBe(true);
    expect(counts.overdue).toBe(page.expired.total);
    expect(counts.dueSoon).toBe(page.expiring.total);
    expect(group).toHaveLength(counts.overdue + counts.dueSoon);
  });
});

describe('Today, a page at a time, filtered by its cards', () => {
  it('pages like the chase list, and every row is on exactly one page; the Overdue and Due soon cards filter the list', async () => {
    const { ok, newCase } = await team();
    for (let i = 0; i < 57; i++) await newCase({ sentenceDate: '2026-11-02', victimName: `Victim ${i}` }); // referral overdue
    for (let i = 0; i < 6; i++) await newCase({ sentenceDate: '2026-11-18', victimName: `Soon ${i}` }); // referral due tomorrow
    type Page = { listed: number; page: number; pages: number; overdue: number; dueSoon: number; rows: { caseId: number; status: string }[] };
    const first = (await ok('today.list', { scope: 'team' })) as Page;
    expect(first).toMatchObject({ overdue: 57, dueSoon: 6, listed: 63, page: 1, pages: 2 });
    expect(first.rows).toHaveLength(50);
    const second = (await ok('today.list', { scope: 'team', page: 2 })) as Page;
    expect(second.rows).toHaveLength(13);
    const all = [...first.rows, ...second.rows];
    expect(new Set(all.map((r) => r.caseId)).size).toBe(63);
    expect(all.map((r) => r.status).indexOf('due_soon')).toBe(57); // overdue first, on every page

    const overdue = (await ok('today.list', { scope: 'team', status: 'overdue', page: 2 })) as Page;
    expect(overdue).toMatchObject({ listed: 57, pages: 2 });
    expect(overdue.rows.every((r) => r.status === 'overdue')).toBe(true);
    const soon = (await ok('today.list', { scope: 'team', status: 'due_soon' })) as Page;
    expect(soon).toMatchObject({ listed: 6, pages: 1 });
    expect(soon.rows.map((r) => r.status)).toEqual(Array(6).fill('due_soon'));
    // A page past the end gives the last.
    expect(((await ok('today.list', { scope: 'team', page: 99 })) as Page).page).toBe(2);
  });
});

describe('defect 6: the importer and the New case form name workers the same way', () => {
  async function importWith(owners: string[], accounts: string[] = []) {
    const { open, folder } = await newTeamDatabase();
    for (const name of accounts) open.db.prepare("INSERT INTO accounts (account_name, role, created_at) VALUES (?, 'plw', '2026-11-01')").run(name);
    const fixture = makeFixture();
    fixture.cases = fixture.cases.map((row, i) => ({ ...row, plw: owners[i % owners.length]! }));
    const path = join(folder, 'tracker.xlsx');
    await writeXlsx(fixture, path);
    const run = (confirmedNewWorkers?: string[]) =>
      importWorkbook(open.db, path, {
        update: false,
        dryRun: false,
        actor: ADMIN,
        now: NOW,
        rules: readTimerRules(open.db),
        ...(confirmedNewWorkers ? { confirmedNewWorkers } : {}),
      });
    return { open, run };
  }

  it('"priya  shah" and "PRIYA SHAH" are the existing worker Priya Shah, and an account is not a new worker', async () => {
    const { open, run } = await importWith(['Priya Shah', 'priya  shah', 'PRIYA SHAH ', 'Tom Worker'], ['Tom Worker']);
    open.db.prepare("INSERT INTO workers (name, created_at) VALUES ('Priya Shah', '2026-11-01')").run();
    const { preview, summary } = await run();
    expect(preview.newWorkers).toEqual([]);
    expect(summary).not.toBeNull();
    expect(open.db.prepare('SELECT name FROM workers ORDER BY name').pluck().all()).toEqual(['Priya Shah', 'Tom Worker']);
    closeTeamDatabase(open);
  });

  it("a name close to an existing worker's is listed for confirmation, and nothing is imported until it is confirmed", async () => {
    const { open, run } = await importWith(['Priya Shah', 'Priya Shaw']);
    open.db.prepare("INSERT INTO workers (name, created_at) VALUES ('Priya Shah', '2026-11-01')").run();
    const first = await run();
    expect(first.preview.workersToConfirm).toEqual([{ name: 'Priya Shaw', closeTo: 'Priya Shah' }]);
    expect(first.summary).toBeNull();
    expect(open.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
    const second = await run(['Priya Shaw']);
    expect(second.summary).not.toBeNull();
    expect(open.db.prepare('SELECT name FROM workers ORDER BY name').pluck().all()).toEqual(['Priya Shah', 'Priya Shaw']);
    closeTeamDatabase(open);
  });

  it('New case with "priya  shah" gives the case to Priya Shah', async () => {
    const { ok, db, newCase } = await team();
    const caseId = await newCase({ ownerName: 'priya  shah ' });
    expect(((await ok('cases.get', { caseId })) as { fields: { ownerName: string } }).fields.ownerName).toBe('Priya Shah');
    expect(db().prepare('SELECT count(*) FROM workers').pluck().get()).toBe(1);
  });
});

describe('Settings → Timers: new rules are previewed before they are saved', () => {
  it("says how many cases' timers would change, writing nothing; zero and negative days are refused", async () => {
    const { ok, call, db, newCase } = await team();
    await newCase({ sentenceDate: '2026-11-02' }); // referral open: its due date follows the rule
    await newCase({ sentenceDate: '2026-10-01', referralReceivedDate: '2026-10-05' }); // referral met, first contact open
    await newCase({ sentenceDate: '2026-09-01', referralReceivedDate: '2026-09-02', closedDate: '2026-09-30' });
    const { version, ...rules } = (await ok('timers.rules', {})) as { version: number; referral: { amount: number; unit: string } };
    const timersBefore = db().prepare('SELECT * FROM timers ORDER BY id').all();
    const preview = (await ok('timers.previewRules', { ...rules, referral: { amount: 10, unit: 'working_days' } })) as { casesChanged: number; cases: number };
    expect(preview).toEqual({ casesChanged: 3, cases: 3 }); // every referral timer's due date moves, met or not
    expect((await ok('timers.previewRules', rules)) as object).toEqual({ casesChanged: 0, cases: 3 });
    expect(db().prepare('SELECT * FROM timers ORDER BY id').all()).toEqual(timersBefore);
    for (const amount of [0, -2]) {
      expect(await call('timers.previewRules', { ...rules, referral: { amount, unit: 'days' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await call('timers.updateRules', { ...rules, version, referral: { amount, unit: 'days' } })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    expect(await call('timers.updateRules', { ...rules, version, warnDays: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'warnDays' } });
  });
});

describe('the audit log names cases by their reference', () => {
  it('each entry about a case carries its ref, on the page and in the CSV export; entries about no case have none', async () => {
    const exported = join(tempFolder(), 'audit.csv');
    const { ok, newCase } = await team(async () => exported);
    const caseId = await newCase({ caseRef: 'EL-2026-7' });
    await ok('cases.get', { caseId });
    const { rows } = (await ok('audit.list', {})) as { rows: { caseId: number | null; caseRef: string | null; action: string }[] };
    const about = rows.filter((r) => r.caseId === caseId);
    expect(about.map((r) => r.action)).toEqual(expect.arrayContaining(['case.created', 'case.viewed']));
    expect(about.every((r) => r.caseRef === 'EL-2026-7')).toBe(true);
    expect(rows.filter((r) => r.caseId === null).every((r) => r.caseRef === null)).toBe(true);
    await ok('audit.export', {});
    const csv = readFileSync(exported, 'utf8').split('\n');
    expect(csv[0]).toBe('id,at (UTC),account,action,entity,entity id,case id,case ref,detail');
    expect(csv.filter((line) => line.includes(',case.created,')).every((line) => line.includes(`,${caseId},EL-2026-7,`))).toBe(true);
  });
});

describe('defect 12: a PDF offered as a summary file', () => {
  it('is "not a summary file", not "cut short"', () => {
    expect(() => readSummaryFile('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'summary.pdf')).toThrow('summary.pdf is not a Partner Link Tracker summary file');
    expect(() => readSummaryFile('{"payload": {"team', 'priya.json')).toThrow('it may have been cut short');
  });
});

describe('defect 13: the demo follows the rules a worker must', () => {
  it('methods and outcomes fit, timelines are in order, and nothing happens on a case before its referral', async () => {
    const { open } = await newTeamDatabase();
    generateDemo(open.db, { cases: 1500, seed: 18, actor: ADMIN, rules: readTimerRules(open.db), now: NOW, asOf: '2026-11-24' });
    const contacts = open.db
      .prepare(
        `SELECT ct.method, ct.outcome, ct.contact_date AS date, c.sentence_date AS sentenced, c.referral_received_date AS referred
         FROM contacts ct JOIN cases c ON c.id = ct.case_id`,
      )
      .all() as { method: ContactMethod; outcome: ContactOutcome; date: string; sentenced: string; referred: string | null }[];
    expect(contacts.length).toBeGreaterThan(1000);
    expect(contacts.filter((c) => !outcomeFitsMethod(c.method, c.outcome)).map((c) => `${c.method}, ${c.outcome}`)).toEqual([]);
    expect(contacts.filter((c) => c.referred === null || c.date < c.referred || c.date > '2026-11-24')).toEqual([]);

    const cases = open.db
      .prepare(`SELECT sentence_date AS s, referral_received_date AS r, programme_start_date AS ps, programme_end_date AS pe, closed_date AS cd FROM cases`)
      .all() as { s: string; r: string | null; ps: string | null; pe: string | null; cd: string | null }[];
    expect(cases.filter((c) => (c.r && c.r < c.s) || (c.ps && c.ps < c.s) || (c.pe && (!c.ps || c.pe < c.ps)) || (c.cd && c.cd < c.s))).toEqual([]);
    // Awaiting referral: the team does not know of the case's programme, and no timer but the referral's is met.
    expect(cases.filter((c) => c.r === null && c.ps !== null)).toEqual([]);
    expect(
      open.db
        .prepare(
          "SELECT count(*) FROM timers t JOIN cases c ON c.id = t.case_id WHERE c.referral_received_date IS NULL AND t.met_date IS NOT NULL AND t.timer NOT IN ('referral', 'order_expiry')",
        )
        .pluck()
        .get(),
    ).toBe(0);

    // MARAC and IDVA are separate decisions: their counts differ for the team and for most workers.
    const byWorker = open.db
      .prepare(`SELECT owner_name AS worker, count(marac_referral_date) AS marac, count(idva_referral_date) AS idva FROM cases GROUP BY owner_name`)
      .all() as { worker: string; marac: number; idva: number }[];
    expect(byWorker.filter((w) => w.marac !== w.idva).length).toBeGreaterThan(byWorker.length / 2);
    closeTeamDatabase(open);
  });
});
