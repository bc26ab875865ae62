/**
 * The team server under load (a benchmark, not a test): request latency over TLS 1.3 for the
 * interactive reads and writes, with 1, 10 and 50 sessions at once, beside the same requests
 * made in-process (no network, no server), and how many contacts a second it logs.
 *
 * The server is the built `plw serve` in its own process, as a team runs it; the sessions are
 * in this one. Run alone against a database: `npx tsx tests/bench/server.ts PATH` (the
 * database's admin 'Sam Admin', passphrase as in run.ts); `npm run bench` runs it at its largest size.
 * PLW_BENCH_SERVER_SECONDS: how long each level runs (default 20).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppCore } from '../../electron/core/app-core';
import { callIn, createHandlers, dispatch } from '../../electron/core/handlers';
import { createTeamDatabase } from '../../electron/core/team/create';
import { serverSection, type ImportResult } from './results';
import { fingerprintOf } from '../../electron/core/server/certificate';
import { TeamServerClient, type PinnedServer } from '../../electron/core/server/team-client';
import { makeSession } from '../../electron/core/session';
import { closeTeamDatabase } from '../../electron/core/team/open-team-database';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { ms, summarise, type Timing } from './measure';
import { freePort, PLW, serveEnv, startServe } from '../cli/plw-serve';

const SECONDS = Number(process.env.PLW_BENCH_SERVER_SECONDS ?? 20);
const LEVELS = [1, 10, 50];

export interface ServerBenchResult {
  inProcess: Record<string, Timing>;
  levels: { sessions: number; paced: boolean; byKind: Record<string, Timing>; perSecond: number; contactsPerSecond: number }[];
}

/**
 * Two ways to load it: people at work (each session pauses 250–750 ms between requests: two a
 * second, more than anyone clicks) and saturation (every session sends its next request the
 * moment the last is answered: the server's ceiling, where latency is sessions / throughput).
 */
const PACE_MS = { min: 250, max: 750 };

type Request = { kind: string; channel: string; input: () => unknown };

/** The interactive requests, each on a different case each time (a cold case, not the one just read). */
function requests(caseIds: number[], today: string): Request[] {
  const anyCase = () => caseIds[Math.floor(Math.random() * caseIds.length)]!;
  return [
    { kind: 'read: Today', channel: 'today.list', input: () => ({ scope: 'team' }) },
    { kind: 'read: caseload page', channel: 'cases.list', input: () => ({ scope: 'team' }) },
    { kind: 'read: chase list', channel: 'chases.list', input: () => ({ scope: 'team' }) },
    { kind: 'read: case page', channel: 'cases.get', input: () => ({ caseId: anyCase() }) },
    {
      kind: 'write: log a contact',
      channel: 'contacts.log',
      input: () => ({
        caseId: anyCase(),
        contact: {
          date: today,
          method: 'phone',
          outcome: 'no_answer',
          notes: 'Bench contact',
          overrideReason: 'Bench: the safe-contact rules are not what is timed',
        },
      }),
    },
    {
      kind: 'write: record a chase',
      channel: 'cases.logChase',
      input: () => ({ caseId: anyCase(), chase: { date: today, toWhom: 'RO', method: 'email', note: 'Bench chase' } }),
    },
  ];
}

export async function serverBenchmark(databasePath: string, admin: { accountName: string; passphrase: string }): Promise<ServerBenchResult> {
  const today = new Date().toISOString().slice(0, 10);
  // In-process first: the same requests through the same dispatch, one at a time, no network.
  const open = await unlockTeamDatabase({ databasePath, ...admin });
  const caseIds = open.db.prepare('SELECT id FROM cases WHERE closed_date IS NULL ORDER BY random() LIMIT 5000').pluck().all() as number[];
  const session = makeSession(
    open,
    { emit: () => undefined, choose: async () => null },
    () => new Date(),
    () => undefined,
  );
  const inProcess: Record<string, number[]> = {};
  for (let round = 0; round < 30; round++) {
    for (const request of requests(caseIds, today)) {
      const started = performance.now();
      await callIn(session, request.channel as never, request.input() as never);
      if (round > 2) (inProcess[request.kind] ??= []).push(performance.now() - started);
    }
  }
  closeTeamDatabase(open);

  const env = serveEnv(admin.passphrase);
  spawnSync(process.execPath, [PLW, 'serve', '--init', '--yes', '--db', databasePath, '--host', '127.0.0.1'], { env });
  const certificatePem = readFileSync(`${databasePath}.server-cert.pem`, 'utf8');
  const port = await freePort();
  const server = await startServe(databasePath, admin.accountName, port, env);
  const pinned: PinnedServer = { host: '127.0.0.1', port, certificatePem, fingerprint: fingerprintOf(certificatePem) };
  const levels: ServerBenchResult['levels'] = [];
  try {
    for (const [sessions, paced] of LEVELS.flatMap(
      (n) =>
        [
          [n, true],
          [n, false],
        ] as const,
    )) {
      const clients = await Promise.all(
        Array.from({ length: sessions }, async () => {
          const client = new TeamServerClient(pinned);
          await client.signIn(admin.accountName, admin.passphrase);
          return client;
        }),
      );
      const samples: Record<string, number[]> = {};
      let done = 0;
      let contacts = 0;
      const until = Date.now() + SECONDS * 1000;
      await Promise.all(
        clients.map(async (client) => {
          const mine = requests(caseIds, today);
          while (Date.now() < until) {
            const request = mine[Math.floor(Math.random() * mine.length)]!;
            const started = performance.now();
            const result = await client.call(request.channel, request.input());
            if (!result.ok) throw new Error(`${request.channel}: ${result.error.code}`);
            (samples[request.kind] ??= []).push(performance.now() - started);
            done++;
            if (request.channel === 'contacts.log') contacts++;
            if (paced) await new Promise((resolvePause) => setTimeout(resolvePause, PACE_MS.min + Math.random() * (PACE_MS.max - PACE_MS.min)));
          }
        }),
      );
      await Promise.all(clients.map((client) => client.signOut()));
      levels.push({
        sessions,
        paced,
        byKind: Object.fromEntries(Object.entries(samples).map(([kind, values]) => [kind, summarise(values)])),
        perSecond: done / SECONDS,
        contactsPerSecond: contacts / SECONDS,
      });
    }
    // Throughput of contact logging alone: 10 sessions doing nothing else.
    const loggers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const client = new TeamServerClient(pinned);
        await client.signIn(admin.accountName, admin.passphrase);
        return client;
      }),
    );
    let logged = 0;
    const until = Date.now() + SECONDS * 1000;
    const contact = requests(caseIds, today).find((r) => r.channel === 'contacts.log')!;
    await Promise.all(
      loggers.map(async (client) => {
        while (Date.now() < until) {
          const result = await client.call(contact.channel, contact.input());
          if (result.ok) logged++;
        }
      }),
    );
    await Promise.all(loggers.map((client) => client.signOut()));
    levels.push({ sessions: 10, paced: false, byKind: {}, perSecond: logged / SECONDS, contactsPerSecond: logged / SECONDS });
  } finally {
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
  }
  return { inProcess: Object.fromEntries(Object.entries(inProcess).map(([kind, values]) => [kind, summarise(values)])), levels };
}

/**
 * The bench workbook imported by an administrator's app through `plw serve` (into a new, empty
 * database): sent from "their computer" (this process's disk) to the server, then read, checked
 * and written there. Beside the in-process import in run.ts, it shows what the network and the
 * server add.
 */
export async function importThroughServer(folder: string, workbook: string, admin: { accountName: string; passphrase: string }): Promise<ImportResult> {
  const databasePath = join(folder, 'through-server.plwdb');
  const { open } = await createTeamDatabase({ databasePath, teamName: 'Bench', accountName: admin.accountName, passphrase: admin.passphrase });
  closeTeamDatabase(open);
  const env = serveEnv(admin.passphrase);
  spawnSync(process.execPath, [PLW, 'serve', '--init', '--db', databasePath, '--host', '127.0.0.1'], { env });
  const port = await freePort();
  const server = await startServe(databasePath, admin.accountName, port, env);
  const configDir = join(folder, 'through-server-app');
  mkdirSync(configDir, { recursive: true });
  const handlers = createHandlers(new AppCore({ configDir, emit: () => undefined, choose: async () => workbook }));
  const must = async (channel: string, input: unknown) => {
    const result = await dispatch(handlers, channel as never, input as never);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as never;
  };
  try {
    await must('server.connect', { address: `127.0.0.1:${port}`, fingerprint: fingerprintOf(readFileSync(`${databasePath}.server-cert.pem`, 'utf8')) });
    await must('session.unlock', admin);
    // As an administrator does it: choose (the workbook is sent), look at the check, confirm the new workers, import.
    const started = performance.now();
    await must('import.chooseSource', {});
    const sent = performance.now();
    const { workersToConfirm } = (await must('import.preview', { update: false })) as { workersToConfirm: { name: string }[] };
    const checked = performance.now();
    const confirmedNewWorkers = workersToConfirm.map((w) => w.name);
    const { imported } = (await must('import.run', { update: false, confirmedNewWorkers })) as { imported: { casesCreated: number; contacts: number } | null };
    const done = performance.now();
    if (!imported) throw new Error('the bench workbook did not import through the server');
    await must('session.lock', {});
    return {
      form: '.xlsx workbook through the team server',
      seconds: (done - started) / 1000,
      phases: {
        [`send ${(statSync(workbook).size / 1024 / 1024).toFixed(0)} MB to the server`]: (sent - started) / 1000,
        'check there (the preview)': (checked - sent) / 1000,
        'read, check and import there': (done - checked) / 1000,
      },
      cases: imported.casesCreated,
      contacts: imported.contacts,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((exited) => server.once('exit', exited));
  }
}

export function printServerBenchmark(result: ServerBenchResult): void {
  console.log(`\n  Team server over TLS 1.3 (plw serve in its own process; the sessions in this one, on the same machine), ${SECONDS} s per level:`);
  const levels = result.levels.filter((l) => Object.keys(l.byKind).length);
  const heading = (l: ServerBenchResult['levels'][number]) => `${l.sessions} ${l.paced ? 'at work' : 'flat out'}`;
  console.log(`  ${'median / p95 ms'.padEnd(24)} ${'in-process'.padStart(14)}${levels.map((l) => heading(l).padStart(16)).join('')}`);
  const cell = (t: Timing | undefined, width: number) => (t ? `${ms(t.median)} / ${ms(t.p95)}` : '').padStart(width);
  for (const kind of Object.keys(result.inProcess)) {
    console.log(`  ${kind.padEnd(24)} ${cell(result.inProcess[kind], 14)}${levels.map((l) => cell(l.byKind[kind], 16)).join('')}`);
  }
  console.log(`  ${'requests a second'.padEnd(24)} ${''.padStart(14)}${levels.map((l) => l.perSecond.toFixed(0).padStart(16)).join('')}`);
  const throughput = result.levels.find((l) => !Object.keys(l.byKind).length);
  if (throughput) console.log(`  contact logging alone, 10 sessions flat out: ${throughput.contactsPerSecond.toFixed(0)} contacts a second`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const path = process.argv[2];
  if (!path) throw new Error('Usage: npx tsx tests/bench/server.ts DATABASE');
  const result = await serverBenchmark(resolve(path), { accountName: 'Sam Admin', passphrase: 'kettle lantern orchard seven' });
  printServerBenchmark(result);
  // The same as RESULTS.md would hold it, to keep beside a run of the whole bench.
  console.log(`\n${serverSection(result).join('\n')}`);
}
