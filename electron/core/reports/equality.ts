/**
 * Who the team reaches (model v2 §6): victims offered support and engaged in a period, by sex,
 * ethnicity, disability, relationship to him and age band. Each victim counts once, for the
 * worker who owned her case on the day of her first contact in the period. Exports show counts
 * below 5 as "fewer than 5" (shared/equality-words.ts), so no one can be picked out.
 */
import type { IsoDate } from '../../../shared/calendar';
import { ageBand, EQUALITY_DIMENSIONS, type Breakdown, type EqualityDimension } from '../../../shared/equality-words';
import { ownerOnSql } from '../cases/ownership';
import type { Db } from '../db/open-database';

export { EQUALITY_DIMENSIONS, type Breakdown };

export const emptyBreakdown = (): Breakdown => Object.fromEntries(EQUALITY_DIMENSIONS.map((d) => [d, {}])) as Breakdown;

interface VictimInPeriod extends Record<EqualityDimension, string> {
  owner: number | null;
  spoken: boolean;
}

export function addToBreakdown(breakdown: Breakdown, victim: Record<EqualityDimension, string>): void {
  for (const dimension of EQUALITY_DIMENSIONS) breakdown[dimension][victim[dimension]] = (breakdown[dimension][victim[dimension]] ?? 0) + 1;
}

/** The period's scope as the summary has it (its end, and whose or which office's cases). */
interface Scope {
  to: IsoDate;
  workerId: number | null;
  officeId?: number | null;
}

export function victimsInPeriod(db: Db, scope: Scope, params: Record<string, unknown>): VictimInPeriod[] {
  const office = scope.officeId ? 'AND +k.case_id IN (SELECT id FROM cases INDEXED BY cases_office WHERE office_id = @office)' : '';
  const worker = scope.workerId === null ? '' : 'WHERE owner = @worker';
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT ${ownerOnSql('c', 'v.first')} AS owner, v.spoken, p.sex, p.ethnicity, p.disability, p.relationship, p.date_of_birth AS dob
         FROM (SELECT k.case_id AS caseId, min(k.contact_date) AS first, max(k.outcome = 'spoke_to_victim') AS spoken
               FROM contacts k INDEXED BY contacts_period
               WHERE k.deleted_at IS NULL AND k.with_victim = 1 AND k.contact_date BETWEEN @from AND @to ${office} GROUP BY k.case_id) v
         JOIN cases c INDEXED BY cases_owner_by_id ON c.id = v.caseId JOIN victims p INDEXED BY victims_equality ON p.id = c.victim_id
       ) ${worker}`,
    )
    .all(params) as {
    owner: number | null;
    spoken: number;
    sex: string | null;
    ethnicity: string | null;
    disability: string | null;
    relationship: string | null;
    dob: IsoDate | null;
  }[];
  return rows.map((r) => ({
    owner: r.owner,
    spoken: r.spoken === 1,
    sex: r.sex ?? 'not_recorded',
    ethnicity: r.ethnicity ?? 'not_recorded',
    disability: r.disability ?? 'not_recorded',
    relationship: r.relationship ?? 'not_recorded',
    age_band: ageBand(r.dob, scope.to),
  }));
}
