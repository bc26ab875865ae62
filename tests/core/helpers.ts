import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createTeamDatabase } from '../../electron/core/team/create';
import { closeTeamDatabase, type OpenTeamDatabase } from '../../electron/core/team/open-team-database';

export const ADMIN = 'Sam Admin';
export const ADMIN_PASSPHRASE = 'correct horse battery staple';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder for one test, removed after it. */
export function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plw-test-'));
  made.push(dir);
  return dir;
}

export async function newTeamDatabase(teamName = 'Lancashire PLW team'): Promise<{
  open: OpenTeamDatabase;
  recoveryKey: string;
  databasePath: string;
  folder: string;
}> {
  const folder = tempFolder();
  const databasePath = join(folder, 'team.plwdb');
  const { open, recoveryKey } = await createTeamDatabase({ databasePath, teamName, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
  return { open, recoveryKey, databasePath, folder };
}

export { closeTeamDatabase };

/** Damages a file the way a bad disk or a careless edit would: one byte changed in place. */
export function flipByte(path: string, offset: number, mask = 0x01): void {
  const fd = openSync(path, 'r+');
  const byte = Buffer.alloc(1);
  readSync(fd, byte, 0, 1, offset);
  byte[0] = byte[0]! ^ mask;
  writeSync(fd, byte, 0, 1, offset);
  closeSync(fd);
}
