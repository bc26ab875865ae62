import type { Migration } from './migration';

/**
 * Schema v3: each referral timer carries its case's latest chase date, kept by triggers.
 * "Due a chase" counted the team's overdue referrals chased in the last few working days by
 * taking each of those days' chases (1,800 at 250,000 cases), dropping repeats and looking up
 * its case's referral: 0.9 ms, growing with the team, most of the chase list's time. With the
 * date on the timer, `timers_open_referral_chased` answers it as one index range (0.1 ms).
 * The triggers cover every writer (the app, import, demo, erasure's cascade) in the same
 * transaction as the write.
 */
export const referralLastChase: Migration = {
  version: 3,
  name: 'latest chase on the referral timer',
  up(db) {
    db.exec(`
      ALTER TABLE timers ADD COLUMN last_chase_date TEXT;
      UPDATE timers SET last_chase_date = (SELECT max(ch.chase_date) FROM chases ch WHERE ch.case_id = timers.case_id) WHERE timer = 'referral';
      CREATE INDEX timers_open_referral_chased ON timers(last_chase_date, due_date, owner_worker_id) WHERE timer = 'referral' AND met_date IS NULL AND closed_date IS NULL;

      -- A new referral timer (a case created, or its timers rewritten) takes its case's latest chase.
      CREATE TRIGGER referral_timer_chase_dated AFTER INSERT ON timers
        WHEN NEW.timer = 'referral' AND EXISTS (SELECT 1 FROM chases WHERE case_id = NEW.case_id) BEGIN
        UPDATE timers SET last_chase_date = (SELECT max(chase_date) FROM chases WHERE case_id = NEW.case_id) WHERE id = NEW.id;
      END;
      -- A chase logged, removed or moved re-dates its case's referral timer (and the old case's, if moved).
      CREATE TRIGGER chase_dates_referral AFTER INSERT ON chases BEGIN
        UPDATE timers SET last_chase_date = (SELECT max(chase_date) FROM chases WHERE case_id = NEW.case_id) WHERE case_id = NEW.case_id AND timer = 'referral';
      END;
      CREATE TRIGGER chase_undates_referral AFTER DELETE ON chases BEGIN
        UPDATE timers SET last_chase_date = (SELECT max(chase_date) FROM chases WHERE case_id = OLD.case_id) WHERE case_id = OLD.case_id AND timer = 'referral';
      END;
      CREATE TRIGGER chase_redates_referral AFTER UPDATE OF case_id, chase_date ON chases BEGIN
        UPDATE timers SET last_chase_date = (SELECT max(chase_date) FROM chases WHERE case_id = OLD.case_id) WHERE case_id = OLD.case_id AND timer = 'referral';
        UPDATE timers SET last_chase_date = (SELECT max(chase_date) FROM chases WHERE case_id = NEW.case_id) WHERE case_id = NEW.case_id AND timer = 'referral';
      END;
    `);
    // As in v2: a database with statistics gets them for the new index too, so the planner
    // does not guess at it for the other open-referral queries.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get()) db.exec('ANALYZE timers;');
  },
};
