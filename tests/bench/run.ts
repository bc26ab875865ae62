/**
 * Benchmarks, not tests: they print medians and ratios and never fail on a
 * timing. Run with `npm run bench`.
 */
import { closeSync, copyFileSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { Bench } from 'tinybench';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveWrappingKey, newKdfParams } from '../../electron/core/crypto/kdf';
import { applyCipher, openEncryptedDatabase, type Db } from '../../electron/core/db/open-database';
import { createTeamDatabase } from '../../electron/core/team/create';
import { closeTeamDatabase } from '../../electron/core/team/open-team-database';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { logChase } from '../../electron/core/cases/case-store';
import { chaseList, listCaseload, todayList } from '../../electron/core/cases/queries';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { logContactRecord } from '../../electron/core/records/contacts';
import { timelineRenderBenchmark } from './timeline-render';
import { combine, summarise, trend, workerSummaries } from '../../electron/core/reports/summary';
import { summaryXlsx } from '../../electron/core/reports/export-summary';
import { caseloadQuerySchema, type CaseloadQuery } from '../../shared/case-views';

const RUNS = Number(process.env.PLW_BENCH_RUNS ?? 11);
const PASSPHRASE = 'kettle lantern orchard seven';

interface Timing {
  median: number;
  p95: number;
}

/** Times one operation with tinybench: one warm-up, then RUNS runs; prints median and p95. */
async function time(label: string, work: () => Promise<void> | void): Promise<Timing> {
  const bench = new Bench({ iterations: RUNS, time: 0, warmupIterations: 1, warmupTime: 0, retainSamples: true, throws: true });
  bench.add(label, work);
  const [task] = await bench.run();
  const result = task!.result;
  if (!('latency' in result)) throw new Error(`${label}: the benchmark did not complete (${result.state})`);
  const samples = [...(result.latency.samples ?? [])].sort((a, b) => a - b);
  const p95 = samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)] ?? result.latency.max;
  const timing = { median: result.latency.p50, p95 };
  console.log(`${label.padEnd(48)} median ${timing.median.toFixed(1).padStart(8)} ms   p95 ${timing.p95.toFixed(1).padStart(8)} ms   (n=${samples.length})`);
  return timing;
}

const median = async (label: string, work: () => Promise<void> | void) => (await time(label, work)).median;

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

    await caseBenchmarks(folder);

    console.log('');
    console.log(`unlock budget 1,500 ms: median ${unlock.toFixed(0)} ms = ${((unlock / 1500) * 100).toFixed(0)}% of budget`);
    console.log(`share of unlock spent in Argon2id: ${((kdf / unlock) * 100).toFixed(0)}%  (open alone: ${((openOnly / unlock) * 100).toFixed(1)}%)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const CASES = Number(process.env.PLW_BENCH_CASES ?? 100_000);
const BUDGET_MS = 20;

async function caseBenchmarks(folder: string) {
  const databasePath = join(folder, 'demo.plwdb');
  console.log(`\nMaking a demo database of ${CASES.toLocaleString('en-GB')} cases …`);
  const started = performance.now();
  const { open } = await createTeamDatabase({ databasePath, teamName: 'Bench', accountName: 'Sam Admin', passphrase: PASSPHRASE, demo: true });
  const rules = readTimerRules(open.db);
  generateDemo(open.db, { cases: CASES, seed: 42, actor: 'Sam Admin', rules, now: new Date('2026-11-24T09:00:00Z'), asOf: '2026-11-24' });
  console.log(`  made in ${((performance.now() - started) / 1000).toFixed(1)} s (budget 60 s)\n`);
  const db = open.db;
  const asOf = '2026-11-24';
  const busiest = (db.prepare('SELECT owner_worker_id AS id FROM cases GROUP BY owner_worker_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number }).id;
  const q = (extra: Partial<CaseloadQuery>): CaseloadQuery => ({ ...caseloadQuerySchema.parse({ scope: 'team' }), asOf, ...extra });
  const results: [string, number, number][] = [];
  const measure = async (label: string, budget: number, work: () => unknown) => results.push([label, await median(label, async () => void (await work())), budget]);

  // The interactive reads, as a list so the same work can run on the unencrypted copy.
  const interactive = (on: typeof db): [string, () => unknown][] => {
    const ops: [string, () => unknown][] = [
      ['Today: team', () => todayList(on, asOf, null)],
      ['Today: one worker', () => todayList(on, asOf, busiest)],
      ['chase list: team', () => chaseList(on, asOf, rules, null)],
    ];
    for (const sort of ['nextDue', 'caseRef', 'victim', 'perpetrator', 'crn', 'owner', 'stage', 'risk'] as const) {
      ops.push([`caseload page: sort ${sort}`, () => listCaseload(on, q({ sort }), null)]);
    }
    ops.push(
      ['caseload page: sort victim desc', () => listCaseload(on, q({ sort: 'victim', direction: 'desc' }), null)],
      ['caseload page: one worker, overdue', () => listCaseload(on, q({ scope: 'worker', workerId: busiest, timerStatus: 'overdue' }), null)],
      ['caseload page: flag IMAR, sort victim', () => listCaseload(on, q({ flag: 'IMAR', sort: 'victim' }), null)],
      ['caseload page: stage + risk', () => listCaseload(on, q({ stage: 'in_contact', risk: 'high' }), null)],
      ['search: surname prefix "ashw"', () => listCaseload(on, q({ search: 'ashw' }), null)],
      ['search: phone "07700 9004"', () => listCaseload(on, q({ search: '07700 9004' }), null)],
      ['search: case ref "DEMO-0500"', () => listCaseload(on, q({ search: 'DEMO-0500' }), null)],
    );
    return ops;
  };
  const encrypted = new Map<string, number>();
  for (const [label, work] of interactive(db)) {
    await measure(label, BUDGET_MS, work);
    encrypted.set(label, results.at(-1)![1]);
  }

  const ctx = { db, actor: 'Sam Admin', now: new Date('2026-11-24T09:00:00Z'), rules };
  let n = 0;
  await measure('record a chase (rewrites the case timers)', 5, () => logChase(ctx, 1 + (n++ % CASES), { date: asOf, toWhom: 'RO', method: 'email', note: null }));
  await measure('add a contact (safe-contact check, timers, audit)', 5, () =>
    logContactRecord(ctx, 1 + (n++ % CASES), { date: asOf, method: 'phone', outcome: 'no_answer', notes: 'Rang, no answer.' }),
  );

  const month = { from: '2026-10-01', to: '2026-10-31', workerId: null };
  await measure("managers' summary, one month, team", 300, () => combine(workerSummaries(db, month).map((w) => w.raw)));
  await measure('12-month trend, team', 1000, () => trend(db, '2026-10-31', null));
  await measure('XLSX export of a month (summary + trend)', 3000, async () => {
    await summaryXlsx(summarise(db, { ...month, scopeLabel: 'Team' }), { generatedAt: '2026-11-24T09:00:00Z', generatedBy: 'Sam Admin', team: 'Bench' });
  });
  const plain = plainCopy(db, open.dataKey.toString('hex'), join(folder, 'plain.sqlite'));
  closeTeamDatabase(open);
  console.log('\nThe same reads on an unencrypted copy (same schema and library, no cipher):');
  const overhead: [string, number][] = [];
  for (const [label, work] of interactive(plain)) {
    const ms = await median(`plain: ${label}`, async () => void (await work()));
    overhead.push([label, encrypted.get(label)! / ms]);
  }
  plain.close();
  results.push(...(await timelineRenderBenchmark()));

  console.log('\nEncryption overhead (encrypted median / plain median; target under 1.3):');
  for (const [label, ratio] of overhead) console.log(`  ${label.padEnd(44)} ${ratio.toFixed(2)}x`);

  console.log('\nAgainst budget (median / budget):');
  for (const [label, ms, budget] of results) console.log(`  ${label.padEnd(44)} ${(ms / budget).toFixed(2)}  ${ms <= budget ? 'within' : 'OVER'} ${budget} ms`);
}

/**
 * An unencrypted copy of the bench database: the encrypted file is copied after a
 * checkpoint and decrypted in place (SQLite3 Multiple Ciphers: rekey to an empty
 * key), then opened with the app's pragmas minus the cipher. Bench data is demo data.
 */
function plainCopy(db: Db, keyHex: string, plainPath: string): Db {
  db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(db.name, plainPath);
  const decrypting = new Database(plainPath);
  applyCipher(decrypting, keyHex);
  decrypting.pragma("rekey=''");
  decrypting.close();
  // Proof the comparison is real: a plain SQLite file starts with its magic string.
  const header = Buffer.alloc(16);
  const fd = openSync(plainPath, 'r');
  readSync(fd, header, 0, 16, 0);
  closeSync(fd);
  if (header.toString('latin1') !== 'SQLite format 3\u0000') throw new Error('the bench copy did not decrypt');
  const plain = new Database(plainPath);
  for (const pragma of ['temp_store=MEMORY', 'cache_size=-131072', 'journal_mode=WAL', 'synchronous=FULL', 'foreign_keys=ON', 'secure_delete=ON']) plain.pragma(pragma);
  plain.prepare('SELECT count(*) FROM cases').get();
  return plain;
}

void main();
