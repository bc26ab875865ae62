/** `plw backup` and `restore`. */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { keyringPathFor, readKeyring } from '../core/crypto/keyring';
import { requireChannel } from '../core/handlers';
import { backupInto } from '../core/features/backups';
import { mayCall, refusalFor } from '../../shared/permissions';
import { unwrapAccountKey } from '../core/team/unlock';
import { lockDatabase } from '../core/db/database-lock';
import { recoverInterruptedSwap } from '../core/db/database-swap';
import { CliError, promptLine } from './prompt';
import { restoreBackup, verifyBackup } from '../core/backup/backups';
import { type CommandOptions, out, databasePathFrom, accountFor, passphraseFromEnvOrPrompt, withSession } from './cli-session';

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
