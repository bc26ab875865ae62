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

async function median(label: string, work: () => Promise<void> | void): Promise<number> {
  await work(); // warm-up
  const times: number[] = [];
  // (each benchmark runs RUNS times after one warm-up run)
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

  await measure('Today: team', BUDGET_MS, () => todayList(db, asOf, null));
  await measure('Today: one worker', BUDGET_MS, () => todayList(db, asOf, busiest));
  await measure('chase list: team', BUDGET_MS, () => chaseList(db, asOf, rules, null));
  for (const sort of ['nextDue', 'caseRef', 'victim', 'perpetrator', 'crn', 'owner', 'stage', 'risk'] as const) {
    await measure(`caseload page: sort ${sort}`, BUDGET_MS, () => listCaseload(db, q({ sort }), null));
  }
  await measure('caseload page: sort victim desc', BUDGET_MS, () => listCaseload(db, q({ sort: 'victim', direction: 'desc' }), null));
  await measure('caseload page: one worker, overdue', BUDGET_MS, () => listCaseload(db, q({ scope: 'worker', workerId: busiest, timerStatus: 'overdue' }), null));
  await measure('caseload page: flag IMAR, sort victim', BUDGET_MS, () => listCaseload(db, q({ flag: 'IMAR', sort: 'victim' }), null));
  await measure('caseload page: stage + risk', BUDGET_MS, () => listCaseload(db, q({ stage: 'in_contact', risk: 'high' }), null));
  await measure('search: surname prefix "ashw"', BUDGET_MS, () => listCaseload(db, q({ search: 'ashw' }), null));
  await measure('search: phone "07700 9004"', BUDGET_MS, () => listCaseload(db, q({ search: '07700 9004' }), null));
  await measure('search: case ref "DEMO-0500"', BUDGET_MS, () => listCaseload(db, q({ search: 'DEMO-0500' }), null));
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
  closeTeamDatabase(open);
  results.push(...(await timelineRenderBenchmark()));

  console.log('\nAgainst budget (median / budget):');
  for (const [label, ms, budget] of results) console.log(`  ${label.padEnd(44)} ${(ms / budget).toFixed(2)}  ${ms <= budget ? 'within' : 'OVER'} ${budget} ms`);
}

void main();
