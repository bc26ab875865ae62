import { spawnSync } from 'node:child_process';
import fs, { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { importWorkbook } from '../../electron/core/import/import-workbook';
import { checkWorkbook } from '../../electron/core/import/parse-workbook';
import { cellsOf, readWorkbook } from '../../electron/core/import/read-workbook';
import { writeTemplate } from '../../electron/core/import/template';
import { listOrders } from '../../electron/core/records/orders';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';
import { makeFixture, rowCount, writeCsvFolder, writeXlsx } from './workbook-fixture';

const NOW = new Date('2026-11-24T10:00:00Z');
const PLW = resolve(import.meta.dirname, '../../dist/cli/plw.cjs');

function broken() {
  const fixture = makeFixture();
  fixture.cases[10] = { ...fixture.cases[10]!, crn: '12345' }; // cases row 12
  fixture.contacts[5] = { ...fixture.contacts[5]!, method: 'carrier pigeon' }; // contacts row 7
  fixture.orders[3] = { ...fixture.orders[3]!, made_date: '31/02/2026' }; // orders row 5
  fixture.chases[7] = { ...fixture.chases[7]!, case_ref: 'NOPE-1' }; // chases row 9
  return fixture;
}

describe('importing the tracker workbook', () => {
  it('names sheet, row and column but never what a wrong cell holds (a name in a date column stays off the screen)', async () => {
    const { open, folder } = await newTeamDatabase();
    const fixture = makeFixture();
    fixture.cases[3] = { ...fixture.cases[3]!, sentence_date: 'Philippa Quenby-Zetland' };
    fixture.contacts[2] = { ...fixture.contacts[2]!, method: 'Flat 2, 14 Wetherby Road' };
    const path = join(folder, 'tracker.xlsx');
    await writeXlsx(fixture, path);
    const { preview } = await importWorkbook(open.db, path, { update: false, dryRun: true, actor: ADMIN, now: NOW, rules: readTimerRules(open.db) });
    expect(preview.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['cases', 5, 'sentence_date'],
      ['contacts', 4, 'method'],
    ]);
    expect(JSON.stringify(preview.errors)).not.toMatch(/Quenby|Wetherby/);
    closeTeamDatabase(open);
  });

  it('with a bad row in each sheet: writes nothing and reports every bad row by sheet, row and column', async () => {
    const { open, folder } = await newTeamDatabase();
    const fixture = broken();
    expect(rowCount(fixture)).toBeGreaterThanOrEqual(200);
    const path = join(folder, 'tracker.xlsx');
    await writeXlsx(fixture, path);
    const result = await importWorkbook(open.db, path, { update: false, dryRun: false, actor: ADMIN, now: NOW, rules: readTimerRules(open.db) });
    expect(result.summary).toBeNull();
    expect(result.preview.errors).toEqual([
      { sheet: 'cases', row: 12, column: 'crn', message: 'CRN must be a letter followed by six digits, like X123456' },
      { sheet: 'contacts', row: 7, column: 'method', message: 'method is not one of the values listed for it on the notes sheet' },
      { sheet: 'orders', row: 5, column: 'made_date', message: 'made_date is not a date: write it as 2026-11-24 or 24/11/2026' },
      { sheet: 'chases', row: 9, column: 'case_ref', message: 'NOPE-1 is not on the cases sheet or in the app' },
    ]);
    for (const table of ['cases', 'victims', 'contacts', 'orders', 'chases', 'workers', 'timers']) {
      expect(open.db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    closeTeamDatabase(open);
  });

  it('once fixed, imports everything, and plw timers gives the hand-checked statuses', async () => {
    const { open, folder, databasePath } = await newTeamDatabase();
    const path = join(folder, 'tracker.xlsx');
    await writeXlsx(makeFixture(), path);
    const events: { done: number; total: number }[] = [];
    const result = await importWorkbook(open.db, path, {
      update: false,
      dryRun: false,
      actor: ADMIN,
      now: NOW,
      rules: readTimerRules(open.db),
      progress: ({ done, total }) => events.push({ done, total }),
    });
    expect(result.preview.errors).toEqual([]);
    expect(result.preview.newWorkers.sort()).toEqual(['Priya Shah', 'Sam New', 'Tom Worker']);
    expect(result.summary).toMatchObject({ casesCreated: 80, casesUpdated: 0, contacts: 70, orders: 30, chases: 25 });
    // Progress runs over the 205 rows, then the timers of the 80 cases they name, and ends full.
    expect(events.at(-1)).toEqual({ done: 285, total: 285 });
    expect(events.map((e) => e.done)).toEqual([...events.map((e) => e.done)].sort((a, b) => a - b));
    expect(open.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'import.completed'").get()).toEqual({ n: 1 });
    // The protected cell ("victim; children") becomes the order's list of protected people.
    const hcC = (open.db.prepare("SELECT id FROM cases WHERE case_ref = 'HC-C'").get() as { id: number }).id;
    expect(listOrders(open.db, hcC).map((o) => o.protectedPeople)).toEqual([['victim', 'children']]);
    closeTeamDatabase(open);

    if (!existsSync(PLW)) throw new Error('dist/cli/plw.cjs is missing: run `npm run build` first');
    const run = spawnSync(process.execPath, [PLW, 'timers', '--db', databasePath, '--as-of', '2026-11-24', '--json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', PLW_PASSPHRASE: ADMIN_PASSPHRASE },
    });
    expect(run.status).toBe(0);
    const timers = JSON.parse(run.stdout) as {
      case_ref: string;
      timer: string;
      due_date: string;
      met_date: string | null;
      status: string;
      order_ref?: string;
    }[];
    const of = (ref: string) => timers.filter((t) => t.case_ref === ref).map((t) => [t.timer, t.due_date, t.status, ...(t.order_ref ? [t.order_ref] : [])]);
    expect(of('HC-A')).toEqual([
      ['referral', '2026-11-09', 'met_on_time'],
      ['first_contact', '2026-11-13', 'met_on_time'],
    ]);
    expect(of('HC-B')).toEqual([['referral', '2026-11-17', 'overdue']]);
    expect(of('HC-C')).toEqual([
      ['referral', '2026-10-08', 'met_on_time'],
      ['first_contact', '2026-10-12', 'overdue'],
      ['order_expiry', '2026-12-15', 'due_soon', 'RO-1'],
    ]);
    expect(of('HC-D')).toEqual([
      ['referral', '2026-11-23', 'met_on_time'],
      ['first_contact', '2026-11-27', 'pending'],
    ]);
    expect(of('HC-E')).toEqual([['referral', '2026-10-08', 'closed_unmet']]);
    expect(of('HC-F')).toEqual([
      ['referral', '2026-06-08', 'met_on_time'],
      ['first_contact', '2026-06-10', 'overdue'],
      ['programme_start_contact', '2026-08-08', 'overdue'],
      ['programme_exit_contact', '2026-11-23', 'overdue'],
    ]);
  });

  it('refuses the same workbook twice for the cases it already holds, unless asked to update them', async () => {
    const { open, folder } = await newTeamDatabase();
    const path = join(folder, 'tracker.xlsx');
    await writeXlsx(makeFixture(), path);
    const rules = readTimerRules(open.db);
    await importWorkbook(open.db, path, { update: false, dryRun: false, actor: ADMIN, now: NOW, rules });
    const again = await importWorkbook(open.db, path, { update: false, dryRun: false, actor: ADMIN, now: NOW, rules });
    expect(again.summary).toBeNull();
    expect(again.preview.errors).toHaveLength(80);
    expect(again.preview.errors[0]).toEqual({
      sheet: 'cases',
      row: 2,
      column: 'case_ref',
      message: 'HC-A is already in the app: import with “update existing cases” to change it',
    });
    const updated = await importWorkbook(open.db, path, { update: true, dryRun: false, actor: ADMIN, now: NOW, rules });
    expect(updated.summary).toMatchObject({ casesCreated: 0, casesUpdated: 80, contacts: 0, chases: 0, duplicatesSkipped: 95 });
    expect(open.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 70 });
    closeTeamDatabase(open);
  });

  it('reads protected people written as plain text by earlier versions as the list it means', async () => {
    const { open, folder } = await newTeamDatabase();
    const path = join(folder, 'tracker.xlsx');
    await writeXlsx(makeFixture(), path);
    await importWorkbook(open.db, path, { update: false, dryRun: false, actor: ADMIN, now: NOW, rules: readTimerRules(open.db) });
    const order = open.db.prepare("SELECT id, case_id AS caseId FROM orders WHERE order_ref = 'RO-1'").get() as { id: number; caseId: number };
    open.db.prepare("UPDATE orders SET protected_people = 'victim; her sister' WHERE id = ?").run(order.id);
    expect(listOrders(open.db, order.caseId)[0]!.protectedPeople).toEqual(['victim', 'her sister']);
    closeTeamDatabase(open);
  });

  it('reads a folder of CSV files with UK dates the same way, and a dry run writes nothing', async () => {
    const { open } = await newTeamDatabase();
    const dir = join(tempFolder(), 'tracker');
    const fixture = makeFixture();
    fixture.cases = fixture.cases.map((c) => ({ ...c, sentence_date: c.sentence_date!.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1') }));
    writeCsvFolder(fixture, dir);
    const rules = readTimerRules(open.db);
    const dry = await importWorkbook(open.db, dir, { update: false, dryRun: true, actor: ADMIN, now: NOW, rules });
    expect(dry).toMatchObject({ summary: null, preview: { errors: [], casesNew: 80, rowsPerSheet: { cases: 80, contacts: 70, orders: 30, chases: 25 } } });
    expect(open.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
    const real = await importWorkbook(open.db, dir, { update: false, dryRun: false, actor: ADMIN, now: NOW, rules });
    expect(real.summary?.casesCreated).toBe(80);
    closeTeamDatabase(open);
  });

  it('reports an unknown column and a missing required column instead of dropping them', async () => {
    const { open, folder } = await newTeamDatabase();
    const dir = join(folder, 'csv');
    writeCsvFolder({ cases: [], contacts: [], orders: [], chases: [] }, dir);
    writeFileSync(join(dir, 'cases.csv'), 'case_ref,plw,victim_name,perpetrator_name,sentence_date,favourite_colour\nX1,Priya,V,P,2026-11-01,blue\n');
    writeFileSync(join(dir, 'chases.csv'), 'date\n2026-11-01\n');
    const parsed = checkWorkbook(open.db, await readWorkbook(dir), { update: false });
    expect(parsed.errors).toEqual([
      { sheet: 'cases', row: 1, column: 'favourite_colour', message: '“favourite_colour” is not a column of the cases sheet' },
      { sheet: 'chases', row: 1, column: 'case_ref', message: 'The chases sheet needs a case_ref column' },
    ]);
    closeTeamDatabase(open);
  });

  it('reads a workbook saved the way Excel orders its parts, dates typed as dates included, without a temporary file', async () => {
    const { folder } = await newTeamDatabase();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('cases');
    sheet.addRow(['case_ref', 'plw', 'victim_name', 'perpetrator_name', 'sentence_date']);
    sheet.addRow(['XL-1', 'Priya Shah', 'Ana Núñez', 'D T', new Date(Date.UTC(2026, 10, 2))]);
    sheet.getCell('E2').numFmt = 'dd/mm/yyyy';
    const written = await workbook.xlsx.writeBuffer();
    // Excel puts the sheets first and the shared strings and styles last: re-pack it that way.
    const source = await JSZip.loadAsync(written);
    const names = Object.keys(source.files).filter((name) => !source.files[name]!.dir);
    const late = (name: string) => name === 'xl/sharedStrings.xml' || name === 'xl/styles.xml' || name.includes('_rels') || name === 'xl/workbook.xml';
    const excelOrder = new JSZip();
    for (const name of [...names.filter((n) => !late(n)), ...names.filter(late)])
      excelOrder.file(name, await source.files[name]!.async('nodebuffer'), { compression: 'DEFLATE' });
    const path = join(folder, 'excel-order.xlsx');
    writeFileSync(path, await excelOrder.generateAsync({ type: 'nodebuffer' }));

    // ExcelJS parks a sheet it cannot read yet in a file from the `tmp` package, in the temp folder.
    const opened = vi.spyOn(fs, 'open');
    const streamed = vi.spyOn(fs, 'createWriteStream');
    const [cases] = await readWorkbook(path);
    const inTemp = (calls: unknown[][]) => calls.filter(([file]) => String(file).startsWith(tmpdir()));
    expect(inTemp(opened.mock.calls)).toEqual([]);
    expect(inTemp(streamed.mock.calls)).toEqual([]);
    opened.mockRestore();
    streamed.mockRestore();
    expect(cases!.name).toBe('cases');
    expect(cases!.rows.map(cellsOf)).toEqual([['XL-1', 'Priya Shah', 'Ana Núñez', 'D T', '2026-11-02']]);
  });

  it('reads every accented name whole, wherever it falls in a large workbook (a character split between two chunks is put back together)', async () => {
    // ExcelJS's streaming reader decoded each 16 KB chunk on its own, so a character cut by a chunk's
    // end became two '�' (exceljs issue #2084; patched in patches/exceljs+4.4.0.patch). Welsh, Irish
    // and Polish names, a megabyte of them: some fall across every boundary.
    const { folder } = await newTeamDatabase();
    const names = Array.from({ length: 3000 }, (_, i) => `Siân Ó Súilleabháin-Łukasik ŵŷ ${i} Núñez Gwenllïan Siobhán`);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('cases');
    sheet.addRow(['case_ref', 'victim_name']);
    names.forEach((name, i) => sheet.addRow([`UTF-${i}`, name]));
    const path = join(folder, 'accents.xlsx');
    await workbook.xlsx.writeFile(path);
    const [cases] = await readWorkbook(path);
    const read = cases!.rows.map((row) => cellsOf(row)[1]);
    expect(read.filter((name) => name?.includes('\uFFFD'))).toEqual([]);
    expect(read).toEqual(names);
  });

  it('hands out a template that imports cleanly, with a notes sheet explaining each column', async () => {
    const { open, folder } = await newTeamDatabase();
    const path = join(folder, 'template.xlsx');
    await writeTemplate(path);
    const sheets = await readWorkbook(path);
    expect(sheets.map((s) => s.name)).toEqual(['cases', 'contacts', 'orders', 'chases', 'notes']);
    expect(sheets[0]!.headers).toContain('referral_received_date');
    const notes = sheets.find((s) => s.name === 'notes')!;
    expect(notes.rows.map(cellsOf).some((cells) => cells[1] === 'crn' && /letter and six digits/.test(cells[3]!))).toBe(true);
    // It points to the full format and the timer rules, which exist in the project (and ship beside the app).
    const pointer = notes.rows.map(cellsOf).find((cells) => /docs\/workbook\.md/.test(cells[3] ?? ''));
    expect(pointer?.[3]).toMatch(/docs\/timers\.md/);
    for (const doc of ['docs/workbook.md', 'docs/timers.md']) expect(existsSync(resolve(import.meta.dirname, '../..', doc)), doc).toBe(true);
    expect(checkWorkbook(open.db, sheets, { update: false }).errors).toEqual([]);
    closeTeamDatabase(open);
  });

  it('says clearly when the file is not a workbook', async () => {
    const { open, folder } = await newTeamDatabase();
    const path = join(folder, 'not-really.xlsx');
    writeFileSync(path, 'this is not a zip file');
    await expect(readWorkbook(path)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'not-really.xlsx could not be read as an Excel workbook (.xlsx). Save it as .xlsx and try again.',
    });
    await expect(readWorkbook(join(folder, 'notes.txt'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    closeTeamDatabase(open);
  });
});
