/**
 * `plw`: the command line for administration and scripts, over the same core
 * as the app. Errors are one clear line on stderr and a non-zero exit.
 */
import { parseArgs } from 'node:util';
import { describeError, info, init, out, passwd, rekey, verify, type CommandOptions } from './commands';
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
    help: `Usage: plw verify --db PATH [--user NAME] [--json]

Exits 0 when the database is whole, 1 when anything is wrong. Never writes to the database.
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
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        db: { type: 'string' },
        user: { type: 'string' },
        team: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
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
