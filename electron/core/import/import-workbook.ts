import { londonDate } from '../../../shared/calendar';
import type { TimerRules } from '../../../shared/timer-rules';
import type { Db } from '../db/open-database';
import type { ProgressReporter } from '../progress';
import { checkWorkbook, type ParsedWorkbook } from './parse-workbook';
import { IMPORT_LIMITS, type ImportLimits } from './input-limits';
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
  options: { update: boolean; dryRun: boolean; actor: string; now: Date; rules: TimerRules; progress?: ProgressReporter; limits?: ImportLimits },
): Promise<{ preview: ImportPreview; summary: ImportSummary | null }> {
  // The team's limits (Settings → Import and templates), which the caller reads from its settings.
  const parsed = checkWorkbook(db, await readWorkbook(source, options.limits ?? IMPORT_LIMITS), {
    update: options.update,
    today: londonDate(options.now),
  });
  const preview = previewOf(parsed);
  if (options.dryRun || parsed.errors.length) return { preview, summary: null };
  return { preview, summary: runImport(db, parsed, options) };
}
