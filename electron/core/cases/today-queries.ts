/** Today: the timers due soon or overdue, for a worker or the team, with the counts behind them. */
import { addDays, daysBetween, type IsoDate } from '../../../shared/calendar';
import type { ReleaseRow, TodayResult, TodayRow } from '../../../shared/case-views';
import { DEFAULT_TIMER_RULES, type TimerId, type TimerRules } from '../../../shared/timer-rules';
import { riskShareEscalates } from '../../../shared/timers';
import type { Db } from '../db/open-database';

/** Which of Today's timers a list shows: all, or the ones a card picked. */
export type TodayStatus = 'overdue' | 'due_soon' | null;

function todayRows(db: Db, asOf: IsoDate, workerId: number | null, status: TodayStatus, offset: number, limit: number): TodayRow[] {
  const owner = workerId === null ? '' : 'AND t.owner_worker_id = @workerId';
  const due = status === 'overdue' ? 'AND t.due_date < @asOf' : status === 'due_soon' ? 'AND t.due_date >= @asOf' : '';
  const select = (
    index: string,
  ) => `SELECT t.timer, t.due_date AS dueDate, t.order_ref AS orderRef, c.id AS caseId, c.case_ref AS caseRef, c.victim_name AS victimName, c.owner_name AS ownerName
     FROM timers t ${index} JOIN cases c ON c.id = t.case_id`;
  // A page further on needs every row before it from both lists, to merge them in order.
  const upTo = offset + limit;
  const params = workerId === null ? { asOf, upTo } : { asOf, upTo, workerId };
  // Open cases walk the due-date index in order and stop at the page's end; cases with a
  // closing date still ahead are few and read apart. Indexes are named: once a database has
  // been analysed the planner chose others (a skip-scan, a sort of every open timer).
  const open = db
    .prepare(
      `${select(workerId === null ? 'INDEXED BY timers_open_due' : 'INDEXED BY timers_open_owner_warn')} WHERE t.met_date IS NULL AND t.closed_date IS NULL AND t.warn_from <= @asOf ${owner} ${due} ORDER BY t.due_date, t.id LIMIT @upTo`,
    )
    .all(params) as Omit<TodayRow, 'status' | 'daysOverdue'>[];
  const closing = db
    .prepare(
      `${select('INDEXED BY timers_closing')} WHERE t.met_date IS NULL AND t.closed_date IS NOT NULL AND t.closed_date > @asOf AND t.warn_from <= @asOf ${owner} ${due} ORDER BY t.due_date LIMIT @upTo`,
    )
    .all(params) as Omit<TodayRow, 'status' | 'daysOverdue'>[];
  return [...open, ...closing]
    .sort((a, b) => (a.dueDate === b.dueDate ? a.caseRef.localeCompare(b.caseRef) : a.dueDate < b.dueDate ? -1 : 1))
    .slice(offset, upTo)
    .map((r) => ({ ...r, status: r.dueDate < asOf ? 'overdue' : 'due_soon', daysOverdue: Math.max(0, daysBetween(r.dueDate, asOf)) }));
}

/**
 * Open timers overdue and due soon, per timer. The team's are summed from `open_timer_counts`
 * (a row per timer and day, kept by triggers): counting the open timers themselves grew with
 * the caseload, 22 ms at 250,000 cases. One worker's are few and counted from their index.
 */
function todayCounts(db: Db, asOf: IsoDate, workerId: number | null): { timer: TimerId; overdue: number; dueSoon: number }[] {
  const byTimer = new Map<TimerId, { timer: TimerId; overdue: number; dueSoon: number }>();
  const add = (rows: { timer: TimerId; overdue: number; dueSoon: number }[]) => {
    for (const row of rows) {
      const into = byTimer.get(row.timer) ?? { timer: row.timer, overdue: 0, dueSoon: 0 };
      into.overdue += row.overdue;
      into.dueSoon += row.dueSoon;
      byTimer.set(row.timer, into);
    }
  };
  const open = 't.met_date IS NULL AND t.closed_date IS NULL';
  if (workerId === null) {
    add(
      db
        .prepare(
          `SELECT timer, sum(CASE WHEN due_date < @asOf THEN n ELSE 0 END) AS overdue, sum(CASE WHEN due_date >= @asOf THEN n ELSE 0 END) AS dueSoon
           FROM open_timer_counts WHERE warn_from <= @asOf GROUP BY timer`,
        )
        .all({ asOf }) as never,
    );
  } else {
    add(
      db
        .prepare(
          `SELECT t.timer, sum(t.due_date < @asOf) AS overdue, sum(t.due_date >= @asOf) AS dueSoon FROM timers t INDEXED BY timers_open_owner_warn WHERE ${open} AND t.owner_worker_id = @workerId AND t.warn_from <= @asOf GROUP BY t.timer`,
        )
        .all({ asOf, workerId }) as never,
    );
  }
  // Cases with a closing date still ahead: their timers still count until then.
  add(
    db
      .prepare(
        `SELECT t.timer, sum(t.due_date < @asOf) AS overdue, sum(t.due_date >= @asOf) AS dueSoon FROM timers t INDEXED BY timers_closing
         WHERE t.met_date IS NULL AND t.closed_date IS NOT NULL AND t.closed_date > @asOf AND t.warn_from <= @asOf ${workerId === null ? '' : 'AND t.owner_worker_id = @workerId'} GROUP BY t.timer`,
      )
      .all(workerId === null ? { asOf } : { asOf, workerId }) as never,
  );
  return [...byTimer.values()].sort((a, b) => (a.timer < b.timer ? -1 : a.timer > b.timer ? 1 : 0));
}

/**
 * Open cases whose perpetrator is released from today to `days` ahead, soonest first (the
 * release date is his, copied onto each open case naming him and indexed there).
 */
export function releasesAhead(db: Db, asOf: IsoDate, days: number, workerId: number | null, limit = 200): TodayResult['releases'] {
  const owner = workerId === null ? '' : 'AND c.owner_worker_id = @workerId';
  const params = { asOf, until: addDays(asOf, days), limit, ...(workerId === null ? {} : { workerId }) };
  const where = `c.release_date >= @asOf AND c.release_date <= @until AND c.closed_date IS NULL ${owner}`;
  const rows = db
    .prepare(
      `SELECT c.id AS caseId, c.case_ref AS caseRef, c.victim_name AS victimName, c.owner_name AS ownerName, c.release_date AS releaseDate, c.custody_status AS custodyStatus
       FROM cases c INDEXED BY cases_release WHERE ${where} ORDER BY c.release_date, c.case_ref LIMIT @limit`,
    )
    .all(params) as ReleaseRow[];
  const total = (db.prepare(`SELECT count(*) AS n FROM cases c INDEXED BY cases_release WHERE ${where}`).get(params) as { n: number }).n;
  return { days, total, rows };
}

/** Rows on a page of Today, as on the chase list. */
export const TODAY_PAGE_SIZE = 50;

/**
 * Overdue first (most overdue at the top), then due soon, a page at a time; the counts are
 * exact, over every page. `status` is a card's filter: only overdue, or only due soon. A page
 * past the end gives the last.
 */
export function todayList(
  db: Db,
  asOf: IsoDate,
  workerId: number | null,
  options: { status?: TodayStatus; page?: number; pageSize?: number; releaseDays?: number; rules?: TimerRules } = {},
): TodayResult {
  const { status = null, pageSize = TODAY_PAGE_SIZE, releaseDays = 28, rules = DEFAULT_TIMER_RULES } = options;
  const counts = todayCounts(db, asOf, workerId);
  const overdue = counts.reduce((n, c) => n + c.overdue, 0);
  const dueSoon = counts.reduce((n, c) => n + c.dueSoon, 0);
  const listed = status === 'overdue' ? overdue : status === 'due_soon' ? dueSoon : overdue + dueSoon;
  const pages = Math.max(1, Math.ceil(listed / pageSize));
  const page = Math.min(Math.max(1, options.page ?? 1), pages);
  // A risk share overdue by the team's working days is marked "escalate" (shown, not a timer).
  const rows = todayRows(db, asOf, workerId, status, (page - 1) * pageSize, pageSize).map((row) => ({
    ...row,
    escalate: row.timer === 'risk_share' && riskShareEscalates(row.dueDate, null, asOf, rules),
  }));
  return {
    asOf,
    releases: releasesAhead(db, asOf, releaseDays, workerId),
    total: overdue + dueSoon,
    overdue,
    dueSoon,
    byTimer: counts,
    status,
    listed,
    page,
    pages,
    pageSize,
    rows,
    truncated: pages > 1,
  };
}
