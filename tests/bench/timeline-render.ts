/**
 * How long Chromium takes to show the timeline of a case with 500 entries: from the
 * click on "Timeline" to the 500th entry in the page, through the real renderer and
 * the loopback harness. Needs the built renderer and Debian's Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../e2e/browser';
import { startHarness } from '../e2e/harness-server';
import { RUNS } from './measure';

const ENTRIES = 500;

export async function timelineRenderBenchmark(): Promise<[string, number, number][]> {
  const folder = mkdtempSync(join(tmpdir(), 'plw-bench-timeline-'));
  const harness = await startHarness({ configDir: folder, now: () => new Date('2026-11-24T09:00:00Z') });
  const browser = await launchChromium();
  try {
    await harness.core.create({ teamName: 'Bench', accountName: 'Sam Admin', passphrase: 'kettle lantern orchard seven' });
    const { caseId } = await harness.call('cases.create', {
      case: { ownerName: 'Sam Admin', victimName: 'Ana Núñez', perpetratorName: 'D T', sentenceDate: '2024-01-08', referralReceivedDate: '2024-01-10' },
    });
    // 2 case entries (sentence, referral) + 498 contacts over the years since.
    for (let i = 0; i < ENTRIES - 2; i++) {
      const day = new Date(Date.UTC(2024, 0, 11) + i * 86_400_000 * 1.5).toISOString().slice(0, 10);
      await harness.call('contacts.log', {
        caseId,
        contact: {
          date: day,
          method: 'phone',
          outcome: i % 3 ? 'no_answer' : 'spoke_to_victim',
          notes: `Call ${i + 1}: checked in about safety planning and the programme.`,
        },
      });
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${harness.url}#/cases/${caseId}`);
    await page.getByRole('heading', { name: 'Timers' }).waitFor();
    const times: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      await page.goto(`${harness.url}#/cases/${caseId}`);
      await page.getByRole('heading', { name: 'Timers' }).waitFor();
      // A string, not a function: the bench runs under tsx, whose helpers do not exist in the page.
      const elapsed = (await page.evaluate(`(async () => {
        const start = performance.now();
        document.querySelector('a[href$="/timeline"]').click();
        await new Promise((resolve) => {
          const tick = () => (document.querySelectorAll('.moj-timeline__item').length >= ${ENTRIES} ? resolve() : requestAnimationFrame(tick));
          tick();
        });
        await new Promise((resolve) => requestAnimationFrame(resolve)); // until that frame is painted
        return performance.now() - start;
      })()`)) as number;
      if (run > 0) times.push(elapsed); // the first is a warm-up
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(
      `${'timeline of 500 entries, click to painted'.padEnd(44)} median ${median.toFixed(1).padStart(8)} ms   (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}, n=${times.length}, Chromium)`,
    );
    return [['timeline of 500 entries rendered (Chromium)', median, 200]];
  } finally {
    await browser.close();
    await harness.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
