/**
 * Exports of the managers' summary: JSON, CSV (one file per view) and XLSX (a sheet
 * per view plus definitions). Anonymised by construction: a Summary holds worker
 * names and numbers only, nothing about any victim, perpetrator, child or RO.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { FIGURES, TREND_FIGURES, type Figures } from '../../../shared/report-definitions';
import type { Summary } from './summary';
import { neutraliseFormula } from '../../../shared/spreadsheet-safety';
import {
  categoryLabel,
  EQUALITY_DIMENSION_LABELS,
  EQUALITY_DIMENSIONS,
  exportedCount,
  type Breakdown,
  type EqualityDimension,
} from '../../../shared/equality-words';

export interface ExportMeta {
  generatedAt: string;
  generatedBy: string;
  team: string;
}

/** Stable snake_case keys, documented in the README; what `plw summary --format json` prints. */
export function summaryJson(summary: Summary, meta: ExportMeta) {
  return {
    format: 'partner-link-tracker-summary',
    version: 1,
    team: meta.team,
    period: summary.period,
    scope: summary.scope,
    generated_at: meta.generatedAt,
    generated_by: meta.generatedBy,
    team_figures: summary.team,
    workers: summary.workers,
    trend: summary.trend,
    equality: summary.equality ? suppressedBreakdowns(summary.equality) : null,
  };
}

/**
 * The equality breakdowns as an export shows them: every count below 5 as "fewer than 5"
 * (model v2 §6), so no victim can be picked out of a small group.
 */
export function suppressedBreakdowns(equality: NonNullable<Summary['equality']>) {
  const suppress = (breakdown: Breakdown) =>
    Object.fromEntries(
      EQUALITY_DIMENSIONS.map((d) => [d, Object.fromEntries(Object.entries(breakdown[d]).map(([category, n]) => [category, exportedCount(n)]))]),
    ) as Record<EqualityDimension, Record<string, number | 'fewer than 5'>>;
  return { offered: suppress(equality.offered), engaged: suppress(equality.engaged) };
}

/** One row per dimension and category: offered support and engaged, each suppressed below 5. */
function equalityRows(summary: Summary): (string | number | null)[][] {
  const header = ['characteristic', 'group', 'victims offered support', 'victims engaged'];
  if (!summary.equality) return [header];
  const { offered, engaged } = summary.equality;
  return [
    header,
    ...EQUALITY_DIMENSIONS.flatMap((d) =>
      Object.keys(offered[d])
        .sort()
        .map((category) => [
          EQUALITY_DIMENSION_LABELS[d],
          categoryLabel(d, category),
          exportedCount(offered[d][category] ?? 0),
          exportedCount(engaged[d][category] ?? 0),
        ]),
    ),
  ];
}

const FIGURE_ROWS = FIGURES.map((f) => f.key);

function breakdownKeys(summary: Summary, pick: (f: Figures) => Record<string, number>): string[] {
  return [...new Set([summary.team, ...summary.workers].flatMap((f) => Object.keys(pick(f))))].sort();
}

/** Each view as a table: a header row, then data rows. */
export function summaryTables(summary: Summary): Record<string, (string | number | null)[][]> {
  const columns = ['Team', ...summary.workers.map((w) => w.worker)];
  const all = [summary.team, ...summary.workers];
  const breakdown = (pick: (f: Figures) => Record<string, number>, heading: string) => [
    [heading, ...columns],
    ...breakdownKeys(summary, pick).map((key) => [key.replace(/_/g, ' '), ...all.map((f) => pick(f)[key] ?? 0)]),
  ];
  return {
    summary: [['figure', ...columns], ...FIGURE_ROWS.map((key) => [FIGURES.find((f) => f.key === key)!.label, ...all.map((f) => f[key])])],
    contacts_by_method: breakdown((f) => f.contacts_by_method, 'method'),
    contacts_by_outcome: breakdown((f) => f.contacts_by_outcome, 'outcome'),
    overdue_by_timer: breakdown((f) => f.overdue_by_timer, 'timer'),
    trend: [['month', ...TREND_FIGURES.map((t) => t.label)], ...summary.trend.map((m) => [m.month, ...TREND_FIGURES.map((t) => m[t.key])])],
    equality: equalityRows(summary),
    definitions: [['figure', 'key', 'definition'], ...FIGURES.map((f) => [f.label, f.key, f.definition])],
  };
}

/** The files a CSV export writes into its folder, always these. */
export const CSV_FILE_NAMES = [
  'summary.csv',
  'contacts_by_method.csv',
  'contacts_by_outcome.csv',
  'overdue_by_timer.csv',
  'trend.csv',
  'equality.csv',
  'definitions.csv',
] as const;

export function summaryCsvFiles(summary: Summary): Record<string, string> {
  return Object.fromEntries(
    Object.entries(summaryTables(summary)).map(([name, rows]) => [
      `${name}.csv`,
      stringify(rows.map((r) => r.map((v) => (v === null ? '' : neutraliseFormula(v))))),
    ]),
  );
}

export async function summaryXlsx(summary: Summary, meta: ExportMeta): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Partner Link Tracker';
  for (const [name, rows] of Object.entries(summaryTables(summary))) {
    const sheet = workbook.addWorksheet(name.replace(/_/g, ' '), { views: [{ state: 'frozen', ySplit: name === 'summary' ? 4 : 1 }] });
    if (name === 'summary') {
      sheet.addRow([`${meta.team}: ${summary.scope}, ${summary.period.from} to ${summary.period.to}`]).font = { bold: true, size: 13 };
      sheet.addRow([`Generated ${meta.generatedAt} by ${meta.generatedBy}. Anonymised: worker names and numbers only.`]);
      sheet.addRow([]);
    }
    rows.forEach((row, i) => {
      const added = sheet.addRow(row.map((v) => (v === null ? '' : neutraliseFormula(v))));
      if (i === 0) added.font = { bold: true };
    });
    sheet.columns.forEach((column, i) => {
      column.width = i === 0 ? (name === 'definitions' ? 44 : 46) : name === 'definitions' && i === 2 ? 110 : 16;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
