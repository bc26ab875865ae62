/**
 * The managers' exports are anonymised: searched byte by byte for every name,
 * phone, postcode, CRN and case ref in a demo database, they contain none.
 * The workbook reads back in a spreadsheet library with the same figures.
 */
import { childInputSchema } from '../../shared/record-inputs';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { saveChild } from '../../electron/core/records/children';
import { CSV_FILE_NAMES, summaryCsvFiles, summaryJson, summaryXlsx } from '../../electron/core/reports/export-summary';
import { summarise } from '../../electron/core/reports/summary';
import { summaryPdf } from '../../electron/core/reports/summary-pdf';
import { closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

const META = { generatedAt: '2026-11-24T10:00:00.000Z', generatedBy: 'Sam Admin', team: 'Demo team' };

async function demoExports() {
  const { open } = await newTeamDatabase();
  const now = new Date('2026-11-24T10:00:00Z');
  const rules = readTimerRules(open.db);
  generateDemo(open.db, { cases: 400, seed: 21, actor: 'Sam Admin', rules, now, asOf: '2026-11-24' });
  saveChild({ db: open.db, actor: 'Sam Admin', now, rules }, 1, null, childInputSchema.parse({ name: 'Oriana Quenby', ageYears: 6 }), null);
  const summary = summarise(open.db, { from: '2026-01-01', to: '2026-10-31', workerId: null, scopeLabel: 'Team' });
  const personal = new Set<string>();
  const add = (sql: string) => {
    for (const row of open.db.prepare(sql).all() as Record<string, string | null>[])
      for (const v of Object.values(row)) if (v && v.length >= 5) personal.add(v);
  };
  add('SELECT name, phone, email, address, postcode FROM victims');
  add('SELECT name, crn FROM perpetrators');
  add('SELECT name FROM children');
  add('SELECT case_ref, ro_name, ro_email, ro_phone FROM cases');
  closeTeamDatabase(open);
  const xlsx = await summaryXlsx(summary, META);
  const zip = await JSZip.loadAsync(xlsx);
  const xlsxText = (
    await Promise.all(
      Object.values(zip.files)
        .filter((f) => !f.dir)
        .map((f) => f.async('string')),
    )
  ).join('\n');
  const pdf = await summaryPdf(summary, META);
  const folder = tempFolder();
  writeFileSync(join(folder, 'summary.pdf'), pdf);
  const pdfText = execFileSync('pdftotext', [join(folder, 'summary.pdf'), '-'], { encoding: 'utf8' });
  return {
    summary,
    personal,
    xlsx,
    xlsxText,
    pdfText,
    pdfFolder: folder,
    json: JSON.stringify(summaryJson(summary, META)),
    csv: Object.values(summaryCsvFiles(summary)).join('\n'),
  };
}

describe('managers’ exports', () => {
  it('a CSV export writes exactly the files the command line checks for before writing', async () => {
    const { summary } = await demoExports();
    expect(Object.keys(summaryCsvFiles(summary)).sort()).toEqual([...CSV_FILE_NAMES].sort());
  });

  it('the PDF is a printable A4 report that renders, with its header and figures', async () => {
    const { pdfText, pdfFolder, summary } = await demoExports();
    execFileSync('pdftoppm', ['-png', '-r', '60', join(pdfFolder, 'summary.pdf'), join(pdfFolder, 'page')]);
    const pages = readdirSync(pdfFolder)
      .filter((f) => f.startsWith('page'))
      .sort();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    mkdirSync(ARTIFACTS, { recursive: true });
    copyFileSync(join(pdfFolder, pages[0]!), join(ARTIFACTS, 'summary-pdf-page-1.png'));
    copyFileSync(join(pdfFolder, pages[1]!), join(ARTIFACTS, 'summary-pdf-page-2.png'));
    expect(pdfText).toContain('Demo team: workload and timeliness');
    expect(pdfText).toContain('Team, 1 January 2026 to 31 October 2026');
    expect(pdfText).toContain('by Sam Admin');
    expect(pdfText).toContain(`${summary.team.new_referrals}`);
    expect(pdfText).toContain('The last 12 months');
  });

  it('hold no victim, perpetrator, child or RO detail, CRN or case ref in JSON, CSV or XLSX', async () => {
    const { personal, json, csv, xlsxText, pdfText, summary } = await demoExports();
    expect(personal.size).toBeGreaterThan(1500);
    expect(summary.team.new_referrals).toBeGreaterThan(50);
    for (const [name, text] of [
      ['json', json],
      ['csv', csv],
      ['xlsx', xlsxText],
      ['pdf', pdfText],
    ] as const) {
      const leaks = [...personal].filter((value) => text.includes(value));
      expect(leaks, name).toEqual([]);
    }
    // The search would find them if they were there: worker names, which are allowed, do appear.
    expect(json).toContain(summary.workers[0]!.worker);
  });

  it('the workbook reads back with the same figures', async () => {
    const { summary, xlsx } = await demoExports();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'summary',
      'contacts by method',
      'contacts by outcome',
      'overdue by timer',
      'trend',
      'equality',
      'definitions',
    ]);
    // The equality breakdowns leave the app with every count below 5 as "fewer than 5".
    const counts: unknown[] = [];
    workbook.getWorksheet('equality')!.eachRow((row, i) => {
      if (i > 1) counts.push(row.getCell(3).value, row.getCell(4).value);
    });
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((n) => n === 'fewer than 5' || (typeof n === 'number' && n >= 5))).toBe(true);
    const sheet = workbook.getWorksheet('summary')!;
    const rows = new Map<string, unknown>();
    sheet.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('New referrals')).toBe(summary.team.new_referrals);
    expect(rows.get('Open caseload at period end')).toBe(summary.team.open_caseload);
    expect(rows.get('First contacts on time (%)')).toBe(summary.team.first_contacts_on_time_pct);
    const trend = workbook.getWorksheet('trend')!;
    expect(trend.getRow(13).getCell(1).value).toBe('2026-10');
    expect(trend.getRow(13).getCell(2).value).toBe(summary.trend.at(-1)!.new_referrals);
  });
});
