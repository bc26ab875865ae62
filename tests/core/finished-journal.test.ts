/**
 * Found by the restore crash test, killed at a random moment under load: a rollback journal left
 * beside the live database with its header already zeroed (SQLite's mark that there is nothing
 * to play back). SQLite never removes such a journal once the file is back in WAL mode, so it lay
 * there for ever. Recovery at the next unlock now removes it; a journal with a header (a hot one,
 * a transaction cut off part way) is left for SQLite to play back.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recoverInterruptedSwap } from '../../electron/core/db/database-swap';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { verifyDatabase } from '../../electron/core/team/verify';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase } from './helpers';

/** The journal the failing run left: 4,616 bytes, magic zeroed, the rest of the header intact. */
const FINISHED_HEADER = '0000000000000000000000005a14bd2c000007710000020000001000';
/** A journal's header as SQLite writes it before a transaction changes the file. */
const HOT_MAGIC = 'd9d505f920a163d7';

function journalWith(header: string): Buffer {
  const bytes = Buffer.alloc(4616);
  Buffer.from(header, 'hex').copy(bytes);
  return bytes;
}

describe('a rollback journal left beside the database by a kill', () => {
  it('with its header zeroed: removed by the recovery at the next unlock, and the database is whole', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const key = open.dataKey.toString('hex');
    closeTeamDatabase(open);
    writeFileSync(`${databasePath}-journal`, journalWith(FINISHED_HEADER));
    const again = await unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE });
    expect(existsSync(`${databasePath}-journal`)).toBe(false);
    closeTeamDatabase(again);
    expect(verifyDatabase(databasePath, key).ok).toBe(true);
  });

  it('with a header: left for SQLite to play back', async () => {
    const { open, databasePath } = await newTeamDatabase();
    closeTeamDatabase(open);
    const hot = journalWith(`${HOT_MAGIC}00000001`);
    writeFileSync(`${databasePath}-journal`, hot);
    recoverInterruptedSwap(databasePath);
    expect(readFileSync(`${databasePath}-journal`)).toEqual(hot);
  });
});
