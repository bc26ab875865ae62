/**
 * A sole administrator who has forgotten the passphrase, in Chromium against the real
 * core: the recovery key from the paper copy opens the database and sets a new passphrase.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, screenshot, watchForProblems } from './browser';
import { startHarness, type Harness } from './harness-server';

let browser: Browser;
let harness: Harness;
let page: Page;
let configDir: string;
let problems: string[];
let recoveryKey: string;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'plw-e2e-recovery-'));
  harness = await startHarness({ configDir, now: () => new Date('2026-11-24T09:30:00Z') });
  ({ recoveryKey } = await harness.core.create({ teamName: 'East Lancashire', accountName: 'Sam Admin', passphrase: 'the one sam forgot' }));
  harness.core.lock('requested');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = watchForProblems(page);
  await page.goto(harness.url);
  await page.getByRole('heading', { name: 'Unlock Partner Link Tracker' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('the recovery key', () => {
  it('opens the database for an administrator who forgot the passphrase, and sets a new one', async () => {
    await page.getByText('Forgotten your passphrase?').click();
    await page.getByRole('button', { name: 'Use the recovery key' }).click();
    await page.getByRole('heading', { name: 'Use the recovery key' }).waitFor();
    await expectAccessible(page, 'recovery key');

    // A key from another database (or from before a rekey) is refused, saying what to check.
    const wrong = '0000-1111-2222-3333-4444-5555-6666-7777-8888-9999-aaaa-bbbb-cccc-dddd-eeee-ffff';
    await page.getByLabel('Recovery key').fill(wrong);
    await page.getByLabel('Administrator account name').fill('Sam Admin');
    await page.getByLabel('New passphrase', { exact: true }).fill('sam remembers this one');
    await page.getByLabel('Type the new passphrase again').fill('sam remembers this one');
    await page.getByRole('button', { name: 'Open and set the new passphrase' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('That recovery key does not open this database.');
    await expectAccessible(page, 'recovery key refused');

    await page.getByLabel('Recovery key').fill(recoveryKey.toUpperCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Open and set the new passphrase' }).click();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await screenshot(page, 'recovered-with-key');

    // Recorded, and the new passphrase is the one that works from now on.
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Unlock Partner Link Tracker' }).waitFor();
    await page.getByLabel('Account name').fill('Sam Admin');
    await page.getByLabel('Passphrase', { exact: true }).fill('sam remembers this one');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    const audit = (await harness.call('audit.list', {})).rows.map((r) => r.action);
    expect(audit).toContain('account.recovered-with-key');
  });

  it('met no Content Security Policy violation or page error along the way', () => {
    expect(problems).toEqual([]);
  });
});
