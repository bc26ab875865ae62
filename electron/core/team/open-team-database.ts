import type { Role } from '../../../shared/roles';
import type { HeldLock } from '../files/file-lock';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

/** An unlocked database: the open connection, its key, and who unlocked it. */
export interface OpenTeamDatabase {
  db: Db;
  databasePath: string;
  databaseId: string;
  /** The raw SQLCipher key. Zeroed on close. */
  dataKey: Buffer;
  /**
   * This account's Ed25519 signing seed (it signs the summary files a manager merges).
   * Null only when read beside another program from a version 1 keyring entry. Zeroed on close.
   */
  signingKey: Buffer | null;
  account: { accountName: string; role: Role };
  now: () => Date;
  /**
   * The database lock (database-lock.ts), held while open to write; null when opened to
   * read beside another program that holds it.
   */
  lock: HeldLock | null;
}

export function closeTeamDatabase(open: OpenTeamDatabase): void {
  try {
    if (open.db.open) {
      // Keeps the query planner's statistics fresh (cheap: it only analyses what changed a lot).
      open.db.pragma('optimize');
      open.db.close();
    }
  } finally {
    open.dataKey.fill(0);
    open.signingKey?.fill(0);
    open.lock?.release();
  }
}

/** Opened beside another program: reading is fine, replacing the file is not. */
export function requireDatabaseLock(open: OpenTeamDatabase): asserts open is OpenTeamDatabase & { lock: HeldLock } {
  if (!open.lock) {
    throw new PlwError(
      'IN_USE',
      'The team database is open in another program, so this cannot be done now. Close the app (or the other plw command), then try again.',
    );
  }
}
