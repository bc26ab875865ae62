/** Three workers' summary files merge to the same figures as one database holding all three caseloads. */
import { describe, expect, it } from 'vitest';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { summarise, monthlyCountsByWorker, workerSummaries } from '../../electron/core/reports/summary';
import { mergedSummary, mergeSummaryFiles, payloadFor, readSummaryFile, writeSummaryFile } from '../../electron/core/reports/team-merge';
import { closeTeamDatabase, newTeamDatabase } from './helpers';

const PERIOD = { from: '2026-01-01', to: '2026-10-31' };

async function threeWorkerFiles() {
  const { open } = await newTeamDatabase();
  generateDemo(open.db, { cases: 700, seed: 5, actor: 'Sam Admin', rules: readTimerRules(open.db), now: new Date('2026-11-24T10:00:00Z'), asOf: '2026-11-24' });
  const workers = open.db.prepare('SELECT id, name FROM workers ORDER BY id').all() as { id: number; name: string }[];
  expect(workers).toHaveLength(3);
  // Each worker's own database would hold only their cases: export each scope as its own file.
  const files = workers.map((w) =>
    writeSummaryFile(payloadFor(PERIOD, workerSummaries(open.db, { ...PERIOD, workerId: w.id }), monthlyCountsByWorker(open.db, PERIOD.to, w.id), '2026-11-24T10:00:00Z')),
  );
  const whole = summarise(open.db, { ...PERIOD, workerId: null, scopeLabel: 'Team' });
  closeTeamDatabase(open);
  return { files, whole };
}

describe('team merge', () => {
  it('three workers’ files give the same team figures, per-worker figures and trend as the whole database', async () => {
    const { files, whole } = await threeWorkerFiles();
    const merged = mergedSummary(mergeSummaryFiles(files.map((f, i) => readSummaryFile(f, `file ${i + 1}`))));
    expect(merged.team).toEqual(whole.team);
    expect(merged.workers).toEqual(whole.workers);
    expect(merged.trend).toEqual(whole.trend);
    expect(whole.team.new_referrals).toBeGreaterThan(50);
  });

  it('the same worker’s file sent twice replaces rather than double counts', async () => {
    const { files, whole } = await threeWorkerFiles();
    const read = files.map((f, i) => readSummaryFile(f, `file ${i + 1}`));
    expect(mergedSummary(mergeSummaryFiles([...read, read[0]!])).team).toEqual(whole.team);
  });

  it('refuses a tampered, truncated or foreign file, and files for different periods', async () => {
    const { files } = await threeWorkerFiles();
    const tampered = files[0]!.replace(/"new_referrals":(\d+)/, (_, n: string) => `"new_referrals":${Number(n) + 5}`);
    expect(tampered).not.toBe(files[0]);
    expect(() => readSummaryFile(tampered, 'priya.json')).toThrow('priya.json has been changed since it was exported, so it cannot be trusted. Ask for it to be exported again.');
    expect(() => readSummaryFile(files[0]!.slice(0, 200), 'cut.json')).toThrow('cut.json is not a complete summary file: it may have been cut short. Ask for it to be exported again.');
    expect(() => readSummaryFile('{"hello":"world"}', 'other.json')).toThrow('other.json is not a Partner Link Tracker summary file.');
    const other = readSummaryFile(files[1]!, 'b');
    expect(() => mergeSummaryFiles([readSummaryFile(files[0]!, 'a'), { ...other, period: { from: '2026-02-01', to: '2026-10-31' } }])).toThrow(/All files must cover the same period/);
  });
});
