import { DEFAULT_IMPORT_LIMIT_SETTINGS, importLimitsSchema, type Settings } from '../../../shared/contract';
import type { Db } from '../db/open-database';

export const DEFAULT_SETTINGS: Omit<Settings, 'teamName'> = {
  roleTitle: 'PLW',
  autoLockMinutes: 10,
  dashMaracThreshold: 14,
  retentionYears: 6,
  importLimits: DEFAULT_IMPORT_LIMIT_SETTINGS,
  teamPhone: '',
  teamAddress: '',
};

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  return {
    teamName: typeof stored.teamName === 'string' ? stored.teamName : '',
    roleTitle: stored.roleTitle === 'DASO' ? 'DASO' : DEFAULT_SETTINGS.roleTitle,
    autoLockMinutes: typeof stored.autoLockMinutes === 'number' ? stored.autoLockMinutes : DEFAULT_SETTINGS.autoLockMinutes,
    dashMaracThreshold: typeof stored.dashMaracThreshold === 'number' ? stored.dashMaracThreshold : DEFAULT_SETTINGS.dashMaracThreshold,
    retentionYears: typeof stored.retentionYears === 'number' ? stored.retentionYears : DEFAULT_SETTINGS.retentionYears,
    // Stored before this setting existed, or out of range: the defaults, never no limit at all.
    importLimits: importLimitsSchema.safeParse(stored.importLimits).data ?? DEFAULT_SETTINGS.importLimits,
    teamPhone: typeof stored.teamPhone === 'string' ? stored.teamPhone : '',
    teamAddress: typeof stored.teamAddress === 'string' ? stored.teamAddress : '',
  };
}

export function writeSettings(db: Db, changes: Partial<Settings>): string[] {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const changed: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    upsert.run(key, JSON.stringify(value));
    changed.push(key);
  }
  return changed;
}

/** Where backups go: chosen by an administrator, kept with the settings (not one of the versioned team settings). */
export function readBackupFolder(db: Db): string | null {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'backupFolder'").get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as string) : null;
}

export function writeBackupFolder(db: Db, folder: string): void {
  db.prepare("INSERT INTO settings (key, value) VALUES ('backupFolder', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(folder));
}
