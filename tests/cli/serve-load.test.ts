/**
 * A team of twenty against one `plw serve` over loopback TLS (the built command, as an IT person
 * runs it), for two minutes: nothing written is lost or silently overwritten, every edit made
 * from a stale copy is refused and counted, the audit log has one entry per request, and
 * `plw verify` passes after. Then the same with the server killed (SIGKILL, no warning) and
 * started again mid-run: no write it had confirmed is lost, and people carry on after a clear
 * "not answering". PLW_SERVE_LOAD_SECONDS shortens the run when working locally.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { fingerprintOf } from '../../electron/core/server/certificate';
import type { PinnedServer } from '../../electron/core/server/team-client';
import { addAccount } from '../../electron/core/team/accounts';
import { createTeamDatabase } from '../../electron/core/team/create';
import { closeTeamDatabase } from '../../electron/core/team/open-team-database';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { freePort, PLW, serveEnv, startServe } from './plw-serve';
import { emptyTally, teamOfTwenty, TEMPORARY, work, type LoadTally } from '../core/team-load';

const ADMIN = 'Server Admin';
const PASSPHRASE = 'kettle lantern orchard seven';
const SECONDS = Number(process.env.PLW_SERVE_LOAD_SECONDS ?? 120);

const folders: string[] = [];
const servers: ChildProcess[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A team database with twenty people (temporary passphrases, as an administrator gives them) and 300 demo cases. */
async function teamDatabase() {
  const folder = mkdtempSync(join(tmpdir(), 'plw-serve-load-'));
  folders.push(folder);
  const databasePath = join(folder, 'team.plwdb');
  const { open } = await createTeamDatabase({ databasePath, teamName: 'Load test team', accountName: ADMIN, passphrase: PASSPHRASE });
  generateDemo(open.db, { cases: 300, seed: 20, actor: ADMIN, rules: readTimerRules(open.db), now: new Date(), asOf: new Date().toISOString().slice(0, 10) });
  const people = teamOfTwenty();
  for (const person of people) await addAccount(open, { accountName: person.accountName, role: person.role, temporaryPassphrase: TEMPORARY });
  const cases = (
    open.db.prepare("SELECT id FROM cases WHERE closed_date IS NULL AND engagement IS NOT 'no_contact' ORDER BY id").pluck().all() as number[]
  ).slice(0, 60);
  closeTeamDatabase(open);
  return { databasePath, people, cases };
}

function plwSync(args: string[]) {
  return spawnSync(process.execPath, [PLW, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PLW_PASSPHRASE: PASSPHRASE },
    timeout: 120_000,
  });
}

/** Starts `plw serve` and resolves once it says it is running. */
function stopGracefully(child: ChildProcess): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolveStop) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('exit', (code) => resolveStop({ code, stdout }));
    child.kill('SIGTERM');
  });
}

/** What the database holds afterwards, checked against what each person was told was saved. */
async function checkNothingLost(databasePath: string, tally: LoadTally) {
  const open = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: PASSPHRASE });
  try {
    const db = open.db;
    const contact = db.prepare('SELECT case_id AS caseId, notes FROM contacts WHERE id = ?');
    for (const saved of tally.contacts) expect(contact.get(saved.contactId)).toEqual({ caseId: saved.caseId, notes: saved.notes });
    const chase = db.prepare('SELECT count(*) FROM chases WHERE case_id = ? AND note = ?').pluck();
    for (const saved of tally.chases) expect(chase.get(saved.caseId, saved.note)).toBe(1);
    // Each case's safe phone is the one from the edit made from its newest version; no two
    // accepted edits were made from the same version (that would be an overwrite nobody saw).
    const phone = db.prepare('SELECT v.safe_phone FROM cases c JOIN victims v ON v.id = c.victim_id WHERE c.id = ?').pluck();
    const byCase = new Map<number, typeof tally.edits>();
    for (const edit of tally.edits) byCase.set(edit.caseId, [...(byCase.get(edit.caseId) ?? []), edit]);
    for (const [caseId, edits] of byCase) {
      const versions = edits.map((e) => e.fromVersion);
      expect(new Set(versions).size).toBe(versions.length);
      const newest = edits.reduce((a, b) => (b.fromVersion > a.fromVersion ? b : a));
      expect(phone.get(caseId)).toBe(newest.phone);
    }
    return db.prepare("SELECT count(*) FROM audit_log WHERE action = 'server.call'").pluck().get() as number;
  } finally {
    closeTeamDatabase(open);
  }
}

/** `plw serve` as the team's administrator starts it, stopped after each test. */
async function startServer(databasePath: string, port: number): Promise<ChildProcess> {
  const child = await startServe(databasePath, ADMIN, port, serveEnv(PASSPHRASE));
  servers.push(child);
  return child;
}

describe('plw serve, as the IT person meets it', () => {
  it('makes its certificate once, refuses a key file others can read, says when it runs and when it stopped', async () => {
    const { databasePath } = await teamDatabase();
    const missing = plwSync(['serve', '--db', databasePath, '--user', ADMIN]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('has no server certificate yet. Run "plw serve --init');
    const init = plwSync(['serve', '--init', '--db', databasePath, '--host', 'plw-server.team.local']);
    expect(init.status).toBe(0);
    const fingerprint = fingerprintOf(readFileSync(`${databasePath}.server-cert.pem`, 'utf8'));
    expect(init.stdout).toContain(`Fingerprint (SHA-256): ${fingerprint}`);
    expect(statSync(`${databasePath}.server-key.pem`).mode & 0o777).toBe(0o600);
    // A second --init would change what everyone confirmed: only with --yes.
    expect(plwSync(['serve', '--init', '--db', databasePath]).stderr).toContain('already has a server certificate');

    const keyFile = join(folders.at(-1)!, 'server.passphrase');
    writeFileSync(keyFile, `${PASSPHRASE}\n`, { mode: 0o644 });
    chmodSync(keyFile, 0o644);
    const open = plwSync(['serve', '--db', databasePath, '--user', ADMIN, '--key-file', keyFile]);
    expect(open.status).toBe(1);
    expect(open.stderr).toContain(`can be read by others on this computer. Make it private first: chmod 600 ${keyFile}`);
    chmodSync(keyFile, 0o600);
    // The day's backup goes to a folder on the server, named when it starts: one that is not there is refused.
    const backups = join(folders.at(-1)!, 'backups');
    const noFolder = plwSync(['serve', '--db', databasePath, '--user', ADMIN, '--key-file', keyFile, '--backups', backups]);
    expect(noFolder.status).toBe(1);
    expect(noFolder.stderr).toContain(`There is no folder at ${backups}. Make it first`);
    mkdirSync(backups, { mode: 0o700 });

    const port = await freePort();
    const child = spawn(
      process.execPath,
      [PLW, 'serve', '--db', databasePath, '--user', ADMIN, '--port', String(port), '--host', '127.0.0.1', '--key-file', keyFile, '--backups', backups],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    servers.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 20_000 }).toContain(`Team server running on port ${port} (HTTPS, TLS 1.3 only).`);
    expect(output).toContain(`Certificate fingerprint (SHA-256): ${fingerprint}`);
    const status = plwSync(['serve', '--status', '--db', databasePath, '--port', String(port)]);
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^Team server on 127\\.0\\.0\\.1:${port}: running \\(answered in \\d+ ms\\)\\.`));
    // The day's backup, made as it started.
    expect(readdirSync(backups).filter((name) => name.endsWith('.plwbak'))).toHaveLength(1);
    // A second server on the same database is refused while the first has it.
    const second = plwSync(['serve', '--db', databasePath, '--user', ADMIN, '--port', String(await freePort())]);
    expect(second.status).toBe(1);
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Asked to stop: stopping.');
    expect(output).toContain('Team server stopped. The database is closed.');
    const down = plwSync(['serve', '--status', '--db', databasePath, '--port', String(port)]);
    expect(down.status).toBe(1);
    expect(down.stderr).toBe(`plw: Team server on 127.0.0.1:${port}: not answering.\n`);
  }, 60_000);
});

describe('plw serve with a team of twenty', () => {
  it(
    `loses nothing and overwrites nothing in ${SECONDS} s of work, audits every request, and verifies clean`,
    async () => {
      if (!existsSync(PLW)) throw new Error('dist/cli/plw.cjs is missing: run `npm run build` first');
      const { databasePath, people, cases } = await teamDatabase();
      expect(plwSync(['serve', '--init', '--db', databasePath, '--host', '127.0.0.1']).status).toBe(0);
      const certificatePem = readFileSync(`${databasePath}.server-cert.pem`, 'utf8');
      const port = await freePort();
      const server = await startServer(databasePath, port);
      const pinned: PinnedServer = { host: '127.0.0.1', port, certificatePem, fingerprint: fingerprintOf(certificatePem) };
      const tally = emptyTally();
      const until = Date.now() + SECONDS * 1000;
      // Editors share a few cases, so their edits really do collide.
      await Promise.all(people.map((person) => work(pinned, person, person.kind === 'editor' ? cases.slice(0, 6) : cases, until, tally, true)));
      const stopped = await stopGracefully(server);
      expect(stopped.code).toBe(0);
      expect(stopped.stdout).toContain('"state":"stopped"');

      expect(tally.unexpected.slice(0, 5)).toEqual([]); // (the first few, if any: enough to see why)
      expect(tally.unavailable).toBe(0);
      expect(tally.conflicts).toBeGreaterThan(0);
      expect(tally.contacts.length).toBeGreaterThan(50);
      expect(tally.edits.length).toBeGreaterThan(10);
      const audited = await checkNothingLost(databasePath, tally);
      expect(audited).toBe(tally.requests);
      const verify = plwSync(['verify', '--db', databasePath, '--user', ADMIN]);
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
      const sorted = [...tally.latencies].sort((a, b) => a - b);
      console.log(
        `plw serve, 20 people, ${SECONDS} s: ${tally.requests} requests (${tally.contacts.length} contacts, ${tally.chases.length} chases, ${tally.edits.length} edits saved, ` +
          `${tally.conflicts} stale edits refused), ${audited} audit entries, median ${sorted[sorted.length >> 1]?.toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]?.toFixed(1)} ms`,
      );
    },
    (SECONDS + 120) * 1000,
  );

  it(
    `killed and started again mid-run: no confirmed write lost, and everyone carries on`,
    async () => {
      const { databasePath, people, cases } = await teamDatabase();
      expect(plwSync(['serve', '--init', '--db', databasePath, '--host', '127.0.0.1']).status).toBe(0);
      const certificatePem = readFileSync(`${databasePath}.server-cert.pem`, 'utf8');
      const port = await freePort();
      let server = await startServer(databasePath, port);
      const pinned: PinnedServer = { host: '127.0.0.1', port, certificatePem, fingerprint: fingerprintOf(certificatePem) };
      const tally = emptyTally();
      const until = Date.now() + SECONDS * 1000;
      const team = Promise.all(people.map((person) => work(pinned, person, person.kind === 'editor' ? cases.slice(0, 6) : cases, until, tally, true)));
      await new Promise((resolveWait) => setTimeout(resolveWait, SECONDS * 400));
      const before = tally.requests;
      server.kill('SIGKILL');
      await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
      server = await startServer(databasePath, port);
      const afterRestart = tally.requests;
      await team;
      await stopGracefully(server);

      expect(tally.unexpected.slice(0, 5)).toEqual([]); // (the first few, if any: enough to see why)
      expect(tally.unavailable).toBeGreaterThan(0);
      expect(tally.requests).toBeGreaterThan(afterRestart + 20); // carried on after the restart
      expect(before).toBeGreaterThan(20);
      await checkNothingLost(databasePath, tally);
      const verify = plwSync(['verify', '--db', databasePath, '--user', ADMIN]);
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
      console.log(
        `plw serve killed mid-run: ${tally.requests} requests, ${tally.unavailable} told "not answering", ${tally.contacts.length} contacts, ${tally.chases.length} chases and ${tally.edits.length} edits confirmed, all present`,
      );
    },
    (SECONDS + 120) * 1000,
  );
});
