/**
 * The audit log: who did what, when. Detail holds ids, field names and counts,
 * never the personal data itself, so the log can be shown to an admin safely.
 */
import type { Db } from './db/open-database';

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: number;
  caseId?: number;
  detail?: Record<string, string | number | boolean | null | string[]>;
}

export function recordAudit(db: Db, accountName: string, entry: AuditEntry, now: Date = new Date()): void {
  db.prepare(
    `INSERT INTO audit_log (at, account_name, action, entity_type, entity_id, case_id, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    now.toISOString(),
    accountName,
    entry.action,
    entry.entityType ?? null,
    entry.entityId ?? null,
    entry.caseId ?? null,
    entry.detail ? JSON.stringify(entry.detail) : null,
  );
}
