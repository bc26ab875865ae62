import { londonDate } from '../../../../shared/dates';
import type { Migration } from './migration';

/**
 * Schema v14, model v2 §6 (fair figures): work is credited to whoever did it, so last year's
 * figures stop moving when cases change hands.
 * - `case_ownership`: who owned each case from when to when. Reassignments recorded in the audit
 *   log ('case.reassigned', from and to worker) are read back into it where they chain to the
 *   case's owner today; otherwise the case's owner today owned it from the start (as version 1
 *   counted it).
 * - Contacts and chases carry the worker credited with them: the account that logged them (its
 *   worker), or for imported and demo rows, which name no account, the case's owner.
 * - Offices (Probation Delivery Units): cases and accounts each belong to one; reports can be
 *   scoped to an office.
 * - `cases.owner_since` and the reporting indexes carrying it, so the month's summary reads an
 *   owner on a date from an index (1.8 s → see tests/bench/PROFILES.md at 250,000 cases).
 */
export const fairFigures: Migration = {
  version: 14,
  name: 'model v2: ownership history, work credited to who did it, offices',
  up(db) {
    db.exec(`
      CREATE TABLE case_ownership (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        worker_id INTEGER REFERENCES workers(id), -- NULL: unallocated
        from_date TEXT, -- NULL: from the case's start
        to_date TEXT -- NULL: to this day
      );
      CREATE INDEX case_ownership_case ON case_ownership(case_id, from_date);

      CREATE TABLE offices (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at TEXT NOT NULL
      );
      ALTER TABLE cases ADD COLUMN office_id INTEGER REFERENCES offices(id);
      ALTER TABLE accounts ADD COLUMN office_id INTEGER REFERENCES offices(id);
      CREATE INDEX cases_office ON cases(office_id) WHERE office_id IS NOT NULL;

      ALTER TABLE contacts ADD COLUMN credited_worker_id INTEGER;
      ALTER TABLE chases ADD COLUMN credited_worker_id INTEGER;

      -- The day the case's owner today took it over (NULL: since the start). A figure for a date on
      -- or after it is the owner today's, read from the indexes below with no look-up in the
      -- history: only the few cases that changed hands since need one.
      ALTER TABLE cases ADD COLUMN owner_since TEXT;
    `);

    // Ownership: read the reassignments back where they make an unbroken chain to today's owner.
    const reassigned = db
      .prepare("SELECT case_id AS caseId, at, detail FROM audit_log WHERE action = 'case.reassigned' AND case_id IS NOT NULL ORDER BY id")
      .all() as { caseId: number; at: string; detail: string | null }[];
    const byCase = new Map<number, { date: string; from: number | null; to: number | null }[]>();
    for (const r of reassigned) {
      const detail = JSON.parse(r.detail ?? '{}') as { fromWorker?: number | null; toWorker?: number | null };
      const list = byCase.get(r.caseId) ?? [];
      list.push({ date: londonDate(new Date(r.at)), from: detail.fromWorker ?? null, to: detail.toWorker ?? null });
      byCase.set(r.caseId, list);
    }
    const owners = db.prepare('SELECT id, owner_worker_id AS owner FROM cases').all() as { id: number; owner: number | null }[];
    const insert = db.prepare('INSERT INTO case_ownership (case_id, worker_id, from_date, to_date) VALUES (?, ?, ?, ?)');
    const setSince = db.prepare('UPDATE cases SET owner_since = ? WHERE id = ?');
    for (const { id, owner } of owners) {
      const moves = byCase.get(id) ?? [];
      const chained = moves.length > 0 && moves.every((m, i) => i === 0 || m.from === moves[i - 1]!.to) && moves.at(-1)!.to === owner;
      if (!chained) {
        insert.run(id, owner, null, null);
        continue;
      }
      // Spans of [from, to): a move on the same day as the one before replaces it.
      const spans: { worker: number | null; from: string | null }[] = [{ worker: moves[0]!.from, from: null }];
      for (const m of moves) {
        if (spans.at(-1)!.from === m.date) spans.pop();
        spans.push({ worker: m.to, from: m.date });
      }
      spans.forEach((s, i) => insert.run(id, s.worker, s.from, spans[i + 1]?.from ?? null));
      setSince.run(spans.at(-1)!.from, id);
    }

    // Credit: an account's own worker, found once per name; otherwise the case's owner.
    db.exec(`
      CREATE TEMP TABLE credit_names (name TEXT PRIMARY KEY COLLATE NOCASE, worker_id INTEGER);
      INSERT OR IGNORE INTO credit_names (name, worker_id)
        SELECT a.account_name, w.id FROM workers w JOIN accounts a ON a.id = w.account_id;
      INSERT OR IGNORE INTO credit_names (name, worker_id)
        SELECT w.name, w.id FROM workers w JOIN accounts a ON a.account_name = w.name COLLATE NOCASE;
      UPDATE contacts SET credited_worker_id = coalesce(
        (SELECT worker_id FROM credit_names WHERE name = contacts.recorded_by), (SELECT owner_worker_id FROM cases WHERE id = contacts.case_id));
      UPDATE chases SET credited_worker_id = coalesce(
        (SELECT worker_id FROM credit_names WHERE name = chases.recorded_by), (SELECT owner_worker_id FROM cases WHERE id = chases.case_id));
      DROP TABLE credit_names;
      CREATE INDEX contacts_credited ON contacts(contact_date, credited_worker_id, case_id, method, outcome, with_victim) WHERE deleted_at IS NULL;
      CREATE INDEX chases_credited ON chases(chase_date, credited_worker_id, case_id);

      -- The reports read a case's owner on a date from these alone (owner_since added).
      DROP INDEX cases_closed;
      CREATE INDEX cases_closed ON cases(closed_date, owner_worker_id, sentence_date, owner_since);
      DROP INDEX cases_referral;
      CREATE INDEX cases_referral ON cases(referral_received_date, sentence_date, owner_worker_id, owner_since);
      DROP INDEX cases_idva;
      CREATE INDEX cases_idva ON cases(idva_referral_date, owner_worker_id, owner_since);
      DROP INDEX cases_owner_by_id;
      CREATE INDEX cases_owner_by_id ON cases(id, owner_worker_id, owner_since, victim_id);
      -- The equality breakdowns' fields, read for each victim offered support without her row.
      CREATE INDEX victims_equality ON victims(id, sex, ethnicity, disability, relationship, date_of_birth);
    `);
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get()) db.exec('ANALYZE cases; ANALYZE victims; ANALYZE case_ownership;');
  },
};
