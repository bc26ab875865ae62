import type { Migration } from './migration';

/**
 * Schema v9, model v2 part 1 (docs/model.md):
 * - The perpetrator is a person, shared by every case that names him: one record per CRN
 *   (the CRN now unique), holding his consent to partner contact, custody status, release and
 *   supervision end dates and MAPPA. Records already sharing a CRN are merged into the oldest;
 *   a name or date of birth that differed from it is kept as an alias, so nothing recorded is
 *   lost. Without a CRN each case keeps its own record: people are linked by hand, audited.
 * - The victim gains her relationship to him, the optional equality fields and Welsh.
 * - Engagement: statuses set by hand or imported are kept dated, with who set them; those a
 *   contact sets are read from the contact log itself (engagement.ts), so the history of a
 *   migrated case is its contacts', from their dates ("declined support" with no later
 *   "spoke to victim": declined from that date). `cases.engagement` is the caseload's copy.
 * - Copies on cases of his custody status and release date, for the caseload filter and Today.
 * The timers change with the rules (declined support no longer keeps in touch; release clocks):
 * they are recalculated at the first unlock after this (timer-store `bringTimersUpToDate`).
 */
export const modelV2People: Migration = {
  version: 9,
  name: 'model v2: perpetrator as a person, victim fields, engagement',
  up(db) {
    db.exec(`
      ALTER TABLE perpetrators ADD COLUMN consent_given_date TEXT;
      ALTER TABLE perpetrators ADD COLUMN consent_withdrawn_date TEXT;
      ALTER TABLE perpetrators ADD COLUMN custody_status TEXT
        CHECK (custody_status IN ('in_custody', 'in_community', 'recalled', 'unlawfully_at_large'));
      ALTER TABLE perpetrators ADD COLUMN custody_status_date TEXT;
      ALTER TABLE perpetrators ADD COLUMN release_date TEXT;
      ALTER TABLE perpetrators ADD COLUMN supervision_end_date TEXT;
      ALTER TABLE perpetrators ADD COLUMN mappa_category TEXT CHECK (mappa_category IN ('1', '2', '3', '4'));
      ALTER TABLE perpetrators ADD COLUMN mappa_level TEXT CHECK (mappa_level IN ('1', '2', '3'));
      ALTER TABLE perpetrators ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE perpetrators ADD COLUMN changed_by TEXT;
      ALTER TABLE perpetrators ADD COLUMN changed_at TEXT;

      -- Other names and dates of birth he has been recorded under.
      CREATE TABLE perpetrator_aliases (
        id INTEGER PRIMARY KEY,
        perpetrator_id INTEGER NOT NULL REFERENCES perpetrators(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        date_of_birth TEXT,
        -- 'merged by CRN' (this migration, an import or a new case) or 'linked by hand'
        how TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX perpetrator_aliases_person ON perpetrator_aliases(perpetrator_id);
    `);

    // Merge records that share a CRN into the oldest, keeping each differing name and date of birth.
    const duplicates = db
      .prepare(
        `SELECT p.id, p.name, p.date_of_birth AS dob, keeper.id AS keeperId, keeper.name AS keeperName, keeper.date_of_birth AS keeperDob
         FROM perpetrators p JOIN perpetrators keeper ON keeper.id = (SELECT min(id) FROM perpetrators WHERE crn = p.crn)
         WHERE p.crn IS NOT NULL AND p.id <> keeper.id ORDER BY p.id`,
      )
      .all() as { id: number; name: string; dob: string | null; keeperId: number; keeperName: string; keeperDob: string | null }[];
    const aliasKnown = db.prepare('SELECT 1 FROM perpetrator_aliases WHERE perpetrator_id = ? AND name = ? AND date_of_birth IS ?');
    const addAlias = db.prepare(
      "INSERT INTO perpetrator_aliases (perpetrator_id, name, date_of_birth, how, created_at) VALUES (?, ?, ?, 'merged by CRN', strftime('%Y-%m-%dT%H:%M:%fZ'))",
    );
    const repoint = db.prepare('UPDATE cases SET perpetrator_id = ? WHERE perpetrator_id = ?');
    const remove = db.prepare('DELETE FROM perpetrators WHERE id = ?');
    for (const d of duplicates) {
      const same = d.name === d.keeperName && d.dob === d.keeperDob;
      if (!same && !aliasKnown.get(d.keeperId, d.name, d.dob)) addAlias.run(d.keeperId, d.name, d.dob);
      repoint.run(d.keeperId, d.id);
      remove.run(d.id);
    }

    db.exec(`
      DROP INDEX perpetrators_crn;
      CREATE UNIQUE INDEX perpetrators_crn ON perpetrators(crn) WHERE crn IS NOT NULL;
      -- Candidates for linking by hand: the same name and date of birth.
      CREATE INDEX perpetrators_name_dob ON perpetrators(name COLLATE NOCASE, date_of_birth);

      ALTER TABLE victims ADD COLUMN relationship TEXT CHECK (relationship IN ('current_partner', 'ex_partner', 'new_partner', 'family_member', 'other'));
      ALTER TABLE victims ADD COLUMN sex TEXT;
      ALTER TABLE victims ADD COLUMN ethnicity TEXT;
      ALTER TABLE victims ADD COLUMN disability TEXT;
      ALTER TABLE victims ADD COLUMN sexual_orientation TEXT;
      ALTER TABLE victims ADD COLUMN welsh_language INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE engagement_changes (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        change_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('not_yet_contacted', 'engaged', 'declined', 'unable_to_contact', 'no_contact')),
        source TEXT NOT NULL CHECK (source IN ('hand', 'import')),
        reason TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX engagement_changes_case ON engagement_changes(case_id, change_date);

      ALTER TABLE cases ADD COLUMN engagement TEXT NOT NULL DEFAULT 'not_yet_contacted';
      ALTER TABLE cases ADD COLUMN custody_status TEXT;
      ALTER TABLE cases ADD COLUMN release_date TEXT;
      UPDATE cases SET engagement = coalesce(
        (SELECT CASE k.outcome WHEN 'spoke_to_victim' THEN 'engaged' ELSE 'declined' END FROM contacts k
         WHERE k.case_id = cases.id AND k.deleted_at IS NULL AND k.with_victim = 1 AND k.outcome IN ('spoke_to_victim', 'declined_support')
         ORDER BY k.contact_date DESC, k.recorded_at DESC LIMIT 1),
        'not_yet_contacted');
      CREATE INDEX cases_engagement ON cases(engagement, owner_worker_id);
      CREATE INDEX cases_custody ON cases(custody_status, owner_worker_id) WHERE custody_status IS NOT NULL;
      CREATE INDEX cases_release ON cases(release_date, owner_worker_id) WHERE release_date IS NOT NULL AND closed_date IS NULL;
    `);
  },
};
