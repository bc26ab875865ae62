/**
 * The read side: the caseload page, a case, Today and the chase list. Each is a
 * bounded, indexed query; statuses are worked out for the as-of date.
 */
import { daysBetween, type IsoDate } from '../../../shared/calendar';
import type { CaseloadQuery, CaseloadRow, CaseDetail, ChaseListRow, TodayResult, TodayRow } from '../../../shared/case-views';
import type { FlagCode, ProgrammeStatus, RiskLevel, Stage } from '../../../shared/reference-data';
import type { TimerId, TimerRules } from '../../../shared/timer-rules';
import { chaseState, timerStatus } from '../../../shared/timers';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';
import { searchQuery } from './search-terms';

const SORT_COLUMNS: Record<CaseloadQuery['sort'], string> = {
  caseRef: 'c.case_ref',
  crn: 'p.crn',
  victim: 'v.name COLLATE NOCASE',
  perpetrator: 'p.name COLLATE NOCASE',
  owner: 'w.name COLLATE NOCASE',
  stage: 'c.stage',
  nextDue: 'c.next_due_date',
  risk: 'c.risk_to_victim',
};

interface Filter {
  where: string[];
  params: (string | number)[];
}

function caseloadFilter(query: CaseloadQuery, myWorkerId: number | null): Filter {
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
    where.push('EXISTS (SELECT 1 FROM flags f WHERE f.case_id = c.id AND f.code = ?)');
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

export function listCaseload(db: Db, query: CaseloadQuery, myWorkerId: number | null): { rows: CaseloadRow[]; total: number } {
  const { where, params } = caseloadFilter(query, myWorkerId);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  // NULLs last whichever way the column is sorted, so empty values never crowd the first page.
  const sort = SORT_COLUMNS[query.sort];
  const order = `${sort.split(' ')[0]} IS NULL, ${sort} ${direction}, c.id ${direction}`;
  const rows = db
    .prepare(
      `SELECT c.id AS caseId, c.case_ref AS caseRef, p.crn, v.name AS victimName, p.name AS perpetratorName, w.name AS ownerName,
              c.stage, c.next_timer AS nextTimer, c.next_due_date AS nextDueDate, c.next_warn_from AS nextWarnFrom, c.risk_to_victim AS riskToVictim
       FROM cases c
       JOIN victims v ON v.id = c.victim_id
       JOIN perpetrators p ON p.id = c.perpetrator_id
       LEFT JOIN workers w ON w.id = c.owner_worker_id
       ${clause}
       ORDER BY ${order}
       LIMIT ? OFFSET ?`,
    )
    .all(...params, query.pageSize, (query.page - 1) * query.pageSize) as (Omit<CaseloadRow, 'nextStatus'> & { nextWarnFrom: IsoDate | null })[];
  const total = (db.prepare(`SELECT count(*) AS n FROM cases c ${clause}`).get(...params) as { n: number }).n;
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
  const timers = (db.prepare('SELECT timer, start_date, due_date, warn_from, met_date, order_ref FROM timers WHERE case_id = ? ORDER BY due_date, id').all(caseId) as {
    timer: TimerId;
    start_date: IsoDate;
    due_date: IsoDate;
    warn_from: IsoDate;
    met_date: IsoDate | null;
    order_ref: string | null;
  }[]).map((t) => ({
    timer: t.timer,
    startDate: t.start_date,
    dueDate: t.due_date,
    metDate: t.met_date,
    orderRef: t.order_ref,
    status: timerStatus({ dueDate: t.due_date, warnFrom: t.warn_from, metDate: t.met_date }, asOf, closedDate),
  }));
  const chases = db.prepare('SELECT chase_date AS date, to_whom AS toWhom, method, note, recorded_by AS recordedBy FROM chases WHERE case_id = ? ORDER BY chase_date DESC, id DESC').all(caseId) as CaseDetail['chases'];
  const programmeHistory = db
    .prepare('SELECT from_status AS fromStatus, to_status AS toStatus, event_date AS date, reason, recorded_by AS recordedBy, recorded_at AS recordedAt FROM programme_events WHERE case_id = ? ORDER BY id DESC')
    .all(caseId) as CaseDetail['programmeHistory'];
  const flags = (db.prepare('SELECT code FROM flags WHERE case_id = ? ORDER BY code').all(caseId) as { code: FlagCode }[]).map((f) => f.code);
  return {
    caseId,
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

function todayRows(db: Db, asOf: IsoDate, workerId: number | null, limit: number): { rows: TodayRow[]; total: number } {
  const ownerClause = workerId === null ? '' : 'AND t.owner_worker_id = ?';
  const ownerParams = workerId === null ? [] : [workerId];
  const select = `SELECT t.timer, t.due_date AS dueDate, t.order_ref AS orderRef, c.id AS caseId, c.case_ref AS caseRef, v.name AS victimName, w.name AS ownerName
     FROM timers t JOIN cases c ON c.id = t.case_id JOIN victims v ON v.id = c.victim_id LEFT JOIN workers w ON w.id = c.owner_worker_id`;
  // Two arms so each can use its partial index: open cases, and cases closing after the as-of date.
  const sql = `SELECT * FROM (
      ${select} WHERE t.met_date IS NULL AND t.closed_date IS NULL AND t.warn_from <= ? ${ownerClause}
      UNION ALL
      ${select} WHERE t.met_date IS NULL AND t.closed_date IS NOT NULL AND t.closed_date > ? AND t.warn_from <= ? ${ownerClause}
    ) ORDER BY dueDate, caseRef LIMIT ?`;
  const raw = db.prepare(sql).all(asOf, ...ownerParams, asOf, asOf, ...ownerParams, limit) as Omit<TodayRow, 'status' | 'daysOverdue'>[];
  const count = (db.prepare(
    `SELECT (SELECT count(*) FROM timers t WHERE t.met_date IS NULL AND t.closed_date IS NULL AND t.warn_from <= ? ${ownerClause})
          + (SELECT count(*) FROM timers t WHERE t.met_date IS NULL AND t.closed_date IS NOT NULL AND t.closed_date > ? AND t.warn_from <= ? ${ownerClause}) AS n`,
  ).get(asOf, ...ownerParams, asOf, asOf, ...ownerParams) as { n: number }).n;
  return {
    total: count,
    rows: raw.map((r) => ({ ...r, status: r.dueDate < asOf ? 'overdue' : 'due_soon', daysOverdue: Math.max(0, daysBetween(r.dueDate, asOf)) })),
  };
}

/** Overdue first, then due soon, grouped by timer; at most `limit` rows are listed, counts are exact. */
export function todayList(db: Db, asOf: IsoDate, workerId: number | null, limit = 500): TodayResult {
  const { rows, total } = todayRows(db, asOf, workerId, limit);
  const counts = db
    .prepare(
      `SELECT t.timer, sum(t.due_date < ?) AS overdue, sum(t.due_date >= ?) AS dueSoon FROM timers t
       WHERE t.met_date IS NULL AND t.closed_date IS NULL AND t.warn_from <= ? ${workerId === null ? '' : 'AND t.owner_worker_id = ?'}
       GROUP BY t.timer`,
    )
    .all(asOf, asOf, asOf, ...(workerId === null ? [] : [workerId])) as { timer: TimerId; overdue: number; dueSoon: number }[];
  return {
    asOf,
    total,
    overdue: counts.reduce((n, c) => n + c.overdue, 0),
    dueSoon: counts.reduce((n, c) => n + c.dueSoon, 0),
    byTimer: counts.map((c) => ({ timer: c.timer, overdue: c.overdue, dueSoon: c.dueSoon })),
    rows: rows.sort((a, b) => (a.status === b.status ? 0 : a.status === 'overdue' ? -1 : 1)),
    truncated: rows.length < total,
  };
}

export function chaseList(db: Db, asOf: IsoDate, rules: TimerRules, workerId: number | null): ChaseListRow[] {
  const rows = db
    .prepare(
      `SELECT c.id AS caseId, c.case_ref AS caseRef, p.crn, c.ro_name AS roName, c.ro_email AS roEmail, c.sentence_date AS sentenceDate,
              t.due_date AS dueDate, w.name AS ownerName
       FROM timers t JOIN cases c ON c.id = t.case_id JOIN perpetrators p ON p.id = c.perpetrator_id LEFT JOIN workers w ON w.id = c.owner_worker_id
       WHERE t.timer = 'referral' AND t.met_date IS NULL AND t.closed_date IS NULL AND t.due_date < ? ${workerId === null ? '' : 'AND t.owner_worker_id = ?'}
       ORDER BY t.due_date, c.case_ref`,
    )
    .all(asOf, ...(workerId === null ? [] : [workerId])) as Omit<ChaseListRow, 'daysOverdue' | 'chases' | 'lastChaseDate' | 'chaseDue' | 'escalate'>[];
  const chaseDates = db.prepare('SELECT chase_date AS date FROM chases WHERE case_id = ? AND chase_date <= ?');
  return rows.map((row) => {
    const dates = (chaseDates.all(row.caseId, asOf) as { date: IsoDate }[]).map((r) => r.date);
    return { ...row, daysOverdue: daysBetween(row.dueDate, asOf), ...chaseState(dates, asOf, rules) };
  });
}

