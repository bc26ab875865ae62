/** Faults around the files: each gets a clear message and loses nothing. */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../electron/core/backup/backups';
import { createCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { keyringPathFor } from '../../electron/core/crypto/keyring';
import { applyCipher, openEncryptedDatabase } from '../../electron/core/db/open-database';
import { verifyDatabase } from '../../electron/core/team/verify';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';

/**
 * Makes a folder refuse new files. chmod does not bind root, but the immutable
 * attribute does; as anyone else chmod is enough. Returns the undo, or null when
 * this machine offers neither (then the test says it was skipped).
 */
function makeReadOnly(folder: string): (() => void) | null {
  const root = process.getuid?.() === 0;
  try {
    if (root) execFileSync('chattr', ['+i', folder], { stdio: 'ignore' });
    else chmodSync(folder, 0o555);
  } catch {
    return null;
  }
  const undo = () => (root ? execFileSync('chattr', ['-i', folder], { stdio: 'ignore' }) : chmodSync(folder, 0o755));
  try {
    writeFileSync(join(folder, 'probe'), 'x');
    rmSync(join(folder, 'probe'));
    undo();
    return null;
  } catch {
    return undo;
  }
}

const canMakeReadOnly = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'plw-ro-probe-'));
  const undo = makeReadOnly(probe);
  undo?.();
  rmSync(probe, { recursive: true, force: true });
  return undo !== null;
})();

/** Runs the writer under a file-size limit (in the shell's blocks; dash counts 512 bytes). */
function runWithFileSizeLimit(blocks: number, script: string, args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', 'ulimit -f "$1" && shift && exec "$@"', 'sh', String(blocks), process.execPath, script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_PATH: join(import.meta.dirname, '../../node_modules') },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(out.split('\n').filter(Boolean)));
  });
}

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
    await expect(unlock(databasePath)).rejects.toMatchObject({
      code: 'NO_DATABASE',
      message: expect.stringMatching(/keyring file beside the database is missing/),
    });
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
    expect(() => backupDatabase(open.db, open.databasePath, open.dataKey.toString('hex'), join(file, 'sub'), new Date())).toThrow(
      'The backup folder cannot be reached. Check the drive is connected, or choose another folder. Nothing was changed.',
    );
    closeTeamDatabase(open);
  });

  it('the database replaced by something that is not ours', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    rmSync(databasePath);
    writeFileSync(databasePath, 'SQLite format 3\u0000 but not really');
    await expect(unlock(databasePath)).rejects.toMatchObject({
      code: 'DATABASE_DAMAGED',
      message: expect.stringMatching(/could not be decrypted with this key/),
    });
  });

  it('disk full: the change that does not fit is refused clearly, and every saved case survives', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const keyHex = open.dataKey.toString('hex');
    closeTeamDatabase(open);
    const script = join(tempFolder(), 'storage-fault-writer.cjs');
    buildSync({
      entryPoints: [join(import.meta.dirname, 'storage-fault-writer.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script,
      external: ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
      logLevel: 'error',
    });

    // Room for roughly two megabytes more than the database holds now.
    const blocks = Math.ceil((statSync(databasePath).size + 2 * 1024 * 1024) / 512);
    const lines = await runWithFileSizeLimit(blocks, script, [databasePath, keyHex]);
    const saved = lines.filter((line) => line.startsWith('FULL-'));
    const last = lines.at(-1) ?? '';
    expect(last.startsWith('ERROR ')).toBe(true);
    expect(JSON.parse(last.slice('ERROR '.length))).toMatchObject({
      code: 'STORAGE',
      message: expect.stringMatching(/not saved\. Everything saved before is safe/),
    });
    expect(saved.length).toBeGreaterThan(0);
    console.log(`disk full: ${saved.length} cases saved before the disk refused; ${last}`);

    // With the space back: the file is whole, holds exactly what was reported saved, and takes new work.
    expect(verifyDatabase(databasePath, keyHex)).toMatchObject({ ok: true });
    const db = openEncryptedDatabase(databasePath, keyHex, { create: false });
    const refs = (db.prepare("SELECT case_ref AS ref FROM cases WHERE case_ref LIKE 'FULL-%' ORDER BY id").all() as { ref: string }[]).map((r) => r.ref);
    expect(refs).toEqual(saved);
    const ctx = { db, actor: ADMIN, now: new Date(), rules: readTimerRules(db) };
    createCase(ctx, { ownerName: 'P', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' });
    db.close();
  });

  it.skipIf(!canMakeReadOnly)('database folder made read-only: unlocking says so (not "damaged"), and nothing is lost', async () => {
    const { open, databasePath, folder } = await newTeamDatabase();
    const ctx = { db: open.db, actor: ADMIN, now: new Date(), rules: readTimerRules(open.db) };
    createCase(ctx, { ownerName: 'P', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' });
    closeTeamDatabase(open);

    const undo = makeReadOnly(folder)!;
    try {
      await expect(unlock(databasePath)).rejects.toMatchObject({
        code: 'STORAGE',
        message: expect.stringMatching(/cannot be written to, so nothing was saved/),
      });
    } finally {
      undo();
    }
    const again = await unlock(databasePath);
    expect(again.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    closeTeamDatabase(again);
  });
});
