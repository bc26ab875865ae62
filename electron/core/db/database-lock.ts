/**
 * The database lock: `team.plwdb.lock`, held by whoever has the database open to
 * write (the app while unlocked, a `plw` command that changes things). Restore,
 * rekey, migration and erasure run only inside the process holding it, so they can
 * never overlap another writer. Read-only commands may run beside the holder.
 */
import { hostname } from 'node:os';
import { formatTimeAndDate } from '../../../shared/uk-dates';
import { PlwError, storageError } from '../errors';
import { readLockHolder, tryLock, type HeldLock, type LockHolder } from '../files/file-lock';

export const databaseLockPathFor = (databasePath: string): string => `${databasePath}.lock`;

/** Purposes during which nobody else may even read: the file is being replaced. */
export const EXCLUSIVE_PURPOSES = new Set(['rekey', 'restore']);

export function describeHolder(holder: LockHolder | null): string {
  if (!holder) return 'The team database is in use by another program.';
  const when = formatTimeAndDate(holder.since);
  const doing = holder.purpose === 'rekey' ? 'being given a new key' : holder.purpose === 'restore' ? 'being restored from a backup' : 'open';
  if (holder.host === hostname()) {
    return `The team database is ${doing} in another window or program on this computer (process ${holder.pid}), since ${when}. Close it there first, then try again.`;
  }
  return (
    `The team database is ${doing} on another computer (${holder.host}), since ${when}. ` +
    'Only one computer can use it at a time: close the app there first. If that computer is switched off or the app crashed there, ' +
    'an administrator can clear this with "plw lock --db PATH --clear" once sure it is not in use.'
  );
}

/** Takes the database lock, or refuses with who holds it. */
export function lockDatabase(databasePath: string, purpose = 'open'): HeldLock {
  let attempt: ReturnType<typeof tryLock>;
  try {
    attempt = tryLock(databaseLockPathFor(databasePath), purpose);
  } catch (error) {
    // The lock file cannot be made: a read-only folder, a full disk. Said as such.
    throw storageError(error) ?? error;
  }
  if ('acquired' in attempt) return attempt.acquired;
  throw new PlwError('IN_USE', describeHolder(attempt.heldBy));
}

/** Who holds the database lock now, if anyone (a dead holder on this computer is still shown). */
export function databaseLockHolder(databasePath: string): LockHolder | null {
  return readLockHolder(databaseLockPathFor(databasePath));
}
