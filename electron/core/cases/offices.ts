/**
 * Offices (Probation Delivery Units, model v2 §6): a team's cases and accounts each belong to
 * one, and reports can be scoped to one. Named once; names are unique whatever their case.
 */
import { tidyName } from '../../../shared/person-names';
import { recordAudit } from '../audit';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

export function listOffices(db: Db): { id: number; name: string; cases: number; accounts: number }[] {
  return db
    .prepare(
      `SELECT o.id, o.name, (SELECT count(*) FROM cases c WHERE c.office_id = o.id AND c.closed_date IS NULL) AS cases,
         (SELECT count(*) FROM accounts a WHERE a.office_id = o.id AND a.removed_at IS NULL) AS accounts
       FROM offices o ORDER BY o.name COLLATE NOCASE`,
    )
    .all() as { id: number; name: string; cases: number; accounts: number }[];
}

export function addOffice(db: Db, actor: string, name: string, now: Date): number {
  const tidy = tidyName(name);
  if (db.prepare('SELECT 1 FROM offices WHERE name = ?').get(tidy)) throw new PlwError('VALIDATION', `There is already an office called ${tidy}`, 'name');
  return db.transaction(() => {
    const id = Number(db.prepare('INSERT INTO offices (name, created_at) VALUES (?, ?)').run(tidy, now.toISOString()).lastInsertRowid);
    recordAudit(db, actor, { action: 'office.added', entityType: 'office', entityId: id }, now);
    return id;
  })();
}

export function officeMustExist(db: Db, officeId: number | null, field: string): void {
  if (officeId !== null && !db.prepare('SELECT 1 FROM offices WHERE id = ?').get(officeId))
    throw new PlwError('VALIDATION', 'That office is not one of the team’s', field);
}

export function setAccountOffice(db: Db, actor: string, accountName: string, officeId: number | null, now: Date): void {
  officeMustExist(db, officeId, 'officeId');
  db.transaction(() => {
    const result = db.prepare('UPDATE accounts SET office_id = ? WHERE account_name = ? AND removed_at IS NULL').run(officeId, accountName);
    if (result.changes === 0) throw new PlwError('NOT_FOUND', 'That account no longer exists.');
    recordAudit(db, actor, { action: 'account.office-changed', entityType: 'account', detail: { accountName, officeId } }, now);
  })();
}

export function officeName(db: Db, officeId: number): string | undefined {
  return db.prepare('SELECT name FROM offices WHERE id = ?').pluck().get(officeId) as string | undefined;
}

/** The office a new case starts in: its creator's. */
export function accountOffice(db: Db, accountName: string): number | null {
  return (db.prepare('SELECT office_id FROM accounts WHERE account_name = ?').pluck().get(accountName) as number | null | undefined) ?? null;
}
