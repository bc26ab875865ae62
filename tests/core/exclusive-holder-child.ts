/** Holds the database so nobody else can even read it (as a stuck program would) for the given milliseconds. */
import Database from 'better-sqlite3-multiple-ciphers';
import { applyCipher } from '../../electron/core/db/open-database';

const [databasePath, keyHex, holdMs] = process.argv.slice(2) as [string, string, string];
const db = new Database(databasePath);
applyCipher(db, keyHex);
db.pragma('locking_mode=EXCLUSIVE');
db.exec("BEGIN EXCLUSIVE; INSERT INTO settings (key, value) VALUES ('held', '1') ON CONFLICT(key) DO UPDATE SET value = value + 1");
process.stdout.write('held\n');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
}, Number(holdMs));
