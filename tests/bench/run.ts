/**
 * Benchmarks, not tests: they print medians and ratios and never fail on a
 * timing. Run with `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveWrappingKey, newKdfParams } from '../../electron/core/crypto/kdf';
import { openEncryptedDatabase } from '../../electron/core/db/open-database';
import { createTeamDatabase } from '../../electron/core/team/create';
import { closeTeamDatabase } from '../../electron/core/team/open-team-database';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';

const RUNS = Number(process.env.PLW_BENCH_RUNS ?? 11);
const PASSPHRASE = 'kettle lantern orchard seven';

async function median(label: string, work: () => Promise<void> | void): Promise<number> {
  await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(44)} median ${mid.toFixed(1).padStart(8)} ms   (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}, n=${RUNS})`);
  return mid;
}

async function main() {
  console.log(`Partner Link Tracker benchmarks: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})\n`);
  const folder = mkdtempSync(join(tmpdir(), 'plw-bench-'));
  try {
    const databasePath = join(folder, 'team.plwdb');
    const { open } = await createTeamDatabase({ databasePath, teamName: 'Bench', accountName: 'Sam Admin', passphrase: PASSPHRASE });
    const keyHex = open.dataKey.toString('hex');
    closeTeamDatabase(open);

    const params = newKdfParams();
    const kdf = await median('Argon2id (64 MiB, 3 passes) alone', async () => {
      (await deriveWrappingKey(PASSPHRASE, params)).fill(0);
    });
    const openOnly = await median('open + key + pragmas, no KDF', () => {
      openEncryptedDatabase(databasePath, keyHex, { create: false }).close();
    });
    const unlock = await median('unlock (Argon2id + open + migrate check + audit)', async () => {
      closeTeamDatabase(await unlockTeamDatabase({ databasePath, accountName: 'Sam Admin', passphrase: PASSPHRASE }));
    });

    console.log('');
    console.log(`unlock budget 1,500 ms: median ${unlock.toFixed(0)} ms = ${((unlock / 1500) * 100).toFixed(0)}% of budget`);
    console.log(`share of unlock spent in Argon2id: ${((kdf / unlock) * 100).toFixed(0)}%  (open alone: ${((openOnly / unlock) * 100).toFixed(1)}%)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
