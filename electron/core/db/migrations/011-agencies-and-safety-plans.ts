import type { Migration } from './migration';

/**
 * Schema v11, model v2 part 2 (docs/model.md §4-5): agencies and the safety plan.
 * - Police call-out and children's social care checks: asked, answered, chased.
 * - DASH kept per assessment (24 answers and the score) and MARAC as referrals (with their
 *   criteria), meetings and actions; version 1 kept one DASH score and one referral, meeting
 *   and outcome on the case: each becomes the first row of its table (the answers of a
 *   version 1 score were never recorded, so they stay unknown). The case columns stay as the
 *   case's copies of the latest referral and assessment, which the reports read.
 * - Clare's Law (DVDS) applications; the Victim Liaison Officer on the case.
 * - The safety plan: items, and its agreement and reviews (each restarts the review timer).
 * - Timers about an agency check or a MARAC action name it (`subject_id`).
 */
export const agenciesAndSafetyPlans: Migration = {
  version: 11,
  name: 'model v2: agency checks, DASH and MARAC, Clare’s Law, safety plans',
  up(db) {
    db.exec(`
      CREATE TABLE agency_checks (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        agency TEXT NOT NULL CHECK (agency IN ('police', 'childrens_social_care')),
        requested_date TEXT NOT NULL,
        requested_from TEXT,
        reply_date TEXT,
        reply_summary TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT,
        changed_at TEXT
      );
      CREATE INDEX agency_checks_case ON agency_checks(case_id);
      -- The reports count checks asked for in a period.
      CREATE INDEX agency_checks_requested ON agency_checks(requested_date, agency);

      CREATE TABLE agency_check_chases (
        id INTEGER PRIMARY KEY,
        check_id INTEGER NOT NULL REFERENCES agency_checks(id) ON DELETE CASCADE,
        chase_date TEXT NOT NULL,
        method TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX agency_check_chases_check ON agency_check_chases(check_id);

      CREATE TABLE dash_assessments (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        assessed_date TEXT, -- NULL only for a version 1 score recorded without its date
        assessor TEXT,
        answers TEXT, -- JSON: 24 of 'yes', 'no', 'not_known'; NULL for a version 1 score
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 24),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX dash_assessments_case ON dash_assessments(case_id, assessed_date);

      CREATE TABLE marac_referrals (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        referral_date TEXT, -- NULL only for a version 1 meeting or outcome recorded without the referral's date
        criteria TEXT NOT NULL, -- JSON array; empty for a version 1 referral (not recorded)
        notes TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX marac_referrals_case ON marac_referrals(case_id, referral_date);
      CREATE INDEX marac_referrals_date ON marac_referrals(referral_date);

      CREATE TABLE marac_meetings (
        id INTEGER PRIMARY KEY,
        referral_id INTEGER NOT NULL REFERENCES marac_referrals(id) ON DELETE CASCADE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        meeting_date TEXT NOT NULL,
        outcome TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX marac_meetings_case ON marac_meetings(case_id);

      CREATE TABLE marac_actions (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES marac_meetings(id) ON DELETE CASCADE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        owner TEXT NOT NULL,
        due_date TEXT NOT NULL,
        completed_date TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT,
        changed_at TEXT
      );
      CREATE INDEX marac_actions_case ON marac_actions(case_id);

      CREATE TABLE dvds_applications (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        route TEXT NOT NULL CHECK (route IN ('right_to_ask', 'right_to_know')),
        application_date TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'disclosed', 'not_disclosed', 'withdrawn')),
        outcome_date TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT,
        changed_at TEXT
      );
      CREATE INDEX dvds_applications_case ON dvds_applications(case_id);

      ALTER TABLE cases ADD COLUMN vlo_name TEXT;
      ALTER TABLE cases ADD COLUMN vlo_contact TEXT;

      CREATE TABLE safety_plan_items (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        risk TEXT NOT NULL,
        action TEXT NOT NULL,
        who TEXT NOT NULL,
        by_when TEXT,
        removed_at TEXT, -- kept, not deleted: the plan's history stays
        removed_by TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        changed_by TEXT,
        changed_at TEXT
      );
      CREATE INDEX safety_plan_items_case ON safety_plan_items(case_id);

      CREATE TABLE safety_plan_reviews (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        review_date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('agreed', 'reviewed')),
        notes TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX safety_plan_reviews_case ON safety_plan_reviews(case_id, review_date);

      ALTER TABLE timers ADD COLUMN subject_id INTEGER;
    `);
    // Version 1's one referral, meeting and DASH score per case, kept as the first of each.
    db.exec(`
      INSERT INTO marac_referrals (case_id, referral_date, criteria, notes, recorded_by, recorded_at)
        SELECT id, marac_referral_date, '[]', CASE WHEN marac_meeting_date IS NULL THEN marac_outcome END, 'version 1', updated_at
        FROM cases WHERE marac_referral_date IS NOT NULL OR marac_meeting_date IS NOT NULL OR marac_outcome IS NOT NULL;
      INSERT INTO marac_meetings (referral_id, case_id, meeting_date, outcome, recorded_by, recorded_at)
        SELECT r.id, c.id, c.marac_meeting_date, c.marac_outcome, 'version 1', r.recorded_at
        FROM cases c JOIN marac_referrals r ON r.case_id = c.id WHERE c.marac_meeting_date IS NOT NULL;
      INSERT INTO dash_assessments (case_id, assessed_date, assessor, answers, score, recorded_by, recorded_at)
        SELECT id, dash_date, NULL, NULL, dash_score, 'version 1', updated_at FROM cases WHERE dash_score IS NOT NULL;
    `);
  },
};
