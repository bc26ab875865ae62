/**
 * The audit log: who did what, when. Detail holds ids, field names and counts,
 * never the personal data itself, so the log can be shown to an admin safely.
 * Entries are chained by SHA-256 (each covers the previous hash) and the table
 * refuses updates and deletes, so tampering with the file shows in `plw verify`.
 */
import { createHash } from 'node:crypto';
import type { Db } from './db/open-database';

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: number;
  caseId?: number;
  detail?: Record<string, string | number | boolean | null | string[]>;
}

export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow {
  id: number;
  at: string;
  account_name: string;
  action: string;
  entity_type: string | null;
  entity_id: number | null;
  case_id: number | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

function entryHash(prevHash: string, row: Omit<AuditRow, 'id' | 'hash' | 'prev_hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, row.at, row.account_name, row.action, row.entity_type, row.entity_id, row.case_id, row.detail]))
    .digest('hex');
}

export function recordAudit(db: Db, accountName: string, entry: AuditEntry, now: Date = new Date()): void {
  // Reading the chain's end and appending to it must be one transaction that holds the write
  // lock: two programs appending at once (the app, and plw beside it) would otherwise both
  // link to the same entry and fork the chain. Inside a caller's transaction this is a savepoint.
  db.transaction(() => appendAudit(db, accountName, entry, now)).immediate();
}

function appendAudit(db: Db, accountName: string, entry: AuditEntry, now: Date): void {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at: now.toISOString(),
    account_name: accountName,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    case_id: entry.caseId ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
  db.prepare(
    `INSERT INTO audit_log (at, account_name, action, entity_type, entity_id, case_id, detail, prev_hash, hash)
     VALUES (@at, @account_name, @action, @entity_type, @entity_id, @case_id, @detail, @prev_hash, @hash)`,
  ).run({ ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) });
}

/** Walks the whole chain; null when it is whole, otherwise the first entry that does not fit. */
export function brokenAuditEntry(db: Db): { id: number; reason: string } | null {
  let expectedPrev = GENESIS_HASH;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    if (row.prev_hash !== expectedPrev) return { id: row.id, reason: 'an entry before it was removed or changed' };
    if (entryHash(row.prev_hash, row) !== row.hash) return { id: row.id, reason: 'the entry was changed' };
    expectedPrev = row.hash;
  }
  return null;
}

export interface AuditQuery {
  from?: string | undefined;
  to?: string | undefined;
  account?: string | undefined;
  action?: string | undefined;
  limit: number;
}

export function listAudit(db: Db, query: AuditQuery) {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: query.limit };
  if (query.from) {
    where.push('at >= @from');
    params.from = query.from;
  }
  if (query.to) {
    where.push('at < @to');
    params.to = `${query.to}T99`;
  }
  if (query.account) {
    where.push('account_name = @account COLLATE NOCASE');
    params.account = query.account;
  }
  if (query.action) {
    where.push('action LIKE @action');
    params.action = `${query.action}%`;
  }
  return db
    .prepare(
      `SELECT id, at, account_name AS accountName, action, entity_type AS entityType, entity_id AS entityId, case_id AS caseId, detail
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`,
    )
    .all(params) as { id: number; at: string; accountName: string; action: string; entityType: string | null; entityId: number | null; caseId: number | null; detail: string | null }[];
}
