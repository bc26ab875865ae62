/**
 * Lock files: a small JSON file made with O_EXCL, naming the host, process and time
 * of whoever holds it. Used for the database (held for as long as it is open to
 * write) and for the keyring and unlock-attempt files (held for one read-change-write).
 *
 * Why files rather than OS locks: an OS lock cannot say who holds it, which is what
 * a person needs to read ("open on LAPTOP-7 since 09:14"), and a lock file beside the
 * database is seen by every program on every computer that can reach the folder.
 *
 * A lock left by a process that died on this computer is taken over; one left by
 * another computer cannot be checked from here, so it is reported, never broken quietly.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export interface LockHolder {
  host: string;
  pid: number;
  /** ISO-8601 UTC: when the lock was taken. */
  since: string;
  /** What the holder is doing: 'open', 'rekey', 'restore', 'keyring' … */
  purpose: string;
  /** Distinguishes two locks taken by one process, so a release never removes someone else's. */
  token: string;
}

export interface HeldLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Says what the holder is doing now, for anyone who finds the lock (rewritten atomically). */
  setPurpose(purpose: string): void;
  release(): void;
}

export type LockAttempt = { acquired: HeldLock } | { heldBy: LockHolder | null };

/** Whether a process with this id is running on this computer (EPERM: running, as another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLockHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.host !== 'string' || typeof parsed.pid !== 'number' || typeof parsed.since !== 'string') return null;
    return { host: parsed.host, pid: parsed.pid, since: parsed.since, purpose: String(parsed.purpose ?? 'open'), token: String(parsed.token ?? '') };
  } catch {
    return null;
  }
}

/** A lock whose holder died on this computer. A lock from another computer is never called stale here. */
export function isStale(holder: LockHolder): boolean {
  return holder.host === hostname() && !processIsAlive(holder.pid);
}

function writeHolderFile(path: string, holder: LockHolder, flags: 'wx' | 'w'): void {
  const fd = openSync(path, flags, 0o600);
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fileAgeMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY; // gone: nothing to wait for
  }
}

/** How long a lock file that does not parse yet is taken to be one being written. */
const UNREADABLE_GRACE_MS = 5000;
/** Filesystems without hard links (FAT32 and exFAT USB drives) say so with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Makes the lock file if there is none, or returns false. Written in full under a private
 * name and then linked into place, so nobody ever reads half a lock file; where the disk has
 * no hard links, made directly with O_EXCL (a reader then gets the grace period above).
 */
function createExclusively(path: string, holder: LockHolder): boolean {
  const temp = `${path}.${process.pid}.${holder.token}.tmp`;
  writeHolderFile(temp, holder, 'wx');
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code)) throw error;
  } finally {
    unlinkSync(temp);
  }
  try {
    writeHolderFile(path, holder, 'wx');
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * One try, no waiting. A stale lock is taken over by moving it aside and checking
 * that what was moved is the stale lock that was read: if another process took it over
 * in between, its fresh lock is put back (with link, which never overwrites) and this
 * attempt reports that process as the holder.
 */
export function tryLock(path: string, purpose: string): LockAttempt {
  const holder: LockHolder = { host: hostname(), pid: process.pid, since: new Date().toISOString(), purpose, token: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 3; attempt++) {
    // Written in full to a private name first, then linked into place: a reader never sees half a lock file.
    if (createExclusively(path, holder)) return { acquired: heldLock(path, holder) };
    const current = readLockHolder(path);
    if (current && !isStale(current)) return { heldBy: current };
    if (!current && !existsSync(path)) continue; // let go meanwhile: try to take it again
    // A file that does not parse, and is not one being written this moment, is debris from
    // a failed disk or a hand edit: taken over like a dead holder's.
    if (!current && fileAgeMs(path) < UNREADABLE_GRACE_MS) return { heldBy: null };
    const aside = `${path}.stale-${holder.token}`;
    try {
      renameSync(path, aside);
    } catch {
      continue; // gone already: try to take it again
    }
    // What was moved must be what was judged stale. If another process took the lock over in
    // between, its live lock was moved: put it back (link never overwrites) and report it.
    const moved = readLockHolder(aside);
    const asJudged = current ? moved?.token === current.token : moved === null;
    if (!asJudged && moved && !isStale(moved)) {
      try {
        linkSync(aside, path);
        unlinkSync(aside);
      } catch (error) {
        // No hard links on this disk: put it back by name, unless someone has taken the place.
        if (NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '') && !existsSync(path)) renameSync(aside, path);
        else unlinkSync(aside); // someone else holds it now; they are reported on the next pass
      }
      return { heldBy: moved };
    }
    unlinkSync(aside);
  }
  return { heldBy: readLockHolder(path) };
}

function heldLock(path: string, initial: LockHolder): HeldLock {
  let holder = initial;
  let released = false;
  return {
    path,
    get holder() {
      return holder;
    },
    setPurpose(purpose: string) {
      if (released) return;
      holder = { ...holder, purpose };
      const temp = `${path}.${process.pid}.${holder.token}.tmp`;
      writeHolderFile(temp, holder, 'w');
      renameSync(temp, path);
    },
    release() {
      if (released) return;
      released = true;
      // Only our own lock: a lock taken over after we were (wrongly) thought dead stays.
      if (readLockHolder(path)?.token === holder.token) {
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      }
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a lock held briefly by others (the keyring's read-change-write), up to
 * `waitMs`, then gives up with the holder it last saw.
 */
export async function waitForLock(path: string, purpose: string, waitMs: number): Promise<LockAttempt> {
  const deadline = Date.now() + waitMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const attempt = tryLock(path, purpose);
    if ('acquired' in attempt || Date.now() >= deadline) return attempt;
    await sleep(delay + Math.random() * delay);
  }
}
