import type { Migration } from './migration';

/**
 * Schema v5: the contacts with victims by month and case, for "victims offered support" in the
 * 12-month trend. Counting the distinct cases of each month from the date index kept every
 * case of the month in a temporary table (510 ms for a national team's year, most of the
 * trend); read from this index, one month at a time, each entry is compared with the one before
 * it (60 ms). The date is in the index so a period ending mid-month is read from it alone.
 */
export const victimContactMonths: Migration = {
  version: 5,
  name: 'contacts with victims by month',
  up(db) {
    db.exec(`CREATE INDEX contacts_victim_months ON contacts(substr(contact_date, 1, 7), case_id, contact_date) WHERE with_victim = 1 AND deleted_at IS NULL;`);
    // As in v2: with statistics for the other indexes only, the planner would guess at this one.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get()) db.exec('ANALYZE contacts;');
  },
};
