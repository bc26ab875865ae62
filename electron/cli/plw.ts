/**
 * `plw`: the command line for administration and scripts, over the same core
 * as the app. Errors are one clear line on stderr and a non-zero exit.
 */
import { parseArgs } from 'node:util';
import {
  accountCommand,
  backupCommand,
  chaseListCommand,
  demo,
  lockCommand,
  recoverCommand,
  restoreCommand,
  serveCommand,
  describeError,
  importCommand,
  info,
  init,
  mergeCommand,
  out,
  passwd,
  rekey,
  summaryCommand,
  templateCommand,
  timers,
  verify,
  type CommandOptions,
} from './commands';
import { CliError } from './prompt';

const COMMON = `
Options:
  --db PATH      the team database file
  --user NAME    the account (or PLW_USER; optional when there is only one)
  --json         machine-readable output
  --help         this help

The passphrase comes from PLW_PASSPHRASE, or is asked for without echo.`;

const COMMANDS: Record<string, { summary: string; help: string; run: (options: CommandOptions) => Promise<void> }> = {
  init: {
    summary: 'create a new encrypted team database and its first (admin) account',
    help: `Usage: plw init --db PATH --user NAME [--team NAME]

Creates the database and its keyring beside it, and prints the recovery key once.
  --team NAME    the team's name, shown on the unlock screen (default "Partner Link team")
${COMMON}`,
    run: init,
  },
  info: {
    summary: 'schema version, accounts and sizes (no personal data)',
    help: `Usage: plw info --db PATH [--user NAME] [--json]
${COMMON}`,
    run: info,
  },
  verify: {
    summary: 'check the database decrypts, authenticates page by page and passes SQLite integrity checks',
    help: `Usage: plw verify --db PATH [--user NAME] [--anchor ID:HASH] [--json]

Exits 0 when the database is whole, 1 when anything is wrong. Never writes to the database.
  --anchor ID:HASH  an audit anchor kept outside the database (written beside every backup as
                    .anchor, and shown in Settings → Audit log): the log must still hold that
                    entry unchanged, which catches a rewrite or cut even by someone with the key
${COMMON}`,
    run: verify,
  },
  passwd: {
    summary: "change your own account's passphrase",
    help: `Usage: plw passwd --db PATH [--user NAME]

The new passphrase comes from PLW_NEW_PASSPHRASE, or is asked for twice without echo.
${COMMON}`,
    run: passwd,
  },
  rekey: {
    summary: 'give the database a new data key and recovery key (admin)',
    help: `Usage: plw rekey --db PATH [--user NAME] [--json]

Every other account gets a random temporary passphrase, printed once, to change at next unlock.
${COMMON}`,
    run: rekey,
  },
  account: {
    summary: 'list accounts; disable, remove, reset, enable, or change the role of one (the changes: admin)',
    help: `Usage: plw account list --db PATH [--json]
       plw account disable|remove|reset|enable NAME --db PATH
       plw account role NAME --role admin|plw|manager --db PATH

disable   someone leaving (or away): they can no longer unlock
remove    for good: gone from the list, their name kept in the history
reset     a temporary passphrase, to change at next unlock
enable    a disabled account back, with a temporary passphrase
Disable, remove and reset give the database a new data key, so no old passphrase or old
keyring copy opens it; the new recovery key is printed once. Temporary passphrases come from
PLW_TEMPORARY_PASSPHRASE, or are made at random and printed. Recorded in the audit log.
${COMMON}`,
    run: accountCommand,
  },
  recover: {
    summary: "every passphrase forgotten: the recovery key sets an administrator's new passphrase",
    help: `Usage: plw recover --db PATH --user NAME

The recovery key (from PLW_RECOVERY_KEY, or asked for without echo) opens the database and sets
a new passphrase (PLW_NEW_PASSPHRASE, or asked for twice) for the administrator account NAME.
Recorded in the audit log. A recovery key from before a rekey no longer opens the database.`,
    run: recoverCommand,
  },
  backup: {
    summary: 'make an encrypted, verified backup (and rotate old ones)',
    help: `Usage: plw backup --db PATH --to DIR [--user NAME] [--json]

Writes team-YYYYMMDD-HHMMSS.plwbak and its keyring into DIR (for example a network drive),
checks it reads back whole with the same row counts as the database had at the moment it was
copied, then keeps every backup of the last 7 days and the newest of 4 weeks and 12 months.
Runs beside the app; never replaces an earlier backup.
${COMMON}`,
    run: backupCommand,
  },
  restore: {
    summary: 'restore a backup (the current database is kept aside first)',
    help: `Usage: plw restore --db PATH --from FILE [--user NAME] [--yes] [--other-team]

Shows what the backup holds and asks to confirm (or --yes). The passphrase is the one that
was valid when the backup was made. The current database, its log and its keyring are copied
aside whole (team.plwdb.before-restore-TIME), never deleted. Refused while the app or another
plw command has the database open; a crash part-way is finished or undone at the next open.
Administrators only. A backup of another team's database is refused unless --other-team is given.
${COMMON}`,
    run: restoreCommand,
  },
  lock: {
    summary: 'who has the database open; clear a lock left by a computer that crashed',
    help: `Usage: plw lock --db PATH [--clear [--yes]] [--json]

The app, and plw commands that change things, hold team.plwdb.lock while the database is open,
so a second computer or program cannot change it at the same time. A lock left by a program
that has ended on this computer is taken over by the next open; one left by another computer
that crashed is cleared with --clear (asked to confirm, or --yes). Needs no passphrase.`,
    run: lockCommand,
  },
  timers: {
    summary: 'every timer with its status on a date (scriptable)',
    help: `Usage: plw timers --db PATH --as-of YYYY-MM-DD [--worker NAME] [--json]

Prints every timer as {case_ref, timer, start_date, due_date, met_date, status}; order_expiry
rows also carry order_ref. Statuses: pending, due_soon, overdue, met_on_time, met_late, closed_unmet.
  --as-of DATE   the date statuses are worked out for (default: today)
  --worker NAME  only that worker's cases
${COMMON}`,
    run: timers,
  },
  'chase-list': {
    summary: 'overdue referrals to chase, with chase due and escalate',
    help: `Usage: plw chase-list --db PATH --as-of YYYY-MM-DD [--json]

Prints {case_ref, days_overdue, chases, last_chase_date, chase_due, escalate} for each case
whose referral is overdue on that date.
${COMMON}`,
    run: chaseListCommand,
  },
  import: {
    summary: 'import the tracker workbook (.xlsx, or a folder of .csv): all or nothing',
    help: `Usage: plw import --db PATH FILE_OR_DIR [--dry-run] [--update] [--new-worker NAME]... [--json]

Checks every row first. If any row is wrong, prints one line per wrong row (sheet, row,
column, reason), writes nothing, and exits 1.
  --dry-run      check and summarise only
  --update       change cases whose case_ref is already in the app (otherwise refused)
  --new-worker NAME
                 NAME is a new worker, though it is close to a known worker's name
                 (without it such a name is listed and nothing is imported)
${COMMON}`,
    run: importCommand,
  },
  template: {
    summary: 'write an empty tracker workbook with a notes sheet',
    help: `Usage: plw template --out FILE.xlsx

Writes the workbook's sheets with their column headers, and a notes sheet explaining each column.
Needs no database.`,
    run: templateCommand,
  },
  summary: {
    summary: "the managers' workload and timeliness figures for a period (anonymised)",
    help: `Usage: plw summary --db PATH --from YYYY-MM-DD --to YYYY-MM-DD [--worker NAME | --office NAME] [--format json|csv|xlsx|pdf|worker-file] [--out FILE]

Figures per worker and for the team, with worker names and numbers only: no victim,
perpetrator, child or RO detail, no CRN or case ref. JSON keys are listed in the README.
Equality breakdowns show counts below 5 as "fewer than 5".
  --worker NAME  one worker's figures      --office NAME  one office's (PDU's) cases
  --format json  (default) printed, or written to --out FILE
  --format csv   one file per view, written to the folder --out DIR
  --format xlsx  a sheet per view and a definitions sheet, written to --out FILE.xlsx
  --format pdf   a printable A4 report with charts, written to --out FILE.pdf
  --format worker-file  a checked summary file for the manager to merge (plw merge)
${COMMON}`,
    run: summaryCommand,
  },
  merge: {
    summary: "merge workers' summary files into one team view (no database needed)",
    help: `Usage: plw merge FILE... [--format json|csv|xlsx|pdf] [--out FILE] [--team NAME]

Each file comes from "plw summary --format worker-file" (or Export on the Reports page).
Files must cover the same period; a damaged or edited file is refused; the same worker's
file given twice counts once.`,
    run: mergeCommand,
  },
  serve: {
    summary: 'run the team server: the database for a team on several computers, over HTTPS',
    help: `Usage: plw serve --init --db PATH [--host NAME]...   (once: make the server's certificate)
       plw serve --db PATH [--user NAME] [--port N] [--key-file PATH] [--backups DIR]
       plw serve --status --db PATH [--port N] [--host NAME]   (is it answering? exit 1 if not)

--init makes a certificate and its private key beside the database and prints the certificate's
SHA-256 fingerprint: each person's desktop app shows it on first connecting, and they check it
matches before trusting the server. --host adds a name or address people will type (this
computer's name is always included). --yes replaces an existing certificate.

Without --init the server unlocks the database as --user (an administrator's passphrase, from
PLW_PASSPHRASE or asked for) and answers on --port (default 8443) until stopped with Ctrl+C or
SIGTERM, finishing requests in flight first. Each person then signs in with their own account.
  --key-file PATH  read the passphrase from a file instead (0600, owned by the server's user), so
                   the server can start unattended after a power cut. Whoever can read that file
                   and the database can open it: keep both on an encrypted disk only the service
                   account can read.
  --backups DIR    make the day's backup into DIR (an encrypted, verified copy, rotated), when the
                   server starts and each day it runs. Kept for the next start too.
${COMMON}`,
    run: serveCommand,
  },
  demo: {
    summary: 'make a new database marked DEMO, filled with a synthetic team',
    help: `Usage: plw demo --db PATH --cases N [--seed S] [--user NAME] [--team NAME]

Made-up people only: phone numbers from Ofcom's drama ranges, example.org emails, ZZ postcodes.
The same seed always makes the same team.
  --cases N      how many cases (default 500)
  --seed S       a whole number (default 1)
${COMMON}`,
    run: demo,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `Usage: plw COMMAND [options]

Partner Link Tracker command line.

Commands:
${lines.join('\n')}

Run "plw COMMAND --help" for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`Unknown command "${name}". Run "plw --help" for the list.`, 2);
  let values: CommandOptions & { help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: {
        db: { type: 'string' },
        user: { type: 'string' },
        team: { type: 'string' },
        json: { type: 'boolean' },
        'as-of': { type: 'string' },
        worker: { type: 'string' },
        office: { type: 'string' },
        cases: { type: 'string' },
        seed: { type: 'string' },
        'dry-run': { type: 'boolean' },
        out: { type: 'string' },
        update: { type: 'boolean' },
        'new-worker': { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        yes: { type: 'boolean' },
        clear: { type: 'boolean' },
        'other-team': { type: 'boolean' },
        anchor: { type: 'string' },
        role: { type: 'string' },
        init: { type: 'boolean' },
        status: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string', multiple: true },
        'key-file': { type: 'string' },
        backups: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: name === 'import' || name === 'merge' || name === 'account',
    }));
    values.positionals = positionals;
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message.split('\n')[0] : 'Bad options'}. Run "plw ${name} --help".`, 2);
  }
  if (values.help) {
    out(command.help);
    return 0;
  }
  await command.run(values);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { message, exitCode } = describeError(error);
    process.stderr.write(`plw: ${message}\n`);
    process.exitCode = exitCode;
  },
);
