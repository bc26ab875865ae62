import { statSync, truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../electron/core/team/verify';
import { parseRecoveryKey } from '../../shared/recovery-key';
import { closeTeamDatabase, flipByte, newTeamDatabase } from './helpers';

async function closedDatabase() {
  const { open, recoveryKey, databasePath } = await newTeamDatabase();
  closeTeamDatabase(open);
  return { databasePath, keyHex: parseRecoveryKey(recoveryKey)! };
}

describe('verify', () => {
  it('passes a healthy database and counts its pages', async () => {
    const { databasePath, keyHex } = await closedDatabase();
    const report = verifyDatabase(databasePath, keyHex);
    expect(report).toEqual({ ok: true, pages: statSync(databasePath).size / 4096, problems: [] });
  });

  it('finds a single flipped bit on any page, even one SQLite would not read', async () => {
    const { databasePath, keyHex } = await closedDatabase();
    const pages = statSync(databasePath).size / 4096;
    flipByte(databasePath, (pages - 1) * 4096 + 100);
    const report = verifyDatabase(databasePath, keyHex);
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(`Page ${pages} of ${pages} failed its authentication check: the file was changed or damaged.`);
  });

  it('finds a truncated file', async () => {
    const { databasePath, keyHex } = await closedDatabase();
    truncateSync(databasePath, statSync(databasePath).size - 1000);
    const report = verifyDatabase(databasePath, keyHex);
    expect(report.ok).toBe(false);
    expect(report.problems.join(' ')).toMatch(/not a whole number of 4096-byte pages/);
  });

  it('reports a key that does not open the file', async () => {
    const { databasePath } = await closedDatabase();
    const report = verifyDatabase(databasePath, 'ab'.repeat(32));
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/could not be decrypted with this key/);
  });
});
