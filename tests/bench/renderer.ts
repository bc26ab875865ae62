/**
 * The renderer, measured in Debian's Chromium through the loopback harness (the
 * same handler table the Electron worker serves) against a bench database:
 * unlock to Today painted, frame rate while scrolling the whole caseload, and
 * memory of the renderer and the core over a stretch of scripted use.
 * Page scripts are strings: the bench runs under tsx, whose helpers do not exist in the page.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser';
import { startHarness, type Harness } from '../e2e/harness-server';
import { collectGarbage, RUNS, summarise, type Timing } from './measure';
import { ACTOR, NOW } from './operations';

export interface ScrollResult {
  fps: number;
  p95FrameMs: number;
  longFrames: number;
  seconds: number;
  rows: number;
}

export interface MemoryResult {
  minutes: number;
  rendererStartMb: number;
  rendererEndMb: number;
  coreStartMb: number;
  coreEndMb: number;
  rounds: number;
}

export interface RendererSession {
  harness: Harness;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function openRenderer(configDir: string): Promise<RendererSession> {
  const harness = await startHarness({ configDir, now: () => NOW });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return {
    harness,
    browser,
    page,
    close: async () => {
      await browser.close();
      await harness.close();
    },
  };
}

/** From pressing Unlock (Argon2id, open, migrations check, audit) to Today's figures on screen. */
export async function unlockToToday({ page, harness }: RendererSession, passphrase: string): Promise<Timing> {
  const times: number[] = [];
  for (let run = 0; run <= Math.min(RUNS, 7); run++) {
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    await page.getByLabel('Account name').fill(ACTOR);
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    const elapsed = (await page.evaluate(`(async () => {
      const start = performance.now();
      document.querySelector('form button[type="submit"]').click();
      await new Promise((resolve) => {
        const tick = () => (document.querySelector('[data-testid="today-counts"]') && document.querySelector('#today-list') ? resolve() : requestAnimationFrame(tick));
        tick();
      });
      await new Promise((resolve) => requestAnimationFrame(resolve)); // until that frame is painted
      return performance.now() - start;
    })()`)) as number;
    if (run > 0) times.push(elapsed); // the first is a warm-up
    await page.getByRole('button', { name: /^Lock/ }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
  }
  return summarise(times);
}

export async function unlock({ page, harness }: RendererSession, passphrase: string): Promise<void> {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
  await page.getByLabel('Account name').fill(ACTOR);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByTestId('today-counts').waitFor();
}

/** Scrolls the whole team caseload at a steady fast pace, a step every frame, and counts the frames. */
export async function caseloadScroll({ page, harness }: RendererSession, seconds = 6): Promise<ScrollResult> {
  await page.goto(`${harness.url}#/caseload`);
  await page.locator('#caseload-scope').selectOption('team');
  // Every case, closed too, as before the caseload opened on open cases (issue 18): the same rows to scroll.
  await page.locator('#filter-stage').selectOption('all');
  await page.getByTestId('caseload-table').locator('tbody a').first().waitFor();
  const rows = Number((await page.getByTestId('caseload-count').textContent())!.replace(/[^0-9]/g, ''));
  return (await page.evaluate(`(async () => {
    const box = document.querySelector('[data-testid="caseload-scroll"]');
    const frames = [];
    const start = performance.now();
    let last = start;
    await new Promise((resolve) => {
      const step = (now) => {
        frames.push(now - last);
        last = now;
        // About 2,400 rows a minute down, then back up: faster than anyone reads.
        box.scrollTop = box.scrollTop + 40 >= box.scrollHeight - box.clientHeight ? 0 : box.scrollTop + 40;
        if (now - start < ${seconds * 1000}) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    const elapsed = (last - start) / 1000;
    const sorted = frames.slice(1).sort((a, b) => a - b);
    return {
      fps: (frames.length - 1) / elapsed,
      p95FrameMs: sorted[Math.ceil(sorted.length * 0.95) - 1],
      longFrames: sorted.filter((f) => f > 50).length,
      seconds: elapsed,
      rows: ${rows},
    };
  })()`)) as ScrollResult;
}

const MB = 1024 * 1024;

/** The bench process's heap after a full collection: the core runs here, in the harness. */
function coreHeapMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / MB;
}

async function rendererHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / MB;
}

/**
 * Rounds of what a PLW does all day: Today, the caseload (scrolled), a case with
 * its contacts and timeline, a contact logged, the chase list. Memory is taken
 * after the first minute (caches warm) and at the end, each after a full GC.
 */
export async function memorySoak({ page, harness }: RendererSession, minutes: number, cases: number): Promise<MemoryResult> {
  const warmUntil = Date.now() + Math.min(60_000, (minutes * 60_000) / 5);
  const endAt = Date.now() + minutes * 60_000;
  let start: { renderer: number; core: number } | null = null;
  let rounds = 0;
  while (Date.now() < endAt) {
    const caseId = 1 + ((rounds * 7919) % cases);
    await page.goto(`${harness.url}#/today`);
    await page.getByTestId('today-counts').waitFor();
    await page.goto(`${harness.url}#/caseload`);
    await page.getByTestId('caseload-table').locator('tbody a').first().waitFor();
    // Scrolled with the mouse wheel, as a person would: input also keeps the idle lock
    // (10 minutes by default) from locking the app mid-soak, as it did when scrolled by script.
    await page.getByTestId('caseload-scroll').hover();
    await page.mouse.wheel(0, 20_000);
    await page.goto(`${harness.url}#/cases/${caseId}`);
    await page.getByRole('heading', { name: 'Timers' }).waitFor();
    await page.goto(`${harness.url}#/cases/${caseId}/contacts`);
    await page.getByRole('heading', { name: 'Contacts', level: 2 }).waitFor();
    await page.goto(`${harness.url}#/cases/${caseId}/timeline`);
    await page.locator('.moj-timeline__item').first().waitFor();
    await harness.call('contacts.log', {
      caseId,
      contact: { date: '2026-11-24', method: 'phone', outcome: 'no_answer', notes: `Soak round ${rounds + 1}.`, overrideReason: 'Police asked us to warn her' },
    });
    await page.goto(`${harness.url}#/chase-list`);
    await page.getByRole('heading', { name: 'Chase list', level: 1 }).waitFor();
    rounds++;
    if (!start && Date.now() >= warmUntil) start = { renderer: await rendererHeapMb(page), core: coreHeapMb() };
  }
  const end = { renderer: await rendererHeapMb(page), core: coreHeapMb() };
  start ??= end;
  return { minutes, rendererStartMb: start.renderer, rendererEndMb: end.renderer, coreStartMb: start.core, coreEndMb: end.core, rounds };
}
