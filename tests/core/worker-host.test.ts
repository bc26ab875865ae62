/**
 * The Electron shell's worker host, under plain Node against the built worker
 * (dist/core/worker.cjs, as the app runs it): quitting locks first, a quit is not a crash,
 * a crash restarts the worker and tells the window, and a worker that cannot start is
 * not restarted for ever. Needs `npm run build` (npm test builds first).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoreWorkerHost } from '../../electron/app/core-worker-host';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { closeTeamDatabase } from '../../electron/core/team/open-team-database';
import { DATABASE_FILE_NAME } from '../../electron/core/location-store';

const WORKER = resolve(import.meta.dirname, '../../dist/core/worker.cjs');
const PASSPHRASE = 'a long passphrase';

function hostIn(configDir: string, options: Partial<ConstructorParameters<typeof CoreWorkerHost>[0]> = {}) {
  const events: string[] = [];
  const host = new CoreWorkerHost({ workerPath: WORKER, configDir, onEvent: (event) => events.push(event), choose: async () => null, ...options });
  return { host, events };
}

async function lastAudit(configDir: string): Promise<string> {
  const open = await unlockTeamDatabase({ databasePath: join(configDir, DATABASE_FILE_NAME), accountName: 'Sam Admin', passphrase: PASSPHRASE });
  // The entry before this unlock's own.
  const row = open.db.prepare("SELECT action FROM audit_log WHERE action <> 'session.unlocked' ORDER BY id DESC LIMIT 1").get() as { action: string };
  closeTeamDatabase(open);
  return row.action;
}

describe('the core worker host', () => {
  it('on quit, locks (audited, database closed) before the worker ends, and does not restart it', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'plw-host-'));
    const { host, events } = hostIn(configDir);
    const created = await host.call('database.create', { teamName: 'Team', accountName: 'Sam Admin', passphrase: PASSPHRASE, passphraseConfirm: PASSPHRASE });
    expect(created.ok).toBe(true);
    await host.stop();
    expect(events.filter((e) => e === 'locked')).toHaveLength(1);
    // Nothing restarted it: no second "locked", and calls are answered without a worker.
    await new Promise((r) => setTimeout(r, 300));
    expect(events.filter((e) => e === 'locked')).toHaveLength(1);
    expect(await host.call('app.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    // The database was closed and its lock let go: it opens here, and the quit is in the log.
    expect(await lastAudit(configDir)).toBe('session.locked');
  }, 60_000);

  it('20 quits in a row: every one writes "session.locked" and closes the database', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'plw-host-'));
    const first = hostIn(configDir);
    await first.host.call('database.create', { teamName: 'Team', accountName: 'Sam Admin', passphrase: PASSPHRASE, passphraseConfirm: PASSPHRASE });
    await first.host.stop();
    let locked = 0;
    for (let i = 0; i < 20; i++) {
      const { host } = hostIn(configDir);
      expect(await host.call('session.unlock', { accountName: 'Sam Admin', passphrase: PASSPHRASE })).toMatchObject({ ok: true });
      await host.stop();
      if ((await lastAudit(configDir)) === 'session.locked') locked++;
    }
    expect(locked).toBe(20);
  }, 180_000);

  it('restarts a worker that crashed, tells the window it is locked, and answers again', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'plw-host-'));
    const { host, events } = hostIn(configDir, { restartDelaysMs: [10, 10, 10] });
    await host.call('database.create', { teamName: 'Team', accountName: 'Sam Admin', passphrase: PASSPHRASE, passphraseConfirm: PASSPHRASE });
    // A crash: the thread ends without being asked to.
    await (host as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect.poll(() => events.includes('locked')).toBe(true);
    await expect.poll(async () => (await host.call('app.status', {})).ok, { timeout: 10_000 }).toBe(true);
    expect(await host.call('app.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    await host.stop();
  }, 60_000);

  it('gives up after a few failures in a row, with a plain message, instead of restarting for ever', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'plw-host-')), 'broken-worker.cjs');
    writeFileSync(broken, "throw new Error('cannot load a dependency');\n");
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const { host, events } = hostIn(mkdtempSync(join(tmpdir(), 'plw-host-')), { workerPath: broken, restartDelaysMs: [10, 20, 40] });
      await expect.poll(() => events.length, { timeout: 10_000 }).toBe(4);
      await new Promise((r) => setTimeout(r, 200));
      expect(events).toHaveLength(4); // the first start and three restarts, then no more
      expect(await host.call('app.status', {})).toEqual({
        ok: false,
        error: {
          code: 'INTERNAL',
          message:
            'The app’s data engine keeps stopping, so it has not been restarted. Close the app and open it again; if it happens again, tell your IT support.',
        },
      });
      await host.stop();
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toContain('not restarting it');
  }, 60_000);
});
