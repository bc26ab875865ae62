/**
 * A worker leaves, in Chromium against the real core: the administrator disables her account
 * from Settings → Accounts, the database gets a new key (a new recovery key is shown once),
 * she can no longer unlock, and later she is enabled again with a temporary passphrase.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, screenshot, watchForProblems } from './browser';
import { startHarness, type Harness } from './harness-server';

const ADMIN = 'Sam Admin';
const PASSPHRASE = 'sam admin passphrase';
let browser: Browser;
let harness: Harness;
let page: Page;
let configDir: string;
let problems: string[];
let firstRecoveryKey: string;

async function unlockAs(accountName: string, passphrase: string) {
  await page.getByLabel('Account name').fill(accountName);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'plw-e2e-accounts-'));
  harness = await startHarness({ configDir, now: () => new Date('2026-11-24T09:30:00Z') });
  ({ recoveryKey: firstRecoveryKey } = await harness.core.create({ teamName: 'East Lancashire', accountName: ADMIN, passphrase: PASSPHRASE }));
  await harness.call('accounts.add', { accountName: 'Priya Shah', role: 'plw', temporaryPassphrase: 'priya first day' });
  harness.core.lock('requested');
  await harness.core.unlock({ accountName: 'Priya Shah', passphrase: 'priya first day', newPassphrase: 'priya own passphrase' });
  harness.core.lock('requested');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = watchForProblems(page);
  await page.goto(harness.url);
  await page.getByRole('heading', { name: 'Unlock Partner Link Tracker' }).waitFor();
  await unlockAs(ADMIN, PASSPHRASE);
  await page.getByRole('heading', { name: 'Today' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('a leaver', () => {
  it('is disabled from Settings → Accounts, with a new recovery key shown once', async () => {
    await page.goto(`${harness.url}#/settings/accounts`);
    await expect.poll(() => page.getByTestId('accounts-table').textContent()).toContain('Priya Shah');
    await page.getByRole('button', { name: 'Change Priya Shah' }).click();
    await page.getByRole('heading', { name: 'Change the account Priya Shah' }).waitFor();
    await page.getByLabel('Disable the account (someone leaving, or away for a long time)').check();
    await expectAccessible(page, 'disable an account');

    // The administrator's own passphrase confirms it; a wrong one changes nothing.
    await page.getByLabel('Your passphrase, to confirm').fill('not my passphrase');
    await page.getByRole('button', { name: 'Disable account' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Your passphrase is not right.');

    await page.getByLabel('Your passphrase, to confirm').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.getByRole('heading', { name: 'The database has a new key: your new recovery key' }).waitFor();
    const shown = await page.locator('body').innerText();
    const newKey = shown.match(/[0-9a-f]{4}(?:-[0-9a-f]{4}){15}/)?.[0];
    expect(newKey).toBeTruthy();
    expect(newKey).not.toBe(firstRecoveryKey);
    await expectAccessible(page, 'new recovery key after disabling');
    await screenshot(page, 'account-disabled-new-recovery-key');
    await page.getByLabel('I have stored the recovery key somewhere safe, away from this computer').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByTestId('accounts-table').textContent()).toMatch(/Priya Shah.*Disabled/);
  });

  it('can no longer unlock', async () => {
    await page.getByRole('button', { name: /^Lock/ }).click();
    await page.getByRole('heading', { name: 'Unlock Partner Link Tracker' }).waitFor();
    await unlockAs('Priya Shah', 'priya own passphrase');
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('The account name or passphrase is not right');
    expect(harness.core.isUnlocked()).toBe(false);
  });

  it('is enabled again with a temporary passphrase, and her role changed, by keyboard alone', async () => {
    await unlockAs(ADMIN, PASSPHRASE);
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await page.goto(`${harness.url}#/settings/accounts`);
    await page.getByRole('button', { name: 'Change Priya Shah' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Enable the account again, with a temporary passphrase').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Temporary passphrase', { exact: true }).first().fill('priya back again');
    await page.getByRole('button', { name: 'Enable account' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('accounts-table').textContent()).toMatch(/Priya Shah.*Temporary passphrase/);

    await page.getByRole('button', { name: 'Change Priya Shah' }).click();
    await page.getByLabel('Change their role').check();
    await page.getByLabel('Manager: team figures and reports').first().check();
    await page.getByRole('button', { name: 'Save role' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Priya Shah is now');
    const actions = (await harness.call('audit.list', {})).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['account.disabled', 'database.rekeyed', 'account.enabled', 'account.role-changed']));
  });

  it('met no Content Security Policy violation or page error along the way', () => {
    expect(problems).toEqual([]);
  });
});
