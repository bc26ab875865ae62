/**
 * `plw serve`: the team server. `--init` makes its certificate once (and prints the fingerprint
 * each desktop app will be asked to confirm); then `plw serve` unlocks the database and answers
 * until it is stopped (Ctrl+C, SIGTERM from systemd or the Windows service), finishing the
 * requests in flight before it closes the database.
 */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { fingerprintOf, makeServerCertificate } from '../core/server/certificate';
import { startTeamServer } from '../core/server/team-server';
import { TeamServerClient } from '../core/server/team-client';
import { dailyBackup } from '../core/features/backups';
import { makeSession } from '../core/session';
import { recordAudit } from '../core/audit';
import { closeTeamDatabase, type OpenTeamDatabase } from '../core/team/open-team-database';
import { readBackupFolder, writeBackupFolder } from '../core/team/settings';
import { unlockTeamDatabase } from '../core/team/unlock';
import { accountFor, existingDatabase, out, passphraseFromEnvOrPrompt, type CommandOptions } from './cli-session';
import { CliError } from './prompt';

export const DEFAULT_PORT = 8443;

export const certificatePathFor = (databasePath: string) => `${databasePath}.server-cert.pem`;
export const tlsKeyPathFor = (databasePath: string) => `${databasePath}.server-key.pem`;

/**
 * `--backups DIR`: where the day's backup goes. Set here, on the server: chosen through the app it
 * would be a folder on the person's own computer, which the server cannot reach.
 */
function useBackupFolder(database: OpenTeamDatabase, folder: string): void {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new CliError(`There is no folder at ${folder}. Make it first, readable by the server's account only.`);
  }
  if (readBackupFolder(database.db) === folder) return;
  writeBackupFolder(database.db, folder);
  recordAudit(database.db, database.account.accountName, { action: 'backup.folder-set', detail: { via: 'plw serve' } }, new Date());
}

export async function serveCommand(options: CommandOptions): Promise<void> {
  const databasePath = existingDatabase(options);
  if (options.init) return initCertificate(databasePath, options);
  const port = portFrom(options);
  if (options.status) return reportStatus(databasePath, port, options);
  if (!existsSync(certificatePathFor(databasePath)) || !existsSync(tlsKeyPathFor(databasePath))) {
    throw new CliError(`This database has no server certificate yet. Run "plw serve --init --db ${databasePath}" first.`);
  }
  const certificatePem = readFileSync(certificatePathFor(databasePath), 'utf8');
  const keyPem = readSecretFile(tlsKeyPathFor(databasePath), 'The server’s private key');
  const accountName = accountFor(options, databasePath);
  const passphrase = options['key-file']
    ? readSecretFile(options['key-file'], 'The key file').replace(/\r?\n$/, '')
    : await passphraseFromEnvOrPrompt(`Passphrase for ${accountName}: `);
  const database = await unlockTeamDatabase({ databasePath, accountName, passphrase });
  let server: Awaited<ReturnType<typeof startTeamServer>>;
  try {
    if (options.backups) useBackupFolder(database, resolve(options.backups));
    server = await startTeamServer({ database, keyPem, certificatePem, port, ...(options.host?.[0] ? { host: options.host[0] } : {}) });
  } catch (error) {
    closeTeamDatabase(database);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new CliError(`Port ${port} is in use: another team server, or another program. Choose another with --port.`);
    throw error;
  }
  // The day's backup when it starts and each day it runs, as the desktop app makes at unlock (when a backup folder is set).
  const backupSession = makeSession(
    database,
    { emit: () => undefined, choose: () => Promise.resolve(null) },
    () => new Date(),
    () => undefined,
  );
  dailyBackup(backupSession);
  const backups = setInterval(() => dailyBackup(backupSession), 60 * 60_000);
  backups.unref();
  const say = (line: string) => (options.json ? undefined : out(line));
  say(`Team server running on port ${server.port} (HTTPS, TLS 1.3 only).`);
  say(`Certificate fingerprint (SHA-256): ${fingerprintOf(certificatePem)}`);
  say('People connect from the desktop app: "Connect to a team server", then this computer’s name or address and the port.');
  say('Stop it with Ctrl+C (or stop the service): requests being answered are finished first.');
  if (options.json) out(JSON.stringify({ state: 'running', port: server.port, fingerprint: fingerprintOf(certificatePem) }));

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      clearInterval(backups);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      say(`\n${signal}: stopping. Finishing ${server.inFlight()} request(s) in progress, then signing ${server.sessions.count} person(s) out.`);
      void server
        .stop()
        .finally(() => closeTeamDatabase(database))
        .then(() => {
          say('Team server stopped. The database is closed.');
          if (options.json) out(JSON.stringify({ state: 'stopped' }));
          resolve();
        });
    };
    const onInt = () => stop('Interrupted');
    const onTerm = () => stop('Asked to stop');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

/** `--status`: whether this database's server answers on this computer (its /health, over its own pinned certificate). */
async function reportStatus(databasePath: string, port: number, options: CommandOptions): Promise<void> {
  if (!existsSync(certificatePathFor(databasePath))) throw new CliError('This database has no server certificate, so no team server has been set up for it.');
  const certificatePem = readFileSync(certificatePathFor(databasePath), 'utf8');
  const host = options.host?.[0] ?? '127.0.0.1';
  const started = performance.now();
  const client = new TeamServerClient({ host, port, certificatePem, fingerprint: fingerprintOf(certificatePem) });
  const running = await client.health();
  await client.signOut();
  const elapsed = Math.round(performance.now() - started);
  if (options.json) out(JSON.stringify({ state: running ? 'running' : 'not-answering', host, port }));
  else if (running) out(`Team server on ${host}:${port}: running (answered in ${elapsed} ms).`);
  if (!running) throw new CliError(`Team server on ${host}:${port}: not answering.`, 1);
}

async function initCertificate(databasePath: string, options: CommandOptions): Promise<void> {
  const certificatePath = certificatePathFor(databasePath);
  if (existsSync(certificatePath) && !options.yes) {
    throw new CliError(
      `This database already has a server certificate (${certificatePath}). A new one means everyone confirms the new fingerprint: add --yes to make one anyway.`,
    );
  }
  const names = [hostname(), ...(options.host ?? [])];
  const certificate = await makeServerCertificate(names);
  writeFileSync(tlsKeyPathFor(databasePath), certificate.keyPem, { mode: 0o600 });
  chmodSync(tlsKeyPathFor(databasePath), 0o600);
  writeFileSync(certificatePath, certificate.certificatePem, { mode: 0o644 });
  if (options.json) {
    out(JSON.stringify({ certificate: certificatePath, fingerprint: certificate.fingerprint, names }));
    return;
  }
  out(`Made the team server's certificate for ${names.join(', ')}:`);
  out(`  ${certificatePath}`);
  out(`  ${tlsKeyPathFor(databasePath)} (its private key: readable by this account only)`);
  out('');
  out(`Fingerprint (SHA-256): ${certificate.fingerprint}`);
  out('Give this fingerprint to your team by a way other than the network (on paper, or read aloud):');
  out('the desktop app shows it on first connecting, and each person checks it matches before confirming.');
}

function portFrom(options: CommandOptions): number {
  if (options.port === undefined) return DEFAULT_PORT;
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`--port must be a whole number from 1 to 65535, not "${options.port}".`, 2);
  return port;
}

/**
 * A file holding a secret: refused when others on this machine could read it (on systems with
 * POSIX permissions: 0600, owned by whoever runs the server), so a key file cannot quietly be left open.
 */
function readSecretFile(path: string, what: string): string {
  if (!existsSync(path)) throw new CliError(`${what} ${path} does not exist.`);
  if (process.platform !== 'win32') {
    const stat = statSync(path);
    if ((stat.mode & 0o077) !== 0) throw new CliError(`${what} ${path} can be read by others on this computer. Make it private first: chmod 600 ${path}`);
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) throw new CliError(`${what} ${path} belongs to another user.`);
  }
  return readFileSync(path, 'utf8');
}
