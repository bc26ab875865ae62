import type { Migration } from './migration';

/**
 * Schema v10: "do not contact via" names the person alone, and who they are is kept beside it.
 * The one field held both ("Karen Wood (his sister)"), so a contact with "Karen Wood" did not
 * match the rule and saved with no warning. A description in brackets at the end moves to the
 * new column; anything else is left as it was written (it is matched as a name).
 */
export const doNotContactAbout: Migration = {
  version: 10,
  name: 'do not contact via: the person and who they are',
  up(db) {
    db.exec('ALTER TABLE victims ADD COLUMN do_not_contact_via_about TEXT;');
    const rows = db.prepare("SELECT id, do_not_contact_via AS via FROM victims WHERE do_not_contact_via LIKE '%(%)'").all() as { id: number; via: string }[];
    const split = db.prepare('UPDATE victims SET do_not_contact_via = ?, do_not_contact_via_about = ? WHERE id = ?');
    for (const { id, via } of rows) {
      const parts = /^(.*\S)\s*\(([^()]*)\)\s*$/.exec(via);
      if (parts && parts[2]!.trim()) split.run(parts[1], parts[2]!.trim(), id);
    }
  },
};
