/**
 * Who the team reaches (model v2 §6): victims offered support and engaged in a period, by sex,
 * ethnicity, disability, relationship to him and age band. Each victim counts once, for the
 * worker who owned her case on the day of her first contact in the period. Exports show counts
 * below 5 as "fewer than 5" (shared/equality-words.ts), so no one can be picked out.
 */
import type { IsoDate } from '../../../shared/calendar';
import { ageBandOf, EQUALITY_DIMENSIONS, type Breakdown } from '../../../shared/equality-words';
import { ownerOnSql } from '../cases/ownership';
import type { Db } from '../db/open-database';
import { OFFICE_CASES } from './office-cases';

export { EQUALITY_DIMENSIONS, type Breakdown };

export const emptyBreakdown = (): Breakdown => Object.fromEntries(EQUALITY_DIMENSIONS.map((d) => [d, {}])) as Breakdown;

/** The period's victims: how many each owner offered support and spoke to, and who they were (the scope's breakdowns). */
export interface VictimsReached {
  byOwner: Map<number | null, { offered: number; spoken: number }>;
  equality: { offered: Breakdown; engaged: Breakdown };
}

/** The period's scope as the summary has it (its end, and whose or which office's cases). */
interface Scope {
  from: IsoDate;
  to: IsoDate;
  workerId: number | null;
  officeId?: number | null;
}

/** Between a victim's fields in the key of her kind: a control character no field holds. */
const SEPARATOR = '\x1f';

/**
 * The period's victims, each once. At 250,000 cases a month has some 46,000: each is read as her
 * owner, whether she was spoken to, and one key for her kind (her fields and her age at the
 * period's end, put together in SQL); the breakdowns are counted from the few thousand kinds, not
 * from each victim. An object per victim with her age band worked out here cost more than the
 * query itself (257 ms against 103).
 */
export function victimsReached(db: Db, scope: Scope, params: Record<string, unknown>): VictimsReached {
  // An office's cases are gathered by the caller (./office-cases.ts).
  const office = scope.officeId ? `AND +k.case_id IN ${OFFICE_CASES}` : '';
  const worker = scope.workerId === null ? '' : 'WHERE owner = @worker';
  // Within one calendar month the month's index (migration 15) holds each victim's contacts
  // together, so they are grouped as read: 13 ms at 250,000 cases, where the period's index
  // needs them sorted by case first (35 ms).
  const contacts =
    scope.from.slice(0, 7) === scope.to.slice(0, 7)
      ? 'contacts k INDEXED BY contacts_victim_months WHERE substr(k.contact_date, 1, 7) = substr(@from, 1, 7) AND'
      : 'contacts k INDEXED BY contacts_period WHERE';
  const field = (column: string) => `coalesce(${column}, '')`;
  const age = `CAST(substr(@to, 1, 4) AS INTEGER) - CAST(substr(p.date_of_birth, 1, 4) AS INTEGER) - (substr(@to, 6) < substr(p.date_of_birth, 6))`;
  const kind = [field('p.sex'), field('p.ethnicity'), field('p.disability'), field('p.relationship'), field(age)].join(
    ` || char(${SEPARATOR.charCodeAt(0)}) || `,
  );
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT ${ownerOnSql('c', 'v.first')} AS owner, v.spoken, ${kind} AS kind
         FROM (SELECT k.case_id AS caseId, min(k.contact_date) AS first, max(k.outcome = 'spoke_to_victim') AS spoken
               FROM ${contacts} k.deleted_at IS NULL AND k.with_victim = 1 AND k.contact_date BETWEEN @from AND @to ${office} GROUP BY k.case_id) v
         JOIN cases c INDEXED BY cases_owner_by_id ON c.id = v.caseId JOIN victims p INDEXED BY victims_equality ON p.id = c.victim_id
       ) ${worker}`,
    )
    .raw()
    .all(params) as [owner: number | null, spoken: 0 | 1, kind: string][];
  const byOwner = new Map<number | null, { offered: number; spoken: number }>();
  const kinds = { offered: new Map<string, number>(), engaged: new Map<string, number>() };
  for (const [owner, spoken, kind] of rows) {
    let reached = byOwner.get(owner);
    if (!reached) byOwner.set(owner, (reached = { offered: 0, spoken: 0 }));
    reached.offered += 1;
    kinds.offered.set(kind, (kinds.offered.get(kind) ?? 0) + 1);
    if (spoken) {
      reached.spoken += 1;
      kinds.engaged.set(kind, (kinds.engaged.get(kind) ?? 0) + 1);
    }
  }
  return { byOwner, equality: { offered: breakdownOf(kinds.offered), engaged: breakdownOf(kinds.engaged) } };
}

/** Counts by kind of victim as counts by each field. */
function breakdownOf(kinds: Map<string, number>): Breakdown {
  const breakdown = emptyBreakdown();
  for (const [kind, n] of kinds) {
    const [sex, ethnicity, disability, relationship, age] = kind.split(SEPARATOR) as [string, string, string, string, string];
    add(breakdown.sex, sex, n);
    add(breakdown.ethnicity, ethnicity, n);
    add(breakdown.disability, disability, n);
    add(breakdown.relationship, relationship, n);
    add(breakdown.age_band, ageBandOf(age === '' ? null : Number(age)), n);
  }
  return breakdown;
}

const add = (counts: Record<string, number>, category: string, n: number) => {
  const key = category === '' ? 'not_recorded' : category;
  counts[key] = (counts[key] ?? 0) + n;
};
