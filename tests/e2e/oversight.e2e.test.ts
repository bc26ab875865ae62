/**
 * Oversight in Chromium against the real core (model v2 §6): a manager draws a sample of each
 * worker's cases, opens one, audits it with the checklist filled in from its records, and keeps
 * a supervision note that the worker then reads (and an administrator never sees). axe on each page.
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
const clock = new Date('2026-11-25T09:30:00Z');
const MANAGER = { accountName: 'Mo Manager', passphrase: 'mo own passphrase here' };
const WORKER = { accountName: 'Priya Shah', passphrase: 'priya own passphrase' };
const caseIds: Record<string, number> = {};

async function unlockAs(who: { accountName: string; passphrase: string }) {
  if (harness.core.isUnlocked()) harness.core.lock('requested');
  await harness.core.unlock(who);
  await page.goto(`${harness.url}#/today`);
  await page.reload();
  await page.getByTestId('today-counts').waitFor();
}

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'plw-e2e-oversight-'));
  harness = await startHarness({ configDir, now: () => clock });
  await harness.core.create({ teamName: 'East Lancashire', accountName: 'Sam Admin', passphrase: 'kettle lantern orchard seven' });
  await harness.call('accounts.add', { accountName: WORKER.accountName, role: 'plw', temporaryPassphrase: 'priya first day' });
  await harness.call('accounts.add', { accountName: MANAGER.accountName, role: 'manager', temporaryPassphrase: 'mo first day here' });
  for (const [caseRef, referralReceivedDate] of [
    ['OV-1', '2026-11-03'],
    ['OV-2', null],
  ] as const)
    caseIds[caseRef] = (
      await harness.call('cases.create', {
        case: {
          ownerName: 'Priya Shah',
          caseRef,
          victimName: `Victim ${caseRef}`,
          perpetratorName: 'P',
          sentenceDate: '2026-11-02',
          referralReceivedDate,
        } as never,
      })
    ).caseId;
  harness.core.lock('requested');
  await harness.core.unlock({ accountName: WORKER.accountName, passphrase: 'priya first day', newPassphrase: WORKER.passphrase });
  harness.core.lock('requested');
  await harness.core.unlock({ accountName: MANAGER.accountName, passphrase: 'mo first day here', newPassphrase: MANAGER.passphrase });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  problems = watchForProblems(page);
  await page.goto(harness.url);
  await page.getByTestId('today-counts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('a manager’s case audit', () => {
  it('draws a sample of each worker’s open cases from Reports → Case audits', async () => {
    await page.goto(`${harness.url}#/reports`);
    await page.getByRole('navigation', { name: 'Reports sections' }).getByRole('link', { name: 'Case audits' }).click();
    await page.getByRole('heading', { name: 'Case audits' }).waitFor();
    await page.locator('#perWorker').fill('0');
    await page.getByRole('button', { name: 'Draw a sample' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Enter a whole number of cases from 1 to 20');
    await page.locator('#perWorker').fill('5');
    await page.getByRole('button', { name: 'Draw a sample' }).click();
    const sample = page.getByTestId('audit-sample');
    await expect.poll(() => sample.textContent()).toContain('2 cases to audit');
    expect(await sample.textContent()).toContain('OV-1');
    await expectAccessible(page, 'case audits page with a sample');
    await sample.getByRole('link', { name: 'OV-1' }).click();
    await page.getByRole('heading', { name: 'Case audits' }).waitFor();
  });

  it('audits the case with each answer filled in from its records, and the audit is listed on the case and the month', async () => {
    // Referral met on time; first contact (due 10 Nov) never attempted; no safety plan.
    expect(await page.locator('#audit-first_contact_on_time-no').isChecked()).toBe(true);
    expect(await page.locator('#audit-referral_chased-not_applicable').isChecked()).toBe(true);
    expect(await page.locator('#audit-safety_plan_current-no').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Record audit' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Choose the outcome of the audit');
    await page.locator('#audit-outcome-requires_improvement').check();
    await page.locator('#audit-actions').fill('Attempt first contact this week; agree a safety plan');
    await page.getByRole('button', { name: 'Record audit' }).click();
    const audit = page.locator('[data-testid^="case-audit-"]');
    await expect.poll(() => audit.textContent()).toContain('Requires improvement');
    expect(await audit.textContent()).toContain('Work of Priya Shah');
    expect(await audit.textContent()).toContain('Attempt first contact this week');
    await expectAccessible(page, 'case audit section');
    await screenshot(page, 'case-audit');
    await page.goto(`${harness.url}#/reports/audits`);
    await expect.poll(() => page.getByTestId('audits-done').textContent()).toContain('OV-1');
  });
});

describe('offices and who the team reached', () => {
  it('an administrator adds an office, puts an account and a case in it', async () => {
    await unlockAs({ accountName: 'Sam Admin', passphrase: 'kettle lantern orchard seven' });
    await page.goto(`${harness.url}#/settings/team`);
    await page.locator('#officeName').fill('Blackburn PDU');
    await page.getByRole('button', { name: 'Add office' }).click();
    await expect.poll(() => page.getByTestId('offices').textContent()).toContain('Blackburn PDU');
    await expectAccessible(page, 'team settings with an office');
    await page.goto(`${harness.url}#/settings/accounts`);
    await page.locator('#office-Priya-Shah').selectOption({ label: 'Blackburn PDU' });
    await expect.poll(() => page.locator('#office-Priya-Shah').inputValue()).not.toBe('');
    await expectAccessible(page, 'accounts with offices');
    await page.goto(`${harness.url}#/cases/${caseIds['OV-1']}/edit`);
    await page.locator('#officeId').selectOption({ label: 'Blackburn PDU' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('identity-bar').waitFor();
    const offices = (await harness.call('offices.list', {})) as { name: string; cases: number; accounts: number }[];
    expect(offices).toEqual([expect.objectContaining({ name: 'Blackburn PDU', cases: 1, accounts: 1 })]);
  });

  it('a manager reports on the office, with who it reached', async () => {
    await harness.call('contacts.log', { caseId: caseIds['OV-1']!, contact: { date: '2026-11-20', method: 'phone', outcome: 'spoke_to_victim' } });
    await unlockAs(MANAGER);
    await page.goto(`${harness.url}#/reports`);
    await page.getByTestId('report-figures').waitFor();
    await page.locator('#report-scope').selectOption({ label: 'Blackburn PDU' });
    await page.getByLabel('Choose dates').check();
    await fillDateInput(page, 'report-from', '2026-11-01');
    await fillDateInput(page, 'report-to', '2026-11-25');
    await page.getByRole('button', { name: 'Show figures for these dates' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /^Blackburn PDU: 1 November 2026 to 25 November 2026/ }).count()).toBe(1);
    const equality = page.getByTestId('equality');
    await expect.poll(() => equality.textContent()).toContain('Not recorded');
    await expectAccessible(page, 'reports for an office, with who the team reached');
    await screenshot(page, 'reports-office-equality');
  });
});

describe('supervision notes', () => {
  it('a manager keeps a note for a worker', async () => {
    await page.goto(`${harness.url}#/reports/supervision`);
    await page.getByRole('heading', { name: 'Supervision' }).waitFor();
    await page.locator('#supervision-worker').selectOption({ label: 'Priya Shah' });
    await page.getByRole('heading', { name: 'Notes for Priya Shah' }).waitFor();
    await page.locator('#supervision-note').fill('Caseload manageable; first contacts slipping while covering for Tom.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => page.getByTestId('supervision-notes').textContent()).toContain('first contacts slipping');
    await expectAccessible(page, 'supervision page (manager)');
  });

  it('the worker reads their own notes and the case audit; an administrator sees neither section', async () => {
    await unlockAs(WORKER);
    await page.goto(`${harness.url}#/reports/supervision`);
    await expect.poll(() => page.getByTestId('supervision-notes').textContent()).toContain('first contacts slipping');
    expect(await page.locator('#supervision-worker').count()).toBe(0);
    await expectAccessible(page, 'supervision page (worker)');
    await page.goto(`${harness.url}#/cases/${caseIds['OV-1']}/audits`);
    await expect.poll(() => page.locator('[data-testid^="case-audit-"]').textContent()).toContain('Requires improvement');
    expect(await page.getByRole('button', { name: 'Record audit' }).count()).toBe(0);
    await unlockAs({ accountName: 'Sam Admin', passphrase: 'kettle lantern orchard seven' });
    await page.goto(`${harness.url}#/reports`);
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Reports sections' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
