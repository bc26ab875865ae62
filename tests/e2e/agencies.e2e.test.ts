/**
 * Model v2 part 2 in Chromium against the real core: a police check asked for, overdue on Today,
 * chased with a ready email that says nothing about her, and answered; a DASH checklist of 24
 * answers at the threshold; a MARAC referral, meeting and action done; a safety plan agreed,
 * then brought forward by a risk event on a linked case (the same man's new partner), listed on
 * Today and reviewed from there; the risk event's share marked "escalate". axe on every page.
 * Today is Wed 25 Nov 2026.
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
let ana = 0;
let bea = 0;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'plw-e2e-agencies-'));
  harness = await startHarness({ configDir, now: () => clock });
  await harness.core.create({ teamName: 'East Lancashire', accountName: 'Priya Shah', passphrase: 'kettle lantern orchard seven' });
  const make = async (caseRef: string, victimName: string, referralReceivedDate: string) =>
    (
      (await harness.call('cases.create', {
        case: {
          ownerName: 'Priya Shah',
          caseRef,
          victimName,
          perpetratorName: 'Dan Example',
          crn: 'X654321',
          sentenceDate: '2026-11-02',
          referralReceivedDate,
          roName: 'Rob Officer',
        },
      })) as { caseId: number }
    ).caseId;
  ana = await make('AG-1', 'Ana Example', '2026-11-03');
  bea = await make('AG-2', 'Bea Example', '2026-11-16');
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

const openToday = async () => {
  await page.goto(`${harness.url}#/today`);
  await page.getByTestId('today-counts').waitFor();
};

describe('a police check: asked, overdue on Today, chased and answered', () => {
  it('is asked for on the Agencies section and shows overdue (due Mon 16 Nov)', async () => {
    await page.goto(`${harness.url}#/cases/${ana}/agencies`);
    await page.getByRole('heading', { name: 'Police and children’s social care checks' }).waitFor();
    await page.getByRole('button', { name: 'Ask for a check' }).click();
    await page.getByRole('button', { name: 'Record check asked for' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Choose which check was asked for');
    await page.locator('#check-agency').selectOption('police');
    await fillDateInput(page, 'check-requestedDate', '2026-11-02');
    await page.locator('#check-requestedFrom').fill('Lancashire Police PPU');
    await page.getByRole('button', { name: 'Record check asked for' }).click();
    const check = page.locator('[data-testid^="agency-check-"]').first();
    await expect.poll(() => check.textContent()).toContain('Reply due 16 Nov 2026');
    expect(await check.textContent()).toContain('Overdue');
    await expectAccessible(page, 'agencies section with an overdue check');
    await screenshot(page, 'agencies-check-overdue');
  });

  it('is on Today, and its action opens the checks with focus on them', async () => {
    await openToday();
    const group = page.getByTestId('today-group-agency_check');
    await expect.poll(() => group.textContent()).toContain('AG-1');
    await group.getByRole('link', { name: 'Record reply or chase' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('agency-checks');
  });

  it('offers a chase email that names our reference and his CRN, never her', async () => {
    const email = (await page.locator('[data-testid^="check-chase-email-"]').first().textContent()) ?? '';
    expect(email).toContain('Dear Lancashire Police PPU');
    expect(email).toContain('CRN X654321');
    expect(email).toContain('2 November 2026');
    expect(email).not.toContain('Ana');
    await page.getByRole('button', { name: /^Log chase/ }).click();
    await page.getByRole('button', { name: 'Log chase', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid^="agency-check-"]').first().textContent()).toContain('Chased 25 Nov 2026');
  });

  it('records the reply, which meets the timer late', async () => {
    await page.getByRole('button', { name: /^Record reply/ }).click();
    const id = await page.locator('[id^="reply-"][id$="-replyDate-day"]').getAttribute('id');
    await fillDateInput(page, id!.replace(/-day$/, ''), '2026-11-20');
    await page.locator('[id^="reply-"][id$="-summary"]').fill('Two call-outs in 2025');
    await page.getByRole('button', { name: 'Save reply' }).click();
    const check = page.locator('[data-testid^="agency-check-"]').first();
    await expect.poll(() => check.textContent()).toContain('Reply 20 Nov 2026: Two call-outs in 2025');
    expect(await check.textContent()).toContain('Met late');
  });
});

describe('DASH and MARAC', () => {
  it('a DASH of 24 answers scores its yeses and, at 14 or more, suggests MARAC', async () => {
    await page.getByRole('button', { name: 'Record a DASH checklist' }).click();
    await page.getByRole('button', { name: 'Save checklist' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Enter who completed the checklist');
    await page.locator('#dash-assessor').fill('Priya Shah');
    for (let q = 1; q <= 24; q++) await page.locator(q <= 15 ? `#dash-q${q}` : `#dash-q${q}-no`).check();
    expect(await page.getByTestId('dash-score').textContent()).toContain('15');
    await page.getByTestId('marac-suggestion').waitFor();
    await expectAccessible(page, 'DASH checklist form');
    await page.getByRole('button', { name: 'Save checklist' }).click();
    await expect.poll(() => page.getByTestId('dash-assessments').textContent()).toContain('score 15 of 24');
    expect(await page.getByTestId('dash-assessments').textContent()).toContain('High risk: consider MARAC');
  });

  it('a referral, a meeting and an action: overdue on Today until it is done', async () => {
    await page.getByRole('button', { name: 'Refer to MARAC' }).click();
    await page.locator('#marac-criteria-visible_high_risk').check();
    await fillDateInput(page, 'marac-date', '2026-11-04');
    await page.getByRole('button', { name: 'Record referral' }).click();
    await page.getByRole('button', { name: /^Record a meeting/ }).click();
    const meetingDate = (await page.locator('[id^="meeting-"][id$="-date-day"]').getAttribute('id'))!.replace(/-day$/, '');
    await fillDateInput(page, meetingDate, '2026-11-12');
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await page.getByRole('button', { name: /^Add an action/ }).click();
    const actionId = (await page.locator('[id^="action-"][id$="-action"]').first().getAttribute('id'))!.replace(/-action$/, '');
    await page.locator(`#${actionId}-action`).fill('Share the safety plan with the IDVA');
    await page.locator(`#${actionId}-owner`).fill('PLW');
    await fillDateInput(page, `${actionId}-dueDate`, '2026-11-20');
    await page.getByRole('button', { name: 'Add action' }).click();
    const actions = page.locator('[data-testid^="marac-actions-"]');
    await expect.poll(() => actions.textContent()).toContain('Share the safety plan with the IDVA');
    expect(await actions.textContent()).toContain('Overdue');
    await expectAccessible(page, 'MARAC with an overdue action');
    await screenshot(page, 'agencies-marac-action');

    await openToday();
    const group = page.getByTestId('today-group-marac_action');
    await expect.poll(() => group.textContent()).toContain('AG-1');
    await group.getByRole('link', { name: 'See MARAC actions' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('marac-heading');
    await page.getByRole('button', { name: /^Done today/ }).click();
    await expect.poll(() => page.locator('[data-testid^="marac-actions-"]').textContent()).toContain('Done 25 Nov 2026');
    expect(await page.locator('[data-testid^="marac-actions-"]').textContent()).toContain('Met late');
    await openToday();
    expect(await page.getByTestId('today-group-marac_action').count()).toBe(0);
  });
});

describe('the safety plan, brought forward by a risk event on a linked case', () => {
  it('is agreed with her: the next review is 3 months on', async () => {
    await page.goto(`${harness.url}#/cases/${ana}/plan`);
    await page.getByRole('heading', { name: 'Safety plan', exact: true }).waitFor();
    await page.locator('#plan-risk').fill('He knows her address');
    await page.locator('#plan-action').fill('Police marker on the address');
    await page.locator('#plan-who').fill('Police');
    await page.getByRole('button', { name: 'Add to the plan' }).click();
    await expect.poll(() => page.getByTestId('safety-plan-items').textContent()).toContain('Police marker on the address');
    await fillDateInput(page, 'plan-review-date', '2026-11-02');
    await page.getByRole('button', { name: 'Record plan agreed' }).click();
    await expect.poll(() => page.getByTestId('safety-plan-next').textContent()).toContain('Next review due 2 February 2027');
    await expectAccessible(page, 'safety plan agreed');
  });

  it('a risk event on his other victim’s case (Fri 20 Nov) brings the review to Fri 27 Nov, and says why', async () => {
    await page.goto(`${harness.url}#/cases/${bea}/risk`);
    await page.getByRole('heading', { name: 'Risk events' }).waitFor();
    await fillDateInput(page, 'risk-date', '2026-11-20');
    await page.locator('#risk-category').selectOption('new_incident');
    await page.getByRole('button', { name: 'Log risk event' }).click();
    await expect.poll(() => page.getByTestId('risk-events').textContent()).toContain('20 Nov 2026');
    await page.goto(`${harness.url}#/cases/${ana}/plan`);
    const next = page.getByTestId('safety-plan-next');
    await expect.poll(() => next.textContent()).toContain('Next review due 27 November 2026');
    expect(await next.textContent()).toContain('Brought forward: A risk event on linked case AG-2 on 20 November 2026');
    expect(await next.textContent()).toContain('Due soon');
    await screenshot(page, 'safety-plan-brought-forward');
  });

  it('is on Today; "Review plan" puts the cursor in the review, and reviewing takes it off Today', async () => {
    await openToday();
    const group = page.getByTestId('today-group-safety_plan_review');
    await expect.poll(() => group.textContent()).toContain('AG-1');
    await group.getByRole('link', { name: 'Review plan' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('plan-review-date-day');
    await page.locator('#plan-review-notes').fill('Reviewed after the incident on his other case');
    await page.getByRole('button', { name: 'Record review' }).click();
    await expect.poll(() => page.getByTestId('safety-plan-next').textContent()).toContain('Next review due 25 February 2027');
    await openToday();
    expect(await page.getByTestId('today-group-safety_plan_review').count()).toBe(0);
  });
});

describe('escalation', () => {
  it('the linked case’s risk event, not shared 2 working days after its due date, is marked escalate with an email to the RO’s manager', async () => {
    await page.goto(`${harness.url}#/cases/${bea}/risk`);
    const events = page.getByTestId('risk-events');
    await expect.poll(() => events.textContent()).toContain('Escalate');
    const email = (await page.locator('[data-testid^="risk-escalation-email-"]').textContent()) ?? '';
    expect(email).toContain('manager of the responsible officer, Rob Officer');
    expect(email).toContain('CRN X654321');
    expect(email).not.toContain('Bea');
    await expectAccessible(page, 'risk section with an escalation');
    await openToday();
    await expect.poll(() => page.getByTestId('today-group-risk_share').textContent()).toContain('Escalate');
    await expectAccessible(page, 'Today with agency timers');
    expect(problems).toEqual([]);
  });
});
