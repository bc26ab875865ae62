import { londonDate } from '../../../shared/calendar';
import { sameName } from '../../../shared/person-names';
import type { TimerRules } from '../../../shared/timer-rules';
import type { Db } from '../db/open-database';
import type { FileSource } from '../files/file-source';
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
  workersToConfirm: ParsedWorkbook['workersToConfirm'];
  errors: ParsedWorkbook['errors'];
}

export function previewOf(parsed: ParsedWorkbook): ImportPreview {
  return {
    rowsPerSheet: parsed.rowsPerSheet,
    casesNew: parsed.cases.filter((c) => !c.exists).length,
    casesUpdated: parsed.cases.filter((c) => c.exists).length,
    newWorkers: parsed.newWorkers,
    workersToConfirm: parsed.workersToConfirm,
    errors: parsed.errors,
  };
}

/** Reads and checks a workbook; with `dryRun`, or when anything is wrong, writes nothing. */
export async function importWorkbook(
  db: Db,
  source: string,
  options: {
    update: boolean;
    dryRun: boolean;
    actor: string;
    now: Date;
    rules: TimerRules;
    progress?: ProgressReporter;
    limits?: ImportLimits;
    /** Where the chosen workbook is read from: this computer's disk unless a team server has the person's copy. */
    from?: FileSource;
    /** New workers the person has confirmed are new, though their names are close to someone's. */
    confirmedNewWorkers?: string[];
  },
): Promise<{ preview: ImportPreview; summary: ImportSummary | null }> {
  // The team's limits (Settings → Import and templates), which the caller reads from its settings.
  const parsed = checkWorkbook(db, await readWorkbook(source, options.limits ?? IMPORT_LIMITS, options.from), {
    update: options.update,
    today: londonDate(options.now),
  });
  const preview = previewOf(parsed);
  if (options.dryRun || parsed.errors.length || unconfirmed(parsed, options.confirmedNewWorkers ?? []).length) return { preview, summary: null };
  return { preview, summary: runImport(db, parsed, options) };
}

/** Close names nobody has confirmed: the import waits for them rather than make a second Priya. */
export function unconfirmed(parsed: Pick<ParsedWorkbook, 'workersToConfirm'>, confirmed: string[]): string[] {
  return parsed.workersToConfirm.map((w) => w.name).filter((name) => !confirmed.some((c) => sameName(c, name)));
}
