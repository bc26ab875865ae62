/**
 * The audit log against someone who holds the key (any account can unwrap it). v1: a worker
 * dropped the triggers, deleted their own `case.viewed` entries, renumbered the ids and
 * recomputed the chain, and `plw verify` said ok. The chain still cannot see that; an anchor
 * taken earlier and kept outside the database does.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditAnchor, brokenAuditEntry, GENESIS_HASH, parseAuditAnchor, recordAudit } from '../../electron/core/audit';
import { backupDatabase } from '../../electron/core/backup/backups';
import type { Db } from '../../electron/core/db/open-database';
import { verifyDatabase } from '../../electron/core/team/verify';
import { ADMIN, closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';

/** What a worker with the key and the source code can do: rewrite the log and recompute the chain. */
function rewriteLog(db: Db, keep: (row: { action: string; account_name: string }) => boolean): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, string | number | null>[];
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log;');
  let prev = GENESIS_HASH;
  let id = 0;
  for (const row of rows.filter((r) => keep(r as never))) {
    id += 1;
    const fields = [prev, row.at, row.account_name, row.action, row.entity_type, row.entity_id, row.case_id, row.detail];
    const hash = createHash('sha256')
      .update(JSON.stringify(['v2', id, ...fields]))
      .digest('hex');
    db.prepare(
      'INSERT INTO audit_log (id, at, account_name, action, entity_type, entity_id, case_id, detail, prev_hash, hash, hash_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2)',
    ).run(id, row.at, row.account_name, row.action, row.entity_type, row.entity_id, row.case_id, row.detail, prev, hash);
    prev = hash;
  }
}

describe('the audit anchor', () => {
  it('is written beside every backup, and matches the log the backup holds', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const made = backupDatabase(open.db, databasePath, open.dataKey.toString('hex'), tempFolder(), new Date('2026-11-24T10:00:00Z'));
    const text = readFileSync(`${made.file}.anchor`, 'utf8');
    expect(text).toContain(`Anchor: ${made.anchor}`);
    expect(text).toContain(`plw verify --db PATH --anchor ${made.anchor}`);
    expect(made.anchor).toBe(auditAnchor(open.db));
    closeTeamDatabase(open);
  });

  it('catches a rewrite made with the data key that the chain alone passes', async () => {
    const { open, databasePath } = await newTeamDatabase();
    recordAudit(open.db, 'Priya Shah', { action: 'case.viewed', entityType: 'case', entityId: 7, caseId: 7 });
    recordAudit(open.db, 'Priya Shah', { action: 'case-list.exported' });
    recordAudit(open.db, ADMIN, { action: 'settings.updated' });
    const anchor = parseAuditAnchor(auditAnchor(open.db)!)!;
    recordAudit(open.db, ADMIN, { action: 'session.locked' });

    rewriteLog(open.db, (row) => row.account_name !== 'Priya Shah');
    expect(brokenAuditEntry(open.db)).toBeNull(); // the chain is whole again
    const keyHex = open.dataKey.toString('hex');
    closeTeamDatabase(open);
    expect(verifyDatabase(databasePath, keyHex).ok).toBe(true); // v1's verdict
    expect(verifyDatabase(databasePath, keyHex, anchor)).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^The audit log (has been rewritten since the anchor was taken|no longer has entry \d+)/)],
    });
  });

  it('catches entries cut off the end, which the chain never could', async () => {
    const { open, databasePath } = await newTeamDatabase();
    for (let i = 0; i < 5; i++) recordAudit(open.db, ADMIN, { action: 'case.viewed', caseId: i + 1 });
    const anchor = parseAuditAnchor(auditAnchor(open.db)!)!;
    open.db.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > ${anchor.id - 3};`);
    expect(brokenAuditEntry(open.db)).toBeNull();
    const keyHex = open.dataKey.toString('hex');
    closeTeamDatabase(open);
    expect(verifyDatabase(databasePath, keyHex, anchor).problems).toEqual([
      `The audit log no longer has entry ${anchor.id}, the anchor's: entries were cut off or renumbered since the anchor was taken.`,
    ]);
  });

  it('passes a log that has only grown since the anchor', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const anchor = parseAuditAnchor(auditAnchor(open.db)!)!;
    recordAudit(open.db, ADMIN, { action: 'session.locked' });
    const keyHex = open.dataKey.toString('hex');
    closeTeamDatabase(open);
    expect(verifyDatabase(databasePath, keyHex, anchor)).toMatchObject({ ok: true, problems: [] });
    expect(parseAuditAnchor('12:abc')).toBeNull();
  });
});
