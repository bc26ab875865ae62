/**
 * The desktop app as a client of a real `plw serve` (the built command, over loopback TLS 1.3):
 * connect from the first screen, check the fingerprint, sign in with a temporary passphrase and
 * choose one's own, work, lock (signed out on the server too), and be told plainly when the
 * server's certificate is not the one confirmed. Nothing about victims is written on the client.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServerCertificate } from '../../electron/core/server/certificate';
import { addAccount } from '../../electron/core/team/accounts';
import { createTeamDatabase } from '../../electron/core/team/create';
import { closeTeamDatabase } from '../../electron/core/team/open-team-database';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { expectAccessible, launchChromium, screenshot, watchForProblems } from './browser';
import { startHarness, type Harness } from './harness-server';
import { freePort, PLW, serveEnv, startServe } from '../cli/plw-serve';
import { makeFixture, writeXlsx } from '../core/workbook-fixture';

const ADMIN = 'Server Admin';
const ADMIN_PASSPHRASE = 'kettle lantern orchard seven';
const WORKER = 'Priya Shah';
const TEMPORARY = 'a temporary passphrase 42';
const OWN = 'walnut harbour velvet nine';

let browser: Browser;
let harness: Harness;
let page: Page;
let configDir: string;
let serverFolder: string;
let ownFolder: string;
let databasePath: string;
let server: ChildProcess;
let port: number;
let fingerprint: string;
let problems: string[];

const env = serveEnv(ADMIN_PASSPHRASE);

beforeAll(async () => {
  serverFolder = mkdtempSync(join(tmpdir(), 'plw-e2e-server-'));
  databasePath = join(serverFolder, 'team.plwdb');
  const { open } = await createTeamDatabase({ databasePath, teamName: 'North West DASO team', accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
  await addAccount(open, { accountName: WORKER, role: 'plw', temporaryPassphrase: TEMPORARY });
  closeTeamDatabase(open);
  const init = spawnSync(process.execPath, [PLW, 'serve', '--init', '--db', databasePath, '--host', '127.0.0.1', '--json'], { env, encoding: 'utf8' });
  expect(init.status, init.stderr).toBe(0);
  fingerprint = (JSON.parse(init.stdout) as { fingerprint: string }).fingerprint;
  port = await freePort();
  server = await startServe(databasePath, ADMIN, port, env);
  configDir = mkdtempSync(join(tmpdir(), 'plw-e2e-client-'));
  ownFolder = mkdtempSync(join(tmpdir(), 'plw-e2e-own-'));
  // The person's own computer: the workbook they choose to import is here, not on the server.
  harness = await startHarness({ configDir, choose: async (kind) => (kind === 'import-source' ? join(ownFolder, 'tracker.xlsx') : null) });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = watchForProblems(page);
  await page.goto(harness.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  server?.kill('SIGTERM');
  rmSync(configDir, { recursive: true, force: true });
  rmSync(serverFolder, { recursive: true, force: true });
  rmSync(ownFolder, { recursive: true, force: true });
});

describe('the desktop app through a team server', () => {
  it('connects from the first screen once the person has checked the fingerprint', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Create your team database' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Connect to a team server' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Connect to your team’s server' }).isVisible()).toBe(true);
    await expectAccessible(page, 'connect to a team server');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Enter the server’s name or address');
    await page.getByLabel('Server name or address').fill(`127.0.0.1:${port}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByTestId('fingerprint').textContent()).toBe(fingerprint);
    await expectAccessible(page, 'check the fingerprint');
    await screenshot(page, 'team-server-fingerprint');
    await page.getByRole('button', { name: 'It matches: connect' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to your team server' }).isVisible()).toBe(true);
    await expectAccessible(page, 'sign in to the team server');
    // What the client keeps: which server, and its certificate. Nothing else.
    expect(readdirSync(configDir).sort()).toEqual(['team-server.json']);
    expect(JSON.parse(readFileSync(join(configDir, 'team-server.json'), 'utf8'))).toMatchObject({ host: '127.0.0.1', port, fingerprint });
  });

  it('signs a worker in with a temporary passphrase, then their own, and works on the server', async () => {
    await page.getByLabel('Account name').fill(WORKER);
    await page.getByLabel('Passphrase', { exact: true }).fill(TEMPORARY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('choose-own-passphrase').isVisible()).toBe(true);
    await page.locator('#newPassphrase').fill(OWN);
    await page.locator('#newPassphraseConfirm').fill(OWN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Lock' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.locator('body').textContent()).toContain('North West DASO team');
    const made = await harness.call('cases.create', {
      case: { ownerName: WORKER, victimName: 'Test Victim', perpetratorName: 'Test Perpetrator', sentenceDate: '2026-11-02' },
    } as never);
    expect(made).toMatchObject({ caseRef: expect.any(String) });
    // Made on the server, by the worker (not the administrator who started it), and nothing about her here.
    expect(readdirSync(configDir)).toEqual(['team-server.json']);
    expect(problems).toEqual([]);
  });

  it('locks by signing out on the server too', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to your team server' }).isVisible()).toBe(true);
    await expect(harness.call('cases.list', { scope: 'team' } as never)).rejects.toThrow(/SIGNED_OUT|LOCKED/);
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
    const open = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    const actions = open.db
      .prepare("SELECT account_name AS who, action FROM audit_log WHERE action IN ('session.signed-in', 'session.signed-out', 'case.created') ORDER BY id")
      .all();
    closeTeamDatabase(open);
    expect(actions).toEqual([
      { who: WORKER, action: 'session.signed-in' },
      { who: WORKER, action: 'case.created' },
      { who: WORKER, action: 'session.signed-out' },
    ]);
  });

  it("imports a workbook from the administrator's own computer into the server's database", async () => {
    server = await startServe(databasePath, ADMIN, port, env);
    await writeXlsx(makeFixture(), join(ownFolder, 'tracker.xlsx'));
    await page.getByLabel('Account name').fill(ADMIN);
    await page.getByLabel('Passphrase', { exact: true }).fill(ADMIN_PASSPHRASE);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Lock' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.goto(`${harness.url}#/settings/import`);
    await page.getByRole('button', { name: 'Choose workbook' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Import everything' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('import-preview').textContent()).toContain('80 rows');
    await page.getByRole('button', { name: 'Import everything' }).click();
    await expect.poll(() => page.getByTestId('import-done').textContent(), { timeout: 20_000 }).toContain('80 new cases');
    await expectAccessible(page, 'import through the team server');
    await screenshot(page, 'team-server-import-done');
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to your team server' }).isVisible()).toBe(true);
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
    // On the server, imported by the administrator; on this computer, still only which server it uses.
    const open = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    expect(open.db.prepare("SELECT count(*) FROM cases WHERE case_ref LIKE 'GEN-%'").pluck().get()).toBe(74);
    expect(open.db.prepare("SELECT account_name FROM audit_log WHERE action = 'server.upload'").pluck().all()).toEqual([ADMIN]);
    closeTeamDatabase(open);
    expect(readdirSync(configDir)).toEqual(['team-server.json']);
    expect(problems).toEqual([]);
  });

  it('refuses a server showing another certificate, with a plain warning', async () => {
    // The same address now answered by a server with a different certificate (as an impostor would).
    const impostor = await makeServerCertificate(['127.0.0.1']);
    writeFileSync(`${databasePath}.server-cert.pem`, impostor.certificatePem);
    writeFileSync(`${databasePath}.server-key.pem`, impostor.keyPem, { mode: 0o600 });
    server = await startServe(databasePath, ADMIN, port, env);
    await page.getByLabel('Account name').fill(WORKER);
    await page.getByLabel('Passphrase', { exact: true }).fill(OWN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('not the one you confirmed');
    await expectAccessible(page, 'changed certificate');
  });
});
