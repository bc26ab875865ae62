/** Protective orders: made, expiring (the `order_expiry` timer), breached, renewed, replaced or reviewed. */
import type { z } from 'zod';
import { breachInputSchema, orderInputSchema, orderResolutionSchema } from '../../../shared/record-inputs';
import { addDays, type IsoDate } from '../../../shared/calendar';
import { recordAudit } from '../audit';
import { takeVersion } from '../db/edit-versions';
import { refuseFutureDates, type WriteContext } from '../cases/case-store';
import { rewriteCaseTimers } from '../cases/timer-store';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

export interface OrderRow {
  id: number;
  orderRef: string;
  orderType: string;
  madeDate: string | null;
  expiryDate: string | null;
  court: string | null;
  protectedPeople: string[];
  conditions: string | null;
  exclusionZones: string | null;
  aware: string[];
  resolution: string | null;
  resolvedDate: string | null;
  breaches: { date: string; what: string; reportedTo: string | null; recordedBy: string }[];
  version: number;
}

export function saveOrder(ctx: WriteContext, caseId: number, orderId: number | null, input: z.output<typeof orderInputSchema>, version: number | null): number {
  const o = input;
  const { db, now } = ctx;
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
    const clash = db.prepare('SELECT id FROM orders WHERE case_id = ? AND order_ref = ? AND id <> ?').get(caseId, o.orderRef, orderId ?? -1);
    if (clash) throw new PlwError('CONFLICT', `This case already has an order ${o.orderRef}`, 'orderRef');
    const values = [
      o.orderRef,
      o.orderType,
      o.madeDate,
      o.expiryDate,
      o.court,
      JSON.stringify(o.protectedPeople),
      o.conditions,
      o.exclusionZones,
      JSON.stringify(o.aware),
    ];
    let id = orderId;
    if (id === null) {
      id = Number(
        db
          .prepare(
            `INSERT INTO orders (case_id, order_ref, order_type, made_date, expiry_date, court, protected_people, conditions, exclusion_zones, aware, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(caseId, ...values, now.toISOString()).lastInsertRowid,
      );
    } else {
      if (!db.prepare('SELECT 1 FROM orders WHERE id = ? AND case_id = ?').get(id, caseId)) throw new PlwError('NOT_FOUND', 'That order no longer exists.');
      takeVersion(db, 'order', id, version, ctx.actor, now);
      const result = db
        .prepare(
          'UPDATE orders SET order_ref = ?, order_type = ?, made_date = ?, expiry_date = ?, court = ?, protected_people = ?, conditions = ?, exclusion_zones = ?, aware = ? WHERE id = ? AND case_id = ?',
        )
        .run(...values, id, caseId);
      if (result.changes === 0) throw new PlwError('NOT_FOUND', 'That order no longer exists.');
    }
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: orderId === null ? 'order.added' : 'order.updated', entityType: 'order', entityId: id, caseId }, now);
    return id;
  })();
}

function orderCase(db: Db, orderId: number): number {
  const row = db.prepare('SELECT case_id FROM orders WHERE id = ?').get(orderId) as { case_id: number } | undefined;
  if (!row) throw new PlwError('NOT_FOUND', 'That order no longer exists.');
  return row.case_id;
}

export function addBreach(ctx: WriteContext, orderId: number, input: z.output<typeof breachInputSchema>): void {
  const b = input;
  const { db, now } = ctx;
  db.transaction(() => {
    const caseId = orderCase(db, orderId);
    const id = db
      .prepare('INSERT INTO order_breaches (order_id, breach_date, what, reported_to, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(orderId, b.date, b.what, b.reportedTo, ctx.actor, now.toISOString()).lastInsertRowid;
    recordAudit(db, ctx.actor, { action: 'order.breach-recorded', entityType: 'order_breach', entityId: Number(id), caseId }, now);
  })();
}

/** Renewed, replaced or reviewed: meets the order's expiry timer. */
export function resolveOrder(ctx: WriteContext, orderId: number, input: z.output<typeof orderResolutionSchema>): void {
  const r = input;
  const { db, now } = ctx;
  refuseFutureDates(ctx, [{ field: 'date', label: `the date it was ${r.resolution}`, value: r.date }]);
  db.transaction(() => {
    const caseId = orderCase(db, orderId);
    takeVersion(db, 'order', orderId, null, ctx.actor, now);
    db.prepare('UPDATE orders SET resolution = ?, resolved_date = ? WHERE id = ?').run(r.resolution, r.date, orderId);
    rewriteCaseTimers(db, caseId, ctx.rules);
    recordAudit(db, ctx.actor, { action: `order.${r.resolution}`, entityType: 'order', entityId: orderId, caseId }, now);
  })();
}

export function listOrders(db: Db, caseId: number): OrderRow[] {
  const rows = db
    .prepare(
      `SELECT id, order_ref AS orderRef, order_type AS orderType, made_date AS madeDate, expiry_date AS expiryDate, court, protected_people AS protectedPeople,
              conditions, exclusion_zones AS exclusionZones, aware, resolution, resolved_date AS resolvedDate, version
       FROM orders WHERE case_id = ? ORDER BY (resolved_date IS NOT NULL), coalesce(expiry_date, '9999-12-31'), id`,
    )
    .all(caseId) as (Omit<OrderRow, 'protectedPeople' | 'aware' | 'breaches'> & { protectedPeople: string | null; aware: string | null })[];
  const breaches = db.prepare(
    'SELECT breach_date AS date, what, reported_to AS reportedTo, recorded_by AS recordedBy FROM order_breaches WHERE order_id = ? ORDER BY breach_date DESC',
  );
  return rows.map((r) => ({
    ...r,
    protectedPeople: peopleList(r.protectedPeople),
    aware: r.aware ? (JSON.parse(r.aware) as string[]) : [],
    breaches: breaches.all(r.id) as OrderRow['breaches'],
  }));
}

/**
 * Protected people are stored as a JSON list. Imports and demo data before 0.1.1
 * stored the workbook's text ("victim; children") as it was: read that as the list it means.
 */
function peopleList(stored: string | null): string[] {
  if (!stored) return [];
  if (stored.startsWith('[')) return JSON.parse(stored) as string[];
  return splitPeople(stored);
}

/** The workbook's `protected` cell: people separated by `;`. */
export function splitPeople(text: string): string[] {
  return text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** An order is active from its made date until it expires or is resolved. */
export function activeOrderCount(db: Db, caseId: number, asOf: IsoDate): number {
  return (
    db
      .prepare(
        'SELECT count(*) AS n FROM orders WHERE case_id = ? AND resolved_date IS NULL AND (made_date IS NULL OR made_date <= ?) AND (expiry_date IS NULL OR expiry_date >= ?)',
      )
      .get(caseId, asOf, asOf) as { n: number }
  ).n;
}

/**
 * The orders to act on, by the `order_expiry` timer's own definition (docs/timers.md), so the
 * Orders page, Today's card and Today's group count the same orders: *expired, not reviewed*
 * (the timer overdue) and *expiring* in the team's warning window (due soon). Read from the
 * orders' open timers (met when the order is resolved, closed with its case; a case closing
 * later still counts until then), so only open cases' orders are walked: from the orders
 * themselves the list read every unresolved order of every closed case too (22,800 orders to
 * find 2,650 at 250,000 cases: 28 ms).
 */
export function ordersToAct(db: Db, asOf: IsoDate, which: 'expired' | 'expiring', workerId: number | null, windowDays: number) {
  const params = { asOf, until: addDays(asOf, windowDays), limit: EXPIRING_ORDERS_SHOWN, ...(workerId === null ? {} : { workerId }) };
  const rows = db
    .prepare(
      `SELECT o.id AS orderId, o.order_ref AS orderRef, o.order_type AS orderType, o.expiry_date AS expiryDate, c.id AS caseId, c.case_ref AS caseRef,
              c.victim_name AS victimName, c.owner_name AS ownerName
       FROM timers t JOIN orders o ON o.id = t.order_id JOIN cases c ON c.id = t.case_id ${orderTimers(which, workerId)}
       ORDER BY o.expiry_date, c.case_ref LIMIT @limit`,
    )
    .all(params) as {
    orderId: number;
    orderRef: string;
    orderType: string;
    expiryDate: string;
    caseId: number;
    caseRef: string;
    victimName: string;
    ownerName: string | null;
  }[];
  const total =
    rows.length < EXPIRING_ORDERS_SHOWN
      ? rows.length
      : // Each timer names its order and case (foreign keys): the count needs neither joined.
        (db
          .prepare(`SELECT count(*) FROM timers t ${orderTimers(which, workerId)}`)
          .pluck()
          .get(params) as number);
  return { rows, total };
}

/** The most orders a list shows: a national team can have thousands, and one worker's are a few dozen. */
export const EXPIRING_ORDERS_SHOWN = 1000;

/** Which of the timers `t` are the list's: the condition after the list's FROM. */
function orderTimers(which: 'expired' | 'expiring', workerId: number | null): string {
  // The due-date range is in each branch, so each walks its index over those orders alone.
  const due = which === 'expired' ? 'due_date < @asOf' : 'due_date BETWEEN @asOf AND @until AND warn_from <= @asOf';
  const owner = workerId === null ? '' : 'AND t.owner_worker_id = @workerId';
  return `WHERE t.id IN (
         SELECT id FROM timers INDEXED BY timers_open_kind_due WHERE met_date IS NULL AND closed_date IS NULL AND timer = 'order_expiry' AND ${due}
         UNION ALL
         SELECT id FROM timers INDEXED BY timers_closing WHERE met_date IS NULL AND closed_date IS NOT NULL AND closed_date > @asOf AND timer = 'order_expiry' AND ${due})
       ${owner}`;
}
