/**
 * Running the built `plw serve` as an IT person would, for the tests and the bench: a free port,
 * the command started with its passphrase in the environment, ready once it says it is running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const PLW = resolve(import.meta.dirname, '../../dist/cli/plw.cjs');

/** Only what the command needs from the environment, and the passphrase. */
export const serveEnv = (passphrase: string) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PLW_PASSPHRASE: passphrase });

export function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

/** Starts `plw serve` on loopback and resolves once it says it is running (its --json line). */
export function startServe(databasePath: string, accountName: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [PLW, 'serve', '--db', databasePath, '--user', accountName, '--port', String(port), '--host', '127.0.0.1', '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"state":"running"')) resolveStart(child);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`plw serve exited (${code}) before running: ${output}`)));
  });
}
