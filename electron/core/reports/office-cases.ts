/**
 * An office's cases for one report, gathered once into a temporary table (case ids only, and in
 * memory: the connection's temp_store is MEMORY, so nothing reaches the disk). Each figure's rows
 * are then kept or left by a look-up in its rowids. Written as `+case_id IN (SELECT id FROM cases
 * … WHERE office_id = …)`, SQLite built that set afresh for each of the summary's twenty-odd
 * statements: about 120 ms of an office's month at 250,000 cases.
 */
import type { Db } from '../db/open-database';

/** The condition's right-hand side: `AND +k.case_id IN ${OFFICE_CASES}`. */
export const OFFICE_CASES = 'temp.report_office_cases';

/** Runs `work` with the office's cases gathered (none needed for a team's report), and empties the table after. */
export function withOfficeCases<T>(db: Db, officeId: number | null | undefined, work: () => T): T {
  if (!officeId) return work();
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS report_office_cases (id INTEGER PRIMARY KEY)`);
  db.prepare(`DELETE FROM ${OFFICE_CASES}`).run();
  db.prepare(`INSERT INTO ${OFFICE_CASES} SELECT id FROM cases INDEXED BY cases_office WHERE office_id = ?`).run(officeId);
  try {
    return work();
  } finally {
    db.prepare(`DELETE FROM ${OFFICE_CASES}`).run();
  }
}
