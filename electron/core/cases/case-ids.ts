/**
 * The id a new case takes: above every case there is and every case ever erased. `cases.id` is
 * a plain INTEGER PRIMARY KEY, which SQLite numbers max(id) + 1, so erasing the newest case and
 * then creating one gave the new case the erased one's id: its audit entries mixed with the
 * erased case's, and erasing it failed (the tombstone's key was taken). Used in every INSERT
 * INTO cases, as an SQL expression so it is read in the insert's own transaction.
 */
export const NEXT_CASE_ID = `(SELECT max(coalesce((SELECT max(id) FROM cases), 0), coalesce((SELECT max(case_id) FROM erased_cases), 0)) + 1)`;
