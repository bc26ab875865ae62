/**
 * `plw serve`'s server and the desktop app's client, over real TLS on loopback: what a team on
 * several computers relies on, and what an attacker on their network would try.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenAuditEntry } from '../../electron/core/audit';
import { AppCore } from '../../electron/core/app-core';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import { NOT_THROUGH_SERVER } from '../../electron/core/server/outbox';
import { saveFilesFromServer } from '../../electron/core/server/save-from-server';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import { ERROR_CODES } from '../../shared/errors';
import { addAccount } from '../../electron/core/team/accounts';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { makeServerCertificate, type ServerCertificate } from '../../electron/core/server/certificate';
import { startTeamServer, type RunningServer } from '../../electron/core/server/team-server';
import { CHANGED_CERTIFICATE, firstLook, TeamServerClient, type PinnedServer } from '../../electron/core/server/team-client';
import type { OpenTeamDatabase } from '../../electron/core/team/open-team-database';
import { createTeamDatabase } from '../../electron/core/team/create';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase } from './helpers';

const WORKER = 'Priya Shah';
const WORKER_PASSPHRASE = 'walnut harbour velvet nine';

let certificate: ServerCertificate;
let database: OpenTeamDatabase;
let server: RunningServer;
let pinned: PinnedServer;
let clock = new Date('2026-12-02T09:00:00Z');
/** The server's database lives for the whole file (the helpers' folders last one test each). */
let folder: string;

beforeAll(async () => {
  certificate = await makeServerCertificate(['team-server.example']);
  folder = mkdtempSync(join(tmpdir(), 'plw-serve-'));
  const databasePath = join(folder, 'team.plwdb');
  const made = await createTeamDatabase({ databasePath, teamName: 'Lancashire PLW team', accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
  await addAccount(made.open, { accountName: WORKER, role: 'plw', temporaryPassphrase: 'temporary pass phrase 1' });
  closeTeamDatabase(made.open);
  database = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
  server = await startServer();
  pinned = { host: '127.0.0.1', port: server.port, certificatePem: certificate.certificatePem, fingerprint: certificate.fingerprint };
});

afterAll(async () => {
  await server.stop();
  closeTeamDatabase(database);
  rmSync(folder, { recursive: true, force: true });
});

/** A server on loopback over this file's database, certificate and clock. */
const startServer = () =>
  startTeamServer({ database, keyPem: certificate.keyPem, certificatePem: certificate.certificatePem, port: 0, host: '127.0.0.1', now: () => clock });

const auditCount = (action: string) => database.db.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get(action) as number;

describe('the team server', () => {
  it('answers /health with "ok" and nothing about the team', async () => {
    const client = new TeamServerClient(pinned);
    expect(await client.health()).toBe(true);
    const { status, body } = await rawRequest('GET', '/health', '', null);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ status: 'ok' });
    await client.signOut();
  });

  it('refuses plain HTTP and TLS older than 1.3', async () => {
    const plain = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/health' }, () => resolve('answered'));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      req.end();
    });
    expect(plain).not.toBe('answered');
    const tls12 = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: server.port, maxVersion: 'TLSv1.2', rejectUnauthorized: false });
      socket.once('secureConnect', () => {
        socket.end();
        resolve('connected');
      });
      socket.once('error', () => resolve('refused'));
    });
    expect(tls12).toBe('refused');
  });

  it('shows its fingerprint on first look, and a client pinned to another certificate refuses it', async () => {
    const look = await firstLook({ host: '127.0.0.1', port: server.port });
    expect(look.fingerprint).toBe(certificate.fingerprint);
    const impostor = await makeServerCertificate([]);
    const wrong = new TeamServerClient({ ...pinned, certificatePem: impostor.certificatePem, fingerprint: impostor.fingerprint });
    await expect(wrong.signIn(ADMIN, ADMIN_PASSPHRASE)).rejects.toMatchObject({ code: 'CHANGED_CERTIFICATE', message: CHANGED_CERTIFICATE });
    expect(await wrong.call('settings.get', {})).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    // The right certificate but a different pinned fingerprint (the pin is checked, not only the chain).
    const mismatched = new TeamServerClient({ ...pinned, fingerprint: impostor.fingerprint });
    await expect(mismatched.signIn(ADMIN, ADMIN_PASSPHRASE)).rejects.toMatchObject({ code: 'CHANGED_CERTIFICATE', message: CHANGED_CERTIFICATE });
  });

  it('signs people in with their own account: a wrong passphrase is refused, a temporary one must be replaced first', async () => {
    const client = new TeamServerClient(pinned);
    await expect(client.signIn(WORKER, 'not the passphrase')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(client.signIn(WORKER, 'temporary pass phrase 1')).rejects.toMatchObject({ code: 'PASSPHRASE_CHANGE_REQUIRED' });
    expect(await client.signIn(WORKER, 'temporary pass phrase 1', WORKER_PASSPHRASE)).toMatchObject({ accountName: WORKER, role: 'plw' });
    await client.signOut();
    const again = new TeamServerClient(pinned);
    expect(await again.signIn(WORKER, WORKER_PASSPHRASE)).toMatchObject({ role: 'plw' });
    await again.signOut();
  });

  it("checks every call against the permission table under the caller's name, and audits each with its address", async () => {
    const worker = new TeamServerClient(pinned);
    await worker.signIn(WORKER, WORKER_PASSPHRASE);
    const before = auditCount('server.call');
    const created = await worker.call('cases.create', {
      case: { ownerName: WORKER, victimName: 'Test Victim', perpetratorName: 'Test Perpetrator', sentenceDate: '2026-11-02' },
    });
    expect(created).toMatchObject({ ok: true });
    const refused = await worker.call('accounts.add', { accountName: 'Someone', role: 'admin', temporaryPassphrase: 'another temporary one' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    const unknown = await worker.call('no.such.channel', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(auditCount('server.call')).toBe(before + 3);
    const last = database.db.prepare("SELECT account_name, detail FROM audit_log WHERE action = 'server.call' ORDER BY id DESC LIMIT 3").all() as {
      account_name: string;
      detail: string;
    }[];
    expect(last.map((e) => e.account_name)).toEqual([WORKER, WORKER, WORKER]);
    expect(last.map((e) => JSON.parse(e.detail))).toEqual([
      { channel: 'unknown', from: '127.0.0.1', outcome: 'NOT_FOUND' },
      { channel: 'accounts.add', from: '127.0.0.1', outcome: 'NOT_ALLOWED' },
      { channel: 'cases.create', from: '127.0.0.1', outcome: 'ok' },
    ]);
    // The case was made by the worker, not by the administrator who started the server.
    expect(database.db.prepare("SELECT account_name FROM audit_log WHERE action = 'case.created' ORDER BY id DESC LIMIT 1").pluck().get()).toBe(WORKER);
    await worker.signOut();
  });

  it('ends a worker’s sessions the moment an administrator disables them through the server; everyone else carries on under the new key', async () => {
    const worker = new TeamServerClient(pinned);
    await worker.signIn(WORKER, WORKER_PASSPHRASE);
    const admin = new TeamServerClient(pinned);
    await admin.signIn(ADMIN, ADMIN_PASSPHRASE);
    expect((await worker.call('cases.list', { scope: 'team' })).ok).toBe(true);
    // Restoring a backup under everyone's sessions is for the server stopped.
    expect(await admin.call('backups.restore', { name: 'any.plwbak' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: expect.stringContaining('plw restore') },
    });
    const disabled = await admin.call('accounts.disable', { accountName: WORKER, passphrase: ADMIN_PASSPHRASE });
    expect(disabled).toMatchObject({ ok: true });
    expect(await worker.call('cases.list', { scope: 'team' })).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    await expect(new TeamServerClient(pinned).signIn(WORKER, WORKER_PASSPHRASE)).rejects.toMatchObject({
      code: expect.stringMatching(/NOT_ALLOWED|WRONG_PASSPHRASE/),
    });
    // The administrator's session, and a new sign-in, work on the database under its new key.
    expect((await admin.call('cases.list', { scope: 'team' })).ok).toBe(true);
    const again = new TeamServerClient(pinned);
    expect(await again.signIn(ADMIN, ADMIN_PASSPHRASE)).toMatchObject({ role: 'admin' });
    expect((await again.call('cases.create', { case: { ownerName: ADMIN, victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' } })).ok).toBe(true);
    expect(database.db.pragma('integrity_check', { simple: true })).toBe('ok');
    await Promise.all([admin.signOut(), again.signOut()]);
  });

  it('refuses a forged token, a signed-out one and one idle past the team’s minutes', async () => {
    const forged = new TeamServerClient(pinned);
    (forged as unknown as { token: string }).token = 'A'.repeat(43);
    expect(await forged.call('cases.list', {})).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    const client = new TeamServerClient(pinned);
    await client.signIn(ADMIN, ADMIN_PASSPHRASE);
    const token = (client as unknown as { token: string }).token;
    expect((await client.call('settings.get', {})).ok).toBe(true);
    clock = new Date(clock.getTime() + 24 * 60 * 60_000);
    expect(await client.call('settings.get', {})).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    const replay = new TeamServerClient(pinned);
    (replay as unknown as { token: string }).token = token;
    expect(await replay.call('settings.get', {})).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
  });
});

describe('the team server, more slowly', () => {
  it('slows one computer guessing at several accounts, whatever the names, until it has waited', async () => {
    const client = new TeamServerClient(pinned);
    for (const name of ['Nobody One', 'Nobody Two', 'Nobody Three'])
      await expect(client.signIn(name, 'guess')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(client.signIn('Nobody Four', 'guess')).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      message: expect.stringContaining('from this computer'),
    });
    // Even the right passphrase waits: the delay is checked before anything is tried.
    await expect(client.signIn(ADMIN, ADMIN_PASSPHRASE)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    clock = new Date(clock.getTime() + 5_000);
    expect(await client.signIn(ADMIN, ADMIN_PASSPHRASE)).toMatchObject({ role: 'admin' });
    await client.signOut();
  });

  it("brings the files a request makes back to the person's own computer, to the place they choose, and writes none on the server", async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'plw-client-'));
    const savedDir = mkdtempSync(join(tmpdir(), 'plw-saved-'));
    let cancel = false;
    const core = new AppCore({ configDir: clientDir, emit: () => undefined, choose: async (kind, name) => (cancel ? null : join(savedDir, name ?? kind)) });
    const handlers = createHandlers(core);
    const address = `127.0.0.1:${server.port}`;
    const seen = await dispatch(handlers, 'server.look', { address });
    expect(seen).toMatchObject({ ok: true, value: { fingerprint: certificate.fingerprint } });
    expect(await dispatch(handlers, 'server.connect', { address, fingerprint: certificate.fingerprint })).toMatchObject({ ok: true });
    expect(await dispatch(handlers, 'session.unlock', { accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).toMatchObject({ ok: true });
    const onServer = readdirSync(folder).sort();

    const audit = await dispatch(handlers, 'audit.export', {});
    expect(audit).toMatchObject({ ok: true, value: { savedAs: expect.stringMatching(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/) } });
    const auditFile = join(savedDir, (audit as { value: { savedAs: string } }).value.savedAs);
    expect(readFileSync(auditFile, 'utf8')).toMatch(/^id,at \(UTC\),account,action/);
    expect(statSync(auditFile).mode & 0o777).toBe(0o600);
    // A folder of CSV files, each by its name inside the folder chosen.
    const csv = await dispatch(handlers, 'reports.export', { query: { from: '2026-11-01', to: '2026-11-30', scope: 'team' }, format: 'csv' });
    expect(csv).toMatchObject({ ok: true });
    expect(readdirSync(join(savedDir, (csv as { value: { savedAs: string } }).value.savedAs))).toContain('summary.csv');
    // Two at once from one session: each request's files are its own.
    const [first, second] = await Promise.all([
      dispatch(handlers, 'reports.export', { query: { from: '2026-11-01', to: '2026-11-30', scope: 'team' }, format: 'json' }),
      dispatch(handlers, 'import.saveTemplate', {}),
    ]);
    expect(JSON.parse(readFileSync(join(savedDir, (first as { value: { savedAs: string } }).value.savedAs), 'utf8'))).toMatchObject({
      format: expect.any(String),
    });
    expect(
      readFileSync(join(savedDir, (second as { value: { savedAs: string } }).value.savedAs))
        .subarray(0, 2)
        .toString(),
    ).toBe('PK'); // an XLSX
    // Cancelled on this computer: nothing saved, and the page hears so.
    cancel = true;
    expect(await dispatch(handlers, 'audit.export', {})).toEqual({ ok: true, value: { savedAs: null } });
    // Opening a file from this computer does not go through the server yet, and says so.
    expect(await dispatch(handlers, 'import.chooseSource', {})).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', message: NOT_THROUGH_SERVER } });

    expect(readdirSync(folder).sort()).toEqual(onServer);
    expect(readdirSync(clientDir)).toEqual(['team-server.json']);
    await core.lockAndSignOut('requested');
    rmSync(clientDir, { recursive: true, force: true });
    rmSync(savedDir, { recursive: true, force: true });
  });

  it('stops only after the requests in flight are answered, and then answers nothing', async () => {
    const second = await startServer();
    const client = new TeamServerClient({ ...pinned, port: second.port });
    const signingIn = client.signIn(ADMIN, ADMIN_PASSPHRASE); // Argon2id: tens of milliseconds in flight
    await expect.poll(() => second.inFlight(), { interval: 1 }).toBe(1);
    const stopped = second.stop();
    expect(await signingIn).toMatchObject({ accountName: ADMIN });
    await stopped;
    expect(await client.call('settings.get', {})).toMatchObject({ ok: false, error: { code: expect.stringMatching(/UNAVAILABLE|SIGNED_OUT/) } });
    expect(await client.health()).toBe(false);
  });
});

/** Per channel: PLW_SERVE_FUZZ_RUNS shortens it when working locally. */
const FUZZ_RUNS = Number(process.env.PLW_SERVE_FUZZ_RUNS ?? 1000);

describe('the team server under hostile requests', () => {
  it(`answers ${FUZZ_RUNS} random requests to every channel, and junk at every route, without a crash; each call audited once`, async () => {
    const admin = new TeamServerClient(pinned);
    await admin.signIn(ADMIN, ADMIN_PASSPHRASE);
    const before = auditCount('server.call');
    const inputs = fc.oneof(
      fc.anything(),
      fc.object(),
      fc.record({ caseId: fc.integer(), contactId: fc.integer(), text: fc.string({ unit: 'grapheme', maxLength: 40 }) }),
      fc.record({ from: fc.string(), to: fc.string(), scope: fc.constantFrom('team', 'mine', 'worker', 'office', 'nobody') }),
    );
    const codes = new Map<string, number>();
    let calls = 0;
    for (const channel of [...CHANNEL_NAMES, 'no.such.channel', '__proto__', 'constructor']) {
      const batch = fc.sample(inputs, FUZZ_RUNS);
      // Four at a time from one person (the load tests send twenty people's at once).
      for (let i = 0; i < batch.length; i += 4) {
        const results = await Promise.all(batch.slice(i, i + 4).map((input) => admin.call(channel, input)));
        calls += results.length;
        for (const result of results) {
          const code = result.ok ? 'ok' : result.error.code;
          codes.set(code, (codes.get(code) ?? 0) + 1);
          if (!result.ok) expect(ERROR_CODES).toContain(result.error.code);
        }
      }
    }
    expect(codes.get('INTERNAL') ?? 0).toBe(0);
    expect(codes.get('UNAVAILABLE') ?? 0).toBe(0);

    // Junk at the HTTP level: bodies that are not JSON, JSON that is not an object, wrong methods and paths, no token, a body too big.
    const token = (admin as unknown as { token: string }).token;
    const junk: { method: string; path: string; body: string | Buffer; auth?: boolean }[] = [
      ...fc.sample(fc.string({ maxLength: 200 }), 50).map((body) => ({ method: 'POST', path: '/call', body, auth: true })),
      ...fc.sample(fc.uint8Array({ maxLength: 300 }), 50).map((bytes) => ({ method: 'POST', path: '/sign-in', body: Buffer.from(bytes) })),
      { method: 'POST', path: '/call', body: '[1,2,3]', auth: true },
      { method: 'POST', path: '/call', body: 'null', auth: true },
      { method: 'POST', path: '/call', body: '{"channel":"cases.list"}' },
      { method: 'PUT', path: '/call', body: '{}' },
      { method: 'GET', path: '/../../etc/passwd', body: '' },
      { method: 'POST', path: '/call', body: 'x'.repeat(5 * 1024 * 1024), auth: true },
    ];
    let junkCalls = 0;
    for (const request of junk) {
      const { status } = await rawRequest(request.method, request.path, request.body, request.auth ? token : null);
      expect([200, 400, 401, 404]).toContain(status);
      if (request.path === '/call' && status === 200) junkCalls++; // a JSON object that reached the channel look-up
    }
    // Still answering, the database whole, the audit chain unbroken, and one entry per channel call.
    expect(await admin.health()).toBe(true);
    expect(database.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(brokenAuditEntry(database.db)).toBeNull();
    expect(auditCount('server.call')).toBe(before + calls + junkCalls);
    await admin.signOut();
    console.log(
      `team server fuzz: ${calls} random calls to ${CHANNEL_NAMES.length + 3} channels and ${junk.length} junk requests, 0 crashes; outcomes ${JSON.stringify(Object.fromEntries(codes))}`,
    );
  }, 1_800_000); // 110,000 calls over TLS, beside the two-minute load tests in the other worker: 4–10 minutes here
});

function rawRequest(method: string, path: string, body: string | Buffer, token: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        ca: certificate.certificatePem,
        checkServerIdentity: () => undefined,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('files sent back by a team server', () => {
  it('are refused when a name would reach outside the place chosen, and nothing is written', async () => {
    const savedDir = mkdtempSync(join(tmpdir(), 'plw-saved-'));
    const choose = async (_kind: string, name?: string) => join(savedDir, name ?? 'chosen');
    const content = Buffer.from('not for here').toString('base64');
    for (const files of [
      [{ kind: 'report-folder', suggestedName: 'summary', entries: [{ name: '../outside.csv', base64: content }] }],
      [{ kind: 'report-file', suggestedName: '../../etc/cron.d/x', entries: [{ name: '', base64: content }] }],
      [{ kind: 'database-folder', suggestedName: 'x', entries: [{ name: '', base64: content }] }],
      'not a list',
    ]) {
      await expect(saveFilesFromServer(files, choose)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('Nothing was saved') });
    }
    expect(readdirSync(savedDir)).toEqual([]);
    expect(readdirSync(join(savedDir, '..')).includes('outside.csv')).toBe(false);
    rmSync(savedDir, { recursive: true, force: true });
  });
});
