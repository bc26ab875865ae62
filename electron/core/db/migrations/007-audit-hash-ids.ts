import type { Migration } from './migration';

/**
 * Schema v7: audit entries from now on hash every field, their id included (hash version 2).
 * Version 1 left the id out, so someone holding the key could renumber entries and recompute
 * the chain unseen. Older entries keep version 1 and are checked as they were written;
 * what catches a rewrite made with the key is an anchor kept outside the database (audit.ts).
 */
export const auditHashIds: Migration = {
  version: 7,
  name: 'audit entries hash their id',
  up(db) {
    db.exec('ALTER TABLE audit_log ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1;');
  },
};
