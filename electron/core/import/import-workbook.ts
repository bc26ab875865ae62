import type { TimerRules } from '../../../shared/timer-rules';
import type { Db } from '../db/open-database';
import type { ProgressReporter } from '../progress';
import { checkWorkbook, type ParsedWorkbook } from './parse-workbook';
import { readSettings } from '../team/settings';
import { importLimitsFrom } from './input-limits';
import { readWorkbook } from './read-workbook';
import { runImport, type ImportSummary } from './run-import';

export interface ImportPreview {
  rowsPerSheet: Record<string, number>;
  casesNew: number;
  casesUpdated: number;
  newWorkers: string[];
  errors: ParsedWorkbook['errors'];
}

export function previewOf(parsed: ParsedWorkbook): ImportPreview {
  return {
    rowsPerSheet: parsed.rowsPerSheet,
    casesNew: parsed.cases.filter((c) => !c.exists).length,
    casesUpdated: parsed.cases.filter((c) => c.exists).length,
    newWorkers: parsed.newWorkers,
    errors: parsed.errors,
  };
}

/** Reads and checks a workbook; with `dryRun`, or when anything is wrong, writes nothing. */
export async function importWorkbook(
  db: Db,
  source: string,
  options: { update: boolean; dryRun: boolean; actor: string; now: Date; rules: TimerRules; progress?: ProgressReporter },
): Promise<{ preview: ImportPreview; summary: ImportSummary | null }> {
  const parsed = checkWorkbook(db, await readWorkbook(source, importLimitsFrom(readSettings(db).importLimits)), { update: options.update });
  const preview = previewOf(parsed);
  if (options.dryRun || parsed.errors.length) return { preview, summary: null };
  return { preview, summary: runImport(db, parsed, options) };
}
