import type { Migration } from './migration';

/**
 * Schema v13 (model v2 §7): a worker's own work phone, for letters. Version 1's letters asked
 * the victim to ring "{{safe_phone}}", her own safe number; a letter now gives the worker's
 * phone and the team's (a team setting).
 */
export const workerPhone: Migration = {
  version: 13,
  name: 'a worker’s work phone for letters',
  up(db) {
    db.exec('ALTER TABLE workers ADD COLUMN phone TEXT;');
  },
};
