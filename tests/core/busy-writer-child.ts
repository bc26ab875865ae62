/**
 * "The app" for the backup-under-load test: holds the database open (and its lock)
 * and writes cases as fast as it can, one transaction each, until killed. Prints the
 * number of cases committed every 50.
 */
import { createCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';

const [databasePath] = process.argv.slice(2) as [string];

async function main(): Promise<void> {
  const open = await unlockTeamDatabase({ databasePath, accountName: 'Sam Admin', passphrase: process.env.PLW_PASSPHRASE! });
  const ctx = { db: open.db, actor: 'Sam Admin', now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) };
  for (let i = 1; ; i++) {
    createCase(ctx, { caseRef: `LOAD-${i}`, ownerName: 'Priya Shah', victimName: `Load ${i}`, perpetratorName: 'P', sentenceDate: '2026-11-02' });
    if (i % 50 === 0) process.stdout.write(`${i}\n`);
    // A breath now and then, as a busy team's saves come, so the backup's retries can find a quiet moment.
    if (i % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

void main();
