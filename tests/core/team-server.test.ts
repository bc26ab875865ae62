/**
 * `plw serve`'s server and the desktop app's client, over real TLS on loopback: what a team on
 * several computers relies on, and what an attacker on their network would try.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
import { makeFixture, writeCsvFolder, writeXlsx, type Fixture } from './workbook-fixture';
import type { ProgressEvent } from '../../shared/contract';

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
    // The backup folder is a folder on the server: it is set there, and the page says so.
    expect(await dispatch(handlers, 'backups.chooseFolder', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: expect.stringContaining('plw serve --backups') },
    });

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
      // Files sent to open: random names and kinds, folder parts out of order, random content.
      ...fc
        .sample(
          fc.tuple(fc.constantFrom('import-source', 'summary-file', 'backup-folder', ''), fc.string({ maxLength: 30 }), fc.uint8Array({ maxLength: 300 })),
          30,
        )
        .map(([kind, name, bytes]) => ({
          method: 'POST',
          path: `/upload?kind=${kind}&name=${encodeURIComponent(name)}`,
          body: Buffer.from(bytes),
          auth: true,
        })),
      { method: 'POST', path: '/upload?kind=import-source&name=f&folder=start&part=x.csv', body: '', auth: true },
      { method: 'POST', path: '/upload?kind=import-source&name=f&folder=start&files=-1', body: '', auth: true },
      { method: 'POST', path: '/upload?kind=import-source&name=f&folder=start&files=99999', body: '', auth: true },
      { method: 'POST', path: '/upload?kind=import-source&name=f&part=..', body: 'a,b', auth: true },
      { method: 'GET', path: '/upload', body: '' },
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

/** The fixture with every reference changed, so it can be imported beside the original. */
function renamed(fixture: Fixture, prefix: string): Fixture {
  const ref = (row: Record<string, string>) => ({ ...row, case_ref: `${prefix}${row.case_ref}`, ...(row.crn ? { crn: row.crn.replace('X2', 'X3') } : {}) });
  return {
    cases: fixture.cases.map(ref),
    contacts: fixture.contacts.map(ref),
    orders: fixture.orders.map((row) => ({ ...ref(row), ...(row.order_ref ? { order_ref: `${prefix}${row.order_ref}` } : {}) })),
    chases: fixture.chases.map(ref),
  };
}

describe('files the person opens from their own computer, through a team server', () => {
  it('imports a workbook, and a folder of CSV files, chosen on the person’s computer: sent to the server, read there from memory, nothing on its disk', async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'plw-client-'));
    const own = mkdtempSync(join(tmpdir(), 'plw-own-'));
    const fixture = makeFixture();
    await writeXlsx(fixture, join(own, 'tracker.xlsx'));
    writeCsvFolder(renamed(fixture, 'CSV-'), join(own, 'tracker-csv'));
    writeFileSync(join(own, 'tracker-csv', 'read-me.txt'), 'not a sheet');
    let chosen: string | null = join(own, 'tracker.xlsx');
    const progress: ProgressEvent[] = [];
    const core = new AppCore({
      configDir: clientDir,
      emit: (event, payload) => (event === 'progress' ? progress.push(payload as ProgressEvent) : undefined),
      choose: async () => chosen,
    });
    const handlers = createHandlers(core);
    const address = `127.0.0.1:${server.port}`;
    await dispatch(handlers, 'server.connect', { address, fingerprint: certificate.fingerprint });
    expect(await dispatch(handlers, 'session.unlock', { accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).toMatchObject({ ok: true });
    const onServer = readdirSync(folder).sort();
    const cases = () => database.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    const casesBefore = cases();
    const uploadsBefore = auditCount('server.upload');

    expect(await dispatch(handlers, 'import.chooseSource', {})).toEqual({ ok: true, value: { label: 'tracker.xlsx' } });
    const size = statSync(join(own, 'tracker.xlsx')).size;
    expect(progress.at(-1)).toEqual({ operation: 'upload', done: size, total: size, label: 'Sending tracker.xlsx to the team server' });
    const preview = await dispatch(handlers, 'import.preview', { update: false });
    expect(preview).toMatchObject({ ok: true, value: { label: 'tracker.xlsx', casesNew: fixture.cases.length, errors: [] } });
    const confirmedNewWorkers = (preview as { value: { workersToConfirm: { name: string }[] } }).value.workersToConfirm.map((w) => w.name);
    const imported = await dispatch(handlers, 'import.run', { update: false, confirmedNewWorkers });
    expect(imported).toMatchObject({ ok: true, value: { imported: { casesCreated: fixture.cases.length, contacts: fixture.contacts.length } } });
    expect(cases()).toBe(casesBefore + fixture.cases.length);
    // Cancelled on the person's computer: the workbook chosen before is still the one chosen, as without a server.
    chosen = null;
    expect(await dispatch(handlers, 'import.chooseSource', {})).toEqual({ ok: true, value: { label: 'tracker.xlsx' } });

    // A folder: its .csv files are sent, one after another, and read as the sheets.
    chosen = join(own, 'tracker-csv');
    expect(await dispatch(handlers, 'import.chooseSource', {})).toEqual({ ok: true, value: { label: 'tracker-csv' } });
    const csvPreview = await dispatch(handlers, 'import.preview', { update: false });
    expect(csvPreview).toMatchObject({ ok: true, value: { casesNew: fixture.cases.length, errors: [] } });
    expect(await dispatch(handlers, 'import.run', { update: false, confirmedNewWorkers })).toMatchObject({
      ok: true,
      value: { imported: { casesCreated: fixture.cases.length } },
    });
    expect(cases()).toBe(casesBefore + 2 * fixture.cases.length);

    // Each file sent is audited with its kind, size and address; never its name.
    const uploads = database.db.prepare("SELECT account_name, detail FROM audit_log WHERE action = 'server.upload' ORDER BY id").all().slice(uploadsBefore) as {
      account_name: string;
      detail: string;
    }[];
    expect(uploads.map((u) => [u.account_name, JSON.parse(u.detail)])).toEqual([
      [ADMIN, { kind: 'import-source', bytes: size, outcome: 'ok', from: '127.0.0.1' }],
      [ADMIN, { kind: 'import-source', bytes: 0, outcome: 'ok', from: '127.0.0.1' }],
      ...['cases', 'contacts', 'orders', 'chases'].map(() => [ADMIN, expect.objectContaining({ kind: 'import-source', outcome: 'ok' })]),
    ]);
    expect(JSON.stringify(uploads)).not.toMatch(/tracker/);
    // Nothing new on the server's disk: the files lived in the session's memory.
    expect(readdirSync(folder).sort()).toEqual(onServer);
    await core.lockAndSignOut('requested');
    rmSync(clientDir, { recursive: true, force: true });
    rmSync(own, { recursive: true, force: true });
  });

  it('adds a summary file from the person’s computer to the merged team view, and refuses one that is not a summary file', async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'plw-client-'));
    const own = mkdtempSync(join(tmpdir(), 'plw-own-'));
    let chosen = (_kind: string, name?: string): string => join(own, name ?? 'chosen');
    const core = new AppCore({ configDir: clientDir, emit: () => undefined, choose: async (kind, name) => chosen(kind, name) });
    const handlers = createHandlers(core);
    await dispatch(handlers, 'server.connect', { address: `127.0.0.1:${server.port}`, fingerprint: certificate.fingerprint });
    await dispatch(handlers, 'session.unlock', { accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    const exported = await dispatch(handlers, 'reports.export', { query: { from: '2026-11-01', to: '2026-11-30', scope: 'mine' }, format: 'worker-file' });
    const file = (exported as { value: { savedAs: string } }).value.savedAs;
    expect(file).toMatch(/\.plwsummary\.json$/);
    chosen = () => join(own, file);
    expect(await dispatch(handlers, 'reports.addMergeFile', {})).toMatchObject({ ok: true, value: { files: [{ name: file, signedBy: ADMIN }] } });
    writeFileSync(join(own, 'notes.json'), 'Meeting notes, not figures');
    chosen = () => join(own, 'notes.json');
    expect(await dispatch(handlers, 'reports.addMergeFile', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'notes.json is not a Partner Link Tracker summary file. Choose the .json file a worker exported.' },
    });
    // A folder is not a summary file.
    chosen = () => own;
    expect(await dispatch(handlers, 'reports.addMergeFile', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('not a folder') },
    });
    await core.lockAndSignOut('requested');
    rmSync(clientDir, { recursive: true, force: true });
    rmSync(own, { recursive: true, force: true });
  });

  it('checks who, what and how large before a file is sent, keeps nothing refused or cut short, and audits each', async () => {
    const admin = new TeamServerClient(pinned);
    await admin.signIn(ADMIN, ADMIN_PASSPHRASE);
    const token = (admin as unknown as { token: string }).token;
    const manager = new TeamServerClient(pinned);
    expect(await admin.call('accounts.add', { accountName: 'Morgan Lee', role: 'manager', temporaryPassphrase: 'temporary pass phrase 2' })).toMatchObject({
      ok: true,
    });
    await manager.signIn('Morgan Lee', 'temporary pass phrase 2', 'granite meadow copper five');
    const managerToken = (manager as unknown as { token: string }).token;
    const before = auditCount('server.upload');

    // Too large, declared: refused before the content is asked for (no "100 Continue"), so it never crosses the network.
    const huge = await rawUpload('kind=summary-file&name=big.json', 17 * 1024 * 1024, null, token);
    expect(huge).toMatchObject({ status: 400, continued: false });
    expect(JSON.parse(huge.body)).toMatchObject({
      error: { code: 'VALIDATION', message: 'big.json is too large to be a summary file (they are a few kilobytes). Choose the .json file a worker exported.' },
    });
    // Not allowed: a manager may merge summary files but not import.
    const notAdmin = await rawUpload('kind=import-source&name=tracker.xlsx', 10, Buffer.alloc(10), managerToken);
    expect(notAdmin).toMatchObject({ status: 403, continued: false });
    expect(JSON.parse(notAdmin.body)).toMatchObject({ error: { code: 'NOT_ALLOWED', message: 'Only an administrator can do this.' } });
    // Not signed in, a kind not opened, a name reaching elsewhere, a folder's file without its folder, no length.
    expect((await rawUpload('kind=import-source&name=a.xlsx', 10, Buffer.alloc(10), null)).status).toBe(401);
    expect((await rawUpload('kind=backup-folder&name=a', 10, Buffer.alloc(10), token)).status).toBe(400);
    for (const name of ['..', '../a.xlsx', 'a%2Fb.xlsx', 'a%5Cb.xlsx', 'a%00.xlsx']) {
      const refused = await rawUpload(`kind=import-source&name=${name}`, 10, Buffer.alloc(10), token);
      expect(refused).toMatchObject({ status: 400, continued: false });
      expect(JSON.parse(refused.body)).toMatchObject({ error: { message: expect.stringContaining('name cannot be used') } });
    }
    expect((await rawUpload('kind=import-source&name=f&part=cases.csv', 10, Buffer.alloc(10), token)).status).toBe(400);
    expect((await rawUpload('kind=import-source&name=a.xlsx', null, Buffer.alloc(10), token)).status).toBe(411);
    // One at a time per person: a second file while the first is on its way is refused.
    const first = httpsRequest({
      host: '127.0.0.1',
      port: server.port,
      method: 'POST',
      path: '/upload?kind=import-source&name=first.xlsx',
      ca: certificate.certificatePem,
      checkServerIdentity: () => undefined,
      agent: false,
      headers: { 'content-length': 1000, expect: '100-continue', authorization: `Bearer ${token}` },
    });
    first.on('error', () => undefined);
    await new Promise((resolve) => first.on('continue', resolve));
    first.write(Buffer.alloc(100));
    const second = await rawUpload('kind=import-source&name=second.xlsx', 10, Buffer.alloc(10), token);
    expect(second).toMatchObject({ status: 409, continued: false });
    expect(JSON.parse(second.body)).toMatchObject({ error: { message: expect.stringContaining('already on its way') } });
    first.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Cut short: ten bytes declared, four sent, then the connection gone. Nothing is kept for the next request.
    await rawUpload('kind=import-source&name=short.xlsx', 10, Buffer.alloc(4), token, { hangUp: true });
    expect(await admin.call('import.chooseSource', {})).toMatchObject({ ok: true, value: { label: null } });
    // Each reached the server with a name: audited, with its outcome.
    const outcomes = (database.db.prepare("SELECT detail FROM audit_log WHERE action = 'server.upload' ORDER BY id").pluck().all() as string[])
      .slice(before)
      .map((d) => (JSON.parse(d) as { outcome: string }).outcome);
    expect(outcomes).toEqual([
      'VALIDATION',
      'NOT_ALLOWED',
      ...Array(5).fill('VALIDATION'),
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
      'INCOMPLETE',
      'INCOMPLETE',
    ]);
    // Half a folder is never opened: its cases without its contacts would import as if that were all.
    const folderOf = (files: number) => rawUpload(`kind=import-source&name=tracker&folder=start&files=${files}`, 0, null, token);
    const csvPart = (name: string) => rawUpload(`kind=import-source&name=tracker&part=${name}`, 7, Buffer.from('a,b\n1,2'), token);
    expect((await folderOf(2)).status).toBe(200);
    expect((await csvPart('cases.csv')).status).toBe(200);
    expect(await admin.call('import.chooseSource', {})).toMatchObject({ ok: true, value: { label: null } }); // one of two came
    expect((await folderOf(2)).status).toBe(200);
    expect((await csvPart('cases.csv')).status).toBe(200);
    expect((await csvPart('..')).status).toBe(400); // the second refused: the first is let go too
    expect((await csvPart('contacts.csv')).status).toBe(400); // and the folder with it
    expect(await admin.call('import.chooseSource', {})).toMatchObject({ ok: true, value: { label: null } });
    expect((await folderOf(1)).status).toBe(200);
    expect((await csvPart('cases.csv')).status).toBe(200);
    expect(await admin.call('import.chooseSource', {})).toMatchObject({ ok: true, value: { label: 'tracker' } }); // all of it came
    expect(await admin.health()).toBe(true);
    await Promise.all([admin.signOut(), manager.signOut()]);

    // In the app, a role the server would refuse is not even asked to choose a file.
    const clientDir = mkdtempSync(join(tmpdir(), 'plw-client-'));
    const asked: string[] = [];
    const core = new AppCore({ configDir: clientDir, emit: () => undefined, choose: async (kind) => (asked.push(kind), null) });
    const handlers = createHandlers(core);
    await dispatch(handlers, 'server.connect', { address: `127.0.0.1:${server.port}`, fingerprint: certificate.fingerprint });
    await dispatch(handlers, 'session.unlock', { accountName: 'Morgan Lee', passphrase: 'granite meadow copper five' });
    expect(await dispatch(handlers, 'import.chooseSource', {})).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    expect(asked).toEqual([]);
    await core.lockAndSignOut('requested');
    rmSync(clientDir, { recursive: true, force: true });
  });
});

/**
 * A raw upload: `declared` bytes in Content-Length (null: chunked, no length), `Expect: 100-continue`,
 * and `content` sent only once the server says continue. `continued`: whether it did.
 */
function rawUpload(
  query: string,
  declared: number | null,
  content: Buffer | null,
  token: string | null,
  options: { hangUp?: boolean } = {},
): Promise<{ status: number; body: string; continued: boolean }> {
  return new Promise((resolve) => {
    let continued = false;
    const req = httpsRequest({
      host: '127.0.0.1',
      port: server.port,
      method: 'POST',
      path: `/upload?${query}`,
      ca: certificate.certificatePem,
      checkServerIdentity: () => undefined,
      agent: false,
      headers: {
        'content-type': 'application/octet-stream',
        expect: '100-continue',
        ...(declared === null ? { 'transfer-encoding': 'chunked' } : { 'content-length': declared }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    req.on('continue', () => {
      continued = true;
      if (options.hangUp) {
        req.write(content ?? Buffer.alloc(0), () => setTimeout(() => req.destroy(), 50));
        setTimeout(() => resolve({ status: 0, body: '', continued }), 300);
      } else req.end(content ?? undefined);
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text, continued });
        if (!continued) req.destroy();
      });
    });
    req.on('error', () => resolve({ status: 0, body: '', continued }));
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
