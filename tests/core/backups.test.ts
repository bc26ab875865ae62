import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, backupsToKeep, listBackups, restoreBackup, rotateBackups, verifyBackup } from '../../electron/core/backup/backups';
import { createCase } from '../../electron/core/cases/case-store';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';

const NOW = new Date('2026-11-24T10:00:00Z');

describe('backups', () => {
  it('writes an encrypted, verified copy while the database is open, with its keyring beside it', async () => {
    const { open } = await newTeamDatabase();
    createCase(
      { db: open.db, actor: ADMIN, now: NOW, rules: readTimerRules(open.db) },
      { ownerName: 'Priya', victimName: 'Philippa Quenby-Zetland', perpetratorName: 'P', sentenceDate: '2026-11-02' },
    );
    const folder = tempFolder();
    const result = backupDatabase(open.db, open.databasePath, open.dataKey.toString('hex'), folder, NOW);
    expect(result.counts.cases).toBe(1);
    expect(readdirSync(folder).sort()).toEqual(['team-20261124-100000.plwbak', 'team-20261124-100000.plwbak.anchor', 'team-20261124-100000.plwbak.keyring']);
    expect(readFileSync(result.file).includes(Buffer.from('Quenby-Zetland'))).toBe(false);
    expect(verifyBackup(result.file, open.dataKey.toString('hex'))).toEqual({ ok: true, counts: result.counts, anchor: result.anchor });
    closeTeamDatabase(open);
  });

  it('says clearly when the backup folder cannot be reached, and changes nothing', async () => {
    const { open } = await newTeamDatabase();
    const blocker = join(tempFolder(), 'not-a-folder');
    writeFileSync(blocker, 'a file where the folder should be');
    expect(() => backupDatabase(open.db, open.databasePath, open.dataKey.toString('hex'), join(blocker, 'backups'), NOW)).toThrow(
      'The backup folder cannot be reached.',
    );
    closeTeamDatabase(open);
  });

  it('keeps 7 daily, 4 weekly and 12 monthly backups', () => {
    // One backup a day at noon for 400 days up to 24 Nov 2026.
    const backups = Array.from({ length: 400 }, (_, i) => ({ file: `b${i}`, takenAt: new Date(Date.UTC(2026, 10, 24, 12) - i * 86_400_000) }));
    const keep = backupsToKeep(backups, { daily: 7, weekly: 4, monthly: 12 });
    const kept = backups.filter((b) => keep.has(b.file)).map((b) => b.takenAt.toISOString().slice(0, 10));
    expect(kept.slice(0, 7)).toEqual(['2026-11-24', '2026-11-23', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18']);
    expect(kept).toContain('2026-11-15'); // the newest of the week before (Sunday)
    expect(kept).toContain('2025-12-31'); // the newest of December 2025
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(kept).not.toContain('2025-11-15');
  });

  it('rotation removes only what the policy lets go, keyrings and anchors included', async () => {
    const { open } = await newTeamDatabase();
    const folder = tempFolder();
    for (let i = 0; i < 10; i++) backupDatabase(open.db, open.databasePath, open.dataKey.toString('hex'), folder, new Date(Date.UTC(2026, 10, 24 - i, 9)));
    closeTeamDatabase(open);
    const removed = rotateBackups(folder, { daily: 7, weekly: 1, monthly: 1 });
    expect(removed).toHaveLength(3);
    expect(listBackups(folder)).toHaveLength(7);
    expect(readdirSync(folder)).toHaveLength(7 * 3);
  });

  it('restores a backup, keeping the current database aside first, and the restored one unlocks', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const ctx = { db: open.db, actor: ADMIN, now: NOW, rules: readTimerRules(open.db) };
    createCase(ctx, { caseRef: 'KEEP-1', ownerName: 'Priya', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' });
    const folder = tempFolder();
    const { file } = backupDatabase(open.db, databasePath, open.dataKey.toString('hex'), folder, NOW);
    createCase(ctx, { caseRef: 'AFTER-1', ownerName: 'Priya', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' });
    const keyHex = open.dataKey.toString('hex');
    closeTeamDatabase(open);

    const { keptAside } = restoreBackup({ databasePath, live: null, actor: ADMIN }, file, keyHex, new Date('2026-11-25T08:00:00Z'));
    expect(existsSync(keptAside)).toBe(true);
    expect(existsSync(`${keptAside}.keyring`)).toBe(true);
    const restored = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    expect((restored.db.prepare('SELECT case_ref FROM cases ORDER BY case_ref').all() as { case_ref: string }[]).map((r) => r.case_ref)).toEqual(['KEEP-1']);
    closeTeamDatabase(restored);
  });
});

describe('restore from the app', () => {
  it('previews a backup, refuses without confirmation, restores, keeps the current database aside and locks', async () => {
    const { AppCore } = await import('../../electron/core/app-core');
    const { createHandlers, dispatch } = await import('../../electron/core/handlers');
    const folder = tempFolder();
    const events: string[] = [];
    const core = new AppCore({
      configDir: folder,
      emit: (event) => events.push(event),
      choose: async () => join(folder, 'backups'),
      now: () => new Date('2026-11-24T10:00:00Z'),
    });
    const handlers = createHandlers(core);
    const ok = async (channel: string, input: unknown) => {
      const result = await dispatch(handlers, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
      return result.value as never;
    };
    await ok('database.create', { teamName: 'Team', accountName: 'Sam Admin', passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
    await ok('cases.create', { case: { caseRef: 'IN-BACKUP', ownerName: 'Sam Admin', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' } });
    await ok('backups.chooseFolder', {});
    const { name } = (await ok('backups.now', {})) as { name: string };
    await ok('cases.create', { case: { caseRef: 'AFTER', ownerName: 'Sam Admin', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02' } });
    expect(await ok('backups.preview', { name })).toMatchObject({ readable: true, counts: { cases: 1 } });
    expect(await dispatch(handlers, 'backups.restore', { name, confirmed: false })).toMatchObject({ ok: false, error: { field: 'confirmed' } });
    const restored = (await ok('backups.restore', { name, confirmed: true })) as { keptAside: string };
    expect(restored.keptAside).toMatch(/^team\.plwdb\.before-restore-/);
    expect(core.isUnlocked()).toBe(false);
    expect(events).toContain('locked');
    await ok('session.unlock', { accountName: 'Sam Admin', passphrase: 'a long passphrase' });
    const list = (await ok('cases.list', { scope: 'team' })) as { rows: { caseRef: string }[] };
    expect(list.rows.map((r) => r.caseRef)).toEqual(['IN-BACKUP']);
  });
});
