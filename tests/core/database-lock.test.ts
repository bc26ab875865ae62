/**
 * One writer at a time: the app (or a plw command that changes things) holds
 * team.plwdb.lock while the database is open. Another program is refused with who
 * holds it; read-only commands run beside it; a lock left by a dead program on this
 * computer is taken over; one left by another computer is reported, and cleared
 * only on purpose.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../electron/core/backup/backups';
import { createCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { databaseLockHolder, databaseLockPathFor } from '../../electron/core/db/database-lock';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { ADMIN, ADMIN_PASSPHRASE, bundleTestChild, closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';

const PLW = resolve(import.meta.dirname, '../../dist/cli/plw.cjs');

function plw(args: string[]) {
  if (!existsSync(PLW)) throw new Error('dist/cli/plw.cjs is missing: run `npm run build` first');
  const result = spawnSync(process.execPath, [PLW, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PLW_PASSPHRASE: ADMIN_PASSPHRASE },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

const NOW = new Date('2026-11-24T10:00:00Z');
const caseRefs = (db: import('../../electron/core/db/open-database').Db) =>
  (db.prepare('SELECT case_ref FROM cases ORDER BY case_ref').all() as { case_ref: string }[]).map((r) => r.case_ref);

describe('the database lock', () => {
  it('refuses a second writer, rekey and restore with who holds it, lets readers run beside, and loses no write', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const ctx = { db: open.db, actor: ADMIN, now: NOW, rules: readTimerRules(open.db) };
    createCase(ctx, { caseRef: 'BEFORE', ownerName: 'Priya', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' });
    const { file: backup } = backupDatabase(open.db, databasePath, open.dataKey.toString('hex'), tempFolder(), NOW);
    const here = new RegExp(
      `open in another window or program on this computer \\(process ${process.pid}\\), since \\d\\d:\\d\\d on \\d+ \\w+ \\d{4}\\. Close it there first`,
    );

    // Another window of the app, in the same or another program.
    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({
      code: 'IN_USE',
      message: expect.stringMatching(here),
    });
    for (const args of [
      ['rekey', '--db', databasePath],
      ['restore', '--db', databasePath, '--from', backup, '--yes'],
      ['import', '--db', databasePath, join(tempFolder(), 'none.xlsx')],
      ['passwd', '--db', databasePath],
    ]) {
      const run = plw(args);
      expect({ command: args[0], code: run.code }).toEqual({ command: args[0], code: 1 });
      expect(run.stderr).toMatch(/^plw: The team database is open in another window or program on this computer \(process \d+\)/);
    }
    // Reading beside the app is fine.
    for (const args of [
      ['timers', '--db', databasePath, '--json'],
      ['info', '--db', databasePath],
      ['summary', '--db', databasePath, '--from', '2026-11-01', '--to', '2026-11-30'],
      ['verify', '--db', databasePath],
      ['backup', '--db', databasePath, '--to', tempFolder()],
    ]) {
      expect({ command: args[0], ...plw(args) }).toMatchObject({ command: args[0], code: 0 });
    }
    // The app's next write lands in the live database (v1's restore would have moved it aside).
    createCase(ctx, { caseRef: 'AFTER', ownerName: 'Priya', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' });
    closeTeamDatabase(open);
    expect(existsSync(databaseLockPathFor(databasePath))).toBe(false);
    const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    expect(caseRefs(again.db)).toEqual(['AFTER', 'BEFORE']);
    closeTeamDatabase(again);
    // Once the app has closed, the same restore goes ahead.
    expect(plw(['restore', '--db', databasePath, '--from', backup, '--yes'])).toMatchObject({ code: 0 });
  });

  it('takes over a lock left by a program that died here; reports one from another computer until cleared on purpose', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const lockPath = databaseLockPathFor(databasePath);
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(lockPath, `${JSON.stringify({ host: hostname(), pid: deadPid, since: '2026-11-24T08:00:00.000Z', purpose: 'rekey', token: 'dead' })}\n`);
    expect(plw(['lock', '--db', databasePath]).stdout).toMatch(/That program has ended: the next open takes the lock over/);
    const taken = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    expect(databaseLockHolder(databasePath)).toMatchObject({ host: hostname(), pid: process.pid, purpose: 'open' });
    closeTeamDatabase(taken);

    // Debris (a lock file cut short by a failing disk): taken over once it is not one being written this moment.
    writeFileSync(lockPath, '{"host":"TEAM-LA');
    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({ code: 'IN_USE' });
    utimesSync(lockPath, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    closeTeamDatabase(await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE }));

    writeFileSync(lockPath, `${JSON.stringify({ host: 'TEAM-LAPTOP-7', pid: 4242, since: '2026-11-24T09:14:00.000Z', purpose: 'open', token: 'far' })}\n`);
    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({
      code: 'IN_USE',
      message: expect.stringMatching(
        /^The team database is open on another computer \(TEAM-LAPTOP-7\), since 09:14 on 24 Nov 2026\. Only one computer can use it at a time/,
      ),
    });
    expect(plw(['lock', '--db', databasePath, '--json']).stdout).toMatch(/"host":"TEAM-LAPTOP-7"/);
    expect(plw(['lock', '--db', databasePath, '--clear'])).toMatchObject({ code: 2 }); // not without --yes when nobody can be asked
    expect(existsSync(lockPath)).toBe(true);
    expect(plw(['lock', '--db', databasePath, '--clear', '--yes'])).toMatchObject({ code: 0, stdout: 'Lock cleared.\n' });
    const cleared = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    // A lock held by a running program here is never cleared.
    const refused = plw(['lock', '--db', databasePath, '--clear', '--yes']);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toMatch(/It is still running, so the lock stays\.$/);
    closeTeamDatabase(cleared);
  });

  it('eight programs opening at once: exactly one gets the lock', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const script = bundleTestChild('lock-race-child');
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        Array.from(
          { length: 8 },
          () =>
            new Promise<string>((done) => {
              let out = '';
              const child = spawn(process.execPath, [script, databasePath], { stdio: ['ignore', 'pipe', 'inherit'] });
              child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
              child.on('exit', () => done(out.trim()));
            }),
        ),
      );
      expect(answers.filter((a) => a === 'got')).toHaveLength(1);
      expect(answers.filter((a) => a === 'refused')).toHaveLength(7);
    }
  });
});
