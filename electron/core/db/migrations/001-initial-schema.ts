import type { Migration } from './migration';

/**
 * Schema v1: the shape of a PLW case. Later issues refine it through new
 * migrations, never by editing this one.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        account_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'plw', 'manager')),
        created_at TEXT NOT NULL,
        disabled_at TEXT
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL -- JSON
      );

      CREATE TABLE perpetrators (
        id INTEGER PRIMARY KEY,
        crn TEXT UNIQUE CHECK (crn GLOB '[A-Z][0-9][0-9][0-9][0-9][0-9][0-9]'),
        given_name TEXT NOT NULL,
        family_name TEXT NOT NULL,
        date_of_birth TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE victims (
        id INTEGER PRIMARY KEY,
        given_name TEXT NOT NULL,
        family_name TEXT NOT NULL,
        date_of_birth TEXT,
        phone TEXT,
        email TEXT,
        address TEXT,
        postcode TEXT,
        safe_address TEXT,
        safe_contact_methods TEXT, -- JSON array
        safe_times TEXT,
        no_voicemail INTEGER NOT NULL DEFAULT 0,
        no_letters INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        case_ref TEXT NOT NULL UNIQUE,
        victim_id INTEGER NOT NULL REFERENCES victims(id),
        perpetrator_id INTEGER NOT NULL REFERENCES perpetrators(id),
        owner_account_id INTEGER REFERENCES accounts(id),
        stage TEXT NOT NULL DEFAULT 'awaiting_referral',
        sentence_date TEXT,
        sentence_type TEXT,
        requirement TEXT,
        ro_name TEXT,
        ro_email TEXT,
        ro_phone TEXT,
        ro_office TEXT,
        programme_status TEXT,
        programme_start_date TEXT,
        programme_end_date TEXT,
        programme_outcome TEXT,
        risk_to_victim TEXT CHECK (risk_to_victim IN ('low', 'medium', 'high', 'very_high')),
        risk_to_children TEXT CHECK (risk_to_children IN ('low', 'medium', 'high', 'very_high')),
        marac_referral_date TEXT,
        marac_meeting_date TEXT,
        idva_status TEXT CHECK (idva_status IN ('referred', 'accepted', 'declined')),
        closed_date TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX cases_owner ON cases(owner_account_id);

      CREATE TABLE children (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        given_name TEXT NOT NULL,
        family_name TEXT,
        date_of_birth TEXT,
        safeguarding_status TEXT,
        social_care_involved INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE INDEX children_case ON children(case_id);

      CREATE TABLE referrals (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        received_date TEXT NOT NULL,
        source TEXT,
        recorded_by INTEGER REFERENCES accounts(id),
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX referrals_case ON referrals(case_id);

      CREATE TABLE programme_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        event_date TEXT NOT NULL,
        reason_category TEXT,
        reason TEXT,
        recorded_by INTEGER REFERENCES accounts(id),
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX programme_events_case ON programme_events(case_id);

      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        contact_date TEXT NOT NULL,
        method TEXT NOT NULL,
        outcome TEXT NOT NULL,
        with_whom TEXT,
        notes TEXT,
        is_final INTEGER NOT NULL DEFAULT 0,
        amends_contact_id INTEGER REFERENCES contacts(id),
        recorded_by INTEGER REFERENCES accounts(id),
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX contacts_case_date ON contacts(case_id, contact_date);

      CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        order_ref TEXT NOT NULL,
        order_type TEXT NOT NULL,
        made_date TEXT,
        expiry_date TEXT,
        court TEXT,
        conditions TEXT,
        protected_people TEXT, -- JSON array
        reviewed_date TEXT,
        replaced_by_order_id INTEGER REFERENCES orders(id),
        created_at TEXT NOT NULL,
        UNIQUE (case_id, order_ref)
      );
      CREATE INDEX orders_expiry ON orders(expiry_date);

      CREATE TABLE chases (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        chase_date TEXT NOT NULL,
        to_whom TEXT,
        method TEXT,
        note TEXT,
        recorded_by INTEGER REFERENCES accounts(id),
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX chases_case_date ON chases(case_id, chase_date);

      CREATE TABLE risk_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        event_date TEXT NOT NULL,
        category TEXT NOT NULL,
        description TEXT,
        recorded_by INTEGER REFERENCES accounts(id),
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX risk_events_case ON risk_events(case_id);

      CREATE TABLE liaison (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        risk_event_id INTEGER REFERENCES risk_events(id),
        shared_date TEXT NOT NULL,
        shared_with TEXT,
        method TEXT,
        acknowledged_date TEXT,
        notes TEXT,
        recorded_by INTEGER REFERENCES accounts(id),
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX liaison_case ON liaison(case_id);

      CREATE TABLE flags (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        added_date TEXT NOT NULL,
        PRIMARY KEY (case_id, code)
      ) WITHOUT ROWID;

      -- Materialised timers, rewritten per case in the same transaction as every
      -- write that affects them, so "what is due" is one indexed query.
      CREATE TABLE timers (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        timer TEXT NOT NULL,
        order_id INTEGER REFERENCES orders(id) ON DELETE CASCADE,
        start_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        warn_from TEXT NOT NULL,
        met_date TEXT,
        closed_date TEXT
      );
      CREATE INDEX timers_case ON timers(case_id);
      CREATE INDEX timers_open_due ON timers(due_date) WHERE met_date IS NULL AND closed_date IS NULL;

      -- Who did what, when. Never personal data in detail: ids and field names only.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        account_name TEXT NOT NULL,
        action TEXT NOT NULL,
        entity_type TEXT,
        entity_id INTEGER,
        case_id INTEGER,
        detail TEXT -- JSON
      );
      CREATE INDEX audit_log_case ON audit_log(case_id);
      CREATE INDEX audit_log_at ON audit_log(at);
    `);
  },
};
