/** What every `plw` command shares: options, where the database is, the passphrase, and a session unlocked for one command (through the same dispatch as the app). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { passphraseProblem } from '../../shared/passphrase-rules';
import { keyringPathFor, readKeyring } from '../core/crypto/keyring';
import { PlwError } from '../core/errors';
import { closeTeamDatabase, type OpenTeamDatabase } from '../core/team/open-team-database';
import { makeSession, type Session } from '../core/session';
import { unlockTeamDatabase } from '../core/team/unlock';
import { CliError, promptHidden } from './prompt';
import { isIsoDate, londonDate, type IsoDate } from '../../shared/calendar';

export interface CommandOptions {
  db?: string;
  user?: string;
  team?: string;
  json?: boolean;
  'as-of'?: string;
  worker?: string;
  office?: string;
  cases?: string;
  seed?: string;
  'dry-run'?: boolean;
  update?: boolean;
  'new-worker'?: string[];
  from?: string;
  to?: string;
  format?: string;
  yes?: boolean;
  'other-team'?: boolean;
  clear?: boolean;
  anchor?: string;
  role?: string;
  out?: string;
  init?: boolean;
  status?: boolean;
  port?: string;
  host?: string[];
  'key-file'?: string;
  backups?: string;
  positionals?: string[];
}

export const out = (line = '') => process.stdout.write(`${line}\n`);

export function databasePathFrom(options: CommandOptions): string {
  if (!options.db) throw new CliError('Say which database with --db PATH.', 2);
  return resolve(options.db);
}

export function existingDatabase(options: CommandOptions): string {
  const path = databasePathFrom(options);
  if (!existsSync(path)) throw new CliError(`There is no database at ${path}.`);
  if (!existsSync(keyringPathFor(path))) throw new CliError(`The keyring file ${keyringPathFor(path)} is missing.`);
  return path;
}

/** --user, then PLW_USER, then the only account when there is just one. */
export function accountFor(options: CommandOptions, databasePath: string): string {
  const named = options.user ?? process.env.PLW_USER;
  if (named) return named;
  const accounts = readKeyring(keyringPathFor(databasePath)).accounts;
  if (accounts.length === 1) return accounts[0]!.accountName;
  throw new CliError('This database has several accounts: say which with --user NAME or PLW_USER.', 2);
}

export async function passphraseFromEnvOrPrompt(question: string): Promise<string> {
  return process.env.PLW_PASSPHRASE ?? promptHidden(question);
}

export async function newPassphrase(envName: string, question: string): Promise<string> {
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
export async function withUnlocked<T>(options: CommandOptions, work: (open: OpenTeamDatabase) => Promise<T> | T, reads = false): Promise<T> {
  const databasePath = existingDatabase(options);
  const accountName = accountFor(options, databasePath);
  const passphrase = await passphraseFromEnvOrPrompt(`Passphrase for ${accountName}: `);
  // The first unlock after an upgrade that changes the timer rules works every case out again: say so on a terminal.
  const progress = !options.json && process.stderr.isTTY ? (e: { label: string }) => process.stderr.write(`\r${e.label}`) : undefined;
  const open = await unlockTeamDatabase({ databasePath, accountName, passphrase, besideOthers: reads, ...(progress ? { progress } : {}) });
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
export async function withSession<T>(
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

export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof PlwError) return { message: error.message, exitCode: 1 };
  return { message: 'Something went wrong. Nothing was changed.', exitCode: 1 };
}

export function asOfFrom(options: CommandOptions): IsoDate {
  const value = options['as-of'];
  if (value === undefined) return londonDate(new Date());
  if (!isIsoDate(value)) throw new CliError(`--as-of must be a real date written YYYY-MM-DD, not "${value}".`, 2);
  return value;
}
