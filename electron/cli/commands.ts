/** The `plw` commands. Each prints for a person by default, JSON with --json, and exits non-zero on any problem. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { passphraseProblem } from '../../shared/passphrase-rules';
import { accountNameSchema, roleSchema, settingsSchema } from '../../shared/contract';
import { isSealedEntry, keyringPathFor, readKeyring, sameAccountName } from '../core/crypto/keyring';
import type { Role } from '../../shared/roles';
import { PlwError } from '../core/errors';
import { createTeamDatabase } from '../core/team/create';
import { databaseInfo } from '../core/team/info';
import { closeTeamDatabase, type OpenTeamDatabase } from '../core/team/open-team-database';
import { callIn, requireChannel } from '../core/handlers';
import { backupInto } from '../core/features/backups';
import { exportMeta, recordSummaryExport } from '../core/features/reports';
import { workerIdByName } from '../core/cases/workers';
import { makeSession, type Session } from '../core/session';
import { mayCall, refusalFor } from '../../shared/permissions';
import { recoverWithKey } from '../core/team/recover';
import type { RekeyInput } from '../core/team/rekey';
import { lockForOpening, unlockTeamDatabase, unwrapAccountKey } from '../core/team/unlock';
import { hostname } from 'node:os';
import { databaseLockHolder, databaseLockPathFor, describeHolder, lockDatabase } from '../core/db/database-lock';
import { removeIfPresent } from '../core/files/durable-files';
import { isStale } from '../core/files/file-lock';
import { recoverInterruptedSwap } from '../core/db/database-swap';
import { verifyDatabase } from '../core/team/verify';
import { CliError, promptHidden, promptLine } from './prompt';
import { restoreBackup, verifyBackup } from '../core/backup/backups';
import { isIsoDate, londonDate, type IsoDate } from '../../shared/calendar';
import { timerStatus } from '../../shared/timers';
import { parseAuditAnchor, recordAudit } from '../core/audit';
import { chaseList } from '../core/cases/queries';
import { readTimerRules } from '../core/cases/timer-settings';
import { generateDemo } from '../core/demo/generate-demo';
import { writeTemplate } from '../core/import/template';
import { summaryPdf } from '../core/reports/summary-pdf';
import { checkSigner, mergedSummary, mergeSummaryFiles, readSummaryFile } from '../core/reports/team-merge';
import { keyFingerprint } from '../core/crypto/account-keys';
import { CSV_FILE_NAMES, summaryCsvFiles, summaryJson, summaryXlsx } from '../core/reports/export-summary';

export interface CommandOptions {
  db?: string;
  user?: string;
  team?: string;
  json?: boolean;
  'as-of'?: string;
  worker?: string;
  cases?: string;
  seed?: string;
  'dry-run'?: boolean;
  update?: boolean;
  from?: string;
  to?: string;
  format?: string;
  yes?: boolean;
  'other-team'?: boolean;
  clear?: boolean;
  anchor?: string;
  role?: string;
  out?: string;
  positionals?: string[];
}

export const out = (line = '') => process.stdout.write(`${line}\n`);

function databasePathFrom(options: CommandOptions): string {
  if (!options.db) throw new CliError('Say which database with --db PATH.', 2);
  return resolve(options.db);
}

function existingDatabase(options: CommandOptions): string {
  const path = databasePathFrom(options);
  if (!existsSync(path)) throw new CliError(`There is no database at ${path}.`);
  if (!existsSync(keyringPathFor(path))) throw new CliError(`The keyring file ${keyringPathFor(path)} is missing.`);
  return path;
}

/** --user, then PLW_USER, then the only account when there is just one. */
function accountFor(options: CommandOptions, databasePath: string): string {
  const named = options.user ?? process.env.PLW_USER;
  if (named) return named;
  const accounts = readKeyring(keyringPathFor(databasePath)).accounts;
  if (accounts.length === 1) return accounts[0]!.accountName;
  throw new CliError('This database has several accounts: say which with --user NAME or PLW_USER.', 2);
}

async function passphraseFromEnvOrPrompt(question: string): Promise<string> {
  return process.env.PLW_PASSPHRASE ?? promptHidden(question);
}

async function newPassphrase(envName: string, question: string): Promise<string> {
  const fromEnv = process.env[envName];
  const first = fromEnv ?? (await promptHidden(question));
  const problem = passphraseProblem(first);
  if (problem) throw new CliError(`${problem}.`);
  if (fromEnv === undefined && (await promptHidden('Type it again: ')) !== first) throw new CliError('The passphrases do not match.');
  return first;
}

/**
 * Unlocks for one command. `reads`: the command only reads (and audits), so it may run
 * beside the app or another plw holding the database; the others need it to themselves.
 */
async function withUnlocked<T>(options: CommandOptions, work: (open: OpenTeamDatabase) => Promise<T> | T, reads = false): Promise<T> {
  const databasePath = existingDatabase(options);
  const accountName = accountFor(options, databasePath);
  const passphrase = await passphraseFromEnvOrPrompt(`Passphrase for ${accountName}: `);
  const open = await unlockTeamDatabase({ databasePath, accountName, passphrase, besideOthers: reads });
  try {
    return await work(open);
  } finally {
    closeTeamDatabase(open);
  }
}

/**
 * Unlocks for one command and makes the session the app would have: requests go through the
 * same dispatch and permission table (handlers.ts), so `plw` may do exactly what the app lets
 * that account do, with the same words when it may not, and the same audit entries.
 */
async function withSession<T>(
  options: CommandOptions,
  work: (session: Session) => Promise<T> | T,
  reads = false,
  chosen: () => string | null = () => null,
): Promise<T> {
  return withUnlocked(
    options,
    (open) =>
      work(
        makeSession(
          open,
          {
            emit: (event, payload) => {
              if (event === 'progress' && !options.json && process.stderr.isTTY) {
                const p = payload as { label: string; done: number; total: number };
                process.stderr.write(`\r${p.label}: ${p.done} of ${p.total}`);
              }
            },
            // The command line names its files in its options (--out); nothing is asked for.
            choose: async () => chosen(),
          },
          () => new Date(),
          () => undefined,
        ),
      ),
    reads,
  );
}

export async function init(options: CommandOptions): Promise<void> {
  const databasePath = databasePathFrom(options);
  if (!options.user) throw new CliError('Name the first (administrator) account with --user NAME.', 2);
  const accountName = accountNameSchema.safeParse(options.user);
  if (!accountName.success) throw new CliError(`${accountName.error.issues[0]!.message}.`, 2);
  const teamName = settingsSchema.shape.teamName.safeParse(options.team ?? 'Partner Link team');
  if (!teamName.success) throw new CliError(`${teamName.error.issues[0]!.message}.`, 2);
  const passphrase = await newPassphrase('PLW_PASSPHRASE', `Choose a passphrase for ${accountName.data} (12 characters or more): `);
  const { open, recoveryKey } = await createTeamDatabase({ databasePath, teamName: teamName.data, accountName: accountName.data, passphrase });
  closeTeamDatabase(open);
  if (options.json) {
    out(JSON.stringify({ database: databasePath, keyring: keyringPathFor(databasePath), account: accountName.data, recoveryKey }));
    return;
  }
  out(`Created ${databasePath}`);
  out(`Keyring  ${keyringPathFor(databasePath)}`);
  out(`Account  ${accountName.data} (admin)`);
  out('');
  out('Recovery key (shown once; store it offline, e.g. printed in a locked cabinet):');
  out(`  ${recoveryKey}`);
  out('With it, the database opens even if every passphrase is forgotten: keep it as safe as the data.');
}

export async function info(options: CommandOptions): Promise<void> {
  const summary = await withUnlocked(options, (open) => databaseInfo(open), true);
  if (options.json) {
    out(JSON.stringify(summary));
    return;
  }
  out(`Team            ${summary.teamName}${summary.demo ? ' (DEMO)' : ''}`);
  out(`Schema version  ${summary.schemaVersion} (this app: ${summary.appSchemaVersion})`);
  out(`Encryption      ${summary.cipher}`);
  out('Accounts');
  for (const account of summary.accounts) {
    out(`  ${account.accountName}  ${account.role}  ${account.kdf}${account.mustChangePassphrase ? '  must change passphrase' : ''}`);
  }
  out('Files');
  for (const file of summary.files) out(`  ${file.name}  ${file.bytes.toLocaleString('en-GB')} bytes`);
  out('Rows');
  for (const [table, count] of Object.entries(summary.rows)) out(`  ${table}  ${count.toLocaleString('en-GB')}`);
}

/** Verify unwraps the key from the keyring only: it never migrates or writes to the database. */
export async function verify(options: CommandOptions): Promise<void> {
  const databasePath = existingDatabase(options);
  const accountName = accountFor(options, databasePath);
  const anchor = options.anchor === undefined ? null : parseAuditAnchor(options.anchor);
  if (options.anchor !== undefined && !anchor)
    throw new CliError(
      '--anchor takes an audit anchor as written beside a backup or in Settings → Audit log: the entry number, a colon, and 64 letters and digits.',
      2,
    );
  const passphrase = await passphraseFromEnvOrPrompt(`Passphrase for ${accountName}: `);
  // Beside the app is fine; alone, an interrupted rekey or restore is finished or rolled back first.
  const { lock } = lockForOpening(databasePath, true);
  let report: ReturnType<typeof verifyDatabase>;
  try {
    const { dataKey } = await unwrapAccountKey(databasePath, accountName, passphrase);
    report = verifyDatabase(databasePath, dataKey, anchor);
    dataKey.fill(0);
  } finally {
    lock?.release();
  }
  if (options.json) out(JSON.stringify(report));
  else if (report.ok)
    out(
      `OK: ${report.pages} pages decrypted and authenticated; SQLite integrity check passed${anchor ? `; the audit log holds entry ${anchor.id} of the anchor unchanged` : ''}.`,
    );
  else for (const problem of report.problems) process.stderr.write(`${problem}\n`);
  if (!report.ok) throw new CliError(`The database at ${databasePath} is damaged (${report.problems.length} problem(s)). Restore the latest backup.`);
}

export async function passwd(options: CommandOptions): Promise<void> {
  await withSession(options, async (session) => {
    const next = await newPassphrase('PLW_NEW_PASSPHRASE', 'New passphrase (12 characters or more): ');
    const current = process.env.PLW_PASSPHRASE ?? (await promptHidden('Current passphrase again, to confirm: '));
    await callIn(session, 'accounts.changeOwnPassphrase', { currentPassphrase: current, newPassphrase: next, newPassphraseConfirm: next });
  });
  out('Passphrase changed. The data key and the recovery key are unchanged.');
}

/** Random temporary passphrases for accounts still on a version 1 keyring entry (they have no public key to seal to). */
function temporariesForLegacyAccounts(open: OpenTeamDatabase, except: string | null): RekeyInput['others'] {
  const keyring = readKeyring(keyringPathFor(open.databasePath));
  return keyring.accounts
    .filter(
      (entry) =>
        !isSealedEntry(entry) && !sameAccountName(entry.accountName, open.account.accountName) && !(except && sameAccountName(entry.accountName, except)),
    )
    .map((entry) => ({ accountName: entry.accountName, kind: 'temporary' as const, passphrase: randomBytes(12).toString('base64url') }));
}

function printNewKey(result: { recoveryKey: string; temporaryAccounts: string[] }, others: RekeyInput['others']): void {
  out('');
  out('New recovery key (shown once; store it offline and destroy the old one, which now opens only older backups):');
  out(`  ${result.recoveryKey}`);
  const given = others.filter((o) => result.temporaryAccounts.includes(o.accountName));
  if (given.length) {
    out('');
    out('Temporary passphrases (each person must choose a new one at next unlock):');
    for (const other of given) out(`  ${other.accountName}: ${other.passphrase}`);
  }
}

/**
 * Rekey from the command line: the new key is sealed to every account's own key pair;
 * only accounts not unlocked since keyring version 2 get a random temporary passphrase.
 */
export async function rekey(options: CommandOptions): Promise<void> {
  const result = await withSession(options, async (session) => {
    requireChannel(session, 'database.rekey');
    const others = temporariesForLegacyAccounts(session.database, null);
    const passphrase = process.env.PLW_PASSPHRASE ?? (await promptHidden('Your passphrase again, to confirm the rekey: '));
    const outcome = await callIn(session, 'database.rekey', { passphrase, others });
    return { ...outcome, others };
  });
  if (options.json) {
    out(JSON.stringify({ recoveryKey: result.recoveryKey, temporaryPassphrases: Object.fromEntries(result.others.map((o) => [o.accountName, o.passphrase])) }));
    return;
  }
  out('Rekeyed: the database now has a new data key. The old recovery key no longer opens it.');
  printNewKey(result, result.others);
}

const ACCOUNT_ACTIONS = ['list', 'disable', 'remove', 'reset', 'enable', 'role'] as const;

/** `plw account ACTION [NAME]`: the same account changes as Settings → Accounts, administrators only. */
export async function accountCommand(options: CommandOptions): Promise<void> {
  const [action, name, ...extra] = options.positionals ?? [];
  if (!action || !(ACCOUNT_ACTIONS as readonly string[]).includes(action) || extra.length) {
    throw new CliError(`Say what to do: plw account ${ACCOUNT_ACTIONS.join('|')} [NAME]. Run "plw account --help".`, 2);
  }
  if (action !== 'list' && !name) throw new CliError(`Name the account: plw account ${action} NAME.`, 2);
  if (action === 'role' && !roleSchema.safeParse(options.role).success) throw new CliError('Say which role with --role admin|plw|manager.', 2);
  const temporary = process.env.PLW_TEMPORARY_PASSPHRASE ?? randomBytes(12).toString('base64url');
  const channel = (
    {
      list: 'accounts.list',
      disable: 'accounts.disable',
      remove: 'accounts.remove',
      reset: 'accounts.resetPassphrase',
      enable: 'accounts.enable',
      role: 'accounts.changeRole',
    } as const
  )[action as (typeof ACCOUNT_ACTIONS)[number]];
  const report = await withSession(options, async (session) => {
    // Refused before anything is asked, in the app's words.
    requireChannel(session, channel);
    if (action === 'list') return { list: await callIn(session, 'accounts.list', {}) } as const;
    if (action === 'role') {
      await callIn(session, 'accounts.changeRole', { accountName: name!, role: options.role as Role });
      return { done: `${name} is now ${options.role}.` };
    }
    if (action === 'enable') {
      await callIn(session, 'accounts.enable', { accountName: name!, temporaryPassphrase: temporary });
      return {
        done: `${name} is enabled, with the temporary passphrase ${process.env.PLW_TEMPORARY_PASSPHRASE ? 'you gave' : temporary} (to change at next unlock).`,
      };
    }
    const others = temporariesForLegacyAccounts(session.database, name!);
    const passphrase = process.env.PLW_PASSPHRASE ?? (await promptHidden('Your passphrase again, to confirm: '));
    const input = { accountName: name!, passphrase, others };
    const outcome =
      action === 'reset'
        ? await callIn(session, 'accounts.resetPassphrase', { ...input, temporaryPassphrase: temporary })
        : action === 'disable'
          ? await callIn(session, 'accounts.disable', input)
          : await callIn(session, 'accounts.remove', input);
    const what = {
      reset: `${name} has the temporary passphrase ${process.env.PLW_TEMPORARY_PASSPHRASE ? 'you gave' : temporary} (to change at next unlock).`,
      disable: `${name} is disabled.`,
      remove: `${name} is removed.`,
    }[action as 'reset' | 'disable' | 'remove'];
    return { done: what, outcome: outcome.recoveryKey ? { recoveryKey: outcome.recoveryKey, temporaryAccounts: outcome.temporaryAccounts } : null, others };
  });
  if (report.list) {
    if (options.json) out(JSON.stringify(report.list));
    else
      for (const a of report.list)
        out(`${a.accountName}  ${a.role}  ${a.status}${a.needsKeys ? '  (not unlocked since keyring version 2)' : ''}  open cases ${a.openCases}`);
    return;
  }
  out(report.done);
  if (report.outcome) {
    out('The database has a new data key: nothing the account had opens the live file any more.');
    printNewKey(report.outcome, report.others);
  }
}

export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof PlwError) return { message: error.message, exitCode: 1 };
  return { message: 'Something went wrong. Nothing was changed.', exitCode: 1 };
}

function asOfFrom(options: CommandOptions): IsoDate {
  const value = options['as-of'];
  if (value === undefined) return londonDate(new Date());
  if (!isIsoDate(value)) throw new CliError(`--as-of must be a real date written YYYY-MM-DD, not "${value}".`, 2);
  return value;
}

/** Every timer, with its status on the as-of date, exactly as TIMERS.md names them. */
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

/** A new database marked DEMO, filled with a synthetic team. */
export async function demo(options: CommandOptions): Promise<void> {
  const databasePath = databasePathFrom(options);
  const cases = Number(options.cases ?? '500');
  if (!Number.isInteger(cases) || cases < 1 || cases > 1_000_000) throw new CliError('--cases must be a whole number from 1 to 1,000,000.', 2);
  const seed = Number(options.seed ?? '1');
  if (!Number.isInteger(seed)) throw new CliError('--seed must be a whole number.', 2);
  const accountName = options.user ?? 'Demo Admin';
  const passphrase = await newPassphrase('PLW_PASSPHRASE', `Choose a passphrase for ${accountName} (12 characters or more): `);
  const started = performance.now();
  const { open } = await createTeamDatabase({ databasePath, teamName: options.team ?? 'Demo team', accountName, passphrase, demo: true });
  try {
    const showProgress = !options.json && process.stderr.isTTY;
    const result = generateDemo(open.db, {
      cases,
      seed,
      actor: accountName,
      rules: readTimerRules(open.db),
      now: new Date(),
      progress: showProgress ? (e) => process.stderr.write(`\r${e.label}`) : undefined,
    });
    if (showProgress) process.stderr.write('\n');
    const seconds = (performance.now() - started) / 1000;
    if (options.json) out(JSON.stringify({ database: databasePath, ...result, seed, seconds: Number(seconds.toFixed(1)) }));
    else
      out(
        `Made a DEMO database at ${databasePath}: ${result.cases.toLocaleString('en-GB')} cases, ${result.workers} workers (seed ${seed}) in ${seconds.toFixed(1)} s.`,
      );
  } finally {
    closeTeamDatabase(open);
  }
}

/** `plw import`: all or nothing; with any wrong row, exit 1 with one line per row and nothing written. */
export async function importCommand(options: CommandOptions): Promise<void> {
  const [source, ...extra] = options.positionals ?? [];
  if (!source || extra.length) throw new CliError('Name one workbook (.xlsx) or folder of .csv files to import, after the options.', 2);
  const result = await withSession(options, async (session) => {
    session.state.importSource = resolve(source);
    if (options['dry-run']) return { preview: await callIn(session, 'import.preview', { update: options.update ?? false }), summary: null };
    const ran = await callIn(session, 'import.run', { update: options.update ?? false });
    return { preview: ran.preview, summary: ran.imported };
  });
  const { preview, summary } = result;
  if (options.json) out(JSON.stringify({ ...preview, imported: summary, dryRun: options['dry-run'] ?? false }));
  if (preview.errors.length) {
    for (const e of preview.errors) process.stderr.write(`${e.sheet} row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}\n`);
    throw new CliError(`Nothing was imported: ${preview.errors.length} row(s) need fixing.`);
  }
  if (options.json) return;
  const rows = Object.entries(preview.rowsPerSheet)
    .map(([sheet, n]) => `${n} ${sheet}`)
    .join(', ');
  if (!summary) {
    out(
      `Checked ${rows}: no problems. ${preview.casesNew} new case(s), ${preview.casesUpdated} to update${preview.newWorkers.length ? `, new workers: ${preview.newWorkers.join(', ')}` : ''}. Nothing was written (dry run).`,
    );
    return;
  }
  out(
    `Imported ${summary.casesCreated} new case(s), updated ${summary.casesUpdated}, with ${summary.contacts} contacts, ${summary.orders} orders and ${summary.chases} chases${summary.duplicatesSkipped ? ` (${summary.duplicatesSkipped} rows already there were skipped)` : ''}.`,
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

/** `plw summary`: the managers' figures for a period, anonymised (worker names and numbers only). */
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
      const workerId = options.worker ? workerIdByName(session.database.db, options.worker) : null;
      if (workerId === undefined) throw new CliError(`There is no worker called "${options.worker}".`);
      const query = { from, to, scope: workerId === null ? ('team' as const) : ('worker' as const), ...(workerId === null ? {} : { workerId }) };
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

/** `plw backup`: an encrypted, verified copy (and its keyring) in a folder, rotated 7 daily / 4 weekly / 12 monthly. */
export async function backupCommand(options: CommandOptions): Promise<void> {
  if (!options.to) throw new CliError('Say which folder to back up to with --to DIR.', 2);
  const folder = resolve(options.to);
  const result = await withSession(
    options,
    (session) => {
      requireChannel(session, 'backups.now');
      return backupInto(session, folder);
    },
    true,
  );
  if (options.json) {
    out(JSON.stringify({ file: result.file, bytes: result.bytes, counts: result.counts, countsChecked: result.countsChecked, removed: result.removed }));
    return;
  }
  out(`Backed up to ${result.file} (${result.bytes.toLocaleString('en-GB')} bytes), verified: ${result.counts.cases} cases.`);
  out(
    result.countsChecked
      ? 'It reads back whole, and its row counts match the database at the moment it was copied.'
      : 'It reads back whole with an unbroken audit log. The team saved changes throughout, so its row counts could not be compared at one moment.',
  );
  if (result.removed.length) out(`Rotated out ${result.removed.length} older backup(s).`);
}

/** `plw restore`: shows what the backup holds, asks to confirm (unless --yes), keeps the current database aside. */
export async function restoreCommand(options: CommandOptions): Promise<void> {
  const databasePath = databasePathFrom(options);
  if (!options.from) throw new CliError('Say which backup to restore with --from FILE.', 2);
  const file = resolve(options.from);
  if (!existsSync(file) || !existsSync(`${file}.keyring`)) throw new CliError(`There is no backup (with its keyring) at ${file}.`);
  // Another team's backup would replace this team's cases with theirs: only on purpose.
  const backupTeam = readKeyring(`${file}.keyring`);
  const currentTeam = existsSync(keyringPathFor(databasePath)) ? readKeyring(keyringPathFor(databasePath)) : null;
  if (currentTeam && currentTeam.databaseId !== backupTeam.databaseId && !options['other-team']) {
    throw new CliError(
      `That backup is of another team's database ("${backupTeam.teamName}"), not of "${currentTeam.teamName}". To replace this database with it all the same, run again with --other-team.`,
    );
  }
  const accountName = accountFor(options, file);
  const passphrase = await passphraseFromEnvOrPrompt(`Passphrase for ${accountName} (as it was when the backup was made): `);
  const { dataKey, entry } = await unwrapAccountKey(file, accountName, passphrase);
  if (!mayCall(entry.role, 'backups.restore')) {
    dataKey.fill(0);
    throw new CliError(refusalFor('backups.restore'));
  }
  let keptAside: string;
  try {
    const check = verifyBackup(file, dataKey);
    if (!check.ok) throw new CliError('That backup is damaged and cannot be restored. Try an older one.');
    out(`Backup ${basename(file)}: ${check.counts.cases} cases, ${check.counts.contacts} contacts, ${check.counts.audit_log} audit entries.`);
    if (!options.yes) {
      if (!process.stdin.isTTY) throw new CliError('Restoring replaces the current database: run again with --yes to confirm.', 2);
      const answer = (await promptLine(`Replace ${databasePath} with this backup? The current one is kept aside. Type yes to go ahead: `)).trim().toLowerCase();
      if (answer !== 'yes') throw new CliError('Nothing was restored.');
    }
    // Nobody else may have the database open: their next writes would go to the file moved aside.
    const lock = lockDatabase(databasePath, 'restore');
    try {
      recoverInterruptedSwap(databasePath);
      ({ keptAside } = restoreBackup({ databasePath, live: null, actor: accountName }, file, dataKey, new Date()));
    } finally {
      lock.release();
    }
  } finally {
    dataKey.fill(0);
  }
  out(`Restored. The database it replaced is kept at ${keptAside}.`);
}

/**
 * `plw lock`: who has the database open. `--clear` removes a lock left by a computer that
 * crashed or was switched off; a lock held by a running program on this computer is never
 * cleared (close that program instead).
 */
export async function lockCommand(options: CommandOptions): Promise<void> {
  const databasePath = existingDatabase(options);
  const holder = databaseLockHolder(databasePath);
  if (options.json && !options.clear) {
    out(JSON.stringify({ locked: holder !== null, holder, stale: holder ? isStale(holder) : false }));
    return;
  }
  if (!holder) {
    out('Nobody has the team database open.');
    return;
  }
  const description = describeHolder(holder);
  if (!options.clear) {
    out(isStale(holder) ? `${description} (That program has ended: the next open takes the lock over.)` : description);
    return;
  }
  if (holder.host === hostname() && !isStale(holder)) throw new CliError(`${description} It is still running, so the lock stays.`);
  if (!options.yes) {
    if (!process.stdin.isTTY)
      throw new CliError('Clearing the lock lets this computer open a database another may still be using: run again with --yes once sure.', 2);
    const answer = (await promptLine(`${description}\nClear it? Only do this if that computer is off or the app has closed there. Type yes to go ahead: `))
      .trim()
      .toLowerCase();
    if (answer !== 'yes') throw new CliError('The lock was left as it was.');
  }
  removeIfPresent(databaseLockPathFor(databasePath));
  out('Lock cleared.');
}

/**
 * `plw recover`: every passphrase forgotten. The recovery key opens the database and sets a
 * new passphrase for an administrator account; audited in the database.
 */
export async function recoverCommand(options: CommandOptions): Promise<void> {
  const databasePath = existingDatabase(options);
  if (!options.user) throw new CliError('Name the administrator account to set a new passphrase for with --user NAME.', 2);
  const recoveryKey = process.env.PLW_RECOVERY_KEY ?? (await promptHidden('Recovery key (64 letters and digits, groups of four): '));
  const passphrase = await newPassphrase('PLW_NEW_PASSPHRASE', `New passphrase for ${options.user} (12 characters or more): `);
  const open = await recoverWithKey({ databasePath, recoveryKey, accountName: options.user, newPassphrase: passphrase });
  const { accountName } = open.account;
  closeTeamDatabase(open);
  out(`New passphrase set for ${accountName}. This is recorded in the audit log.`);
  out('The recovery key still opens the database: lock it away again, and rekey if anyone else may have seen it.');
}
