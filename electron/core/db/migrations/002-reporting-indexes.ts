import type { Migration } from './migration';

/**
 * Schema v2: indexes for a national team's figures (measured at 250,000 cases).
 * - `cases_owner_by_id`: a narrow index from case to owner. The managers' figures count
 *   contacts, orders and risk events by their case's owner; looking each owner up in the
 *   wide cases table read (and decrypted) a page per row, about 5x slower than this index,
 *   which stays in the page cache. Queries name it with INDEXED BY.
 * - `chases_date` and `timers_open_referral`: "due a chase" is counted from the last few days'
 *   chases, each checked against its case's open referral, instead of probing the chases of
 *   every overdue referral (4.6 ms -> 0.6 ms for 7,000 overdue referrals).
 * - `cases_closed`, and `timers_closing` and `timers_kind_met` made covering: what was open at
 *   the end of a period is read as "open today" plus "closed or met since", each from an
 *   index alone (open caseload 48 ms -> 5 ms; overdue timers at period end 190 ms -> 20 ms).
 * - `open_timer_counts`: open timers counted by timer, due date and warning date, kept by
 *   triggers in the same transaction as every timer write. Today's team figures sum at most
 *   a row per timer and day instead of counting every open timer: counting grows with the
 *   caseload (56,000 timers at 250,000 cases), the days do not.
 * - `flag_counts`, kept the same way: how many cases carry each flag, for the caseload's
 *   count under a flag filter (66,000 IMAR flags were counted one by one: 1.7 ms).
 * - `cases_stage_order`: the caseload sorted by stage reads (stage, id) in order; the
 *   (stage, risk) index made it sort the whole first stage.
 */
export const reportingIndexes: Migration = {
  version: 2,
  name: 'reporting indexes and counts',
  up(db) {
    db.exec(`
      CREATE INDEX cases_owner_by_id ON cases(id, owner_worker_id);
      CREATE INDEX chases_date ON chases(chase_date, case_id);
      CREATE INDEX timers_open_referral ON timers(case_id, due_date, owner_worker_id) WHERE timer = 'referral' AND met_date IS NULL AND closed_date IS NULL;
      CREATE INDEX cases_closed ON cases(closed_date, owner_worker_id, sentence_date);
      DROP INDEX timers_closing;
      CREATE INDEX timers_closing ON timers(closed_date, due_date, warn_from, start_date, timer, owner_worker_id) WHERE met_date IS NULL AND closed_date IS NOT NULL;
      DROP INDEX timers_kind_met;
      CREATE INDEX timers_kind_met ON timers(timer, met_date, due_date, owner_worker_id, start_date, closed_date) WHERE met_date IS NOT NULL;

      CREATE TABLE open_timer_counts (
        timer TEXT NOT NULL,
        due_date TEXT NOT NULL,
        warn_from TEXT NOT NULL,
        n INTEGER NOT NULL CHECK (n > 0),
        PRIMARY KEY (timer, due_date, warn_from)
      ) WITHOUT ROWID;
      INSERT INTO open_timer_counts (timer, due_date, warn_from, n)
        SELECT timer, due_date, warn_from, count(*) FROM timers WHERE met_date IS NULL AND closed_date IS NULL GROUP BY timer, due_date, warn_from;
      -- An open timer counts once; a row whose count reaches 0 goes, so the table holds only days with open timers.
      CREATE TRIGGER open_timer_counted AFTER INSERT ON timers WHEN NEW.met_date IS NULL AND NEW.closed_date IS NULL BEGIN
        INSERT INTO open_timer_counts (timer, due_date, warn_from, n) VALUES (NEW.timer, NEW.due_date, NEW.warn_from, 1)
          ON CONFLICT (timer, due_date, warn_from) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER open_timer_uncounted AFTER DELETE ON timers WHEN OLD.met_date IS NULL AND OLD.closed_date IS NULL BEGIN
        DELETE FROM open_timer_counts WHERE timer = OLD.timer AND due_date = OLD.due_date AND warn_from = OLD.warn_from AND n = 1;
        UPDATE open_timer_counts SET n = n - 1 WHERE timer = OLD.timer AND due_date = OLD.due_date AND warn_from = OLD.warn_from;
      END;
      -- An update is the old row uncounted and the new one counted.
      CREATE TRIGGER open_timer_changed_from AFTER UPDATE OF timer, due_date, warn_from, met_date, closed_date ON timers
        WHEN OLD.met_date IS NULL AND OLD.closed_date IS NULL BEGIN
        DELETE FROM open_timer_counts WHERE timer = OLD.timer AND due_date = OLD.due_date AND warn_from = OLD.warn_from AND n = 1;
        UPDATE open_timer_counts SET n = n - 1 WHERE timer = OLD.timer AND due_date = OLD.due_date AND warn_from = OLD.warn_from;
      END;
      CREATE TRIGGER open_timer_changed_to AFTER UPDATE OF timer, due_date, warn_from, met_date, closed_date ON timers
        WHEN NEW.met_date IS NULL AND NEW.closed_date IS NULL BEGIN
        INSERT INTO open_timer_counts (timer, due_date, warn_from, n) VALUES (NEW.timer, NEW.due_date, NEW.warn_from, 1)
          ON CONFLICT (timer, due_date, warn_from) DO UPDATE SET n = n + 1;
      END;

      CREATE TABLE flag_counts (code TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n > 0)) WITHOUT ROWID;
      INSERT INTO flag_counts (code, n) SELECT code, count(*) FROM flags GROUP BY code;
      CREATE TRIGGER flag_counted AFTER INSERT ON flags BEGIN
        INSERT INTO flag_counts (code, n) VALUES (NEW.code, 1) ON CONFLICT (code) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER flag_uncounted AFTER DELETE ON flags BEGIN
        DELETE FROM flag_counts WHERE code = OLD.code AND n = 1;
        UPDATE flag_counts SET n = n - 1 WHERE code = OLD.code;
      END;
      CREATE TRIGGER flag_recounted AFTER UPDATE OF code ON flags BEGIN
        DELETE FROM flag_counts WHERE code = OLD.code AND n = 1;
        UPDATE flag_counts SET n = n - 1 WHERE code = OLD.code;
        INSERT INTO flag_counts (code, n) VALUES (NEW.code, 1) ON CONFLICT (code) DO UPDATE SET n = n + 1;
      END;

      CREATE INDEX cases_stage_order ON cases(stage);
    `);
    // A database analysed before (the demo and the import run ANALYZE) has statistics for the
    // old indexes only; with none for the new ones the planner preferred cases_stage_order for a
    // stage and risk filter (14 ms instead of 0.7 ms at 250,000 cases). Analysing the tables whose
    // indexes changed takes a few seconds at national scale, once.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get()) db.exec('ANALYZE cases; ANALYZE timers; ANALYZE chases;');
  },
};
