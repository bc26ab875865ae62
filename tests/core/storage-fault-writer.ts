/**
 * The child process of the disk-full test: writes cases with long notes until
 * the disk refuses, printing each case ref once committed, then the error as a
 * person would see it. Run under a file-size limit, which fails writes as a
 * full disk does (Node ignores SIGXFSZ, so the write returns an error).
 */
import { createCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { openEncryptedDatabase } from '../../electron/core/db/open-database';
import { toErrorShape } from '../../electron/core/errors';

const [databasePath, keyHex] = process.argv.slice(2) as [string, string];
const db = openEncryptedDatabase(databasePath, keyHex, { create: false });
const ctx = { db, actor: 'disk test', now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(db) };
try {
  for (let i = 0; i < 100_000; i++) {
    const caseRef = `FULL-${i}`;
    createCase(ctx, {
      caseRef,
      ownerName: 'Priya Shah',
      victimName: `Victim ${i}`,
      perpetratorName: 'P',
      sentenceDate: '2026-11-02',
      safeContactNotes: 'n'.repeat(1900),
    });
    process.stdout.write(`${caseRef}\n`);
  }
  process.stdout.write('NO ERROR\n');
} catch (error) {
  process.stdout.write(`ERROR ${JSON.stringify(toErrorShape(error))}\n`);
}
