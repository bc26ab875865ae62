/** Backups (daily on first unlock, by hand, restore) and retention review. */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { londonDate } from '../../../../shared/calendar';
import { recordAudit } from '../../audit';
import { backupDatabase, listBackups, restoreBackup, rotateBackups, verifyBackup } from '../../backup/backups';
import { PlwError } from '../../errors';
import { dueForReview, eraseCase } from '../../records/retention';
import type { Session } from '../../session';
import { requireDatabaseLock } from '../../team/open-team-database';
import { readBackupFolder, readSettings, writeBackupFolder } from '../../team/settings';
import type { FeatureChannels } from '../channel';
import { writeContext } from '../context';

function backupFolder(session: Session): string | null {
  return readBackupFolder(session.database.db);
}

function backupStatus(session: Session) {
  const folder = backupFolder(session);
  const backups = folder ? listBackups(folder) : [];
  return { folder, backups: backups.slice(0, 30).map((b) => ({ name: basename(b.file), takenAt: b.takenAt.toISOString(), bytes: statSync(b.file).size })) };
}

/** A verified backup into a folder, rotated, audited: the app's Back up now and `plw backup` alike. */
export function backupInto(session: Session, folder: string) {
  const open = session.database;
  const made = backupDatabase(open.db, open.databasePath, open.dataKey, folder, session.now());
  const removed = rotateBackups(folder);
  recordAudit(open.db, session.account.accountName, { action: 'backup.made', detail: { file: basename(made.file), removed: removed.length } }, session.now());
  return { ...made, removed };
}

export function backupNow(session: Session): { name: string; cases: number; removed: number } {
  const folder = backupFolder(session);
  if (!folder) throw new PlwError('VALIDATION', 'Choose a backup folder first.');
  const made = backupInto(session, folder);
  return { name: basename(made.file), cases: made.counts.cases ?? 0, removed: made.removed.length };
}

/** The first unlock of a day makes that day's backup; a failure never stops the unlock. */
export function dailyBackup(session: Session): void {
  try {
    const folder = backupFolder(session);
    if (!folder) return;
    const today = session.today();
    if (listBackups(folder).some((b) => londonDate(b.takenAt) === today)) return;
    backupNow(session);
  } catch {
    // Shown on Settings → Backups as "last backup"; the person can back up by hand.
  }
}

function backupFile(session: Session, name: string): string {
  const folder = backupFolder(session);
  const file = folder ? listBackups(folder).find((b) => basename(b.file) === name)?.file : undefined;
  if (!file) throw new PlwError('NOT_FOUND', 'That backup is no longer in the backup folder.');
  return file;
}

export const backupsChannels: FeatureChannels<
  'backups.status' | 'backups.chooseFolder' | 'backups.now' | 'backups.preview' | 'backups.restore' | 'retention.due' | 'retention.erase'
> = {
  'backups.status': { run: (session) => backupStatus(session) },
  'backups.chooseFolder': {
    async run(session) {
      const folder = await session.choose('backup-folder');
      if (folder) {
        writeBackupFolder(session.database.db, folder);
        recordAudit(session.database.db, session.account.accountName, { action: 'backup.folder-set' }, session.now());
      }
      return backupStatus(session);
    },
  },
  'backups.now': { run: (session) => backupNow(session) },
  /** What a backup holds, read with the current key (a backup from before a rekey needs the CLI). */
  'backups.preview': {
    run(session, { name }) {
      const check = verifyBackup(backupFile(session, name), session.database.dataKey);
      return { name, readable: check.ok, counts: check.ok ? check.counts : null };
    },
  },
  /** Replaces the database with a backup: the current one is kept aside, and the session ends. */
  'backups.restore': {
    run(session, { name }) {
      const open = session.database;
      requireDatabaseLock(open);
      const file = backupFile(session, name);
      if (!verifyBackup(file, open.dataKey).ok) {
        throw new PlwError(
          'DATABASE_DAMAGED',
          'That backup cannot be read with the current key (it may be from before a rekey). Use plw restore with the passphrase of that time.',
        );
      }
      recordAudit(open.db, session.account.accountName, { action: 'backup.restored', detail: { backup: name } }, session.now());
      recordAudit(open.db, session.account.accountName, { action: 'session.locked', detail: { reason: 'requested' } }, session.now());
      open.lock.setPurpose('restore');
      try {
        // The swap closes the connection itself, after folding its log into the file.
        const { keptAside } = restoreBackup(
          { databasePath: open.databasePath, live: open.db, actor: session.account.accountName },
          file,
          open.dataKey,
          session.now(),
        );
        return { keptAside: basename(keptAside) };
      } finally {
        // Committed or not, this session is over: the app locks on whichever file is in place.
        session.endAfterReplace();
      }
    },
  },
  'retention.due': {
    run(session) {
      const years = readSettings(session.database.db).retentionYears;
      return { years, cases: dueForReview(session.database.db, session.today(), years) };
    },
  },
  'retention.erase': { run: (session, { caseId }) => eraseCase(writeContext(session), caseId) },
};
