/**
 * The safety plan (model v2 §5): items (risk, action, who, by when), agreed with the victim and
 * reviewed. Each agreement or review restarts the `safety_plan_review` timer; risk events here or
 * on a linked case, release, programme end and order expiry bring it forward.
 */
import type { z } from 'zod';
import type { safetyPlanItemInputSchema, safetyPlanReviewInputSchema } from '../../../shared/agency-inputs';
import type { SafetyPlanView } from '../../../shared/agency-views';
import type { IsoDate } from '../../../shared/calendar';
import type { TimerRules } from '../../../shared/timer-rules';
import { safetyPlanReview, timerStatus } from '../../../shared/timers';
import { recordAudit } from '../audit';
import { takeVersion } from '../db/edit-versions';
import { refuseFutureDates, type WriteContext } from '../cases/case-store';
import { loadCaseFacts, rewriteCaseTimers } from '../cases/timer-store';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';
import { formatDateLong } from '../../../shared/uk-dates';

/** Adds an item (itemId null) or changes one; a removed item is kept in the plan's history, not deleted. */
export function saveSafetyPlanItem(
  ctx: WriteContext,
  caseId: number,
  itemId: number | null,
  input: z.output<typeof safetyPlanItemInputSchema>,
  version: number | null,
): number {
  const { db, now } = ctx;
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    if (itemId === null) {
      const id = Number(
        db
          .prepare('INSERT INTO safety_plan_items (case_id, risk, action, who, by_when, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(caseId, input.risk, input.action, input.who, input.byWhen, ctx.actor, now.toISOString()).lastInsertRowid,
      );
      recordAudit(db, ctx.actor, { action: 'safety-plan.item-added', entityType: 'safety_plan_item', entityId: id, caseId }, now);
      return id;
    }
    itemOnCase(db, itemId, caseId);
    takeVersion(db, 'safetyPlanItem', itemId, version, ctx.actor, now);
    db.prepare('UPDATE safety_plan_items SET risk = ?, action = ?, who = ?, by_when = ? WHERE id = ?').run(
      input.risk,
      input.action,
      input.who,
      input.byWhen,
      itemId,
    );
    recordAudit(db, ctx.actor, { action: 'safety-plan.item-changed', entityType: 'safety_plan_item', entityId: itemId, caseId }, now);
    return itemId;
  })();
}

export function removeSafetyPlanItem(ctx: WriteContext, caseId: number, itemId: number, version: number | null): void {
  const { db, now } = ctx;
  db.transaction(() => {
    itemOnCase(db, itemId, caseId);
    takeVersion(db, 'safetyPlanItem', itemId, version, ctx.actor, now);
    db.prepare('UPDATE safety_plan_items SET removed_at = ?, removed_by = ? WHERE id = ?').run(now.toISOString(), ctx.actor, itemId);
    recordAudit(db, ctx.actor, { action: 'safety-plan.item-removed', entityType: 'safety_plan_item', entityId: itemId, caseId }, now);
  })();
}

function itemOnCase(db: Db, itemId: number, caseId: number): void {
  const row = db.prepare('SELECT case_id AS caseId, removed_at AS removedAt FROM safety_plan_items WHERE id = ?').get(itemId) as
    { caseId: number; removedAt: string | null } | undefined;
  if (!row || row.caseId !== caseId || row.removedAt) throw new PlwError('NOT_FOUND', 'That item is no longer in the plan. Reload the page.');
}

/** Agreeing the plan with her, or reviewing it: a plan with no items cannot be agreed. */
export function recordSafetyPlanReview(ctx: WriteContext, caseId: number, input: z.output<typeof safetyPlanReviewInputSchema>): number {
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: 'the date', value: input.date }]);
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    if (!db.prepare('SELECT 1 FROM safety_plan_items WHERE case_id = ? AND removed_at IS NULL').get(caseId))
      throw new PlwError('VALIDATION', 'Add at least one item to the plan first', 'date');
    const agreedBefore = db.prepare("SELECT 1 FROM safety_plan_reviews WHERE case_id = ? AND kind = 'agreed'").get(caseId);
    // The first is the plan agreed with her; after that, reviews (the form sends what it shows).
    const kind = agreedBefore ? input.kind : 'agreed';
    const id = Number(
      db
        .prepare('INSERT INTO safety_plan_reviews (case_id, review_date, kind, notes, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(caseId, input.date, kind, input.notes, ctx.actor, now.toISOString()).lastInsertRowid,
    );
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: `safety-plan.${kind}`, entityType: 'safety_plan_review', entityId: id, caseId }, now);
    return id;
  })();
}

export function readSafetyPlan(db: Db, caseId: number, asOf: IsoDate, rules: TimerRules): SafetyPlanView {
  const loaded = loadCaseFacts(db, caseId);
  if (!loaded) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  const items = db
    .prepare('SELECT id, risk, action, who, by_when AS byWhen, version FROM safety_plan_items WHERE case_id = ? AND removed_at IS NULL ORDER BY id')
    .all(caseId) as SafetyPlanView['items'];
  const reviews = db
    .prepare(
      'SELECT id, review_date AS date, kind, notes, recorded_by AS recordedBy FROM safety_plan_reviews WHERE case_id = ? ORDER BY review_date DESC, id DESC',
    )
    .all(caseId) as SafetyPlanView['reviews'];
  const stored = db
    .prepare("SELECT due_date AS dueDate, warn_from AS warnFrom, met_date AS metDate FROM timers WHERE case_id = ? AND timer = 'safety_plan_review'")
    .get(caseId) as { dueDate: IsoDate; warnFrom: IsoDate; metDate: null } | undefined;
  const review = safetyPlanReview(loaded.facts, rules);
  const next =
    stored && review
      ? {
          dueDate: stored.dueDate,
          status: timerStatus(stored, asOf, loaded.row.closed_date),
          trigger:
            review.trigger && review.dueDate === stored.dueDate ? { date: review.trigger, what: triggerWhat(db, caseId, review.trigger, loaded.facts) } : null,
        }
      : null;
  return { asOf, items, reviews, next };
}

/** What brought the review forward, in words: "a risk event on linked case PL-2026-00012 on 10 February 2027". */
function triggerWhat(db: Db, caseId: number, date: IsoDate, facts: NonNullable<ReturnType<typeof loadCaseFacts>>['facts']): string {
  const on = formatDateLong(date);
  if (facts.riskEvents.some((e) => e.date === date)) return `A risk event on this case on ${on}`;
  const linked = db
    .prepare(
      `SELECT other.case_ref FROM cases c JOIN cases other ON other.perpetrator_id = c.perpetrator_id AND other.id <> c.id
       JOIN risk_events e ON e.case_id = other.id WHERE c.id = ? AND e.event_date = ? ORDER BY other.id LIMIT 1`,
    )
    .pluck()
    .get(caseId, date) as string | undefined;
  if (linked) return `A risk event on linked case ${linked} on ${on}`;
  if (facts.releaseDate === date) return `His release on ${on}`;
  if (facts.programmeEndDate === date) return `The programme’s end on ${on}`;
  return `An order’s expiry on ${on}`;
}
