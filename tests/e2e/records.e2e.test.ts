/**
 * After the referral, in Chromium against the real core: the first contact meets its timer and
 * leaves Today; a risk event and sharing it with the RO; an unsafe letter stopped until a reason
 * is given; an order; children; and the timeline of it all.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, fillDateInput, launchChromium, screenshot, watchForProblems } from './browser';
import { startHarness, type Harness } from './harness-server';

let browser: Browser;
let harness: Harness;
let page: Page;
let folder: string;
let problems: string[];
let caseId: number;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'plw-e2e-records-'));
  harness = await startHarness({ configDir: folder, now: () => new Date('2026-11-24T09:30:00Z'), choose: async (_kind, name) => join(folder, name ?? 'file') });
  await harness.core.create({ teamName: 'East Lancashire', accountName: 'Priya Shah', passphrase: 'kettle lantern orchard seven' });
  ({ caseId } = await harness.call('cases.create', {
    case: {
      ownerName: 'Priya Shah',
      victimName: 'Ana María Núñez',
      perpetratorName: 'Darren Threlkeld',
      crn: 'X123456',
      sentenceDate: '2026-11-10',
      referralReceivedDate: '2026-11-17',
      roName: 'Jo Bloggs',
    },
  }));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  problems = watchForProblems(page);
  await page.goto(harness.url);
  await page.getByRole('heading', { name: 'Today' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

const timerRow = (timer: string) => page.locator(`[data-testid="timers-table"] tr[data-timer="${timer}"]`);

describe('records after the referral', () => {
  it('logging the first contact attempt meets first_contact on time and takes it off Today', async () => {
    await expect.poll(() => page.getByTestId('today-first_contact').textContent()).toContain('Ana María Núñez');
    await page
      .getByTestId('today-first_contact')
      .getByRole('link', { name: /^Log contact/ })
      .click();
    const form = page.getByRole('form', { name: 'Log a contact' });
    await form.waitFor();
    await form.getByLabel('How').selectOption('phone');
    await form.getByLabel('Outcome').selectOption('no_answer');
    await form.getByLabel('Notes').fill('Rang the safe number, no answer.');
    await form.getByRole('button', { name: 'Save as final' }).click();
    await expect.poll(() => page.getByTestId('contact-log').textContent()).toContain('Rang the safe number');
    // The form closes; focus is back on the button that opened it, beside "Contact logged."
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('log-contact-button');
    expect(await page.getByRole('status').filter({ hasText: 'Contact logged.' }).count()).toBe(1);
    await expectAccessible(page, 'contacts');

    await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => timerRow('first_contact').textContent()).toContain('Met');
    expect(await timerRow('first_contact').textContent()).toContain('24 Nov 2026');
    await page.goto(`${harness.url}#/today`);
    await expect.poll(() => page.getByTestId('today-counts').isVisible()).toBe(true);
    expect(await page.getByTestId('today-first_contact').count()).toBe(0);
  });

  it('keeps a final note and shows a correction beneath it', async () => {
    await page.goto(`${harness.url}#/cases/${caseId}/contacts`);
    await page.getByRole('button', { name: 'Add amendment' }).click();
    await page.getByLabel('Amendment (the original note is kept)').fill('It was the home number, not the safe one.');
    await page.getByRole('button', { name: 'Save amendment' }).click();
    const log = page.getByTestId('contact-log');
    await expect.poll(() => log.textContent()).toContain('It was the home number, not the safe one.');
    expect(await log.textContent()).toContain('Rang the safe number, no answer.');
  });

  it('warns before an unsafe letter, naming the rule, and logs it only with a reason', async () => {
    await page.goto(`${harness.url}#/cases/${caseId}/safety`);
    await page.getByLabel('No letters').check();
    await page.getByRole('button', { name: 'Save safe-contact profile' }).click();
    await expect.poll(() => page.getByText('Safe-contact profile saved.').isVisible()).toBe(true);
    // The warning comes from the case, re-read after the save: wait for it rather than race it.
    await expect.poll(() => page.getByTestId('safe-contact-warning').textContent()).toContain('No letters.');
    await expectAccessible(page, 'safety');

    await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Contacts' }).click();
    // The history comes first; the form waits behind its button.
    await page.getByRole('button', { name: 'Log a contact' }).click();
    const form = page.getByRole('form', { name: 'Log a contact' });
    await form.getByLabel('How').selectOption('letter');
    await form.getByLabel('Outcome').selectOption('letter_sent');
    await form.getByRole('button', { name: 'Save as final' }).click();
    await expect.poll(() => page.getByTestId('unsafe-warning').textContent()).toContain('Letters are not safe for this victim (no letters).');
    expect(await page.getByTestId('contact-log').locator('li').count()).toBe(1);
    await expectAccessible(page, 'unsafe contact warning');
    await screenshot(page, 'contact-unsafe-warning');
    await page.getByLabel('Why it is right to go ahead').fill('She asked for the letter to go to her solicitor.');
    await form.getByRole('button', { name: 'Save as final' }).click();
    await expect.poll(() => page.getByTestId('contact-log').locator('li').count()).toBe(2);
    expect(await page.getByTestId('contact-log').textContent()).toContain('Safe-contact rule overridden: She asked for the letter to go to her solicitor.');
  });

  it('a risk event starts risk_share; sharing it with the RO meets it', async () => {
    await page.goto(`${harness.url}#/cases/${caseId}`);
    await page.getByRole('heading', { name: 'Timers' }).waitFor();
    await page.keyboard.press('r');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('risk-date-day');
    await fillDateInput(page, 'risk-date', '2026-11-20'); // a Friday: due the next working day, Monday 23rd
    await page.getByLabel('What happened').selectOption('new_incident');
    await page.getByRole('button', { name: 'Log risk event' }).click();
    await expect.poll(() => page.getByTestId('risk-events').textContent()).toContain('New incident');
    await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => timerRow('risk_share').textContent()).toContain('Overdue');

    await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Risk and liaison' }).click();
    const liaison = page.getByRole('form', { name: 'Record liaison' });
    await liaison.getByLabel('Name (optional)').fill('Jo Bloggs');
    await liaison.getByRole('button', { name: 'Record liaison' }).click();
    await expect.poll(() => page.getByTestId('liaison').textContent()).toContain('Jo Bloggs');
    await expectAccessible(page, 'risk and liaison');
    await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => timerRow('risk_share').textContent()).toContain('Met late');
  });

  it('records a protective order, shown in the header and on the Orders page', async () => {
    await page.goto(`${harness.url}#/cases/${caseId}/orders`);
    await page.getByText('Add an order').click();
    const form = page.getByRole('form', { name: 'Add an order' });
    await form.getByLabel('Type').selectOption('non_molestation_order');
    await fillDateInput(page, 'order-made', '2026-06-01');
    await fillDateInput(page, 'order-expiry', '2026-12-10');
    await form.getByLabel('The police').check();
    await form.getByRole('button', { name: 'Add order' }).click();
    await expect.poll(() => page.locator('[data-order-ref="ORD-1"]').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('identity-bar').textContent()).toContain('1 active order');
    await expectAccessible(page, 'orders');
    await screenshot(page, 'orders-panel');
    await page.goto(`${harness.url}#/orders`);
    await page.locator('#scope').selectOption('team');
    await expect.poll(() => page.getByTestId('expiring-orders').textContent()).toContain('Non-molestation order (ORD-1)');
    await expectAccessible(page, 'orders page');
  });

  it('records a child, counted in the header with the highest safeguarding status', async () => {
    await page.goto(`${harness.url}#/cases/${caseId}/children`);
    await page.getByText('Add a child').click();
    await page.getByLabel('Name').fill('Mia');
    await page.getByLabel('Age in years (if the date of birth is not known)').fill('7');
    await page.getByLabel('Safeguarding status').selectOption('child_protection_plan');
    await page.getByRole('button', { name: 'Add child' }).click();
    await expect.poll(() => page.getByTestId('children-table').textContent()).toContain('Mia');
    await expect.poll(() => page.getByTestId('identity-bar').textContent()).toContain('1 child: child protection plan');
    await expectAccessible(page, 'children');
  });

  it('shows everything on the case in the timeline, filterable by kind', async () => {
    await page.goto(`${harness.url}#/cases/${caseId}/timeline`);
    const timeline = page.getByTestId('timeline');
    await expect.poll(() => timeline.locator('.moj-timeline__item').count()).toBeGreaterThanOrEqual(7);
    const text = await timeline.textContent();
    for (const expected of [
      'Sentenced',
      'Referral received',
      'Phone call: no answer',
      'Letter: letter sent',
      'Risk event: new incident',
      'Shared with Responsible officer (RO)',
      'Non-molestation order made',
    ]) {
      expect(text).toContain(expected);
    }
    await expectAccessible(page, 'timeline');
    await screenshot(page, 'case-timeline');
    await page.getByLabel('Risk events').check();
    await expect.poll(() => timeline.locator('.moj-timeline__item').count()).toBe(1);
  });

  it('refuses a letter while letters are unsafe, makes it with a reason, and logs it once confirmed sent', async () => {
    // The numbers a letter gives her (model v2 §7); without them a letter needs a second reason (tests/e2e/letters.e2e.test.ts).
    await harness.call('workers.setOwnPhone', { phone: '01632 960555' });
    const { version } = await harness.call('settings.get', {});
    await harness.call('settings.update', { version, teamPhone: '01632 960000', teamAddress: '2 Union Road, Accrington' });
    await page.goto(`${harness.url}#/cases/${caseId}/letters`);
    await expect.poll(() => page.getByTestId('letter-unsafe').textContent()).toContain('Letters are not safe for this victim (no letters).');
    expect(await page.getByTestId('letter-preview').textContent()).toContain('Dear Ana,');
    await page.getByRole('button', { name: 'Make PDF' }).click();
    await expect.poll(() => page.locator('.govuk-error-message').textContent()).toContain('To go ahead anyway, give the reason.');
    expect(existsSync(join(folder, 'PL-2026-00001-initial-contact.pdf'))).toBe(false);
    await expectAccessible(page, 'letters');
    await page.getByLabel('Why it is right to send a letter').fill('Solicitor’s office, agreed with her by phone');
    await page.getByRole('button', { name: 'Make PDF' }).click();
    await expect.poll(() => page.getByText('Saved as PL-2026-00001-initial-contact.pdf.', { exact: false }).isVisible()).toBe(true);
    expect(existsSync(join(folder, 'PL-2026-00001-initial-contact.pdf'))).toBe(true);
    await page.getByRole('button', { name: 'Confirm the letter was sent' }).click();
    await expect.poll(() => page.getByText('Initial contact letter logged as sent.').isVisible()).toBe(true);
    await page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Contacts' }).click();
    await expect.poll(() => page.getByTestId('contact-log').textContent()).toContain('Initial contact letter sent.');
  });

  it("says when the Orders page shows only the first 1,000 of a national team's orders", async () => {
    // 1,000 more orders expiring within 28 days, ten on each of 100 cases.
    for (let c = 0; c < 100; c++) {
      const { caseId: other } = await harness.call('cases.create', {
        case: { ownerName: 'Sam Ingham', victimName: `Victim ${c}`, perpetratorName: `Perpetrator ${c}`, sentenceDate: '2026-06-01' },
      });
      for (let o = 0; o < 10; o++) {
        await harness.call('orders.save', {
          caseId: other,
          order: {
            orderRef: `R-${o}`,
            orderType: 'restraining_order',
            madeDate: '2026-06-01',
            expiryDate: `2026-12-${String(1 + o).padStart(2, '0')}`,
            protectedPeople: ['victim'],
          },
        });
      }
    }
    await page.goto(`${harness.url}#/orders`);
    await page.locator('#scope').selectOption('team');
    await expect
      .poll(() => page.getByTestId('showing-first').textContent())
      .toBe('Showing the first 1,000 of 1,001 orders, soonest expiry first. Choose one worker under Show to see all of theirs.');
    expect(await page.getByTestId('expiring-orders').locator('tbody tr').count()).toBe(1000);
    await expectAccessible(page, 'orders page, capped');
  });

  it('refuses a save from a form opened before someone else saved, keeps what was typed, and reverts nothing', async () => {
    await page.goto(`${harness.url}#/cases/${caseId}/edit`);
    await page.getByRole('heading', { name: /^Edit case/ }).waitFor();
    // Meanwhile, in another window: a new safe number, and no voicemail.
    const before = await harness.call('safety.get', { caseId });
    await harness.call('safety.update', { caseId, profile: { ...before.profile, safePhone: '01632 960999', noVoicemail: true }, version: before.version });

    await page.getByLabel('Phone number (optional)').fill('01632 960111');
    await page.getByRole('button', { name: /^Save/ }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.textContent()).toContain('This was changed by Priya Shah at 09:30 on 24 Nov 2026: reload and apply your change again.');
    expect(await page.getByLabel('Phone number (optional)').inputValue()).toBe('01632 960111');
    await expectAccessible(page, 'stale edit refused');
    await screenshot(page, 'case-edit-stale-refused');
    const after = await harness.call('safety.get', { caseId });
    expect(after.profile).toMatchObject({ safePhone: '01632 960999', noVoicemail: true });
    expect((await harness.call('cases.get', { caseId })).fields.victimPhone ?? null).not.toBe('01632 960111');

    // Loaded afresh, the other window's "no voicemail" shows, and the change saves.
    await page.getByRole('button', { name: 'Load the case as it is now' }).click();
    await expect.poll(() => page.getByLabel('Do not leave voicemail').isChecked()).toBe(true);
    await page.getByLabel('Phone number (optional)').fill('01632 960111');
    await page.getByRole('button', { name: /^Save/ }).click();
    await page.getByRole('link', { name: 'Edit case' }).waitFor();
    expect((await harness.call('cases.get', { caseId })).fields).toMatchObject({ victimPhone: '01632 960111', noVoicemail: true });
  });

  it('met no Content Security Policy violation or page error along the way', () => {
    expect(problems).toEqual([]);
  });
});
