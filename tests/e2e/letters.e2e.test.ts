/**
 * Letters in Chromium against the real core (model v2 §7): a letter with an empty field is made
 * only with a reason; the worker's and the team's phones are set in Settings; a victim whose
 * preferred language is Welsh is written to in Welsh, and the PDF made is read back. axe on each page.
 */
import { execFileSync } from 'node:child_process';
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
let letters: string;
let problems: string[];
let caseId = 0;
const clock = new Date('2026-11-25T09:30:00Z');

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'plw-e2e-letters-'));
  letters = mkdtempSync(join(tmpdir(), 'plw-e2e-letters-out-'));
  harness = await startHarness({ configDir, now: () => clock, choose: async (_kind, name) => join(letters, name ?? 'letter') });
  await harness.core.create({ teamName: 'Gwent DASO team', accountName: 'Priya Shah', passphrase: 'kettle lantern orchard seven' });
  caseId = (
    (await harness.call('cases.create', {
      case: {
        ownerName: 'Priya Shah',
        caseRef: 'CY-1',
        victimName: 'Siân Llŷr',
        perpetratorName: 'Dan Example',
        sentenceDate: '2026-11-02',
        referralReceivedDate: '2026-11-03',
        welshLanguage: true,
      } as never,
    })) as { caseId: number }
  ).caseId;
  await harness.call('safety.update', { caseId, version: 1, profile: { safeAddress: '1 Heol y Frenhines, Casnewydd' } } as never);
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
  rmSync(letters, { recursive: true, force: true });
});

describe('a letter in Welsh', () => {
  it('is chosen by her language, and with the phones not yet set, is made only with a reason', async () => {
    await page.goto(`${harness.url}#/cases/${caseId}/letters`);
    await page.getByTestId('letter-preview').waitFor();
    expect(await page.getByTestId('letter-language').textContent()).toContain('In Welsh');
    const preview = (await page.getByTestId('letter-preview').textContent()) ?? '';
    expect(preview).toContain('Annwyl Siân,');
    expect(preview).toContain('25 Tachwedd 2026');
    expect(preview).toContain('Byw Heb Ofn');
    expect(await page.getByTestId('letter-empty-fields').textContent()).toContain('worker phone, team phone');
    await expectAccessible(page, 'letters section with empty fields');
    await page.getByRole('button', { name: 'Make PDF' }).click();
    await expect.poll(() => page.locator('.govuk-error-message').textContent()).toContain('This letter has nothing to put in worker phone, team phone');
    await page.locator('#letter-empty-reason').fill('Numbers written in by hand');
    await page.getByRole('button', { name: 'Make PDF' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved as CY-1-initial-contact.pdf');
    const gaps = execFileSync('pdftotext', [join(letters, 'CY-1-initial-contact.pdf'), '-'], { encoding: 'utf8' });
    expect(gaps).toContain('[worker phone]');
  });

  it('takes the worker’s phone from Your details and the team’s from Team settings', async () => {
    await page.goto(`${harness.url}#/settings/me`);
    await page.locator('#ownPhone').fill('01633 000111');
    await page.getByRole('button', { name: 'Save your phone' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Your phone is saved.');
    await expectAccessible(page, 'your details');
    await page.goto(`${harness.url}#/settings/team`);
    await page.locator('#teamPhone').fill('01633 000222');
    await page.locator('#teamAddress').fill('Swyddfa Prawf, 2 Heol y Bont, Casnewydd');
    await page.getByRole('button', { name: 'Save team settings' }).click();
    await page.getByText('Team settings saved').waitFor();
    await expectAccessible(page, 'team settings with phone and address');
  });

  it('makes the Welsh PDF, which reads back in Welsh with her name and the numbers to ring', async () => {
    await page.goto(`${harness.url}#/cases/${caseId}/letters`);
    await page.getByTestId('letter-preview').waitFor();
    await expect.poll(() => page.getByTestId('letter-preview').textContent()).toContain('01633 000111');
    expect(await page.getByTestId('letter-empty-fields').count()).toBe(0);
    await page.getByRole('button', { name: 'Make PDF' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved as CY-1-initial-contact.pdf');
    await screenshot(page, 'welsh-letter');
    const text = execFileSync('pdftotext', [join(letters, 'CY-1-initial-contact.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of [
      'Siân Llŷr',
      '1 Heol y Frenhines',
      'Annwyl Siân,',
      'Cynnig cymorth',
      'Gallwch chi fy ffonio i ar 01633 000111, neu ffonio’r tîm ar 01633 000222'.replace('’', "'"),
      'Byw Heb Ofn',
      '0808 80 10 800',
      'Yn gywir,',
      'Swyddog Diogelwch Cam-drin Domestig',
    ])
      expect(text).toContain(expected);
  });

  it('shows the Welsh templates beside the English ones in Settings → Letters', async () => {
    await page.goto(`${harness.url}#/settings/letters`);
    await page.getByRole('heading', { name: /In Welsh/ }).waitFor();
    expect(await page.locator('#letter-initial_contact_cy-subject').inputValue()).toBe('Cynnig cymorth');
    await expectAccessible(page, 'letter templates in English and Welsh');
    expect(problems).toEqual([]);
  });
});
