/**
 * The child process of the rekey and restore crash tests. It unlocks the database as
 * the app would, commits one case (printing its ref once committed), then rekeys,
 * disables a leaver's account (a rekey without her) or restores, and kills itself with SIGKILL at the named phase of the swap (or runs
 * until the parent kills it at a random moment, when the phase is "none").
 *
 * Lines on stdout: "committed REF", "start", "phase NAME", "done".
 */
import { writeSync } from 'node:fs';
import { restoreBackup } from '../../electron/core/backup/backups';
import { createCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { onSwapPhase, type SwapPhase } from '../../electron/core/db/database-swap';
import { closeTeamDatabase } from '../../electron/core/team/open-team-database';
import { rekeyTeamDatabase } from '../../electron/core/team/rekey';
import { disableAccount } from '../../electron/core/team/accounts';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';

const [mode, databasePath, killAt, caseRef, backupFile] = process.argv.slice(2) as [string, string, SwapPhase | 'none', string, string | undefined];
const passphrase = process.env.PLW_PASSPHRASE!;
const say = (line: string) => writeSync(1, `${line}\n`);

onSwapPhase((phase) => {
  say(`phase ${phase}`);
  if (phase === killAt) process.kill(process.pid, 'SIGKILL');
});

async function main(): Promise<void> {
  const open = await unlockTeamDatabase({ databasePath, accountName: 'Sam Admin', passphrase });
  createCase(
    { db: open.db, actor: 'Sam Admin', now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) },
    { caseRef, ownerName: 'Priya Shah', victimName: 'Crash Test', perpetratorName: 'P', sentenceDate: '2026-11-02' },
  );
  say(`committed ${caseRef}`);
  say('start');
  if (mode === 'rekey') {
    await rekeyTeamDatabase(open, { passphrase, others: [] });
  } else if (mode === 'disable') {
    await disableAccount(open, { accountName: 'Priya PLW', passphrase });
  } else {
    open.lock!.setPurpose('restore');
    restoreBackup({ databasePath, live: open.db, actor: 'Sam Admin' }, backupFile!, open.dataKey.toString('hex'), new Date());
  }
  closeTeamDatabase(open);
  say('done');
}

void main();
