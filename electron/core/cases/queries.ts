/**
 * The read side: the caseload page, a case, Today and the chase list. Each is a
 * bounded, indexed query; statuses are worked out for the as-of date.
 */
import { addDays, daysBetween, type IsoDate } from '../../../shared/calendar';
import type { CaseloadQuery, CaseloadRow, CaseDetail, ChaseListRow, TodayResult, TodayRow } from '../../../shared/case-views';
import type { FlagCode, ProgrammeStatus, RiskLevel, Stage } from '../../../shared/reference-data';
import type { TimerId, TimerRules } from '../../../shared/timer-rules';
import { chaseDueIfNoChaseAfter, chaseStateFrom, timerStatus } from '../../../shared/timers';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';
import { searchQuery } from './search-terms';

/** Sort column, and whether it can be empty (empty values always go last). */
const SORT_COLUMNS: Record<CaseloadQuery['sort'], { column: string; collate?: string; nullable: boolean }> = {
  caseRef: { column: 'c.case_ref', collate: 'NOCASE', nullable: false },
  crn: { column: 'c.crn', nullable: true },
  victim: { column: 'c.victim_name', collate: 'NOCASE', nullable: false },
  perpetrator: { column: 'c.perpetrator_name', collate: 'NOCASE', nullable: false },
  owner: { column: 'c.owner_name', collate: 'NOCASE', nullable: true },
  stage: { column: 'c.stage', nullable: false },
  nextDue: { column: 'c.next_due_date', nullable: true },
  risk: { column: 'c.risk_rank', nullable: true },
};

/** The index each sort reads in order (stage and case reference are left to the planner). */
const SORT_INDEX: Partial<Record<CaseloadQuery['sort'], string>> = {
  nextDue: 'cases_next_due',
  victim: 'cases_victim_name',
  perpetrator: 'cases_perpetrator_name',
  crn: 'cases_crn',
  owner: 'cases_owner_name',
  risk: 'cases_risk',
};

/** Index entries a search may walk to fill its page (about 3 ms). */
const INDEX_WALK_LIMIT = 20_000;

/** About how many cases there are, from the end of the primary key (counting them is linear). */
const highestCaseId = (db: Db) => (db.prepare('SELECT coalesce(max(id), 0) AS id FROM cases').get() as { id: number }).id;

interface Filter {
  where: string[];
  params: (string | number)[];
}

/**
 * `forCount` picks the flag test that suits each query: a page walks its sort index and
 * probes each case's flags (it stops after a page), a count starts from the flag index.
 */
function caseloadFilter(query: CaseloadQuery, myWorkerId: number | null, forCount = false): Filter {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.scope === 'mine') {
    where.push('c.owner_worker_id = ?');
    params.push(myWorkerId ?? -1);
  } else if (query.scope === 'worker' && query.workerId !== undefined) {
    where.push('c.owner_worker_id = ?');
    params.push(query.workerId);
  }
  if (query.stage) {
    where.push('c.stage = ?');
    params.push(query.stage);
  }
  if (query.risk) {
    where.push('c.risk_to_victim = ?');
    params.push(query.risk);
  }
  if (query.flag) {
    where.push(forCount ? 'c.id IN (SELECT case_id FROM flags WHERE code = ?)' : 'EXISTS (SELECT 1 FROM flags f WHERE f.case_id = c.id AND f.code = ?)');
    params.push(query.flag);
  }
  const asOf = query.asOf;
  switch (query.timerStatus) {
    case 'overdue':
      where.push('c.next_due_date < ?');
      params.push(asOf);
      break;
    case 'due_soon':
      where.push('c.next_warn_from <= ? AND c.next_due_date >= ?');
      params.push(asOf, asOf);
      break;
    case 'pending':
      where.push('c.next_warn_from > ?');
      params.push(asOf);
      break;
    case 'none':
      where.push('c.next_due_date IS NULL');
      break;
    default:
      break;
  }
  const match = query.search ? searchQuery(query.search) : null;
  if (query.search && !match) where.push('0');
  if (match) {
    where.push('c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)');
    params.push(match);
  }
  return { where, params };
}

const ROW_COLUMNS = `c.id AS caseId, c.case_ref AS caseRef, c.crn, c.victim_name AS victimName, c.perpetrator_name AS perpetratorName, c.owner_name AS ownerName,
  c.stage, c.next_timer AS nextTimer, c.next_due_date AS nextDueDate, c.next_warn_from AS nextWarnFrom, c.risk_to_victim AS riskToVictim`;

type RawRow = Omit<CaseloadRow, 'nextStatus'> & { nextWarnFrom: IsoDate | null };

/**
 * The caseload's count when it is filtered by worker, stage and risk alone (or not at all), from
 * `case_counts` (kept by triggers on cases): a sum over a few hundred rows at most, where
 * counting the matching cases grew with the team (15,000 in-contact high-risk cases: 0.6 ms).
 */
function countByOwnerStageRisk(db: Db, query: CaseloadQuery, myWorkerId: number | null): number {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const owner = query.scope === 'mine' ? (myWorkerId ?? -1) : query.scope === 'worker' ? query.workerId : undefined;
  if (owner !== undefined) {
    where.push('owner_key = ?');
    params.push(owner);
  }
  if (query.stage) {
    where.push('stage = ?');
    params.push(query.stage);
  }
  if (query.risk) {
    where.push('risk_key = ?');
    params.push(query.risk);
  }
  return db
    .prepare(`SELECT coalesce(sum(n), 0) FROM case_counts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
    .pluck()
    .get(...params) as number;
}

/**
 * One page of the caseload, read from the cases table and its sort index alone. Nullable
 * sort columns are read in two segments (values, then empties) so each segment walks an
 * index in order instead of sorting the whole table.
 */
export function listCaseload(db: Db, query: CaseloadQuery, myWorkerId: number | null): { rows: CaseloadRow[]; total: number } {
  const { where, params } = caseloadFilter(query, myWorkerId);
  const sort = SORT_COLUMNS[query.sort];
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const key = sort.collate ? `${sort.column} COLLATE ${sort.collate}` : sort.column;
  const offset = (query.page - 1) * query.pageSize;
  const whereWith = (extra: string[]) => {
    const all = [...where, ...extra];
    return all.length ? `WHERE ${all.join(' AND ')}` : '';
  };

  const counting = caseloadFilter(query, myWorkerId, true);
  const countWhere = counting.where.length ? `WHERE ${counting.where.join(' AND ')}` : '';
  // A flag on its own is read from `flag_counts` (kept by triggers on flags; every flag row
  // belongs to a case, foreign key with cascade): counting 66,000 flags took 1.7 ms.
  const flagOnly = query.flag !== undefined && counting.where.length === 1;
  // Likewise a search on its own is counted in the search index: it holds one row per case
  // (written and erased with the case), and the count halves at national scale.
  const searchOnly = query.search !== undefined && counting.where.length === 1 && counting.params.length === 1;
  const total = flagOnly
    ? (db.prepare('SELECT coalesce((SELECT n FROM flag_counts WHERE code = ?), 0) AS n').get(query.flag) as { n: number }).n
    : !query.flag && !query.timerStatus && !query.search
      ? countByOwnerStageRisk(db, query, myWorkerId)
      : searchOnly
        ? (db.prepare('SELECT count(*) AS n FROM case_search WHERE case_search MATCH ?').get(...counting.params) as { n: number }).n
        : (db.prepare(`SELECT count(*) AS n FROM cases c ${countWhere}`).get(...counting.params) as { n: number }).n;

  // A search matching many cases walks the sort's index, keeping the matches, and stops at
  // the page: about (rows needed) / (share of cases matching) index entries. Otherwise SQLite
  // reads every match and sorts them: a four-letter surname prefix matching 12,000 of 250,000
  // cases took 1.3 s from a cold cache that way, 4 ms by the index. Few matches (a CRN, a
  // full name) are still read directly: walking the index for them would read all of it.
  const sortIndex = SORT_INDEX[query.sort];
  const walkIndex =
    query.search !== undefined && sortIndex !== undefined && total > 0 && ((offset + query.pageSize) * highestCaseId(db)) / total <= INDEX_WALK_LIMIT;
  const from = `cases c${walkIndex ? ` INDEXED BY ${sortIndex}` : ''}`;
  const valued = sort.nullable ? [`${sort.column} IS NOT NULL`] : [];
  // A page past the middle is read from the other end of the index, so the last page (the End
  // key) costs what the first does. (Sorts with empty values are read in two segments: not those.)
  const fromEnd = !sort.nullable && offset > total / 2;
  const reverse = direction === 'ASC' ? 'DESC' : 'ASC';
  const rows = fromEnd
    ? (
        db
          .prepare(`SELECT ${ROW_COLUMNS} FROM ${from} ${whereWith(valued)} ORDER BY ${key} ${reverse}, c.id ${reverse} LIMIT ? OFFSET ?`)
          .all(...params, Math.max(0, Math.min(query.pageSize, total - offset)), Math.max(0, total - offset - query.pageSize)) as RawRow[]
      ).reverse()
    : (db
        .prepare(`SELECT ${ROW_COLUMNS} FROM ${from} ${whereWith(valued)} ORDER BY ${key} ${direction}, c.id ${direction} LIMIT ? OFFSET ?`)
        .all(...params, query.pageSize, offset) as RawRow[]);
  if (sort.nullable && rows.length < query.pageSize) {
    const valuedCount = (db.prepare(`SELECT count(*) AS n FROM cases c ${whereWith(valued)}`).get(...params) as { n: number }).n;
    rows.push(
      ...(db
        .prepare(`SELECT ${ROW_COLUMNS} FROM ${from} ${whereWith([`${sort.column} IS NULL`])} ORDER BY c.id ${direction} LIMIT ? OFFSET ?`)
        .all(...params, query.pageSize - rows.length, Math.max(0, offset - valuedCount)) as RawRow[]),
    );
  }
  return {
    total,
    rows: rows.map(({ nextWarnFrom, ...row }) => ({
      ...row,
      nextStatus: row.nextDueDate && nextWarnFrom ? timerStatus({ dueDate: row.nextDueDate, warnFrom: nextWarnFrom, metDate: null }, query.asOf, null) : null,
    })),
  };
}

export function getCaseDetail(db: Db, caseId: number, asOf: IsoDate): CaseDetail {
  const row = db
    .prepare(
      `SELECT c.*, v.name AS victim_name, v.date_of_birth AS victim_dob, v.phone AS victim_phone, v.email AS victim_email, v.address AS victim_address,
              v.postcode AS victim_postcode, v.safe_contact_notes, v.no_voicemail, v.no_letters,
              p.name AS perpetrator_name, p.crn, p.date_of_birth AS perpetrator_dob, w.name AS owner_name
       FROM cases c JOIN victims v ON v.id = c.victim_id JOIN perpetrators p ON p.id = c.perpetrator_id LEFT JOIN workers w ON w.id = c.owner_worker_id
       WHERE c.id = ?`,
    )
    .get(caseId) as Record<string, string | number | null> | undefined;
  if (!row) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  const text = (key: string) => (row[key] as string | null) ?? null;
  const closedDate = text('closed_date');
  const timers = (
    db.prepare('SELECT timer, start_date, due_date, warn_from, met_date, order_ref FROM timers WHERE case_id = ? ORDER BY due_date, id').all(caseId) as {
      timer: TimerId;
      start_date: IsoDate;
      due_date: IsoDate;
      warn_from: IsoDate;
      met_date: IsoDate | null;
      order_ref: string | null;
    }[]
  ).map((t) => ({
    timer: t.timer,
    startDate: t.start_date,
    dueDate: t.due_date,
    metDate: t.met_date,
    orderRef: t.order_ref,
    status: timerStatus({ dueDate: t.due_date, warnFrom: t.warn_from, metDate: t.met_date }, asOf, closedDate),
  }));
  const chases = db
    .prepare(
      'SELECT chase_date AS date, to_whom AS toWhom, method, note, recorded_by AS recordedBy FROM chases WHERE case_id = ? ORDER BY chase_date DESC, id DESC',
    )
    .all(caseId) as CaseDetail['chases'];
  const programmeHistory = db
    .prepare(
      'SELECT from_status AS fromStatus, to_status AS toStatus, event_date AS date, reason, recorded_by AS recordedBy, recorded_at AS recordedAt FROM programme_events WHERE case_id = ? ORDER BY id DESC',
    )
    .all(caseId) as CaseDetail['programmeHistory'];
  const flags = (db.prepare('SELECT code FROM flags WHERE case_id = ? ORDER BY code').all(caseId) as { code: FlagCode }[]).map((f) => f.code);
  return {
    caseId,
    version: row.version as number,
    caseRef: text('case_ref')!,
    stage: text('stage') as Stage,
    ownerName: text('owner_name'),
    fields: {
      caseRef: text('case_ref')!,
      ownerName: text('owner_name') ?? '',
      victimName: text('victim_name')!,
      victimDob: text('victim_dob'),
      victimPhone: text('victim_phone'),
      victimEmail: text('victim_email'),
      victimAddress: text('victim_address'),
      victimPostcode: text('victim_postcode'),
      noVoicemail: row.no_voicemail === 1,
      noLetters: row.no_letters === 1,
      safeContactNotes: text('safe_contact_notes'),
      perpetratorName: text('perpetrator_name')!,
      crn: text('crn'),
      perpetratorDob: text('perpetrator_dob'),
      roName: text('ro_name'),
      roEmail: text('ro_email'),
      roPhone: text('ro_phone'),
      roOffice: text('ro_office'),
      sentenceDate: text('sentence_date')!,
      sentenceType: text('sentence_type') as CaseDetail['fields']['sentenceType'],
      requirement: text('requirement') as CaseDetail['fields']['requirement'],
      referralReceivedDate: text('referral_received_date'),
      referralSource: text('referral_source'),
      programmeStatus: text('programme_status') as ProgrammeStatus | null,
      programmeStartDate: text('programme_start_date'),
      programmeEndDate: text('programme_end_date'),
      programmeOutcome: text('programme_outcome') as CaseDetail['fields']['programmeOutcome'],
      riskToVictim: text('risk_to_victim') as RiskLevel | null,
      riskToChildren: text('risk_to_children') as RiskLevel | null,
      flags,
      closedDate,
    },
    timers,
    chases,
    programmeHistory,
  };
}

function todayRows(db: Db, asOf: IsoDate, workerId: number | null, limit: number): TodayRow[] {
  const owner = workerId === null ? '' : 'AND t.owner_worker_id = @workerId';
  const select = (
    index: string,
  ) => `SELECT t.timer, t.due_date AS dueDate, t.order_ref AS orderRef, c.id AS caseId, c.case_ref AS caseRef, c.victim_name AS victimName, c.owner_name AS ownerName
     FROM timers t ${index} JOIN cases c ON c.id = t.case_id`;
  const params = workerId === null ? { asOf, limit } : { asOf, limit, workerId };
  // Open cases walk the due-date index in order and stop at the page size; cases with a
  // closing date still ahead are few and read apart. Indexes are named: once a database has
  // been analysed the planner chose others (a skip-scan, a sort of every open timer).
  const open = db
    .prepare(
      `${select(workerId === null ? 'INDEXED BY timers_open_due' : 'INDEXED BY timers_open_owner_warn')} WHERE t.met_date IS NULL AND t.closed_date IS NULL AND t.warn_from <= @asOf ${owner} ORDER BY t.due_date, t.id LIMIT @limit`,
    )
    .all(params) as Omit<TodayRow, 'status' | 'daysOverdue'>[];
  const closing = db
    .prepare(
      `${select('INDEXED BY timers_closing')} WHERE t.met_date IS NULL AND t.closed_date IS NOT NULL AND t.closed_date > @asOf AND t.warn_from <= @asOf ${owner} ORDER BY t.due_date LIMIT @limit`,
    )
    .all(params) as Omit<TodayRow, 'status' | 'daysOverdue'>[];
  return [...open, ...closing]
    .sort((a, b) => (a.dueDate === b.dueDate ? a.caseRef.localeCompare(b.caseRef) : a.dueDate < b.dueDate ? -1 : 1))
    .slice(0, limit)
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

/** Overdue first, then due soon, grouped by timer; at most `limit` rows are listed, counts are exact. */
export function todayList(db: Db, asOf: IsoDate, workerId: number | null, limit = 500): TodayResult {
  const rows = todayRows(db, asOf, workerId, limit);
  const counts = todayCounts(db, asOf, workerId);
  const overdue = counts.reduce((n, c) => n + c.overdue, 0);
  const dueSoon = counts.reduce((n, c) => n + c.dueSoon, 0);
  return {
    asOf,
    total: overdue + dueSoon,
    overdue,
    dueSoon,
    byTimer: counts,
    rows: rows.sort((a, b) => (a.status === b.status ? 0 : a.status === 'overdue' ? -1 : 1)),
    truncated: rows.length < overdue + dueSoon,
  };
}

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
                    t.due_date AS dueDate, c.owner_name AS ownerName
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
