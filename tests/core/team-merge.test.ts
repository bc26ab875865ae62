/**
 * Three workers' summary files merge to the same figures as one database holding all three
 * caseloads; every file is signed by the account that exported it, and the merge refuses
 * an edited file, a colleague's figures signed with someone else's key, and unsigned files.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { summarise, monthlyCountsByWorker, workerSummaries } from '../../electron/core/reports/summary';
import { checkSigner, mergedSummary, mergeSummaryFiles, payloadFor, readSummaryFile, writeSummaryFile } from '../../electron/core/reports/team-merge';
import { addAccount, changeOwnPassphrase } from '../../electron/core/team/accounts';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { closeTeamDatabase, newTeamDatabase } from './helpers';

const PERIOD = { from: '2026-01-01', to: '2026-10-31' };

async function threeWorkerFiles() {
  const { open } = await newTeamDatabase();
  const signer = { accountName: open.account.accountName, databaseId: open.databaseId, signingKey: open.signingKey! };
  generateDemo(open.db, { cases: 700, seed: 5, actor: 'Sam Admin', rules: readTimerRules(open.db), now: new Date('2026-11-24T10:00:00Z'), asOf: '2026-11-24' });
  const workers = open.db.prepare('SELECT id, name FROM workers ORDER BY id').all() as { id: number; name: string }[];
  expect(workers).toHaveLength(3);
  // Each worker's own database would hold only their cases: export each scope as its own file.
  const files = workers.map((w) =>
    writeSummaryFile(
      payloadFor(PERIOD, workerSummaries(open.db, { ...PERIOD, workerId: w.id }), monthlyCountsByWorker(open.db, PERIOD.to, w.id), '2026-11-24T10:00:00Z'),
      signer,
    ),
  );
  const whole = summarise(open.db, { ...PERIOD, workerId: null, scopeLabel: 'Team' });
  closeTeamDatabase(open);
  return { files, whole };
}

describe('team merge', () => {
  it('three workers’ files give the same team figures, per-worker figures and trend as the whole database', async () => {
    const { files, whole } = await threeWorkerFiles();
    const merged = mergedSummary(mergeSummaryFiles(files.map((f, i) => readSummaryFile(f, `file ${i + 1}`).payload)));
    expect(merged.team).toEqual(whole.team);
    expect(merged.workers).toEqual(whole.workers);
    expect(merged.trend).toEqual(whole.trend);
    expect(whole.team.new_referrals).toBeGreaterThan(50);
  });

  it('the same worker’s file sent twice replaces rather than double counts', async () => {
    const { files, whole } = await threeWorkerFiles();
    const read = files.map((f, i) => readSummaryFile(f, `file ${i + 1}`).payload);
    expect(mergedSummary(mergeSummaryFiles([...read, read[0]!])).team).toEqual(whole.team);
  });

  it('refuses a tampered, truncated or foreign file, and files for different periods', async () => {
    const { files } = await threeWorkerFiles();
    const tampered = files[0]!.replace(/"new_referrals":(\d+)/, (_, n: string) => `"new_referrals":${Number(n) + 5}`);
    expect(tampered).not.toBe(files[0]);
    expect(() => readSummaryFile(tampered, 'priya.json')).toThrow(
      'priya.json has been changed since it was exported, so it cannot be trusted. Ask for it to be exported again.',
    );
    expect(() => readSummaryFile(files[0]!.slice(0, 200), 'cut.json')).toThrow(
      'cut.json is not a complete summary file: it may have been cut short. Ask for it to be exported again.',
    );
    expect(() => readSummaryFile('{"hello":"world"}', 'other.json')).toThrow('other.json is not a Partner Link Tracker summary file.');
    const other = readSummaryFile(files[1]!, 'b').payload;
    expect(() => mergeSummaryFiles([readSummaryFile(files[0]!, 'a').payload, { ...other, period: { from: '2026-02-01', to: '2026-10-31' } }])).toThrow(
      /All files must cover the same period/,
    );
  });

  it("refuses a forged file: figures edited and re-signed with another account's key, or an unsigned version 1 file with a recomputed SHA-256", async () => {
    const { open, databasePath } = await newTeamDatabase();
    await addAccount(open, { accountName: 'Priya PLW', role: 'plw', temporaryPassphrase: 'priya temporary one' });
    await addAccount(open, { accountName: 'Eve PLW', role: 'plw', temporaryPassphrase: 'eve temporary one!' });
    const priya = await unlockTeamDatabase({
      databasePath,
      accountName: 'Priya PLW',
      passphrase: 'priya temporary one',
      newPassphrase: 'priya own passphrase',
      besideOthers: true,
    });
    const eve = await unlockTeamDatabase({
      databasePath,
      accountName: 'Eve PLW',
      passphrase: 'eve temporary one!',
      newPassphrase: 'eve own passphrase!!',
      besideOthers: true,
    });
    const payload = payloadFor(PERIOD, workerSummaries(open.db, { ...PERIOD, workerId: null }), new Map(), '2026-11-24T10:00:00Z');
    const signed = (who: typeof priya) =>
      writeSummaryFile(payload, { accountName: who.account.accountName, databaseId: who.databaseId, signingKey: who.signingKey! });

    // Priya's own file: merged, and shown as hers.
    expect(checkSigner(open.db, open.databaseId, readSummaryFile(signed(priya), 'priya.json'), 'priya.json')).toMatchObject({
      signedBy: 'Priya PLW',
      keyRetiredAt: null,
    });

    // Eve edits Priya's figures and signs them herself, keeping Priya's name as signer.
    const priyaFile = JSON.parse(signed(priya)) as { payload: typeof payload; signer: { accountName: string; publicKey: string } };
    const forged = JSON.parse(
      writeSummaryFile(
        { ...priyaFile.payload, generatedAt: '2026-11-25T10:00:00Z' },
        { accountName: 'Priya PLW', databaseId: eve.databaseId, signingKey: eve.signingKey! },
      ),
    ) as typeof priyaFile;
    expect(() => checkSigner(open.db, open.databaseId, readSummaryFile(JSON.stringify(forged), 'forged.json'), 'forged.json')).toThrow(
      'forged.json says it was signed by Priya PLW, but not with their key: it may be forged. It was not merged.',
    );
    // Or puts Priya's public key beside her own signature: the signature no longer checks.
    expect(() => readSummaryFile(JSON.stringify({ ...forged, signer: priyaFile.signer }), 'forged2.json')).toThrow(
      'forged2.json has been changed since it was exported',
    );
    // A version 1 file, edited and its SHA-256 recomputed, is not signed at all.
    const v1 = JSON.stringify({ payload, sha256: createHash('sha256').update(JSON.stringify(payload)).digest('hex') });
    expect(() => readSummaryFile(v1, 'old.json')).toThrow(
      'old.json was made by an older version of the app and is not signed, so it cannot be trusted. Ask for it to be exported again.',
    );
    // Signed in another team's database: this team cannot say who that is.
    const { open: elsewhere } = await newTeamDatabase();
    expect(() => checkSigner(open.db, open.databaseId, readSummaryFile(signed(elsewhere), 'other-team.json'), 'other-team.json')).toThrow(
      /signed in another team's database/,
    );

    // After a passphrase change Priya signs with a new key; her earlier file still shows as hers.
    const before = signed(priya);
    await changeOwnPassphrase(priya, { currentPassphrase: 'priya own passphrase', newPassphrase: 'priya newer passphrase' });
    expect(checkSigner(open.db, open.databaseId, readSummaryFile(signed(priya), 'new.json'), 'new.json')).toMatchObject({
      signedBy: 'Priya PLW',
      keyRetiredAt: null,
    });
    expect(checkSigner(open.db, open.databaseId, readSummaryFile(before, 'before.json'), 'before.json')).toMatchObject({
      signedBy: 'Priya PLW',
      keyRetiredAt: expect.any(String),
    });
    for (const o of [priya, eve, elsewhere, open]) closeTeamDatabase(o);
  });
});
