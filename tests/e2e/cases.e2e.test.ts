/**
 * A PLW's week with the real app in Chromium: a new case and its referral timer,
 * the referral logged and first contact due in 7 days, the case on Today once
 * due soon, and a late referral chased twice until the app says escalate.
 * The core's clock is the harness's, so "today" is whatever the test says.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, fillDateInput, launchChromium, screenshot, watchForProblems } from './browser';
import { startHarness, type Harness } from './harness-server';

let browser: Browser;
let harness: Harness;
let page: Page;
let configDir: string;
let problems: string[];
let clock = new Date('2026-11-24T09:30:00Z');

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'plw-e2e-cases-'));
  harness = await startHarness({ configDir, now: () => clock });
  await harness.core.create({ teamName: 'East Lancashire', accountName: 'Priya Shah', passphrase: 'kettle lantern orchard seven' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.url.replace(/\/$/, '') });
  page = await context.newPage();
  problems = watchForProblems(page);
  await page.goto(harness.url);
  await page.getByRole('heading', { name: 'Today' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  rmSync(configDir, { recursive: true, force: true });
});

async function newCase(fields: { victim: string; perpetrator: string; crn: string; sentence: string; ro: string }) {
  await page.goto(`${harness.url}#/caseload`);
  await page.getByRole('link', { name: 'New case' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'New case' }).isVisible()).toBe(true);
  // Step 1: perpetrator and sentence; step 2: victim and safety; step 3: referral and programme.
  await page.locator('#perpetratorName').fill(fields.perpetrator);
  await page.locator('#crn').fill(fields.crn);
  await fillDateInput(page, 'sentenceDate', fields.sentence);
  await page.locator('#roName').fill(fields.ro);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('#victimName').fill(fields.victim);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('#ownerName').fill('Priya Shah');
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect.poll(() => page.getByTestId('identity-bar').isVisible()).toBe(true);
}

const timerRow = (timer: string) => page.locator(`[data-testid="timers-table"] tr[data-timer="${timer}"]`);

describe('cases, timers, Today and the chase list', () => {
  it('checks the new case a step at a time, listing every problem of the step at once, in the order of the page', async () => {
    await page.goto(`${harness.url}#/cases/new`);
    await expect.poll(() => page.getByTestId('case-step').textContent()).toBe('Step 1 of 3: Perpetrator and sentence');
    await page.locator('#sentenceDate-day').fill('31');
    await page.locator('#sentenceDate-month').fill('2');
    await page.locator('#sentenceDate-year').fill('2026');
    await page.locator('#crn').fill('1234567');
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.textContent()).toContain("Enter the perpetrator's name");
    // Issue 18, defect 9: the summary follows the page (name, CRN, then sentence date), whatever order they were found in.
    expect(await summary.locator('li').allTextContents()).toEqual([
      "Enter the perpetrator's name",
      'CRN must be a letter followed by six digits, like X123456',
      'The sentence date must be a real date',
    ]);
    await expectAccessible(page, 'new case with errors');
    await screenshot(page, 'new-case-errors');
    await page.locator('#perpetratorName').fill('Darren Example');
    await page.locator('#crn').fill('X111111');
    await page.locator('#sentenceDate-day').fill('20');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByTestId('case-step').textContent()).toBe('Step 2 of 3: Victim and safety');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-step');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => summary.locator('li').allTextContents()).toEqual(["Enter the victim's name"]);
    await page.locator('#victimName').fill('Someone Example');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByTestId('case-step').textContent()).toBe('Step 3 of 3: Referral and programme');
    // A new case is open: there is no "case closed" to fill in.
    expect(await page.locator('#closedDate').count()).toBe(0);
    await page.getByRole('button', { name: 'Create case' }).click();
    await expect.poll(() => summary.locator('li').allTextContents()).toEqual(['Choose the worker who owns the case']);
    await expectAccessible(page, 'new case, last step');
    expect((await harness.call('cases.list', { scope: 'team', sort: 'nextDue', direction: 'asc', page: 1, pageSize: 50 })).total).toBe(0);
  });

  it('creates a case through the form and shows its referral timer', async () => {
    await newCase({ victim: 'Ana María Núñez', perpetrator: 'Darren Threlkeld', crn: 'X123456', sentence: '2026-11-20', ro: 'Jo Bloggs' });
    expect(await timerRow('referral').textContent()).toContain('27 Nov 2026');
    expect(await timerRow('referral').textContent()).toContain('Pending');
    await expectAccessible(page, 'case page');
    await screenshot(page, 'case-page');
  });

  it('logging the referral meets it and starts first contact, due in 7 days', async () => {
    await page.getByRole('button', { name: 'Record referral' }).click();
    await expect.poll(() => timerRow('first_contact').isVisible()).toBe(true);
    expect(await timerRow('referral').textContent()).toContain('Met');
    expect(await timerRow('first_contact').textContent()).toContain('1 Dec 2026');
    expect(await timerRow('first_contact').textContent()).toContain('Pending');
  });

  it('finds the case in the caseload by an accent-free prefix, from Ctrl+K', async () => {
    await page.goto(`${harness.url}#/today`);
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await page.keyboard.press('Control+k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('caseload-search');
    await page.keyboard.type('nune');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByTestId('caseload-count').textContent()).toBe('1 open case');
    expect(await page.getByTestId('caseload-table').textContent()).toContain('Ana María Núñez');
    await expectAccessible(page, 'caseload');
  });

  it('puts the case on Today once first contact is due soon', async () => {
    await page.goto(`${harness.url}#/today`);
    await expect.poll(() => page.getByTestId('today-counts').isVisible()).toBe(true);
    expect(await page.getByTestId('today-first_contact').count()).toBe(0);
    clock = new Date('2026-11-29T09:30:00Z');
    await page.reload();
    await expect.poll(() => page.getByTestId('today-first_contact').isVisible()).toBe(true);
    const row = await page.getByTestId('today-first_contact').textContent();
    expect(row).toContain('Ana María Núñez');
    expect(row).toContain('Due soon');
    await expectAccessible(page, 'today');
    await screenshot(page, 'today');
  });

  it('chases an overdue referral twice and then says escalate', async () => {
    await newCase({ victim: 'Beth Holden', perpetrator: 'Carl Nuttall', crn: 'Y654321', sentence: '2026-11-10', ro: 'Sam Ingham' });
    expect(await timerRow('referral').textContent()).toContain('Overdue');
    await page.goto(`${harness.url}#/chase-list`);
    const row = page.locator('[data-testid="chase-table"] tr[data-case-ref]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Chase due');

    for (const [n, date] of [
      [1, '2026-11-24'],
      [2, '2026-11-27'],
    ] as const) {
      await page.getByRole('button', { name: /^Log chase for/ }).click();
      const form = page.getByRole('form', { name: 'Log a chase' });
      const [y, m, d] = date.split('-');
      await form.getByLabel('Day').fill(String(Number(d)));
      await form.getByLabel('Month').fill(String(Number(m)));
      await form.getByLabel('Year').fill(y!);
      await form.getByRole('button', { name: 'Log chase' }).click();
      // The team view: case, victim, worker, CRN, RO, days overdue, chases.
      await expect.poll(() => row.locator('td').nth(6).textContent()).toBe(String(n));
    }
    expect(await row.textContent()).toContain('Escalate');
    await expectAccessible(page, 'chase list');
    await screenshot(page, 'chase-list');

    expect(await row.textContent()).toContain('Beth Holden'); // the team view names the victim and the worker
    // After two chases the ready email goes to the RO's manager, still without anything about her.
    await page.getByRole('button', { name: /^Copy escalation email for/ }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('CRN Y654321');
    expect(copied).toContain('the manager of the responsible officer, Sam Ingham');
    expect(copied).toContain('We have asked 2 times');
    expect(copied).not.toContain('Beth Holden');
  });

  it('lets the admin change the timer rules after seeing how many cases they change, refusing zero days', async () => {
    await page.goto(`${harness.url}#/settings/timers`);
    await page.locator('#referral-amount').fill('abc');
    await page.getByRole('button', { name: 'Check and save' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Referral must be a whole number from 1 to 365');
    // Issue 18: zero and negative days are refused, by the form and by the core.
    for (const bad of ['0', '-3']) {
      await page.locator('#referral-amount').fill(bad);
      await page.getByRole('button', { name: 'Check and save' }).click();
      await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Referral must be a whole number from 1 to 365');
    }
    const rules = await harness.call('timers.rules', {});
    await expect(harness.call('timers.updateRules', { ...rules, referral: { amount: 0, unit: 'days' } })).rejects.toThrow('timers.updateRules: VALIDATION');
    await page.locator('#referral-amount').fill('10');
    await page.locator('#referral-days').check();
    await page.getByRole('button', { name: 'Check and save' }).click();
    // Nothing is saved until the administrator has seen what changes and confirmed.
    await expect.poll(() => page.getByTestId('timers-confirm').textContent()).toContain('These rules change the timers of 2 cases of 2.');
    expect((await harness.call('timers.rules', {})).referral).toEqual(rules.referral);
    await expectAccessible(page, 'timer settings, confirming');
    await page.getByRole('button', { name: 'Save the new rules' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Timers recalculated' }).textContent()).toContain('for 2 cases');
    expect((await harness.call('timers.rules', {})).referral).toEqual({ amount: 10, unit: 'days' });
    await expectAccessible(page, 'timer settings');
  });

  it('shows a long chase list 50 at a time, most overdue first, with pages to move between', async () => {
    for (let i = 0; i < 55; i++) {
      await harness.call('cases.create', {
        case: {
          ownerName: 'Priya Shah',
          victimName: `Victim ${i}`,
          perpetratorName: `Perpetrator ${i}`,
          sentenceDate: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`,
          roName: 'Sam Ingham',
        },
      });
    }
    const { overdue } = await harness.call('chases.list', { scope: 'team' });
    expect(overdue).toBeGreaterThan(50);
    const caption = page.locator('[data-testid="chase-table"] caption');
    const rows = page.locator('[data-testid="chase-table"] tr[data-case-ref]');
    const daysOverdue = async () => (await rows.locator('td:nth-child(6)').allTextContents()).map(Number); // after case, victim, worker, CRN and RO

    await page.goto(`${harness.url}#/chase-list`);
    await expect.poll(() => caption.textContent()).toContain(`${overdue} overdue referrals`);
    expect(await caption.textContent()).toContain('Showing 1 to 50, most overdue first.');
    expect(await rows.count()).toBe(50);
    const firstPage = await daysOverdue();
    expect(firstPage).toEqual([...firstPage].sort((a, b) => b - a));

    const pages = page.getByRole('navigation', { name: 'Chase list pages' });
    await pages.getByRole('link', { name: 'Next page' }).click();
    await expect.poll(() => caption.textContent()).toContain(`Showing 51 to ${overdue}, most overdue first.`);
    expect(page.url()).toMatch(/#\/chase-list\/2\?scope=team$/);
    expect(await rows.count()).toBe(overdue - 50);
    expect(Math.max(...(await daysOverdue()))).toBeLessThanOrEqual(Math.min(...firstPage));
    expect(await pages.getByRole('link', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page');
    // Focus moves to the table once the new page has painted (later than the caption on a busy machine).
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('chase-table');
    await expectAccessible(page, 'chase list, second page');
    await screenshot(page, 'chase-list-second-page');

    // Back goes to the first page; another scope starts at its own first page.
    await page.goBack();
    await expect.poll(() => caption.textContent()).toContain('Showing 1 to 50');
    await pages.getByRole('link', { name: 'Page 2' }).click();
    await expect.poll(() => caption.textContent()).toContain('Showing 51 to');
    await page.locator('#scope').selectOption('mine');
    await expect.poll(() => page.url()).toMatch(/#\/chase-list\?scope=mine$/);
    await expect.poll(() => caption.textContent()).toContain('Showing 1 to 50');
  });

  it('met no Content Security Policy violation or page error along the way', () => {
    expect(problems).toEqual([]);
  });
});
