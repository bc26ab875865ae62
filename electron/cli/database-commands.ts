/** `plw init`, `info`, `verify`, `demo`, `lock` and `recover`: the database itself. */
import { accountNameSchema, settingsSchema } from '../../shared/contract';
import { keyringPathFor } from '../core/crypto/keyring';
import { createTeamDatabase } from '../core/team/create';
import { databaseInfo } from '../core/team/info';
import { closeTeamDatabase } from '../core/team/open-team-database';
import { recoverWithKey } from '../core/team/recover';
import { lockForOpening, unwrapAccountKey } from '../core/team/unlock';
import { hostname } from 'node:os';
import { databaseLockHolder, databaseLockPathFor, describeHolder } from '../core/db/database-lock';
import { removeIfPresent } from '../core/files/durable-files';
import { isStale } from '../core/files/file-lock';
import { verifyDatabase } from '../core/team/verify';
import { CliError, promptHidden, promptLine } from './prompt';
import { parseAuditAnchor } from '../core/audit';
import { readTimerRules } from '../core/cases/timer-settings';
import { generateDemo } from '../core/demo/generate-demo';
import {
  type CommandOptions,
  out,
  databasePathFrom,
  existingDatabase,
  accountFor,
  passphraseFromEnvOrPrompt,
  newPassphrase,
  withUnlocked,
} from './cli-session';

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
