/**
 * Backups while the team works. v1 counted rows outside the copy's snapshot and failed
 * 3 backups in 4 beside a writer ("did not read back correctly"), and the writer got
 * SQLITE_BUSY_SNAPSHOT. Now the counts are compared only when no other program committed
 * between them and the copy; busy moments are waited out within a bound; and no backup
 * ever replaces another.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { brokenAuditEntry } from '../../electron/core/audit';
import { backupDatabase, listBackups, rotateBackups } from '../../electron/core/backup/backups';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { applyCipher } from '../../electron/core/db/open-database';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { ADMIN, ADMIN_PASSPHRASE, bundleTestChild, closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';

const PLW = resolve(import.meta.dirname, '../../dist/cli/plw.cjs');
const RUNS = Number(process.env.PLW_BACKUP_RUNS ?? 20);

const childEnv = () => ({ ...process.env, PLW_PASSPHRASE: ADMIN_PASSPHRASE, NODE_PATH: join(import.meta.dirname, '../../node_modules') });

function startChild(script: string, args: string[], firstLine: RegExp) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: childEnv() });
  let out = '';
  const ready = new Promise<void>((done) => child.stdout.on('data', (chunk: Buffer) => ((out += chunk.toString()), firstLine.test(out) && done())));
  return { child, ready };
}

describe('backups while the team works', () => {
  it(`${RUNS} plw backups beside the app writing flat out: 0 false failures, and the app never fails a save`, async () => {
    const { open, databasePath } = await newTeamDatabase();
    generateDemo(open.db, { cases: 1500, seed: 3, actor: ADMIN, rules: readTimerRules(open.db), now: new Date('2026-11-24T10:00:00Z') });
    closeTeamDatabase(open);
    const writer = startChild(bundleTestChild('busy-writer-child'), [databasePath], /\d+\n/);
    await writer.ready;
    const folder = tempFolder();
    let failures = 0;
    let countsCompared = 0;
    try {
      for (let run = 0; run < RUNS; run++) {
        const result = spawnSync(process.execPath, [PLW, 'backup', '--db', databasePath, '--to', folder, '--json'], {
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '', PLW_PASSPHRASE: ADMIN_PASSPHRASE },
          timeout: 120_000,
        });
        if (result.status !== 0) {
          failures++;
          process.stderr.write(result.stderr);
          continue;
        }
        if ((JSON.parse(result.stdout) as { countsChecked: boolean }).countsChecked) countsCompared++;
      }
      expect(writer.child.exitCode).toBeNull(); // still writing: no save of the app's failed
    } finally {
      writer.child.kill('SIGKILL');
    }
    await new Promise((done) => writer.child.on('exit', done));
    const after = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    const written = (after.db.prepare("SELECT count(*) AS n FROM cases WHERE case_ref LIKE 'LOAD-%'").get() as { n: number }).n;
    // Both programs appended to the audit log throughout, and it is still one unbroken chain.
    expect(brokenAuditEntry(after.db)).toBeNull();
    closeTeamDatabase(after);
    expect(failures).toBe(0);
    expect(listBackups(folder).length).toBe(RUNS);
    console.log(
      `backup beside a writer: ${RUNS} backups, 0 false failures, ${countsCompared} compared row counts in one snapshot; the writer committed ${written} cases meanwhile`,
    );
  }, 900_000);

  it('compares row counts when nobody else wrote during the copy', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const made = backupDatabase(open.db, databasePath, open.dataKey.toString('hex'), tempFolder(), new Date('2026-11-24T10:00:00Z'));
    expect(made.countsChecked).toBe(true);
    closeTeamDatabase(open);
  });

  it('waits out a program holding the database, within a bound, then says plainly it is busy', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const keyHex = open.dataKey.toString('hex');
    closeTeamDatabase(open);
    const holder = bundleTestChild('exclusive-holder-child');
    const folder = tempFolder();

    const briefly = startChild(holder, [databasePath, keyHex, '1500'], /held\n/);
    await briefly.ready;
    const reader = openEncryptedDatabaseBeside(databasePath, keyHex);
    const started = Date.now();
    const made = backupDatabase(reader, databasePath, keyHex, folder, new Date('2026-11-24T10:00:00Z'), { busyWaitMs: 20_000 });
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(existsSync(made.file)).toBe(true);
    await new Promise((done) => briefly.child.on('exit', done));
    reader.close(); // an open WAL connection keeps a shared lock that would stop the next holder

    const stuck = startChild(holder, [databasePath, keyHex, '5000'], /held\n/);
    await stuck.ready;
    const again = openEncryptedDatabaseBeside(databasePath, keyHex);
    expect(() => backupDatabase(again, databasePath, keyHex, folder, new Date('2026-11-24T11:00:00Z'), { busyWaitMs: 800 })).toThrow(
      /^The team database was too busy to back up just now .* Nothing was changed: try again in a few minutes\.$/,
    );
    expect(listBackups(folder).map((b) => basename(b.file))).toEqual([basename(made.file)]);
    again.close();
    stuck.child.kill('SIGKILL');
  }, 60_000);

  it('never replaces an earlier backup: not the same second, not the same day', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const folder = tempFolder();
    const at = (iso: string) => backupDatabase(open.db, databasePath, open.dataKey.toString('hex'), folder, new Date(iso)).file;
    const morning = at('2026-11-24T08:00:00Z');
    const mistakeFixed = at('2026-11-24T15:30:00Z');
    const again = at('2026-11-24T15:30:00Z');
    expect([morning, mistakeFixed, again].map((f) => basename(f))).toEqual([
      'team-20261124-080000.plwbak',
      'team-20261124-153000.plwbak',
      'team-20261124-153000-2.plwbak',
    ]);
    for (let day = 1; day <= 6; day++) at(`2026-11-${String(24 - day).padStart(2, '0')}T08:00:00Z`);
    closeTeamDatabase(open);
    rotateBackups(folder);
    // Every backup of the last seven days stays, the morning's among them.
    expect(readdirSync(folder).filter((n) => n.endsWith('.plwbak'))).toHaveLength(9);
    expect(existsSync(morning) && existsSync(`${morning}.keyring`)).toBe(true);
  });
});

/** A second connection, as plw backup beside the app has: no lock of its own. */
function openEncryptedDatabaseBeside(path: string, keyHex: string): Database.Database {
  const db = new Database(path);
  applyCipher(db, keyHex);
  db.pragma('busy_timeout=200');
  return db;
}
