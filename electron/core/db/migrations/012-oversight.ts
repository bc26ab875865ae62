import type { Migration } from './migration';

/**
 * Schema v12, model v2 §6 (oversight): a manager's case audits (checklist, outcome, actions),
 * kept with whose work was audited (the case's owner at the time, so the figure does not move
 * when the case changes hands), and supervision notes per worker, which only managers and that
 * worker read.
 */
export const oversight: Migration = {
  version: 12,
  name: 'model v2: case audits and supervision notes',
  up(db) {
    db.exec(`
      CREATE TABLE case_audits (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        audit_date TEXT NOT NULL,
        auditor TEXT NOT NULL,
        owner_worker_id INTEGER REFERENCES workers(id),
        checklist TEXT NOT NULL, -- JSON: each checklist item 'yes', 'no' or 'not_applicable'
        outcome TEXT NOT NULL CHECK (outcome IN ('good', 'requires_improvement', 'inadequate')),
        actions TEXT,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX case_audits_case ON case_audits(case_id, audit_date);
      CREATE INDEX case_audits_date ON case_audits(audit_date, owner_worker_id);

      CREATE TABLE supervision_notes (
        id INTEGER PRIMARY KEY,
        worker_id INTEGER NOT NULL REFERENCES workers(id),
        note_date TEXT NOT NULL,
        manager TEXT NOT NULL,
        note TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX supervision_notes_worker ON supervision_notes(worker_id, note_date);
    `);
  },
};
