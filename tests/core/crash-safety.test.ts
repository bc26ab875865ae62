/**
 * Crash safety: a child process writes cases and is killed with SIGKILL at random
 * moments, again and again. After every kill the database opens, passes SQLite's
 * integrity check and every page's authentication, and holds every case the child
 * said was committed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../electron/core/db/open-database';
import { verifyDatabase } from '../../electron/core/team/verify';
import { closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';

const KILLS = Number(process.env.PLW_CRASH_KILLS ?? 200);

function runAndKill(script: string, args: string[], afterMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    // NODE_PATH: the bundled writer lives in a temp folder but loads the native module from the project.
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_PATH: join(import.meta.dirname, '../../node_modules') },
    });
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    const stuck = setTimeout(() => child.kill('SIGKILL'), 15_000); // a child that never writes fails the count below
    // The clock starts at the first committed write, not at spawn: how long a child takes to
    // start depends on the machine's load, and a kill before any write would test nothing.
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.on('exit', () => {
      clearTimeout(timer);
      clearTimeout(stuck);
      // Only whole lines: a ref printed in part was not reported.
      resolve(out.split('\n').slice(0, -1));
    });
  });
}

describe('crash safety', () => {
  it(`loses no committed write and never corrupts the file across ${KILLS} SIGKILLs`, async () => {
    const { open, databasePath } = await newTeamDatabase();
    const keyHex = open.dataKey.toString('hex');
    closeTeamDatabase(open);
    const script = join(tempFolder(), 'crash-writer.cjs');
    buildSync({
      entryPoints: [join(import.meta.dirname, 'crash-writer.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script,
      external: ['better-sqlite3-multiple-ciphers', '@node-rs/argon2'],
      logLevel: 'error',
    });

    let reported = 0;
    let problems = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      // Kill anywhere from the first write to a few dozen transactions in.
      const committed = await runAndKill(script, [databasePath, keyHex, `K${kill}`], (kill * 37) % 250);
      reported += committed.length;
      const db = openEncryptedDatabase(databasePath, keyHex, { create: false });
      const integrity = db.pragma('integrity_check', { simple: true });
      const missing = committed.filter((ref) => !db.prepare('SELECT 1 FROM cases WHERE case_ref = ?').get(ref));
      // A case is all or nothing: never a case without its victim or timers.
      const halfWritten = db
        .prepare(
          'SELECT count(*) AS n FROM cases c WHERE NOT EXISTS (SELECT 1 FROM victims v WHERE v.id = c.victim_id) OR NOT EXISTS (SELECT 1 FROM timers t WHERE t.case_id = c.id)',
        )
        .get() as { n: number };
      db.close();
      if (integrity !== 'ok' || missing.length || halfWritten.n) problems++;
      expect({ kill, integrity, missing, halfWritten: halfWritten.n }).toEqual({ kill, integrity: 'ok', missing: [], halfWritten: 0 });
    }
    expect(problems).toBe(0);
    expect(reported).toBeGreaterThan(KILLS); // the child really was writing when killed
    expect(verifyDatabase(databasePath, keyHex)).toMatchObject({ ok: true, problems: [] });
    console.log(`crash test: ${KILLS} kills, ${reported} writes reported committed, 0 lost`);
  }, 600_000);
});
