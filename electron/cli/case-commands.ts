/** `plw timers`, `chase-list`, `import` and `template`: the cases and the tracker workbook. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { callIn } from '../core/handlers';
import { workerIdByName } from '../core/cases/workers';
import { CliError } from './prompt';
import { PlwError } from '../core/errors';
import { timerStatus } from '../../shared/timers';
import { sameName } from '../../shared/person-names';
import { needFixing, plural } from '../../shared/wording';
import { recordAudit } from '../core/audit';
import { chaseList } from '../core/cases/queries';
import { readTimerRules } from '../core/cases/timer-settings';
import { writeTemplate } from '../core/import/template';
import { type CommandOptions, out, withUnlocked, withSession, asOfFrom } from './cli-session';

/** Every timer, with its status on the as-of date, exactly as docs/timers.md names them. */
export async function timers(options: CommandOptions): Promise<void> {
  const asOf = asOfFrom(options);
  const rows = await withUnlocked(
    options,
    (open) => {
      const workerId = options.worker ? (workerIdByName(open.db, options.worker) ?? null) : null;
      if (options.worker && workerId === null) throw new CliError(`There is no worker called "${options.worker}".`);
      recordAudit(open.db, open.account.accountName, { action: 'timers.exported', detail: { asOf } });
      return (
        open.db
          .prepare(
            `SELECT c.case_ref, t.timer, t.start_date, t.due_date, t.warn_from, t.met_date, t.order_ref, c.closed_date
         FROM timers t JOIN cases c ON c.id = t.case_id ${workerId === null ? '' : 'WHERE c.owner_worker_id = ?'}
         ORDER BY c.case_ref, t.due_date, t.id`,
          )
          .all(...(workerId === null ? [] : [workerId])) as {
          case_ref: string;
          timer: string;
          start_date: string;
          due_date: string;
          warn_from: string;
          met_date: string | null;
          order_ref: string | null;
          closed_date: string | null;
        }[]
      ).map((t) => ({
        case_ref: t.case_ref,
        timer: t.timer,
        start_date: t.start_date,
        due_date: t.due_date,
        met_date: t.met_date,
        status: timerStatus({ dueDate: t.due_date, warnFrom: t.warn_from, metDate: t.met_date }, asOf, t.closed_date),
        ...(t.timer === 'order_expiry' ? { order_ref: t.order_ref } : {}),
      }));
    },
    true,
  );
  if (options.json) {
    out(JSON.stringify(rows));
    return;
  }
  for (const row of rows) out(`${row.case_ref}\t${row.timer}\t${row.start_date}\t${row.due_date}\t${row.met_date ?? '-'}\t${row.status}`);
}

export async function chaseListCommand(options: CommandOptions): Promise<void> {
  const asOf = asOfFrom(options);
  const rows = await withUnlocked(options, (open) => chaseList(open.db, asOf, readTimerRules(open.db), null), true);
  const mapped = rows.map((r) => ({
    case_ref: r.caseRef,
    days_overdue: r.daysOverdue,
    chases: r.chases,
    last_chase_date: r.lastChaseDate,
    chase_due: r.chaseDue,
    escalate: r.escalate,
  }));
  if (options.json) {
    out(JSON.stringify(mapped));
    return;
  }
  for (const r of mapped)
    out(`${r.case_ref}\t${r.days_overdue} days overdue\t${r.chases} chases\t${r.chase_due ? 'chase due' : ''}\t${r.escalate ? 'ESCALATE' : ''}`);
}

/** `plw import`: all or nothing; with any wrong row, exit 1 with one line per row and nothing written. */
export async function importCommand(options: CommandOptions): Promise<void> {
  const [source, ...extra] = options.positionals ?? [];
  if (!source || extra.length) throw new CliError('Name one workbook (.xlsx) or folder of .csv files to import, after the options.', 2);
  const result = await withSession(options, async (session) => {
    session.state.importSource = resolve(source);
    if (options['dry-run']) return { preview: await callIn(session, 'import.preview', { update: options.update ?? false }), summary: null };
    const ran = await callIn(session, 'import.run', { update: options.update ?? false, confirmedNewWorkers: options['new-worker'] ?? [] }).catch(
      (error: unknown) => {
        if (error instanceof PlwError && error.field === 'confirmedNewWorkers') throw new CliError(`${error.message} Confirm each with --new-worker "NAME".`);
        throw error;
      },
    );
    return { preview: ran.preview, summary: ran.imported };
  });
  const { preview, summary } = result;
  if (options.json) out(JSON.stringify({ ...preview, imported: summary, dryRun: options['dry-run'] ?? false }));
  if (preview.errors.length) {
    for (const e of preview.errors) process.stderr.write(`${e.sheet} row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}\n`);
    throw new CliError(`Nothing was imported: ${needFixing(preview.errors.length)}.`);
  }
  const toConfirm = preview.workersToConfirm.filter((w) => !(options['new-worker'] ?? []).some((n) => sameName(n, w.name)));
  if (options.json) return;
  const rows = Object.entries(preview.rowsPerSheet)
    .map(([sheet, n]) => `${n} ${sheet}`)
    .join(', ');
  if (!summary) {
    out(
      `Checked ${rows}: no problems. ${plural(preview.casesNew, 'new case', 'new cases')}, ${preview.casesUpdated} to update${preview.newWorkers.length ? `, new workers: ${preview.newWorkers.join(', ')}` : ''}. Nothing was written (dry run).`,
    );
    for (const w of toConfirm) out(`To confirm: ${w.name} is close to ${w.closeTo}. If they are a new worker, import with --new-worker "${w.name}".`);
    return;
  }
  out(
    `Imported ${plural(summary.casesCreated, 'new case', 'new cases')}, updated ${summary.casesUpdated}, with ${plural(summary.contacts, 'contact')}, ${plural(summary.orders, 'order')} and ${plural(summary.chases, 'chase')}${summary.duplicatesSkipped ? ` (${summary.duplicatesSkipped} rows already there were skipped)` : ''}.`,
  );
  if (summary.newWorkers.length) out(`New workers: ${summary.newWorkers.join(', ')}`);
}

export async function templateCommand(options: CommandOptions): Promise<void> {
  if (!options.out) throw new CliError('Say where to write the template with --out FILE.xlsx.', 2);
  const path = resolve(options.out);
  if (!path.toLowerCase().endsWith('.xlsx')) throw new CliError('The template is an Excel workbook: give --out a name ending .xlsx.', 2);
  if (existsSync(path)) throw new CliError(`${path} already exists. Choose another name; nothing was overwritten.`);
  await writeTemplate(path);
  out(`Wrote the tracker workbook template to ${path}`);
}
