/** Tries to take the database lock, says whether it got it, holds it a moment, lets go. */
import { lockDatabase } from '../../electron/core/db/database-lock';

const [databasePath] = process.argv.slice(2) as [string];
try {
  const lock = lockDatabase(databasePath);
  process.stdout.write('got\n');
  // Held long enough that every sibling, however slow to start, tries while it is held.
  setTimeout(() => lock.release(), 3000);
} catch {
  process.stdout.write('refused\n');
}
