/**
 * Issue 18, the day's work in Chromium at 1366x768 against the real core: Today's rows lead to
 * the form that meets each timer, its cards filter it and count what the lists hold; the
 * contact log reads history first; the caseload keeps its filters in the address; Reports
 * recalculates only on submit; managers see no write actions; focus follows navigation. The
 * defects each have a test here (or in tests/unit/day-work-wording.test.ts and
 * tests/core/day-work.test.ts) that failed before the fix.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, expectAccessible, fillDateInput, launchChromium, screenshot, watchForProblems } from './browser';
import { startHarness, type Harness } from './harness-server';

const WIDE = { width: 1366, height: 768 };
const ADMIN = { accountName: 'Sam Admin', passphrase: 'kettle lantern orchard seven' };
const WORKER = { accountName: 'Priya Shah', passphrase: 'priya own passphrase' };
const MANAGER = { accountName: 'Mo Manager', passphrase: 'mo own passphrase here' };

let browser: Browser;
let harness: Harness;
let page: Page;
let folder: string;
let problems: string[];
const cases: Record<string, number> = {};
const focus: Record<string, number | string> = {};

async function unlockAs(who: { accountName: string; passphrase: string }) {
  if (harness.core.isUnlocked()) harness.core.lock('requested');
  await harness.core.unlock(who);
  await page.goto(`${harness.url}#/today`);
  await page.reload();
  await page.getByTestId('today-counts').waitFor();
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'plw-e2e-day-'));
  harness = await startHarness({ configDir: folder, now: () => new Date('2026-11-24T09:30:00Z') });
  await harness.core.create({ teamName: 'East Lancashire', ...ADMIN });
  await harness.call('accounts.add', { accountName: WORKER.accountName, role: 'plw', temporaryPassphrase: 'priya first day' });
  await harness.call('accounts.add', { accountName: MANAGER.accountName, role: 'manager', temporaryPassphrase: 'mo first day here' });
  const make = async (key: string, extra: object) =>
    (cases[key] = (await harness.call('cases.create', { case: { ownerName: 'Priya Shah', perpetratorName: `Perp ${key}`, ...extra } as never })).caseId);
  await make('referral', { victimName: 'Rhian Late', sentenceDate: '2026-11-02', roName: 'Jo Bloggs' });
  await make('contact', { victimName: 'Ana María Núñez', sentenceDate: '2026-11-02', referralReceivedDate: '2026-11-09' });
  await make('risk', { victimName: 'Bea Risk', sentenceDate: '2026-06-01', referralReceivedDate: '2026-06-05' });
  await harness.call('risk.log', { caseId: cases.risk!, event: { date: '2026-11-20', category: 'new_incident' } });
  await make('order', { victimName: 'Olwen Order', sentenceDate: '2025-02-01', referralReceivedDate: '2025-02-04' });
  await harness.call('orders.save', {
    caseId: cases.order!,
    order: { orderRef: 'RO-OLD', orderType: 'restraining_order', madeDate: '2025-03-01', expiryDate: '2025-09-30' },
  });
  await harness.call('orders.save', {
    caseId: cases.order!,
    order: { orderRef: 'RO-SOON', orderType: 'restraining_order', madeDate: '2026-02-01', expiryDate: '2026-12-10' },
  });
  harness.core.lock('requested');
  await harness.core.unlock({ accountName: WORKER.accountName, passphrase: 'priya first day', newPassphrase: WORKER.passphrase });
  harness.core.lock('requested');
  await harness.core.unlock({ accountName: MANAGER.accountName, passphrase: 'mo first day here', newPassphrase: MANAGER.passphrase });
  harness.core.lock('requested');
  await harness.core.unlock(WORKER);

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: WIDE });
  page = await context.newPage();
  problems = watchForProblems(page);
  await page.goto(`${harness.url}#/today`);
  await page.getByTestId('today-counts').waitFor();
});

afterAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'focus-measurements.json'), `${JSON.stringify(focus, null, 2)}\n`);
  await browser?.close();
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

const group = (timer: string) => page.getByTestId(`today-${timer}`);

/** Tab presses from where focus is until `reached` holds of the focused element (at most 60). */
async function tabsUntil(reached: () => Promise<boolean>): Promise<number> {
  for (let presses = 1; presses <= 60; presses++) {
    await page.keyboard.press('Tab');
    if (await reached()) return presses;
  }
  throw new Error('not reached in 60 Tab presses');
}

describe('Today, as a worker', () => {
  it("gives each row the action that meets its timer; the window it names is the team's", async () => {
    await expect
      .poll(() =>
        group('referral')
          .getByRole('link', { name: /^Log a chase for Rhian Late/ })
          .count(),
      )
      .toBe(1);
    expect(
      await group('first_contact')
        .getByRole('link', { name: /^Log contact for Ana María Núñez/ })
        .count(),
    ).toBe(1);
    expect(
      await group('risk_share')
        .getByRole('link', { name: /^Record liaison for Bea Risk/ })
        .count(),
    ).toBe(1);
    expect(
      await group('order_expiry')
        .getByRole('link', { name: /^Review order for Olwen Order/ })
        .count(),
    ).toBe(2);
    expect(await page.getByTestId('today-window').textContent()).toContain("Due soon means due in the next 2 days; for an order's expiry, the next 28 days");
    await expectAccessible(page, 'Today');
  });

  it('defect 2: the orders card counts the rows of the order-expiry group, and opens Orders on the same cases', async () => {
    const card = page.getByRole('link', { name: /Orders expired or expiring/ });
    expect(await card.locator('.app-card__count').textContent()).toBe('2');
    expect(await group('order_expiry').locator('tbody tr').count()).toBe(2);
    expect(await card.getAttribute('href')).toBe('#/orders?scope=mine');
    await card.click();
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    expect(await page.locator('#scope').inputValue()).toBe('mine');
    await expect.poll(() => page.getByTestId('expired-orders').textContent()).toContain('RO-OLD');
    expect(await page.getByTestId('expired-orders').textContent()).not.toContain('RO-SOON');
    expect(await page.getByTestId('expiring-orders').textContent()).toContain('RO-SOON');
    expect(await page.getByRole('heading', { name: /Expiring in the next 28 days/ }).count()).toBe(1);
    await expectAccessible(page, 'Orders');
    await screenshot(page, 'day-work/orders-1366x768');
    // Reviewed beside each expired order: it leaves the list, and Today.
    await page.getByRole('button', { name: /^Mark reviewed order RO-OLD/ }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Order RO-OLD on');
    await expect.poll(() => page.getByTestId('expired-orders').count()).toBe(0);
    await page.goBack();
    await expect.poll(() => group('order_expiry').locator('tbody tr').count()).toBe(1);
  });

  it('the Overdue and Due soon cards filter the list, and say so', async () => {
    const overdue = page.getByRole('button', { name: /^\d+ Overdue/ });
    await overdue.click();
    expect(await overdue.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('#today-list-heading').textContent()).toContain('Overdue');
    expect(await page.locator('#today-list').getByText('Due soon', { exact: true }).count()).toBe(0);
    expect(page.url()).toContain('status=overdue');
    await screenshot(page, 'day-work/today-overdue-1366x768');
    await page.getByRole('button', { name: 'Show all', exact: true }).click();
    expect(await overdue.getAttribute('aria-pressed')).toBe('false');
  });

  it('groups fold away', async () => {
    const summary = page.getByTestId('today-group-risk_share').locator('summary');
    await summary.click();
    expect(await group('risk_share').isVisible()).toBe(false);
    await summary.click();
    expect(await group('risk_share').isVisible()).toBe(true);
  });

  it('focus: after navigating, the page heading has focus; counted Tab presses reach the first row and the contact form', async () => {
    await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Caseload' }).click();
    await page.getByRole('heading', { level: 1, name: 'Caseload' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Caseload');
    await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Today' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    focus.todayHeadingToFirstRow = await tabsUntil(() =>
      page.evaluate(() => document.activeElement?.closest('tbody') !== null && document.activeElement?.closest('[data-testid^="today-"]') !== null),
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Rhian Late');

    // A row's action opens its form with the cursor in it: no Tab at all.
    await page.goto(`${harness.url}#/today`);
    await group('first_contact')
      .getByRole('link', { name: /^Log contact for Ana María Núñez/ })
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contact-date-day');
    focus.todayLogContactToForm = 0;

    // The referral's and the engagement review's actions open their forms the same way.
    await page.goto(`${harness.url}#/today`);
    await group('referral')
      .getByRole('link', { name: /^Log a chase for Rhian Late/ })
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('chase-date-day');
    await page.goto(`${harness.url}#/cases/${cases.contact}?act=engagement`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('engagement-status');

    // From the case's heading to the Log a contact button, on the Contacts section.
    await page.goto(`${harness.url}#/cases/${cases.contact}`);
    await page.getByRole('heading', { level: 1, name: 'Ana María Núñez' }).waitFor();
    await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { level: 1 }).focus();
    focus.caseHeadingToLogContactButton = await tabsUntil(() => page.evaluate(() => document.activeElement?.textContent === 'Log a contact'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('form', { name: 'Log a contact' }).isVisible()).toBe(true);
    focus.logContactButtonToFirstField = await tabsUntil(() => page.evaluate(() => document.activeElement?.id === 'contact-date-day'));
    expect(focus.todayHeadingToFirstRow).toBeLessThanOrEqual(12);
    expect(focus.caseHeadingToLogContactButton).toBeLessThanOrEqual(15);
  });
});

describe('the contact log', () => {
  it('defect 8: Direction lists "To the victim" once; defect 1: "do not contact via" stops a contact with that person', async () => {
    await page.goto(`${harness.url}#/cases/${cases.contact}/safety`);
    await page.getByLabel('Do not contact via: their name').fill('Karen Wood');
    await page.getByLabel('Who they are').fill('his sister');
    await page.getByRole('button', { name: 'Save safe-contact profile' }).click();
    await expect.poll(() => page.getByTestId('safe-contact-warning').textContent()).toContain('Do not contact via Karen Wood (his sister).');

    await page.goto(`${harness.url}#/cases/${cases.contact}/contacts?act=log`);
    const form = page.getByRole('form', { name: 'Log a contact' });
    await form.waitFor();
    const directions = await form.getByLabel('Direction').locator('option').allTextContents();
    expect(directions).toEqual(['To the victim', 'From the victim']);
    await form.getByLabel('How').selectOption('phone');
    // Only the outcomes a phone call can have.
    expect(await form.getByLabel('Outcome').locator('option').allTextContents()).not.toContain('Returned mail');
    await form.getByLabel('Outcome').selectOption('spoke_to_victim');
    await form.getByLabel('Someone else (IDVA, police, social worker, RO)').check();
    await form.getByLabel('Who', { exact: true }).fill('karen wood');
    await form.getByRole('button', { name: 'Save as final' }).click();
    await expect.poll(() => page.getByTestId('unsafe-warning').textContent()).toContain('Do not contact the victim via Karen Wood (his sister).');
    await expectAccessible(page, 'contact stopped by do not contact via');
  });

  it('shows a letter without a safe address only where a letter is chosen', async () => {
    expect(await page.getByTestId('safe-contact-warning').textContent()).not.toContain('No safe address');
    const form = page.getByRole('form', { name: 'Log a contact' });
    expect(await page.getByTestId('no-safe-address').count()).toBe(0);
    await form.getByLabel('How').selectOption('letter');
    await expect.poll(() => page.getByTestId('no-safe-address').isVisible()).toBe(true);
    // The phone outcome no longer fits: it is cleared rather than sent.
    expect(await form.getByLabel('Outcome').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Close the form' }).click();
  });

  it('lists newest first, history before the form; defect 3: a deleted contact closes its form and is hidden unless asked for', async () => {
    for (const [date, notes] of [
      ['2026-11-20', 'Older call'],
      ['2026-11-23', 'Newer call'],
    ] as const) {
      await harness.call('contacts.log', { caseId: cases.contact!, contact: { date, method: 'phone', outcome: 'no_answer', notes } });
    }
    await page.reload();
    const log = page.getByTestId('contact-log');
    await expect.poll(() => log.locator('li').count()).toBe(2);
    expect((await log.locator('li').first().textContent()) ?? '').toContain('Newer call');
    // Delete sits behind "More actions", not a red button on every entry.
    expect(await log.getByRole('button', { name: 'Delete contact' }).filter({ visible: true }).count()).toBe(0);
    const newer = log.locator('li').first();
    await newer.locator('summary').click();
    await newer.getByRole('button', { name: 'Delete contact' }).click();
    await expect.poll(() => newer.locator('.govuk-error-message').count()).toBe(1);
    await newer.getByLabel('Why is this contact being deleted? It stays visible to administrators.').fill('Logged on the wrong case');
    await newer.getByRole('button', { name: 'Delete contact' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('was deleted');
    await expect.poll(() => log.locator('li').count()).toBe(1);
    expect(await page.locator('.govuk-error-message').count()).toBe(0);
    expect(await log.getByRole('form', { name: /^Delete the contact/ }).count()).toBe(0);
    // Deleted contacts stay visible to administrators, hidden until asked for.
    await unlockAs(ADMIN);
    await page.goto(`${harness.url}#/cases/${cases.contact}/contacts`);
    await expect.poll(() => log.locator('li').count()).toBe(1);
    await page.getByLabel('Show deleted contacts (1 contact)').check();
    await expect.poll(() => log.locator('li').count()).toBe(2);
    const deleted = log.locator('li', { hasText: 'Newer call' });
    expect(await deleted.textContent()).toContain('Deleted');
    expect(await deleted.getByRole('button').count()).toBe(0);
    expect(await deleted.locator('form').count()).toBe(0);
    await expectAccessible(page, 'contact log with a deleted contact shown');
    await screenshot(page, 'day-work/contact-log-deleted-shown');
    await unlockAs(WORKER);
  });

  it('defect 10: the liaison form is empty again after saving', async () => {
    await page.goto(`${harness.url}#/cases/${cases.risk}/risk?act=liaison`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('liaison-date-day');
    const form = page.getByRole('form', { name: 'Record liaison' });
    await form.getByLabel('Name (optional)').fill('Jo Bloggs');
    await form.getByLabel('How (optional)').fill('Phone');
    await form.getByLabel('What was shared (optional)').fill('The incident on the 20th');
    await form.getByRole('button', { name: 'Record liaison' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Liaison recorded.');
    expect(await form.getByLabel('Name (optional)').inputValue()).toBe('');
    expect(await form.getByLabel('How (optional)').inputValue()).toBe('');
    expect(await form.getByLabel('What was shared (optional)').inputValue()).toBe('');
    expect(await page.getByTestId('liaison').textContent()).toContain('Jo Bloggs');
    await expectAccessible(page, 'risk and liaison after saving');
  });
});

describe('New case and the audit log', () => {
  it("a worker's new case is hers unless she says otherwise", async () => {
    await page.goto(`${harness.url}#/cases/new`);
    await expect.poll(() => page.getByTestId('case-step').textContent()).toBe('Step 1 of 3: Perpetrator and sentence');
    expect(await page.locator('#ownerName').inputValue()).toBe('Priya Shah');
  });

  it('the audit log names cases by reference and gives UK times', async () => {
    await unlockAs(ADMIN);
    await page.goto(`${harness.url}#/settings/audit`);
    const table = page.locator('table', { hasText: 'When (UK time)' });
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toMatch(/Case [A-Z]+-\d{4}-\d{5}/);
    expect(text).not.toMatch(/case \d+\b/);
    expect(text).toContain('on 24 Nov 2026');
    await expectAccessible(page, 'audit log');
    await unlockAs(WORKER);
  });
});

describe('the caseload', () => {
  it('defect 4: keeps its filters and search in the address, so Back from a case returns to them', async () => {
    await page.goto(`${harness.url}#/caseload`);
    await expect.poll(() => page.getByTestId('caseload-count').textContent()).toBe('4 open cases');
    await page.locator('#filter-risk').selectOption('medium');
    await page.locator('#filter-stage').selectOption('in_contact');
    await page.locator('#caseload-search').fill('nunez');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByTestId('caseload-count').textContent()).toBe('No cases match.');
    expect(await page.getByTestId('caseload-empty').textContent()).toContain('No cases match “nunez” with these filters.');
    await page.locator('#filter-risk').selectOption('');
    await expect.poll(() => page.getByTestId('caseload-count').textContent()).toBe('1 case');
    await page
      .getByRole('link', { name: /^[A-Z]+-/ })
      .first()
      .click();
    await page.getByTestId('identity-bar').waitFor();
    await page.goBack();
    await expect.poll(() => page.getByTestId('caseload-count').textContent()).toBe('1 case');
    expect(await page.locator('#filter-stage').inputValue()).toBe('in_contact');
    expect(await page.locator('#caseload-search').inputValue()).toBe('nunez');
    expect(page.url()).toContain('q=nunez');
    await expectAccessible(page, 'caseload');
  });
});

describe('Reports', () => {
  it('defect 5: chosen dates are reported only on submit, and a refused period shows no figures at all', async () => {
    await unlockAs(MANAGER);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/rpc/reports.summary')) asked.push(request.postData() ?? '');
    });
    await page.goto(`${harness.url}#/reports`);
    await page.getByTestId('report-figures').waitFor();
    await page.getByLabel('Choose dates').check();
    const before = asked.length;
    await fillDateInput(page, 'report-from', '2026-11-10');
    await fillDateInput(page, 'report-to', '2026-11-01');
    expect(asked.length).toBe(before); // nothing worked out while typing
    await page.getByRole('button', { name: 'Show figures for these dates' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('The last day must be the same as or after the first day');
    expect(await page.getByTestId('report-figures').count()).toBe(0);
    expect(asked.length).toBe(before);
    await fillDateInput(page, 'report-to', '2026-11-20');
    await page.getByRole('button', { name: 'Show figures for these dates' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /10 November 2026 to 20 November 2026/ }).count()).toBe(1);
    expect(asked.length).toBe(before + 1);
    expect(await page.getByTestId('report-figures').textContent()).not.toContain('None');
    await expectAccessible(page, 'reports with chosen dates');
  });

  it('managers see no write actions on Today, a case or Orders', async () => {
    await page.goto(`${harness.url}#/today`);
    await page.getByTestId('today-counts').waitFor();
    expect(
      await page
        .locator('#today-list')
        .getByRole('link', { name: /^(Log|Record|Review)/ })
        .count(),
    ).toBe(0);
    expect(await page.locator('#today-list th', { hasText: 'Action' }).count()).toBe(0);
    await page.goto(`${harness.url}#/cases/${cases.contact}/contacts`);
    await page.getByTestId('contact-log').waitFor();
    expect(await page.getByRole('button', { name: 'Log a contact' }).count()).toBe(0);
    await page.goto(`${harness.url}#/orders`);
    await page.getByTestId('expiring-orders').waitFor();
    expect(await page.getByRole('button', { name: /Mark reviewed/ }).count()).toBe(0);
    await expectAccessible(page, 'Orders as a manager');
  });
});

describe('at 1366x768 with the demo team', () => {
  it('Today, caseload, case page, chase list and Orders, each axe clean (screenshots in test-artifacts/day-work)', async () => {
    harness.core.lock('requested');
    await harness.core.createDemo({ accountName: 'Demo Dee', passphrase: 'demo passphrase please' });
    await page.goto(`${harness.url}#/today`);
    await page.reload();
    await page.getByTestId('today-counts').waitFor({ timeout: 30_000 });
    const first = (await harness.call('cases.list', { scope: 'team', sort: 'nextDue', direction: 'asc', page: 1, pageSize: 1 })).rows[0]!.caseId;
    for (const [name, hash, ready] of [
      ['today', '#/today', '[data-testid="today-counts"]'],
      ['caseload', '#/caseload', '[data-testid="caseload-table"] tbody a'],
      ['case-page', `#/cases/${first}/contacts`, '[data-testid="contact-log"]'],
      ['chase-list', '#/chase-list', '[data-testid="chase-table"]'],
      ['orders', '#/orders', '[data-testid="expired-orders"], [data-testid="expiring-orders"]'],
    ] as const) {
      await page.goto(`${harness.url}${hash}`);
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      await expectAccessible(page, `${name} (demo)`);
      mkdirSync(join(ARTIFACTS, 'day-work'), { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'day-work', `${name}-1366x768.png`) });
    }
    // The caseload at this size: case refs on one line, and more rows above the fold than before (3).
    await page.goto(`${harness.url}#/caseload`);
    await page.locator('[data-testid="caseload-table"] tbody a').first().waitFor();
    const fold = await page.evaluate(() => {
      const rows = Array.from(document.querySelectorAll('[data-testid="caseload-table"] tbody tr[aria-rowindex]'));
      const visible = rows.filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight).length;
      const wrapped = Array.from(document.querySelectorAll('[data-testid="caseload-table"] tbody td:first-child a')).filter(
        (link) => link.getClientRects().length > 1,
      ).length;
      return { visible, wrapped };
    });
    focus.caseloadRowsAboveFold = fold.visible;
    expect(fold.wrapped).toBe(0);
    expect(fold.visible).toBeGreaterThanOrEqual(6);
  });

  it('met no Content Security Policy violation or page error along the way', () => {
    expect(problems).toEqual([]);
  });
});

describe('defect 9: Create database lists every problem at once', () => {
  it('in the order of the page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'plw-e2e-create-'));
    const fresh = await startHarness({ configDir: empty });
    const other = await browser.newPage({ viewport: WIDE });
    try {
      await other.goto(fresh.url);
      await other.getByRole('heading', { name: 'Create your team database' }).waitFor();
      await other.locator('#passphrase').fill('short');
      await other.getByRole('button', { name: 'Create database' }).click();
      const items = other.locator('.govuk-error-summary li');
      await expect.poll(() => items.count()).toBeGreaterThanOrEqual(3);
      const text = await items.allTextContents();
      expect(text[0]).toMatch(/team/i);
      expect(text[1]).toMatch(/account name/i);
      expect(text[2]).toMatch(/passphrase/i);
      expect(fresh.core.isUnlocked()).toBe(false);
      await expectAccessible(other, 'create database with errors');
    } finally {
      await other.close();
      await fresh.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
