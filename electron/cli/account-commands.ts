/** `plw passwd`, `rekey` and `account`: passphrases, keys and accounts, through the app's channels. */
import { randomBytes } from 'node:crypto';
import { roleSchema } from '../../shared/contract';
import { isSealedEntry, keyringPathFor, readKeyring, sameAccountName } from '../core/crypto/keyring';
import type { Role } from '../../shared/roles';
import { type OpenTeamDatabase } from '../core/team/open-team-database';
import { callIn, requireChannel } from '../core/handlers';
import type { RekeyInput } from '../core/team/rekey';
import { CliError, promptHidden } from './prompt';
import { type CommandOptions, out, newPassphrase, withSession } from './cli-session';

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
