/** Bringing the team's spreadsheet in through Settings → Import, in Chromium against the real core. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, writeXlsx } from '../core/workbook-fixture';
import { expectAccessible, launchChromium, screenshot, watchForProblems } from './browser';
import { startHarness, type Harness } from './harness-server';

let browser: Browser;
let harness: Harness;
let page: Page;
let folder: string;
let problems: string[];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'plw-e2e-import-'));
  harness = await startHarness({
    configDir: folder,
    now: () => new Date('2026-11-24T09:30:00Z'),
    choose: async (kind) => (kind === 'template-file' ? join(folder, 'template.xlsx') : join(folder, 'tracker.xlsx')),
  });
  await harness.core.create({ teamName: 'East Lancashire', accountName: 'Priya Shah', passphrase: 'kettle lantern orchard seven' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = watchForProblems(page);
  await page.goto(`${harness.url}#/settings/import`);
  await page.getByRole('heading', { name: 'Import and templates' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('import through the app', () => {
  it('shows every wrong row and imports nothing', async () => {
    const fixture = makeFixture();
    fixture.cases[10] = { ...fixture.cases[10]!, crn: '12345' };
    fixture.chases[7] = { ...fixture.chases[7]!, case_ref: 'NOPE-1' };
    await writeXlsx(fixture, join(folder, 'tracker.xlsx'));
    await page.getByRole('button', { name: 'Choose workbook' }).click();
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.isVisible()).toBe(true);
    expect(await errors.locator('tbody tr').count()).toBe(2);
    expect(await errors.textContent()).toContain('CRN must be a letter followed by six digits');
    expect(await page.getByTestId('import-preview').textContent()).toContain('80 rows');
    expect(await page.getByRole('button', { name: 'Import everything' }).count()).toBe(0);
    await expectAccessible(page, 'import with errors');
    await screenshot(page, 'import-errors');
    expect((await harness.call('cases.list', { scope: 'team', sort: 'nextDue', direction: 'asc', page: 1, pageSize: 50 })).total).toBe(0);
  });

  it('once the workbook is fixed, imports it all with a progress bar', async () => {
    await writeXlsx(makeFixture(), join(folder, 'tracker.xlsx'));
    await page.getByRole('button', { name: 'Choose workbook' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Import everything' }).isVisible()).toBe(true);
    // Priya Shah has an account already (she made the database): she is not a new worker (issue 18, defect 6).
    expect(await page.getByTestId('import-preview').textContent()).toContain('New workersTom Worker, Sam New');
    await page.getByRole('button', { name: 'Import everything' }).click();
    await expect.poll(() => page.getByTestId('import-done').textContent()).toContain('80 new cases');
    await expectAccessible(page, 'import done');
    await page.goto(`${harness.url}#/caseload`);
    await page.locator('#caseload-scope').selectOption('team');
    await page.locator('#filter-stage').selectOption('all');
    await expect.poll(() => page.getByTestId('caseload-count').textContent()).toBe('80 cases');
  });

  it('downloads the template to the place the person chose', async () => {
    await page.goto(`${harness.url}#/settings/import`);
    await page.getByRole('button', { name: 'Download template' }).click();
    await expect.poll(() => page.getByText('Template saved as template.xlsx.').isVisible()).toBe(true);
    expect(existsSync(join(folder, 'template.xlsx'))).toBe(true);
  });

  it('met no Content Security Policy violation or page error along the way', () => {
    expect(problems).toEqual([]);
  });
});
