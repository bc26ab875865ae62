/** Faults around the files: each gets a clear message and loses nothing. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../electron/core/backup/backups';
import { createCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { keyringPathFor } from '../../electron/core/crypto/keyring';
import { applyCipher } from '../../electron/core/db/open-database';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';

const unlock = (databasePath: string) => unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });

describe('faults', () => {
  it('database file missing', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    renameSync(databasePath, `${databasePath}.moved`);
    await expect(unlock(databasePath)).rejects.toMatchObject({ code: 'NO_DATABASE', message: 'There is no team database at that place.' });
  });

  it('keyring missing, or corrupt', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const keyring = keyringPathFor(databasePath);
    renameSync(keyring, `${keyring}.moved`);
    await expect(unlock(databasePath)).rejects.toMatchObject({ code: 'NO_DATABASE', message: expect.stringMatching(/keyring file beside the database is missing/) });
    writeFileSync(keyring, '{"format":"partner-link-tracker-keyring","version":1,"accounts":');
    await expect(unlock(databasePath)).rejects.toMatchObject({ code: 'DATABASE_DAMAGED' });
    renameSync(`${keyring}.moved`, keyring);
    closeTeamDatabase(await unlock(databasePath));
  });

  it('database locked by another program: a write waits, then fails clearly, and nothing is half-written', async () => {
    const { open, databasePath } = await newTeamDatabase();
    open.db.pragma('busy_timeout=200');
    const other = new Database(databasePath);
    applyCipher(other, open.dataKey.toString('hex'));
    other.exec('BEGIN IMMEDIATE'); // holds the write lock
    const ctx = { db: open.db, actor: ADMIN, now: new Date(), rules: readTimerRules(open.db) };
    expect(() => createCase(ctx, { ownerName: 'P', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' })).toThrow(/locked|busy/i);
    other.exec('ROLLBACK');
    other.close();
    expect(open.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
    expect(open.db.prepare('SELECT count(*) AS n FROM victims').get()).toEqual({ n: 0 });
    createCase(ctx, { ownerName: 'P', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' });
    closeTeamDatabase(open);
  });

  it('backup folder unreachable', async () => {
    const { open } = await newTeamDatabase();
    const file = join(tempFolder(), 'plain-file');
    writeFileSync(file, 'x');
    expect(() => backupDatabase(open.db, open.databasePath, open.dataKey.toString('hex'), join(file, 'sub'), new Date())).toThrow('The backup folder cannot be reached. Check the drive is connected, or choose another folder. Nothing was changed.');
    closeTeamDatabase(open);
  });

  it('the database replaced by something that is not ours', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    rmSync(databasePath);
    writeFileSync(databasePath, 'SQLite format 3\u0000 but not really');
    await expect(unlock(databasePath)).rejects.toMatchObject({ code: 'DATABASE_DAMAGED', message: expect.stringMatching(/could not be decrypted with this key/) });
  });
});
