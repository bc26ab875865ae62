/** "Explore with demo data": a separate, clearly marked database of made-up people. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, screenshot, watchForProblems } from './browser';
import { startHarness, type Harness } from './harness-server';

let browser: Browser;
let harness: Harness;
let page: Page;
let folder: string;
let problems: string[];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'plw-e2e-demo-'));
  harness = await startHarness({
    configDir: folder,
    now: () => new Date('2026-11-24T09:30:00Z'),
    choose: async (kind, name) => (kind === 'database-folder' ? join(folder, 'real team') : join(folder, name ?? 'export')),
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = watchForProblems(page);
  await page.goto(harness.url);
  await page.getByRole('heading', { name: 'Create your team database' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('explore with demo data', () => {
  it('makes a demo database marked DEMO on every page', async () => {
    await page.getByText('Explore with demo data', { exact: true }).first().click();
    const form = page.getByRole('form', { name: 'Explore with demo data' });
    await form.getByLabel('Your account name').fill('Demo Dee');
    await form.getByLabel('Passphrase', { exact: true }).fill('demo passphrase please');
    await form.getByLabel('Type the passphrase again').fill('demo passphrase please');
    await form.getByRole('button', { name: 'Explore with demo data' }).click();
    await page.getByTestId('recovery-key').waitFor({ timeout: 30_000 });
    await page.getByLabel('I have stored the recovery key somewhere safe, away from this computer').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Today' }).waitFor();

    for (const link of ['Today', 'Caseload', 'Chase list', 'Settings']) {
      await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: link }).waitFor();
      expect(await page.getByTestId('demo-banner').isVisible(), link).toBe(true);
    }
    await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Caseload' }).click();
    // Open cases first; every case, closed ones too, a choice away.
    await expect.poll(() => page.getByTestId('caseload-count').textContent()).toMatch(/^\d+ open cases$/);
    await page.locator('#filter-stage').selectOption('all');
    await page.locator('#caseload-scope').selectOption('team');
    await expect.poll(() => page.getByTestId('caseload-count').textContent()).toBe('600 cases');
    await page.locator('#caseload-scope').selectOption('mine');
    await expect.poll(() => page.getByTestId('caseload-count').textContent()).toBe('120 cases');
    await expectAccessible(page, 'demo caseload');
    await screenshot(page, 'demo-caseload');
  });

  it('draws only the caseload rows in view, and the keyboard scrolls to the last case', async () => {
    await page.locator('#caseload-scope').selectOption('team');
    await expect.poll(() => page.getByTestId('caseload-count').textContent()).toBe('600 cases');
    const drawnRows = () => page.locator('[data-testid="caseload-table"] tbody tr[aria-rowindex]').count();
    expect(await drawnRows()).toBeLessThan(60);
    // Tab order reaches the scrolling box; End takes it to the bottom, where the last page is fetched.
    await page.getByTestId('caseload-scroll').focus();
    await page.keyboard.press('End');
    const lastRow = page.locator('[data-testid="caseload-table"] tbody tr[aria-rowindex="601"]');
    await expect.poll(() => lastRow.locator('a').count()).toBe(1);
    expect(await lastRow.textContent()).toMatch(/DEMO-\d{6}/);
    expect(await drawnRows()).toBeLessThan(60);
    await expectAccessible(page, 'demo caseload scrolled to the end');
  });

  it('shows managers the figures with charts, and exports them without any personal detail', async () => {
    await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page.getByLabel('Last 12 full months').check();
    await expect.poll(() => page.getByTestId('report-figures').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('report-figures').textContent()).toContain('Victims offered support');
    await expect.poll(() => page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page, 'reports');
    await screenshot(page, 'reports');
    await page.getByRole('button', { name: 'Excel (XLSX)' }).click();
    await expect.poll(() => page.getByText(/^Saved XLSX as summary-team-/).isVisible()).toBe(true);
    const saved = readdirSync(folder).find((f) => f.endsWith('.xlsx'))!;
    expect(readFileSync(join(folder, saved)).length).toBeGreaterThan(1000);
    await page.getByRole('button', { name: 'PDF' }).click();
    await expect.poll(() => readdirSync(folder).some((f) => f.endsWith('.pdf'))).toBe(true);

    // The personal case list only after the warning is accepted.
    await page.getByText('Case list with personal details').click();
    expect(await page.getByRole('button', { name: 'Export the case list' }).isDisabled()).toBe(true);
    await page.getByLabel('I understand this file holds personal details').check();
    await page.getByRole('button', { name: 'Export the case list' }).click();
    await expect.poll(() => page.getByText(/This export has been recorded in the audit log/).isVisible()).toBe(true);
    await expectAccessible(page, 'reports with case list');
    await page.keyboard.press('Control+l');
    await page.getByRole('heading', { name: 'Unlock Partner Link Tracker' }).waitFor();
    expect(await page.getByTestId('demo-banner').isVisible()).toBe(true);
  });

  it('goes back to a real (new) database from the unlock screen', async () => {
    await page.getByText('Use a different database').click();
    await page.getByRole('button', { name: 'Choose folder' }).click();
    await page.getByRole('heading', { name: 'Create your team database' }).waitFor();
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    expect(await page.getByTestId('location').textContent()).toBe(join(folder, 'real team'));
  });

  it('met no Content Security Policy violation or page error along the way', () => {
    expect(problems).toEqual([]);
  });
});
