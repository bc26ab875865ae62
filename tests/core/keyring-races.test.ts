/**
 * The keyring under concurrency. Version 1 read the keyring, waited for Argon2id,
 * and wrote it back, even on a wrong passphrase: a failed unlock in another program
 * could write back a keyring from before an account was added or a rekey, losing the
 * account or locking the administrator out. Now failures go to their own file and
 * every keyring change is a read-change-write under the keyring's lock.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEntry, keyringPathFor, openEntry, readKeyring } from '../../electron/core/crypto/keyring';
import { readAttempts } from '../../electron/core/crypto/unlock-attempts';
import { addAccount } from '../../electron/core/team/accounts';
import { rekeyTeamDatabase } from '../../electron/core/team/rekey';
import { unwrapAccountKey } from '../../electron/core/team/unlock';
import { ADMIN, ADMIN_PASSPHRASE, bundleTestChild, closeTeamDatabase, newTeamDatabase, opensWithRawKey } from './helpers';

const TRIES = Number(process.env.PLW_RACE_TRIES ?? 100);

const childEnv = () => ({ ...process.env, NODE_PATH: join(import.meta.dirname, '../../node_modules') });

/** A long-lived second program that makes a wrong guess whenever told to. */
async function startGuesser(script: string, databasePath: string, accountName: string) {
  const child = spawn(process.execPath, [script, 'loop', databasePath, accountName], { stdio: ['pipe', 'pipe', 'inherit'], env: childEnv() });
  let out = '';
  const waiting = new Map<string, () => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const [line, resolve] of waiting) {
      if (out.includes(`${line}\n`)) {
        waiting.delete(line);
        resolve();
      }
    }
  });
  const lineSeen = (line: string) => new Promise<void>((resolve) => (out.includes(`${line}\n`) ? resolve() : waiting.set(line, resolve)));
  await lineSeen('ready');
  return {
    /** The other program guesses wrong `delayMs` from now; resolves when its guess has been counted. */
    guessAfter(delayMs: number, n: number): Promise<void> {
      child.stdin.write(`${delayMs} ${n}\n`);
      return lineSeen(`guessed ${n}`);
    },
    stop: () => child.kill(),
  };
}

describe('the keyring beside another program', () => {
  it(`adding an account while another program fails an unlock loses nothing (${TRIES} tries)`, async () => {
    const { open, databasePath } = await newTeamDatabase();
    await addAccount(open, { accountName: 'Guesser', role: 'plw', temporaryPassphrase: 'guesser temporary one' });
    const guesser = await startGuesser(bundleTestChild('keyring-race-child'), databasePath, 'Guesser');
    try {
      for (let i = 0; i < TRIES; i++) {
        // The wrong guess lands anywhere from together with the add to 40 ms after it started.
        const guessed = guesser.guessAfter((i % 5) * 10, i);
        await addAccount(open, { accountName: `Worker ${i}`, role: 'plw', temporaryPassphrase: `temporary passphrase ${i}` });
        await guessed;
      }
    } finally {
      guesser.stop();
    }
    const keyring = readKeyring(keyringPathFor(databasePath));
    const lost: string[] = [];
    const unopenable: string[] = [];
    for (let i = 0; i < TRIES; i++) {
      const entry = findEntry(keyring, `Worker ${i}`);
      if (!entry) lost.push(`Worker ${i}`);
      else if (!opensWithRawKey(databasePath, (await openEntry(keyring.databaseId, entry, `temporary passphrase ${i}`))?.toString('hex') ?? null))
        unopenable.push(`Worker ${i}`);
    }
    closeTeamDatabase(open);
    expect({ lost, unopenable }).toEqual({ lost: [], unopenable: [] });
    // Every wrong guess counted, none lost to a concurrent write either.
    expect(readAttempts(databasePath, 'Guesser').failedAttempts).toBe(TRIES);
    console.log(`keyring race (add account beside a failed unlock): ${TRIES} tries, 0 accounts lost, ${TRIES} failures counted`);
  }, 600_000);

  it(`rekeying while another program mistypes a passphrase never locks the administrator out (${TRIES} tries)`, async () => {
    const { open, databasePath } = await newTeamDatabase();
    await addAccount(open, { accountName: 'Priya PLW', role: 'plw', temporaryPassphrase: 'temporary passphrase one' });
    const guesser = await startGuesser(bundleTestChild('keyring-race-child'), databasePath, ADMIN);
    let lockouts = 0;
    try {
      for (let i = 0; i < TRIES; i++) {
        // Spread over the whole rekey (about 250 ms here): during key derivation, the copy, and the swap.
        const guessed = guesser.guessAfter((i * 37) % 300, i);
        await rekeyTeamDatabase(open, {
          passphrase: ADMIN_PASSPHRASE,
          others: [{ accountName: 'Priya PLW', kind: 'temporary', passphrase: `priya temporary ${i}` }],
        });
        await guessed;
        const { dataKey } = await unwrapAccountKey(databasePath, ADMIN, ADMIN_PASSPHRASE, () => new Date(Date.UTC(2041, 0, 1)));
        if (!dataKey.equals(open.dataKey) || !opensWithRawKey(databasePath, dataKey.toString('hex'))) lockouts++;
        dataKey.fill(0);
      }
    } finally {
      guesser.stop();
      closeTeamDatabase(open);
    }
    expect(lockouts).toBe(0);
    console.log(`keyring race (rekey beside a mistyped verify): ${TRIES} tries, 0 lockouts`);
  }, 600_000);

  it('eight wrong guesses at once count eight, in one program and in eight', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    await Promise.all(Array.from({ length: 8 }, (_, n) => unwrapAccountKey(databasePath, ADMIN, `wrong ${n}`).catch(() => undefined)));
    expect(readAttempts(databasePath, ADMIN).failedAttempts).toBe(8);

    const script = bundleTestChild('keyring-race-child');
    await Promise.all(
      Array.from(
        { length: 8 },
        (_, n) =>
          new Promise((resolve) =>
            spawn(process.execPath, [script, 'once', databasePath, 'Priya', String(n)], { stdio: 'inherit', env: childEnv() }).on('exit', resolve),
          ),
      ),
    );
    // No such account: nothing is counted (and nothing says it does not exist).
    expect(readAttempts(databasePath, 'Priya').failedAttempts).toBe(0);
    await Promise.all(
      Array.from(
        { length: 8 },
        (_, n) =>
          new Promise((resolve) =>
            spawn(process.execPath, [script, 'once', databasePath, ADMIN, String(n)], { stdio: 'inherit', env: childEnv() }).on('exit', resolve),
          ),
      ),
    );
    expect(readAttempts(databasePath, ADMIN).failedAttempts).toBe(16);
  }, 120_000);
});
