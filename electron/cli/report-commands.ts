/** `plw summary` and `merge`: the managers' figures, and workers' signed summary files merged. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { callIn } from '../core/handlers';
import { exportMeta, recordSummaryExport } from '../core/features/reports';
import { workerIdByName } from '../core/cases/workers';
import { CliError } from './prompt';
import { isIsoDate } from '../../shared/calendar';
import { summaryPdf } from '../core/reports/summary-pdf';
import { checkSigner, mergedSummary, mergeSummaryFiles, readSummaryFile } from '../core/reports/team-merge';
import { keyFingerprint } from '../core/crypto/account-keys';
import { CSV_FILE_NAMES, summaryCsvFiles, summaryJson, summaryXlsx } from '../core/reports/export-summary';
import { type CommandOptions, out, withUnlocked, withSession } from './cli-session';

/** `plw summary`: the managers' figures for a period, anonymised (worker names and numbers only). */
/** An office by its name (case and spacing ignored), or undefined when the team has none by it. */
function officeIdByName(db: Parameters<typeof workerIdByName>[0], name: string): number | undefined {
  return (db.prepare('SELECT id FROM offices WHERE name = ?').pluck().get(name.trim().replace(/\s+/g, ' ')) as number | undefined) ?? undefined;
}

export async function summaryCommand(options: CommandOptions): Promise<void> {
  const from = options.from;
  const to = options.to;
  if (!from || !isIsoDate(from)) throw new CliError('Give the first day of the period with --from YYYY-MM-DD.', 2);
  if (!to || !isIsoDate(to)) throw new CliError('Give the last day of the period with --to YYYY-MM-DD.', 2);
  if (to < from) throw new CliError('--to must be the same as or after --from.', 2);
  const format = options.format ?? 'json';
  if (!['json', 'csv', 'xlsx', 'pdf', 'worker-file'].includes(format)) throw new CliError('--format must be json, csv, xlsx, pdf or worker-file.', 2);
  if (format !== 'json' && !options.out)
    throw new CliError(
      format === 'csv'
        ? 'Say which folder to write the CSV files to with --out DIR.'
        : `Say where to write the ${format === 'worker-file' ? 'summary file' : format.toUpperCase()} with --out FILE.`,
      2,
    );
  if (options.out && existsSync(resolve(options.out)) && format !== 'csv')
    throw new CliError(`${resolve(options.out)} already exists. Choose another name; nothing was overwritten.`);
  const out_ = options.out ? resolve(options.out) : null;
  if (format === 'csv' && out_) {
    const clashes = CSV_FILE_NAMES.filter((name) => existsSync(join(out_, name)));
    if (clashes.length) throw new CliError(`${join(out_, clashes[0]!)} already exists. Choose an empty folder; nothing was overwritten.`);
  }
  // The app's own export (reports.export), with --out as the place the person chose.
  const written = await withSession(
    options,
    async (session) => {
      if (options.worker && options.office) throw new CliError('Give --worker or --office, not both.', 2);
      const workerId = options.worker ? workerIdByName(session.database.db, options.worker) : null;
      if (workerId === undefined) throw new CliError(`There is no worker called "${options.worker}".`);
      const officeId = options.office ? officeIdByName(session.database.db, options.office) : null;
      if (officeId === undefined) throw new CliError(`There is no office called "${options.office}".`);
      const query =
        officeId !== null
          ? { from, to, scope: 'office' as const, officeId }
          : { from, to, scope: workerId === null ? ('team' as const) : ('worker' as const), ...(workerId === null ? {} : { workerId }) };
      if (format === 'json' && !out_) {
        const summary = await callIn(session, 'reports.summary', query);
        recordSummaryExport(session, { from, to, workerId }, format);
        process.stdout.write(`${JSON.stringify(summaryJson(summary, exportMeta(session)), null, 2)}\n`);
        return null;
      }
      return callIn(session, 'reports.export', { query, format: format as 'json' | 'csv' | 'xlsx' | 'pdf' | 'worker-file' });
    },
    true,
    () => out_,
  );
  if (!written) return;
  if (format === 'worker-file') out(`Wrote the summary file for the manager to ${out_}`);
  else if (format === 'csv') out(`Wrote ${CSV_FILE_NAMES.length} CSV files to ${out_}`);
  else out(`Wrote ${out_}`);
}

type SummaryFormat = 'json' | 'csv' | 'xlsx' | 'pdf';

/**
 * Writes a summary as `plw summary` and `plw merge` both do: JSON to stdout or a file, CSV files
 * into a folder, XLSX or PDF to a file. Never overwrites: a file already there is refused.
 */
async function writeSummaryOutput(
  summary: Parameters<typeof summaryXlsx>[0],
  meta: Parameters<typeof summaryXlsx>[1],
  format: SummaryFormat,
  outPath: string | undefined,
): Promise<void> {
  if (format === 'json' && !outPath) {
    process.stdout.write(`${JSON.stringify(summaryJson(summary, meta), null, 2)}\n`);
    return;
  }
  const target = resolve(outPath!);
  if (format === 'csv') {
    mkdirSync(target, { recursive: true });
    const files = summaryCsvFiles(summary);
    const clashes = Object.keys(files).filter((name) => existsSync(join(target, name)));
    if (clashes.length) throw new CliError(`${join(target, clashes[0]!)} already exists. Choose an empty folder; nothing was overwritten.`);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(target, name), text);
    out(`Wrote ${Object.keys(files).length} CSV files to ${target}`);
    return;
  }
  if (existsSync(target)) throw new CliError(`${target} already exists. Choose another name; nothing was overwritten.`);
  const body =
    format === 'json'
      ? `${JSON.stringify(summaryJson(summary, meta), null, 2)}\n`
      : format === 'pdf'
        ? await summaryPdf(summary, meta)
        : await summaryXlsx(summary, meta);
  writeFileSync(target, body);
  out(`Wrote ${target}`);
}

/**
 * `plw merge`: workers' summary files into one team view. Every file's signature is checked
 * (an edited file is refused); with --db, also that each was signed by that account of the team.
 */
export async function mergeCommand(options: CommandOptions): Promise<void> {
  const files = options.positionals ?? [];
  if (!files.length) throw new CliError('Name the workers’ summary files to merge, after the options.', 2);
  const format = options.format ?? 'json';
  if (!['json', 'csv', 'xlsx', 'pdf'].includes(format)) throw new CliError('--format must be json, csv, xlsx or pdf.', 2);
  if (format !== 'json' && !options.out) throw new CliError('Say where to write the result with --out.', 2);
  const payloads = files.map((file) => {
    const path = resolve(file);
    if (!existsSync(path)) throw new CliError(`There is no file at ${path}.`);
    return { file, signed: readSummaryFile(readFileSync(path, 'utf8'), file) };
  });
  if (options.db) {
    await withUnlocked(
      options,
      (open) => {
        for (const { file, signed } of payloads) checkSigner(open.db, open.databaseId, signed, file);
      },
      true,
    );
  }
  const summary = mergedSummary(mergeSummaryFiles(payloads.map((p) => p.signed.payload)));
  const meta = { generatedAt: new Date().toISOString(), generatedBy: process.env.PLW_USER ?? 'plw merge', team: options.team ?? 'Team' };
  await writeSummaryOutput(summary, meta, format as SummaryFormat, options.out);
  // Who signed what, on stderr so the JSON on stdout stays clean; only once the merge is written.
  if (!options.db) process.stderr.write('Every file is signed and unchanged. Who signed each was not checked against the team: give --db to check.\n');
  for (const { file, signed } of payloads)
    process.stderr.write(`  ${file}: signed as ${signed.signer.accountName}, key ${keyFingerprint(signed.signer.publicKey)}\n`);
  if (options.out) out(`Merged ${summary.workers.length} worker(s).`);
}
