/**
 * Files built to hurt, given to the importer. v1: a 990 MB CSV ran the CLI out of memory
 * (4.9 GB); a 390 KB shared-strings bomb took 1.39 GB; a workbook whose rels part was named
 * `xl/_rels/Workbook.xml.rels` made the reader write a sheet of victims' names, in plaintext,
 * to a temporary file. Each is now refused with a plain message before memory grows.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { importWorkbook } from '../../electron/core/import/import-workbook';
import { readSettings } from '../../electron/core/team/settings';
import { ADMIN, closeTeamDatabase, coreThroughHandlers, newTeamDatabase, tempFolder } from './helpers';
import { makeFixture, writeXlsx } from './workbook-fixture';

const NOW = new Date('2026-11-24T10:00:00Z');

/** A file of that size that takes no disk: the importer must refuse it without reading it. */
function sparseFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

/** Imports, and says how long it took and how much the process grew. */
async function attempt(source: string) {
  const { open } = await newTeamDatabase();
  global.gc?.();
  const before = process.memoryUsage().rss;
  const started = performance.now();
  let error: { code?: string; message?: string } | null = null;
  try {
    await importWorkbook(open.db, source, { update: false, dryRun: false, actor: ADMIN, now: NOW, rules: readTimerRules(open.db) });
  } catch (caught) {
    error = caught as { code?: string; message?: string };
  }
  const ms = performance.now() - started;
  const grewMB = (process.memoryUsage().rss - before) / (1024 * 1024);
  const cases = (open.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  closeTeamDatabase(open);
  return { error, ms, grewMB, cases };
}

async function validWorkbook(): Promise<JSZip> {
  const path = join(tempFolder(), 'valid.xlsx');
  await writeXlsx(makeFixture(), path);
  return JSZip.loadAsync(readFileSync(path));
}

async function save(zip: JSZip, name: string): Promise<string> {
  const path = join(tempFolder(), name);
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
  return path;
}

describe('files built to hurt', () => {
  it('a 1 GB CSV (and a 1 GB .xlsx) is refused by its size, unread, in well under 2 s', async () => {
    const folder = join(tempFolder(), 'tracker');
    mkdirSync(folder);
    sparseFile(join(folder, 'cases.csv'), 1024 * 1024 * 1024);
    const csv = await attempt(folder);
    expect(csv.error).toMatchObject({
      code: 'VALIDATION',
      message: 'cases.csv is 1,024 MB, more than the 200 MB an import reads. Split it (by year, say) and import the parts one after another.',
    });
    const xlsx = join(tempFolder(), 'huge.xlsx');
    sparseFile(xlsx, 1024 * 1024 * 1024);
    const workbook = await attempt(xlsx);
    expect(workbook.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^huge\.xlsx is 1,024 MB, more than the 200 MB/) });
    for (const run of [csv, workbook]) {
      expect(run.ms).toBeLessThan(2000);
      expect(run.grewMB).toBeLessThan(200);
      expect(run.cases).toBe(0);
    }
  });

  it('a shared-strings bomb is refused from the zip directory before it is unzipped', async () => {
    const zip = await validWorkbook();
    // 80 MB of one repeated string squeezes to about 80 KB: a thousand to one.
    zip.file(
      'xl/sharedStrings.xml',
      `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>AAAAAAAA</t></si>'.repeat(3_500_000)}</sst>`,
    );
    const path = await save(zip, 'bomb.xlsx');
    expect(readFileSync(path).length).toBeLessThan(2 * 1024 * 1024);
    const run = await attempt(path);
    expect(run.error).toMatchObject({
      code: 'VALIDATION',
      message:
        'bomb.xlsx was not read: it unzips to hundreds of times its size, as a file built to exhaust memory does. Save it again from Excel as .xlsx and try again; nothing was imported.',
    });
    expect(run.ms).toBeLessThan(2000);
    expect(run.cases).toBe(0);
  });

  it('a part that lies about its size is caught as it is unzipped, in bounded memory', async () => {
    const zip = await validWorkbook();
    const body = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>Lorem ipsum dolor sit amet</t></si>'.repeat(200_000)}</sst>`;
    zip.file('xl/sharedStrings.xml', body);
    const path = await save(zip, 'liar.xlsx');
    // Say, in the zip's directory and the part's own header, that it unzips to 1,000 bytes.
    const bytes = readFileSync(path);
    const name = Buffer.from('xl/sharedStrings.xml');
    for (let at = 0; at < bytes.length - 46; at++) {
      const signature = bytes.readUInt32LE(at);
      if (signature === 0x02014b50 && bytes.subarray(at + 46, at + 46 + name.length).equals(name)) bytes.writeUInt32LE(1000, at + 24);
      if (signature === 0x04034b50 && bytes.subarray(at + 30, at + 30 + name.length).equals(name)) bytes.writeUInt32LE(1000, at + 22);
    }
    writeFileSync(path, bytes);
    const run = await attempt(path);
    expect(run.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^liar\.xlsx was not read: one of its parts holds more than it says it does/),
    });
    expect(run.cases).toBe(0);
  });

  it('a rels part named other than Excel names it is refused, and no temporary file is ever written', async () => {
    const zip = await validWorkbook();
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('nodebuffer');
    zip.remove('xl/_rels/workbook.xml.rels');
    zip.file('xl/_rels/Workbook.xml.rels', rels);
    const path = await save(zip, 'renamed.xlsx');
    // A temporary folder of its own, watched whole: other suites running beside this one
    // (a browser, other databases) use the shared one.
    const watched = mkdtempSync(join(tmpdir(), 'plw-watched-tmp-'));
    const shared = process.env.TMPDIR;
    process.env.TMPDIR = watched;
    try {
      const run = await attempt(path);
      expect(run.error).toMatchObject({
        code: 'VALIDATION',
        message:
          'renamed.xlsx was not read: its part xl/_rels/Workbook.xml.rels is not named as Excel names it (xl/_rels/workbook.xml.rels). Save it again from Excel as .xlsx and try again; nothing was imported.',
      });
      expect(readdirSync(watched).filter((name) => !name.startsWith('plw-test-'))).toEqual([]);
      // Nor when the same workbook is well formed: read as a stream, in memory.
      const good = await save(await validWorkbook(), 'good.xlsx');
      const ok = await attempt(good);
      expect(ok.error).toBeNull();
      expect(readdirSync(watched).filter((name) => !name.startsWith('plw-test-'))).toEqual([]);
    } finally {
      if (shared === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = shared;
    }
  });

  it('a sheet far wider than the tracker is refused, naming the sheet', async () => {
    const folder = join(tempFolder(), 'wide');
    mkdirSync(folder);
    writeFileSync(join(folder, 'cases.csv'), `${Array.from({ length: 150 }, (_, i) => `c${i}`).join(',')}\n`);
    const run = await attempt(folder);
    expect(run.error).toMatchObject({
      code: 'VALIDATION',
      message: 'The cases sheet has 150 columns; the tracker workbook has far fewer. Check it is the right file.',
    });
  });

  it("the limits are the team's settings: lowered, a file over them is refused naming the limit; they cannot be switched off", async () => {
    const { call, ok, core } = coreThroughHandlers();
    await ok('database.create', { teamName: 'Team', accountName: ADMIN, passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
    const settings = (await ok('settings.get', {})) as { version: number; importLimits: Record<string, number> };
    expect(settings.importLimits).toEqual({ fileMB: 200, folderMB: 400, sharedStringsMB: 256, unzippedMB: 2048, rowsPerSheet: 2_000_000 });
    const lowered = (await ok('settings.update', { version: settings.version, importLimits: { ...settings.importLimits, fileMB: 1 } })) as typeof settings;
    expect(lowered.importLimits.fileMB).toBe(1);
    const folder = join(tempFolder(), 'two-mb');
    mkdirSync(folder);
    sparseFile(join(folder, 'cases.csv'), 2 * 1024 * 1024);
    // Through the app's own channel, which reads the team's limits.
    core.session()!.state.importSource = folder;
    expect(await call('import.preview', { update: false })).toMatchObject({
      ok: false,
      error: { message: 'cases.csv is 2 MB, more than the 1 MB an import reads. Split it (by year, say) and import the parts one after another.' },
    });
    // A value stored out of range (edited by hand) reads as the defaults, never as no limit.
    const db = core.session()!.database.db;
    db.prepare("UPDATE settings SET value = ? WHERE key = 'importLimits'").run(JSON.stringify({ fileMB: 1e9 }));
    expect(readSettings(db).importLimits.fileMB).toBe(200);
    // And the setting itself has maxima.
    db.prepare("UPDATE settings SET value = ? WHERE key = 'importLimits'").run(JSON.stringify(lowered.importLimits));
    expect(await call('settings.update', { version: lowered.version, importLimits: { ...lowered.importLimits, fileMB: 100_000 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'The largest file must be from 1 to 1,024 MB' },
    });
    core.lock('requested');
  });
});
