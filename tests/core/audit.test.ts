import { describe, expect, it } from 'vitest';
import { brokenAuditEntry, recordAudit } from '../../electron/core/audit';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { verifyDatabase } from '../../electron/core/team/verify';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase } from './helpers';

describe('the audit log', () => {
  it('is a hash chain that verifies whole', async () => {
    const { open } = await newTeamDatabase();
    for (let i = 0; i < 20; i++) recordAudit(open.db, ADMIN, { action: 'case.viewed', entityType: 'case', entityId: i, caseId: i });
    expect(brokenAuditEntry(open.db)).toBeNull();
    closeTeamDatabase(open);
  });

  it('refuses any change or deletion through SQL', async () => {
    const { open } = await newTeamDatabase();
    expect(() => open.db.prepare("UPDATE audit_log SET account_name = 'someone else'").run()).toThrow('The audit log cannot be changed.');
    expect(() => open.db.prepare('DELETE FROM audit_log').run()).toThrow('The audit log cannot be changed.');
    closeTeamDatabase(open);
  });

  it('shows tampering in verify: an edited entry, or one removed, breaks the chain', async () => {
    const { open, databasePath } = await newTeamDatabase();
    for (let i = 0; i < 5; i++) recordAudit(open.db, ADMIN, { action: 'case.viewed', entityId: i });
    const keyHex = open.dataKey.toString('hex');
    // Someone with the key and a SQLite shell drops the guard and rewrites history.
    open.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    open.db.prepare("UPDATE audit_log SET account_name = 'Nobody' WHERE id = 3").run();
    expect(brokenAuditEntry(open.db)).toEqual({ id: 3, reason: 'the entry was changed' });
    open.db.prepare('UPDATE audit_log SET account_name = ? WHERE id = 3').run(ADMIN);
    open.db.prepare('DELETE FROM audit_log WHERE id = 4').run();
    expect(brokenAuditEntry(open.db)).toEqual({ id: 5, reason: 'an entry before it was removed or changed' });
    closeTeamDatabase(open);
    expect(verifyDatabase(databasePath, keyHex).problems).toContain("The audit log's chain is broken at entry 5: an entry before it was removed or changed.");
  });

  it('records failed unlocks (which cannot be written without the key) at the next successful unlock', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    let clock = new Date('2026-11-24T09:00:00Z');
    for (let i = 0; i < 2; i++)
      await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: `wrong one ${i}`, now: () => clock })).rejects.toMatchObject({
        code: 'WRONG_PASSPHRASE',
      });
    clock = new Date('2026-11-24T09:01:00Z');
    const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE, now: () => clock });
    const row = again.db.prepare("SELECT detail FROM audit_log WHERE action = 'session.failed-unlocks'").get() as { detail: string };
    expect(JSON.parse(row.detail)).toEqual({ attempts: 2, last: '2026-11-24T09:00:00.000Z' });
    closeTeamDatabase(again);
  });
});
