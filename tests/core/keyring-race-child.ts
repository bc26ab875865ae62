/**
 * A second program beside the test: it guesses a wrong passphrase for an account,
 * as a mistyped `plw verify` or a wrong unlock in another window would.
 * "once": one guess, then exit. "loop": one guess for each line read ("<delay ms> <n>"),
 * printing "guessed <n>" after each.
 */
import { createInterface } from 'node:readline';
import { unwrapAccountKey } from '../../electron/core/team/unlock';

const [mode, databasePath, accountName] = process.argv.slice(2) as ['once' | 'loop', string, string];
/**
 * The growing delay after wrong guesses would refuse most of these before they are tried
 * (that is its job, tested elsewhere). Here every guess must be tried and counted, so the
 * clock reads years after any failure when checking the delay, and before all of them when
 * recording one.
 */
const clockFor = (n: number) => {
  let calls = 0;
  return () => (calls++ === 0 ? new Date(Date.UTC(2040, 0, 1) + n * 60_000) : new Date(Date.UTC(2030, 0, 1)));
};

async function guess(n: number): Promise<void> {
  try {
    await unwrapAccountKey(databasePath, accountName, `wrong guess ${n}`, clockFor(n));
  } catch {
    /* the wrong passphrase is the point */
  }
}

async function main(): Promise<void> {
  if (mode === 'once') {
    await guess(Number(process.argv[5] ?? 0));
    return;
  }
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const [delay, n] = line.split(' ').map(Number) as [number, number];
    await new Promise((resolve) => setTimeout(resolve, delay));
    await guess(n);
    process.stdout.write(`guessed ${n}\n`);
  }
}

void main();
