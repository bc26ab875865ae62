/** Children in the household: victims in their own right. */
import type { z } from 'zod';
import { childInputSchema } from '../../../shared/record-inputs';
import { SAFEGUARDING_ORDER, type SafeguardingStatus } from '../../../shared/reference-data';
import { recordAudit } from '../audit';
import { takeVersion } from '../db/edit-versions';
import type { WriteContext } from '../cases/case-store';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

export function saveChild(ctx: WriteContext, caseId: number, childId: number | null, input: z.output<typeof childInputSchema>, version: number | null): number {
  const c = input;
  const { db, now } = ctx;
  const stamp = now.toISOString();
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    const values = [
      c.name,
      c.dateOfBirth,
      c.ageYears,
      c.relationshipToVictim,
      c.relationshipToPerpetrator,
      c.livingWith,
      c.safeguardingStatus,
      c.socialWorker,
      c.socialWorkerContact,
      c.notes,
    ];
    let id = childId;
    if (id === null) {
      id = Number(
        db
          .prepare(
            `INSERT INTO children (case_id, name, date_of_birth, age_years, relationship_to_victim, relationship_to_perpetrator, living_with, safeguarding_status,
             social_worker, social_worker_contact, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(caseId, ...values, stamp, stamp).lastInsertRowid,
      );
    } else {
      if (!db.prepare('SELECT 1 FROM children WHERE id = ? AND case_id = ?').get(id, caseId))
        throw new PlwError('NOT_FOUND', 'That child’s record no longer exists.');
      takeVersion(db, 'child', id, version, ctx.actor, now);
      const result = db
        .prepare(
          `UPDATE children SET name = ?, date_of_birth = ?, age_years = ?, relationship_to_victim = ?, relationship_to_perpetrator = ?, living_with = ?,
             safeguarding_status = ?, social_worker = ?, social_worker_contact = ?, notes = ?, updated_at = ? WHERE id = ? AND case_id = ?`,
        )
        .run(...values, stamp, id, caseId);
      if (result.changes === 0) throw new PlwError('NOT_FOUND', 'That child’s record no longer exists.');
    }
    recordAudit(db, ctx.actor, { action: childId === null ? 'child.added' : 'child.updated', entityType: 'child', entityId: id, caseId }, now);
    return id;
  })();
}

export function listChildren(db: Db, caseId: number) {
  return db
    .prepare(
      `SELECT id, name, date_of_birth AS dateOfBirth, age_years AS ageYears, relationship_to_victim AS relationshipToVictim,
              relationship_to_perpetrator AS relationshipToPerpetrator, living_with AS livingWith, safeguarding_status AS safeguardingStatus,
              social_worker AS socialWorker, social_worker_contact AS socialWorkerContact, notes, version
       FROM children WHERE case_id = ? ORDER BY coalesce(date_of_birth, ''), id`,
    )
    .all(caseId) as {
    id: number;
    name: string;
    dateOfBirth: string | null;
    ageYears: number | null;
    relationshipToVictim: string | null;
    relationshipToPerpetrator: string | null;
    livingWith: string | null;
    safeguardingStatus: SafeguardingStatus;
    socialWorker: string | null;
    socialWorkerContact: string | null;
    notes: string | null;
    version: number;
  }[];
}

export function highestSafeguarding(statuses: SafeguardingStatus[]): SafeguardingStatus | null {
  if (!statuses.length) return null;
  return SAFEGUARDING_ORDER.find((s) => statuses.includes(s)) ?? 'none';
}
