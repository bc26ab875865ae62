/**
 * The audit log: who did what, when. Detail holds ids, field names and counts,
 * never the personal data itself, so the log can be shown to an admin safely.
 * Entries are chained by SHA-256 (each covers every field of the entry, its id included,
 * and the previous hash) and the table refuses updates and deletes.
 *
 * What that guarantees, and against whom: someone without the key cannot read or change
 * an entry at all (the file is encrypted and every page authenticated). Someone WITH the
 * key (any account can unwrap it) can drop the table's triggers, rewrite or cut entries and
 * recompute the whole chain, and the chain alone cannot tell. An anchor does: the last
 * entry's id and hash, written beside every backup and shown to administrators to keep
 * elsewhere. `plw verify --anchor ID:HASH` then finds any rewrite or truncation of the log
 * up to that entry.
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
  hash_version: number;
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

type HashedFields = Omit<AuditRow, 'hash' | 'prev_hash' | 'hash_version'>;

/** Version 1 (schema 1 to 6) left the id out; version 2 covers every field. */
function entryHash(version: number, prevHash: string, row: HashedFields): string {
  const fields = [prevHash, row.at, row.account_name, row.action, row.entity_type, row.entity_id, row.case_id, row.detail];
  return createHash('sha256')
    .update(JSON.stringify(version === 1 ? fields : ['v2', row.id, ...fields]))
    .digest('hex');
}

export function recordAudit(db: Db, accountName: string, entry: AuditEntry, now: Date = new Date()): void {
  // Reading the chain's end and appending to it must be one transaction that holds the write
  // lock: two programs appending at once (the app, and plw beside it) would otherwise both
  // link to the same entry and fork the chain. Inside a caller's transaction this is a savepoint.
  db.transaction(() => appendAudit(db, accountName, entry, now)).immediate();
}

function appendAudit(db: Db, accountName: string, entry: AuditEntry, now: Date): void {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    // Entries are never deleted, so the next id is the last one plus one (taken under the write lock).
    id: (last?.id ?? 0) + 1,
    at: now.toISOString(),
    account_name: accountName,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    case_id: entry.caseId ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  };
  db.prepare(
    `INSERT INTO audit_log (id, at, account_name, action, entity_type, entity_id, case_id, detail, prev_hash, hash, hash_version)
     VALUES (@id, @at, @account_name, @action, @entity_type, @entity_id, @case_id, @detail, @prev_hash, @hash, 2)`,
  ).run({ ...row, prev_hash: prevHash, hash: entryHash(2, prevHash, row) });
}

/** Walks the whole chain; null when it is whole, otherwise the first entry that does not fit. */
export function brokenAuditEntry(db: Db): { id: number; reason: string } | null {
  let expectedPrev = GENESIS_HASH;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    if (row.prev_hash !== expectedPrev) return { id: row.id, reason: 'an entry before it was removed or changed' };
    if (entryHash(row.hash_version, row.prev_hash, row) !== row.hash) return { id: row.id, reason: 'the entry was changed' };
    expectedPrev = row.hash;
  }
  return null;
}

/** The chain's head as it stands: the last entry's id and hash, written `1234:3fa9…` (64 hex digits). */
export function auditAnchor(db: Db): string | null {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  return last ? `${last.id}:${last.hash}` : null;
}

export function parseAuditAnchor(text: string): { id: number; hash: string } | null {
  const m = /^\s*(\d+):([0-9a-f]{64})\s*$/i.exec(text);
  return m ? { id: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}

/**
 * Whether the log still holds, unchanged, everything up to an anchor taken earlier. The
 * chain links each entry to the one before, so the anchor's entry being there with the
 * same hash means no entry up to it was changed, removed, added or renumbered since.
 */
export function auditAnchorProblem(db: Db, anchor: { id: number; hash: string }): string | null {
  const row = db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(anchor.id) as { hash: string } | undefined;
  if (!row) return `The audit log no longer has entry ${anchor.id}, the anchor's: entries were cut off or renumbered since the anchor was taken.`;
  if (row.hash !== anchor.hash) return `The audit log has been rewritten since the anchor was taken: entry ${anchor.id} no longer matches it.`;
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
      `SELECT a.id, a.at, a.account_name AS accountName, a.action, a.entity_type AS entityType, a.entity_id AS entityId, a.case_id AS caseId,
              (SELECT c.case_ref FROM cases c WHERE c.id = a.case_id) AS caseRef, a.detail
       FROM audit_log a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT @limit`,
    )
    .all(params) as {
    id: number;
    at: string;
    accountName: string;
    action: string;
    entityType: string | null;
    entityId: number | null;
    /** The case's reference while it exists (an erased case's entries keep only its number). */
    caseRef: string | null;
    caseId: number | null;
    detail: string | null;
  }[];
}
