/**
 * No silent overwrite. Every record a person edits carries a version; a form sends back the
 * version it was loaded with, and a save from an out-of-date copy is refused with who
 * changed the record and when, so the person reloads and applies their change again
 * instead of putting back the values someone else just replaced (a victim's new safe
 * number, say). Called inside the write's transaction, before anything is changed.
 */
import { formatTimeAndDate } from '../../../shared/uk-dates';
import type { Db } from './open-database';
import { PlwError } from '../errors';

const TABLES = {
  /** The case, its victim (safe-contact rules included) and its perpetrator: one edit form covers all three. */
  case: 'cases',
  order: 'orders',
  child: 'children',
  riskEvent: 'risk_events',
  liaison: 'liaison',
  contact: 'contacts',
  /** The person, shared by every case that names him (model v2). */
  perpetrator: 'perpetrators',
  /** Model v2 part 2: agencies and the safety plan. */
  agencyCheck: 'agency_checks',
  maracAction: 'marac_actions',
  dvdsApplication: 'dvds_applications',
  safetyPlanItem: 'safety_plan_items',
} as const;
export type VersionedRecord = keyof typeof TABLES;
export type SettingsArea = 'settings' | 'timer-rules' | 'letter-templates';

interface VersionRow {
  version: number;
  changed_by: string | null;
  changed_at: string | null;
}

export function staleEditError(changedBy: string | null, changedAt: string | null): PlwError {
  const who = changedBy && changedAt ? `changed by ${changedBy} at ${formatTimeAndDate(changedAt)}` : 'changed by someone else';
  return new PlwError('CONFLICT', `This was ${who}: reload and apply your change again.`, 'version');
}

function take(db: Db, select: string, bump: string, key: string | number, expected: number | null, actor: string, now: Date): number {
  const row = db.prepare(select).get(key) as VersionRow | undefined;
  if (!row) throw new PlwError('NOT_FOUND', 'That record no longer exists. Reload the page.');
  if (expected !== null && row.version !== expected) throw staleEditError(row.changed_by, row.changed_at);
  db.prepare(bump).run(actor, now.toISOString(), key);
  return row.version + 1;
}

/**
 * Checks that `expected` is the record's current version (null: a change with no form
 * behind it, such as an import, which still moves the version on) and moves it on by one.
 * Returns the new version.
 */
export function takeVersion(db: Db, record: VersionedRecord, id: number, expected: number | null, actor: string, now: Date): number {
  const table = TABLES[record];
  return take(
    db,
    `SELECT version, changed_by, changed_at FROM ${table} WHERE id = ?`,
    `UPDATE ${table} SET version = version + 1, changed_by = ?, changed_at = ? WHERE id = ?`,
    id,
    expected,
    actor,
    now,
  );
}

export function takeSettingsVersion(db: Db, area: SettingsArea, expected: number | null, actor: string, now: Date): number {
  return take(
    db,
    'SELECT version, changed_by, changed_at FROM settings_versions WHERE area = ?',
    'UPDATE settings_versions SET version = version + 1, changed_by = ?, changed_at = ? WHERE area = ?',
    area,
    expected,
    actor,
    now,
  );
}

export function settingsVersion(db: Db, area: SettingsArea): number {
  return (db.prepare('SELECT version FROM settings_versions WHERE area = ?').get(area) as { version: number }).version;
}
