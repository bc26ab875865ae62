/**
 * Model v2 in Chromium: a man with two victims. A new relationship disclosed on his first case
 * opens a linked case for the new partner from the risk event, prefilled with him, his sentence,
 * his RO and the disclosure as the referral; both case pages show the other as linked, and both
 * timelines the risk event. Her engagement is set to "no contact at all" and stops a call.
 * Every page checked with axe.
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
const clock = new Date('2026-11-24T09:30:00Z');
let firstCase = 0;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'plw-e2e-linked-'));
  harness = await startHarness({ configDir, now: () => clock });
  await harness.core.create({ teamName: 'East Lancashire', accountName: 'Priya Shah', passphrase: 'kettle lantern orchard seven' });
  const created = (await harness.call('cases.create', {
    case: {
      ownerName: 'Priya Shah',
      caseRef: 'LK-1',
      victimName: 'Ana Example',
      perpetratorName: 'Dan Example',
      crn: 'X654321',
      sentenceDate: '2026-03-02',
      sentenceType: 'licence',
      releaseDate: '2026-11-16',
      custodyStatus: 'in_community',
      referralReceivedDate: '2026-11-17',
      roName: 'Rob Officer',
      roEmail: 'rob.officer@probation.example.org',
      relationship: 'ex_partner',
    },
  })) as { caseId: number };
  firstCase = created.caseId;
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  problems = watchForProblems(page);
  await page.goto(harness.url);
  await page.getByRole('heading', { name: 'Today' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  rmSync(configDir, { recursive: true, force: true });
});

/** A case's timeline as shown, once it shows `expected` (waiting on it: the page before may still say "Risk event" too). */
const timelineText = async (caseId: number, expected: string) => {
  await page.goto(`${harness.url}#/cases/${caseId}/timeline`);
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  await expect.poll(() => page.locator('main').textContent()).toContain(expected);
  return (await page.locator('main').textContent()) ?? '';
};

describe('a new relationship disclosed opens a linked case for the new partner', () => {
  it('logs the disclosure as a risk event and offers the linked case', async () => {
    await page.goto(`${harness.url}#/cases/${firstCase}/risk`);
    await page.getByRole('heading', { name: 'Risk events' }).waitFor();
    await fillDateInput(page, 'risk-date', '2026-11-23');
    await page.locator('#risk-category').selectOption('new_relationship');
    await page.locator('#risk-description').fill('Told his group he has a new partner');
    await page.getByRole('button', { name: 'Log risk event' }).click();
    await page.getByTestId('new-partner-offer').waitFor();
    await expectAccessible(page, 'risk event with the new partner offer');
    await screenshot(page, 'new-partner-offer');
    await page.getByTestId('new-partner-offer').getByRole('link', { name: 'Open a linked case for the new partner' }).click();
    await page.getByRole('heading', { name: 'New linked case for a new partner' }).waitFor();
  });

  it('prefills him, his sentence and RO, her relationship and the disclosure as the referral; the worker adds her and saves', async () => {
    await expect.poll(() => page.locator('#perpetratorName').inputValue()).toBe('Dan Example');
    expect(await page.locator('#crn').inputValue()).toBe('X654321');
    expect(await page.locator('#roName').inputValue()).toBe('Rob Officer');
    expect(await page.locator('#sentenceType').inputValue()).toBe('licence');
    expect(await page.locator('#relationship').inputValue()).toBe('new_partner');
    expect(await page.locator('#referralReceivedDate-day').inputValue()).toBe('23');
    expect(await page.locator('#releaseDate-year').inputValue()).toBe('2026');
    expect(await page.getByTestId('shared-person').textContent()).toContain('other case');
    await expectAccessible(page, 'new linked case form');
    await screenshot(page, 'linked-case-form');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#victimName').fill('Cleo Example');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Create case' }).click();
    await expect.poll(() => page.getByTestId('identity-bar').textContent()).toContain('Cleo Example');
    expect(await page.getByTestId('linked-cases').textContent()).toContain('LK-1');
    expect(await page.getByTestId('linked-cases').textContent()).toContain('Ex-partner');
    // Her first contact is due 7 days after the disclosure.
    expect(await page.locator('[data-testid="timers-table"] tr[data-timer="first_contact"]').textContent()).toContain('30 Nov 2026');
    await expectAccessible(page, 'linked case page');
    await screenshot(page, 'linked-case');
  });

  it('shows the disclosure on both timelines: as his risk event on the first, as a linked case’s on hers', async () => {
    const second = Number(/#\/cases\/(\d+)/.exec(page.url())![1]);
    expect(second).not.toBe(firstCase);
    const hers = await timelineText(second, 'Risk event on linked case LK-1: new relationship disclosed');
    expect(hers).not.toContain('Told his group');
    await expectAccessible(page, 'timeline with a linked case risk event');
    const his = await timelineText(firstCase, 'Risk event: new relationship disclosed');
    expect(his).not.toContain('Risk event on linked case');
    await page.goto(`${harness.url}#/cases/${firstCase}`);
    await expect.poll(() => page.getByTestId('linked-cases').textContent()).toMatch(/Cleo Example|New partner/);
  });

  it('sets her engagement to "no contact at all" by hand, and a call to her is then stopped with the rule named', async () => {
    await page.goto(`${harness.url}#/cases/${firstCase}`);
    await page.getByTestId('engagement').waitFor();
    await page.getByText('Set her engagement by hand').click();
    await page.locator('#engagement-status').selectOption('no_contact');
    await page.locator('#engagement-reason').fill('Asked through her IDVA');
    await page.getByRole('button', { name: 'Set engagement' }).click();
    await expect.poll(() => page.getByTestId('engagement-tag').textContent()).toBe('No contact at all');
    expect(await page.getByTestId('engagement-history').textContent()).toContain('Asked through her IDVA');
    await expectAccessible(page, 'engagement set by hand');
    await page.goto(`${harness.url}#/cases/${firstCase}/contacts?act=log`);
    await page.locator('#contact-method').waitFor();
    await page.locator('#contact-method').selectOption('phone');
    await page.locator('#contact-outcome').selectOption('no_answer');
    await page.getByRole('button', { name: 'Save as final' }).first().click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('She has asked for no contact at all.');
    await screenshot(page, 'no-contact-stops-a-call');
  });

  it('had no console errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
