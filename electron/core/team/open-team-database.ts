import type { Role } from '../../../shared/roles';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';

/** An unlocked database: the open connection, its key, and who unlocked it. */
export interface OpenTeamDatabase {
  db: Db;
  databasePath: string;
  databaseId: string;
  /** The raw SQLCipher key. Zeroed on close. */
  dataKey: Buffer;
  account: { accountName: string; role: Role };
  now: () => Date;
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
  }
}

export function requireAdmin(open: OpenTeamDatabase): void {
  if (open.account.role !== 'admin') {
    throw new PlwError('NOT_ALLOWED', 'Only an administrator can do this.');
  }
}
