/** The caseload page: one bounded, indexed page of cases under any filter and sort, and its count. */
import { type IsoDate } from '../../../shared/calendar';
import type { CaseloadQuery, CaseloadRow } from '../../../shared/case-views';
import { timerStatus } from '../../../shared/timers';
import type { Db } from '../db/open-database';
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
  if (query.open) where.push("c.stage <> 'closed'");
  if (query.risk) {
    where.push('c.risk_to_victim = ?');
    params.push(query.risk);
  }
  if (query.engagement) {
    where.push('c.engagement = ?');
    params.push(query.engagement);
  }
  if (query.inCustody) where.push("c.custody_status = 'in_custody'");
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
  if (query.open) where.push("stage <> 'closed'");
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
    : !query.flag && !query.timerStatus && !query.search && !query.engagement && !query.inCustody
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
  // The same for the engagement and custody filters (model v2): their own indexes hold a few
  // thousand cases at national scale, which SQLite otherwise reads whole and sorts (in custody,
  // sorted by victim: 22 ms at 250,000 cases).
  const walkIndex =
    (query.search !== undefined || query.engagement !== undefined || query.inCustody === true) &&
    sortIndex !== undefined &&
    total > 0 &&
    ((offset + query.pageSize) * highestCaseId(db)) / total <= INDEX_WALK_LIMIT;
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
