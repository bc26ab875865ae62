/**
 * Write transactions take the write lock at BEGIN. With better-sqlite3's default (a
 * deferred BEGIN), a transaction that read, then saw another program commit, then wrote,
 * failed with SQLITE_BUSY_SNAPSHOT ("Something went wrong" to the PLW): no waiting can
 * save it. Holding the lock from the start, the other program waits its turn instead.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { applyCipher } from '../../electron/core/db/open-database';
import { closeTeamDatabase, newTeamDatabase } from './helpers';

describe('write transactions', () => {
  it('hold the write lock from their first statement, so another program’s commit can never make them fail', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const other = new Database(databasePath);
    applyCipher(other, open.dataKey.toString('hex'));
    other.pragma('busy_timeout = 0');
    const otherWrites = () => other.prepare("INSERT INTO settings (key, value) VALUES ('other', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1").run();

    let otherDuring: string | null = null;
    open.db.transaction(() => {
      open.db.prepare('SELECT count(*) FROM settings').get();
      try {
        otherWrites();
        otherDuring = 'committed';
      } catch (error) {
        otherDuring = (error as { code: string }).code;
      }
      open.db.prepare("INSERT INTO settings (key, value) VALUES ('mine', '1')").run();
    })();
    // The other program was told to wait (busy), and this transaction's write went through.
    expect(otherDuring).toBe('SQLITE_BUSY');
    expect(open.db.prepare("SELECT value FROM settings WHERE key = 'mine'").get()).toEqual({ value: '1' });

    // The old way, for contrast: a deferred transaction loses to the other program's commit.
    expect(() =>
      open.db
        .transaction(() => {
          open.db.prepare('SELECT count(*) FROM settings').get();
          otherWrites();
          open.db.prepare("UPDATE settings SET value = '2' WHERE key = 'mine'").run();
        })
        .deferred(),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY_SNAPSHOT' }));
    other.close();
    closeTeamDatabase(open);
  });
});
