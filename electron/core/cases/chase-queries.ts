/** The chase list: overdue referrals a page at a time, most overdue first, and the exact counts over all of them. */
import { addDays, daysBetween, type IsoDate } from '../../../shared/calendar';
import type { ChaseListRow } from '../../../shared/case-views';
import type { TimerRules } from '../../../shared/timer-rules';
import { chaseDueIfNoChaseAfter, chaseStateFrom } from '../../../shared/timers';
import type { Db } from '../db/open-database';

type OpenTimerIndex = 'timers_open_kind_due' | 'timers_open_referral' | 'timers_open_owner_warn';

/** Overdue referrals, one per case, read through the named index (in due-date order, by case, or one worker's). */
const overdueReferrals = (index: OpenTimerIndex) =>
  `FROM timers t INDEXED BY ${index} WHERE t.timer = 'referral' AND t.met_date IS NULL AND t.closed_date IS NULL AND t.due_date < @asOf`;

/** The team's overdue referrals are read in due-date order; one worker's from their own open timers (a worker's share does not grow with the team). */
const listIndex = (workerId: number | null): OpenTimerIndex => (workerId === null ? 'timers_open_kind_due' : 'timers_open_owner_warn');

/** Where a page of the chase list starts and stops, as due dates: the main query joins only the timers between them. */
interface PageBounds {
  /** The first row's due date ('' for the first page). */
  firstDue: IsoDate | '';
  /** Rows due on `firstDue` that belong to earlier pages (ties are ordered by case ref). */
  earlierSameDay: number;
  /** The day after the last row's due date (or `asOf` when the list ends on this page). */
  before: IsoDate;
}

/**
 * The team's page bounds from the overdue referrals counted per due date (`open_timer_counts`,
 * kept by triggers): bounded by days, not cases, so the last page of thousands costs what the
 * first does (walking the index to page 148 of 7,400 referrals took 3 ms).
 */
function teamPageBounds(db: Db, asOf: IsoDate, limit: number, offset: number): PageBounds | null {
  const days = db
    .prepare("SELECT due_date AS dueDate, sum(n) AS n FROM open_timer_counts WHERE timer = 'referral' AND due_date < @asOf GROUP BY due_date ORDER BY due_date")
    .all({ asOf }) as { dueDate: IsoDate; n: number }[];
  let passed = 0;
  let first: Omit<PageBounds, 'before'> | null = null;
  for (const { dueDate, n } of days) {
    if (first === null && passed + n > offset) first = { firstDue: offset > 0 ? dueDate : '', earlierSameDay: offset - passed };
    if (first !== null && limit >= 0 && passed + n >= offset + limit) return { ...first, before: addDays(dueDate, 1) };
    passed += n;
  }
  return first && { ...first, before: asOf };
}

/** One worker's page bounds, walking their own overdue referrals (a worker's share does not grow with the team). */
function workerPageBounds(db: Db, asOf: IsoDate, workerId: number, limit: number, offset: number): PageBounds | null {
  const overdue = `${overdueReferrals('timers_open_owner_warn')} AND t.owner_worker_id = @workerId`;
  const dueDateAt = db.prepare(`SELECT t.due_date AS dueDate ${overdue} ORDER BY t.due_date LIMIT 1 OFFSET @at`).pluck();
  const firstDue = offset > 0 ? (dueDateAt.get({ asOf, workerId, at: offset }) as IsoDate | undefined) : '';
  if (firstDue === undefined) return null;
  const earlierSameDay =
    firstDue === '' ? 0 : offset - (db.prepare(`SELECT count(*) ${overdue} AND t.due_date < @firstDue`).pluck().get({ asOf, workerId, firstDue }) as number);
  const lastDue = limit < 0 ? undefined : (dueDateAt.get({ asOf, workerId, at: offset + limit - 1 }) as IsoDate | undefined);
  return { firstDue, earlierSameDay, before: lastDue === undefined ? asOf : addDays(lastDue, 1) };
}

/**
 * The chase list: overdue referrals, most overdue first, then by case reference; `limit` rows
 * from `offset` (a page: a national team can have thousands). Only the timers between the
 * page's first and last due dates are joined to their cases and chases, whichever page.
 */
export function chaseList(db: Db, asOf: IsoDate, rules: TimerRules, workerId: number | null, limit = -1, offset = 0): ChaseListRow[] {
  if (limit === 0) return [];
  const bounds = workerId === null ? teamPageBounds(db, asOf, limit, offset) : workerPageBounds(db, asOf, workerId, limit, offset);
  if (bounds === null) return [];
  const owner = workerId === null ? '' : 'AND t.owner_worker_id = @workerId';
  // One upper bound on the due date, not two: with `< asOf` and `<= last due date` both, SQLite
  // walked every overdue referral in the index checking the second (0.8 ms against 0.1). The
  // chases are counted for the page's rows only, not for every referral due on its first and
  // last days (hundreds a day at national scale).
  const rows = db
    .prepare(
      `SELECT p.*,
              (SELECT count(*) FROM chases ch WHERE ch.case_id = p.caseId AND ch.chase_date <= @asOf) AS chases,
              (SELECT max(chase_date) FROM chases ch WHERE ch.case_id = p.caseId AND ch.chase_date <= @asOf) AS lastChaseDate
       FROM (SELECT c.id AS caseId, c.case_ref AS caseRef, c.crn, c.ro_name AS roName, c.ro_email AS roEmail, c.sentence_date AS sentenceDate,
                    t.due_date AS dueDate, c.owner_name AS ownerName, c.victim_name AS victimName
             FROM timers t INDEXED BY ${listIndex(workerId)} JOIN cases c ON c.id = t.case_id
             WHERE t.timer = 'referral' AND t.met_date IS NULL AND t.closed_date IS NULL AND t.due_date >= @firstDue AND t.due_date < @before ${owner}
             ORDER BY t.due_date, c.case_ref
             LIMIT @limit OFFSET @earlierSameDay) p
       ORDER BY p.dueDate, p.caseRef`,
    )
    .all({ asOf, ...bounds, limit, ...(workerId === null ? {} : { workerId }) }) as Omit<ChaseListRow, 'daysOverdue' | 'chaseDue' | 'escalate'>[];
  const noChaseAfter = chaseDueIfNoChaseAfter(asOf, rules);
  return rows.map((row) => ({ ...row, daysOverdue: daysBetween(row.dueDate, asOf), ...chaseStateFrom(row.chases, row.lastChaseDate, noChaseAfter, rules) }));
}

/** A chase in the window that makes a referral not yet due another. */
const CHASED_RECENTLY = 'EXISTS (SELECT 1 FROM chases ch WHERE ch.case_id = t.case_id AND ch.chase_date > @noChaseAfter AND ch.chase_date <= @asOf)';

/**
 * The team's overdue referrals chased in the window. Each referral timer carries its case's
 * latest chase (migration 3), so this is one range of `timers_open_referral_chased`, which
 * is exact when no chase is dated after `asOf` (the app's own day). Asked about an earlier
 * day, a later chase would hide an earlier one in the window: then the window's chases are
 * read and each checked for an overdue referral.
 */
function teamChasedRecently(db: Db, params: { asOf: IsoDate; noChaseAfter: IsoDate }): number {
  const latestChase = db.prepare('SELECT max(chase_date) FROM chases').pluck().get() as IsoDate | null;
  if (latestChase === null || latestChase <= params.asOf) {
    return db
      .prepare(
        `SELECT count(*) FROM timers t INDEXED BY timers_open_referral_chased
         WHERE t.timer = 'referral' AND t.met_date IS NULL AND t.closed_date IS NULL AND t.last_chase_date > @noChaseAfter AND t.last_chase_date <= @asOf AND t.due_date < @asOf`,
      )
      .pluck()
      .get(params) as number;
  }
  return db
    .prepare(
      `SELECT count(DISTINCT ch.case_id) FROM chases ch INDEXED BY chases_date
       WHERE ch.chase_date > @noChaseAfter AND ch.chase_date <= @asOf AND EXISTS (SELECT 1 ${overdueReferrals('timers_open_referral')} AND t.case_id = ch.case_id)`,
    )
    .pluck()
    .get(params) as number;
}

/**
 * How many referrals are overdue, and how many of those are due a chase (none chased in the
 * last few working days): the overdue count less the overdue referrals chased recently.
 */
export function chaseCounts(db: Db, asOf: IsoDate, rules: TimerRules, workerId: number | null): { overdue: number; chaseDue: number } {
  const owner = workerId === null ? '' : 'AND t.owner_worker_id = @workerId';
  const params = { asOf, noChaseAfter: chaseDueIfNoChaseAfter(asOf, rules), ...(workerId === null ? {} : { workerId }) };
  const { overdue } = (
    workerId === null
      ? db.prepare("SELECT coalesce(sum(n), 0) AS overdue FROM open_timer_counts WHERE timer = 'referral' AND due_date < @asOf").get(params)
      : db.prepare(`SELECT count(*) AS overdue ${overdueReferrals('timers_open_owner_warn')} ${owner}`).get(params)
  ) as { overdue: number };
  const chasedRecently =
    workerId === null
      ? teamChasedRecently(db, params)
      : (db
          .prepare(`SELECT count(*) ${overdueReferrals('timers_open_owner_warn')} ${owner} AND ${CHASED_RECENTLY}`)
          .pluck()
          .get(params) as number);
  return { overdue, chaseDue: overdue - chasedRecently };
}
