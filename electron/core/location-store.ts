/**
 * Where this installation's team database lives. Only the path is stored here
 * (in the app's own config folder); the database and keyring sit side by side.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATABASE_FILE_NAME = 'team.plwdb';

export class LocationStore {
  private readonly file: string;

  constructor(private readonly configDir: string) {
    this.file = join(configDir, 'location.json');
  }

  databasePath(): string {
    if (existsSync(this.file)) {
      try {
        const stored = JSON.parse(readFileSync(this.file, 'utf8')) as { databasePath?: unknown };
        if (typeof stored.databasePath === 'string' && stored.databasePath) return stored.databasePath;
      } catch {
        // A damaged location file falls back to the default place rather than stopping the app.
      }
    }
    return join(this.configDir, DATABASE_FILE_NAME);
  }

  useDirectory(directory: string): string {
    const databasePath = join(directory, DATABASE_FILE_NAME);
    mkdirSync(this.configDir, { recursive: true });
    writeFileSync(this.file, `${JSON.stringify({ databasePath }, null, 2)}\n`, { mode: 0o600 });
    return databasePath;
  }
}
