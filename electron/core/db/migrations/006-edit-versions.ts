import type { Migration } from './migration';

/** The records a person edits in a form, each of which now carries a version. */
// A case's victim and perpetrator are edited through the case (one form covers them), so
// the case's version covers them too.
export const VERSIONED_TABLES = ['cases', 'orders', 'children', 'risk_events', 'liaison', 'contacts'] as const;

/**
 * Schema v6: a version on every record a person edits, with who changed it last and when.
 * A save from a form loaded before someone else's save is refused ("changed by NAME at TIME")
 * instead of silently putting the old values back (edit-versions.ts). ADD COLUMN with a
 * constant default rewrites nothing, so this is instant on a national database. Team-wide
 * settings (the settings, timer rules and letter templates) get one version each.
 */
export const editVersions: Migration = {
  version: 6,
  name: 'edit versions',
  up(db) {
    for (const table of VERSIONED_TABLES) {
      db.exec(`
        ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE ${table} ADD COLUMN changed_by TEXT;
        ALTER TABLE ${table} ADD COLUMN changed_at TEXT;
      `);
    }
    db.exec(`
      CREATE TABLE settings_versions (
        area TEXT PRIMARY KEY CHECK (area IN ('settings', 'timer-rules', 'letter-templates')),
        version INTEGER NOT NULL,
        changed_by TEXT,
        changed_at TEXT
      ) STRICT;
      INSERT INTO settings_versions (area, version) VALUES ('settings', 1), ('timer-rules', 1), ('letter-templates', 1);
    `);
  },
};
