import type { Migration } from './migration';

/**
 * Schema v15: covering indexes for the month's summary, so each figure credited to an owner reads
 * one narrow index and the case's owner, never the records' rows. At 250,000 cases (a national
 * team's ten years) the month's summary was 509 ms against its 300 ms target; these indexes take
 * the orders at period end from a table scan, the agency checks from one look-up per check, the
 * risk events from a scan of all of them, and the chases of missing referrals (by who logged
 * them) from one look-up per chase. The month's index of contacts with the victim gains the
 * outcome, so a month's victims, each once with whether she was spoken to, are read from it in
 * order (no sort).
 */
export const summaryIndexes: Migration = {
  version: 15,
  name: 'covering indexes for the month’s summary',
  up(db) {
    db.exec(`
      CREATE INDEX orders_period ON orders(case_id, made_date, expiry_date, resolution, resolved_date);
      DROP INDEX agency_checks_requested;
      CREATE INDEX agency_checks_requested ON agency_checks(requested_date, agency, case_id);
      CREATE INDEX risk_events_date ON risk_events(event_date, case_id);
      DROP INDEX chases_case_date;
      CREATE INDEX chases_case_date ON chases(case_id, chase_date, credited_worker_id);
      DROP INDEX contacts_victim_months;
      CREATE INDEX contacts_victim_months ON contacts(substr(contact_date, 1, 7), case_id, contact_date, outcome) WHERE with_victim = 1 AND deleted_at IS NULL;
    `);
    // As in v2 and v5: with statistics for the other indexes only, the planner would guess at these.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get())
      db.exec('ANALYZE orders; ANALYZE agency_checks; ANALYZE risk_events; ANALYZE chases; ANALYZE contacts;');
  },
};
