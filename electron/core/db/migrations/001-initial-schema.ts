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

      -- The people cases are allocated to. A worker may have a login (account_id) or not:
      -- imported workbooks name workers before they have accounts.
      CREATE TABLE workers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        account_id INTEGER REFERENCES accounts(id),
        created_at TEXT NOT NULL
      );

      CREATE TABLE perpetrators (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        crn TEXT CHECK (crn IS NULL OR crn GLOB '[A-Z][0-9][0-9][0-9][0-9][0-9][0-9]'),
        date_of_birth TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX perpetrators_crn ON perpetrators(crn);
      CREATE INDEX perpetrators_name ON perpetrators(name COLLATE NOCASE);

      CREATE TABLE victims (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        date_of_birth TEXT,
        phone TEXT,
        email TEXT,
        address TEXT,
        postcode TEXT,
        -- The safe-contact profile: how, when and through whom contact is safe.
        safe_phone TEXT,
        safe_email TEXT,
        safe_address TEXT,
        safe_times TEXT,
        preferred_language TEXT,
        interpreter_needed INTEGER NOT NULL DEFAULT 0,
        access_needs TEXT,
        do_not_contact_via TEXT,
        safe_contact_notes TEXT,
        no_voicemail INTEGER NOT NULL DEFAULT 0,
        no_letters INTEGER NOT NULL DEFAULT 0,
        no_texts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX victims_name ON victims(name COLLATE NOCASE);

      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        case_ref TEXT NOT NULL UNIQUE COLLATE NOCASE,
        victim_id INTEGER NOT NULL UNIQUE REFERENCES victims(id),
        perpetrator_id INTEGER NOT NULL REFERENCES perpetrators(id),
        owner_worker_id INTEGER REFERENCES workers(id),
        stage TEXT NOT NULL DEFAULT 'awaiting_referral',
        sentence_date TEXT,
        sentence_type TEXT,
        requirement TEXT,
        ro_name TEXT,
        ro_email TEXT,
        ro_phone TEXT,
        ro_office TEXT,
        referral_received_date TEXT,
        referral_source TEXT,
        programme_status TEXT,
        programme_start_date TEXT,
        programme_end_date TEXT,
        programme_outcome TEXT,
        risk_to_victim TEXT CHECK (risk_to_victim IN ('low', 'medium', 'high', 'very_high')),
        risk_to_children TEXT CHECK (risk_to_children IN ('low', 'medium', 'high', 'very_high')),
        marac_referral_date TEXT,
        marac_meeting_date TEXT,
        marac_outcome TEXT,
        idva_status TEXT CHECK (idva_status IN ('referred', 'accepted', 'declined')),
        idva_referral_date TEXT,
        dash_date TEXT,
        dash_score INTEGER CHECK (dash_score BETWEEN 0 AND 24),
        closed_date TEXT,
        -- Copies of what the caseload shows and sorts by, so a page is read from this table and
        -- its indexes alone (kept in step by every write to the victim, perpetrator or owner).
        victim_name TEXT NOT NULL,
        perpetrator_name TEXT NOT NULL,
        crn TEXT,
        owner_name TEXT,
        risk_rank INTEGER, -- 1 low … 4 very high, so "sort by risk" sorts by severity
        -- The earliest open timer, kept with the timers so the caseload sorts and filters on it.
        next_timer TEXT,
        next_due_date TEXT,
        next_warn_from TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- One index per caseload sort column; the rowid (case id) breaks ties in index order.
      CREATE INDEX cases_owner ON cases(owner_worker_id, next_due_date);
      CREATE INDEX cases_perpetrator ON cases(perpetrator_id);
      CREATE INDEX cases_next_due ON cases(next_due_date);
      CREATE INDEX cases_stage ON cases(stage, risk_to_victim);
      CREATE INDEX cases_risk ON cases(risk_rank);
      CREATE INDEX cases_victim_name ON cases(victim_name COLLATE NOCASE);
      CREATE INDEX cases_perpetrator_name ON cases(perpetrator_name COLLATE NOCASE);
      CREATE INDEX cases_crn ON cases(crn);
      CREATE INDEX cases_owner_name ON cases(owner_name COLLATE NOCASE);
      -- The managers' figures over a period, read from these indexes alone.
      CREATE INDEX cases_sentence ON cases(sentence_date, closed_date, owner_worker_id);
      CREATE INDEX cases_referral ON cases(referral_received_date, sentence_date, owner_worker_id);
      CREATE INDEX cases_marac ON cases(marac_referral_date, owner_worker_id);
      CREATE INDEX cases_idva ON cases(idva_referral_date, owner_worker_id);

      -- Prefix search over names, CRN, case ref, phone and postcode, accent- and case-insensitive.
      CREATE VIRTUAL TABLE case_search USING fts5(
        terms,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );

      CREATE TABLE children (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        date_of_birth TEXT,
        age_years INTEGER,
        relationship_to_victim TEXT,
        relationship_to_perpetrator TEXT,
        living_with TEXT,
        safeguarding_status TEXT NOT NULL DEFAULT 'none'
          CHECK (safeguarding_status IN ('none', 'child_in_need', 'child_protection_plan', 'looked_after')),
        social_worker TEXT,
        social_worker_contact TEXT,
        notes TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX children_case ON children(case_id);

      -- Status history of the perpetrator's programme: who moved it, when, and why.
      CREATE TABLE programme_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        from_status TEXT,
        to_status TEXT NOT NULL,
        event_date TEXT NOT NULL,
        reason TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX programme_events_case ON programme_events(case_id, id);

      -- The contact log. A final note is never changed: corrections are amendments.
      -- A deleted contact stays (deleted_at set), visible to admins and out of every timer.
      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        contact_date TEXT NOT NULL,
        contact_time TEXT,
        method TEXT NOT NULL,
        direction TEXT NOT NULL DEFAULT 'to_victim' CHECK (direction IN ('to_victim', 'from_victim')),
        outcome TEXT NOT NULL,
        with_victim INTEGER NOT NULL DEFAULT 1,
        with_whom TEXT,
        duration_minutes INTEGER,
        notes TEXT,
        sensitive INTEGER NOT NULL DEFAULT 0,
        is_final INTEGER NOT NULL DEFAULT 1,
        unsafe_override_reason TEXT,
        deleted_at TEXT,
        deleted_by TEXT,
        deleted_reason TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        updated_at TEXT
      );
      CREATE INDEX contacts_case_date ON contacts(case_id, contact_date);
      -- Covering index for the managers' figures over a period.
      CREATE INDEX contacts_period ON contacts(contact_date, with_victim, outcome, method, case_id) WHERE deleted_at IS NULL;

      CREATE TABLE contact_amendments (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX contact_amendments_contact ON contact_amendments(contact_id, id);

      CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        order_ref TEXT NOT NULL,
        order_type TEXT NOT NULL,
        made_date TEXT,
        expiry_date TEXT,
        court TEXT,
        conditions TEXT,
        exclusion_zones TEXT,
        protected_people TEXT, -- JSON array: 'victim', 'child:<id>', or a name
        aware TEXT,            -- JSON array: 'ro', 'police'
        -- Renewed, replaced or reviewed: what stops the expiry timer.
        resolution TEXT CHECK (resolution IN ('renewed', 'replaced', 'reviewed')),
        resolved_date TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (case_id, order_ref)
      );
      CREATE INDEX orders_case ON orders(case_id);
      CREATE INDEX orders_open_expiry ON orders(expiry_date) WHERE resolved_date IS NULL;

      CREATE TABLE order_breaches (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        breach_date TEXT NOT NULL,
        what TEXT NOT NULL,
        reported_to TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX order_breaches_order ON order_breaches(order_id);

      CREATE TABLE chases (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        chase_date TEXT NOT NULL,
        to_whom TEXT,
        method TEXT,
        note TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX chases_case_date ON chases(case_id, chase_date);

      CREATE TABLE risk_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        event_date TEXT NOT NULL,
        category TEXT NOT NULL,
        description TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX risk_events_case ON risk_events(case_id);

      CREATE TABLE liaison (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        risk_event_id INTEGER REFERENCES risk_events(id),
        shared_date TEXT NOT NULL,
        -- Shared with the RO ('ro') is what meets the risk_share timer.
        agency TEXT NOT NULL CHECK (agency IN ('ro', 'police', 'childrens_social_care', 'idva', 'marac')),
        shared_with TEXT, -- the person
        method TEXT,
        what TEXT,
        acknowledged_date TEXT,
        notes TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX liaison_case ON liaison(case_id);
      CREATE INDEX liaison_unacknowledged ON liaison(shared_date) WHERE acknowledged_date IS NULL;

      CREATE TABLE flags (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        added_date TEXT NOT NULL,
        PRIMARY KEY (case_id, code)
      ) WITHOUT ROWID;
      CREATE INDEX flags_code ON flags(code, case_id);

      -- Materialised timers, rewritten per case in the same transaction as every
      -- write that affects them, so "what is due" is one indexed query.
      CREATE TABLE timers (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        owner_worker_id INTEGER,
        timer TEXT NOT NULL,
        order_id INTEGER REFERENCES orders(id) ON DELETE CASCADE,
        order_ref TEXT,
        risk_event_id INTEGER REFERENCES risk_events(id) ON DELETE CASCADE,
        start_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        warn_from TEXT NOT NULL,
        met_date TEXT,
        closed_date TEXT
      );
      CREATE INDEX timers_case ON timers(case_id);
      -- Open timers of open cases: what Today and the chase list read.
      -- (Covering: Today's counts and its first page are read from the index alone.)
      CREATE INDEX timers_open_warn ON timers(warn_from, due_date, timer, owner_worker_id, case_id) WHERE met_date IS NULL AND closed_date IS NULL;
      CREATE INDEX timers_open_owner_warn ON timers(owner_worker_id, warn_from, due_date, timer, case_id) WHERE met_date IS NULL AND closed_date IS NULL;
      CREATE INDEX timers_open_due ON timers(due_date, warn_from) WHERE met_date IS NULL AND closed_date IS NULL;
      CREATE INDEX timers_open_kind_due ON timers(timer, due_date, owner_worker_id, case_id) WHERE met_date IS NULL AND closed_date IS NULL;
      -- The managers' figures over a period, read from the index alone.
      CREATE INDEX timers_kind_due ON timers(timer, due_date, met_date, start_date, closed_date, owner_worker_id);
      CREATE INDEX timers_kind_met ON timers(timer, met_date, due_date, owner_worker_id) WHERE met_date IS NOT NULL;
      CREATE INDEX timers_due_all ON timers(due_date, start_date, met_date, closed_date, timer, owner_worker_id);
      -- Cases with a closing date still ahead of the as-of date (rare, but their timers still count).
      CREATE INDEX timers_closing ON timers(closed_date) WHERE met_date IS NULL AND closed_date IS NOT NULL;

      -- What is left of an erased case: counts for statistics, nothing personal.
      CREATE TABLE erased_cases (
        case_id INTEGER PRIMARY KEY,
        erased_at TEXT NOT NULL,
        erased_by TEXT NOT NULL,
        sentence_month TEXT,
        closed_date TEXT,
        owner_worker_id INTEGER,
        counts TEXT NOT NULL -- JSON
      );

      -- Who did what, when. Never personal data in detail: ids and field names only.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        account_name TEXT NOT NULL,
        action TEXT NOT NULL,
        entity_type TEXT,
        entity_id INTEGER,
        case_id INTEGER,
        detail TEXT, -- JSON
        -- Each entry's SHA-256 covers its own fields and the previous entry's hash, so an
        -- edited, removed or reordered entry breaks the chain from there on.
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_case ON audit_log(case_id);
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_action ON audit_log(action, at);
      -- Append only: the app never changes or removes an entry.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed.'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'The audit log cannot be changed.'); END;
    `);
  },
};
