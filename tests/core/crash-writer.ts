/**
 * The child process of the crash test: writes cases through the real write path,
 * printing each case ref only after its transaction has committed, until killed.
 */
import { createCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { openEncryptedDatabase } from '../../electron/core/db/open-database';

const [databasePath, keyHex, prefix] = process.argv.slice(2) as [string, string, string];
const db = openEncryptedDatabase(databasePath, keyHex, { create: false });
const ctx = { db, actor: 'crash test', now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(db) };
for (let i = 0; ; i++) {
  const caseRef = `${prefix}-${i}`;
  createCase(ctx, {
    caseRef,
    ownerName: 'Priya Shah',
    victimName: `Victim ${i}`,
    perpetratorName: 'P',
    sentenceDate: '2026-11-02',
    referralReceivedDate: '2026-11-05',
  });
  process.stdout.write(`${caseRef}\n`);
}
