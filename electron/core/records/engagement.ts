/**
 * The victim's engagement status (docs/model.md), set by her contacts' outcomes or by a
 * person: "unable to contact" after the review timer prompts it, "no contact at all" when she
 * asks (a safe-contact rule from then on), "declined" when she says so other than in a contact.
 */
import type { z } from 'zod';
import { engagementInputSchema } from '../../../shared/record-inputs';
import { recordAudit } from '../audit';
import { refuseFutureDates, type WriteContext } from '../cases/case-store';
import { rewriteCaseTimers } from '../cases/timer-store';
import { PlwError } from '../errors';

export function setEngagement(ctx: WriteContext, caseId: number, input: z.output<typeof engagementInputSchema>): number {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date', value: input.date }]);
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    const id = Number(
      db
        .prepare("INSERT INTO engagement_changes (case_id, change_date, status, source, reason, recorded_by, recorded_at) VALUES (?, ?, ?, 'hand', ?, ?, ?)")
        .run(caseId, input.date, input.status, input.reason, ctx.actor, now.toISOString()).lastInsertRowid,
    );
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: 'engagement.set', entityType: 'case', entityId: caseId, caseId, detail: { status: input.status } }, now);
    return id;
  })();
}
