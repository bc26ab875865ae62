/**
 * The `plw` command as an IT person runs it: the built file under Node, real
 * databases in temp folders, passphrases from the environment or piped in.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { addAccount } from '../../electron/core/team/accounts';
import { closeTeamDatabase } from '../../electron/core/team/open-team-database';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { flipByte, tempFolder } from '../core/helpers';
import { makeFixture, writeXlsx } from '../core/workbook-fixture';

const PLW = resolve(import.meta.dirname, '../../dist/cli/plw.cjs');
const PASSPHRASE = 'kettle lantern orchard seven';

function plw(args: string[], env: Record<string, string> = {}, input?: string) {
  if (!existsSync(PLW)) throw new Error('dist/cli/plw.cjs is missing: run `npm run build` first');
  const result = spawnSync(process.execPath, [PLW, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    input: input ?? '',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneLineError(stderr: string, pattern: RegExp) {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((line) => !/^Passphrase for|^Your passphrase|^Choose a passphrase/.test(line));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

function newDatabase() {
  const db = join(tempFolder(), 'team.plwdb');
  const result = plw(['init', '--db', db, '--user', 'Sam Admin', '--team', 'East Lancs'], { PLW_PASSPHRASE: PASSPHRASE });
  expect(result.code).toBe(0);
  return { db, stdout: result.stdout };
}

describe('plw', () => {
  it('explains itself with --help on every command', () => {
    const top = plw(['--help']);
    expect(top.code).toBe(0);
    for (const command of [
      'init',
      'info',
      'verify',
      'passwd',
      'rekey',
      'timers',
      'chase-list',
      'import',
      'template',
      'demo',
      'summary',
      'merge',
      'backup',
      'restore',
      'recover',
      'lock',
      'serve',
    ]) {
      expect(top.stdout).toContain(`  ${command}`);
      const help = plw([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: plw ${command} (--|FILE)`));
    }
    expect(plw([]).code).toBe(2);
    // Seventeen starts of the whole CLI: about 20 s on a quiet 2-core machine, more under load.
  }, 180_000);

  it('init creates the database and keyring and prints the recovery key once', () => {
    const { db, stdout } = newDatabase();
    expect(existsSync(db)).toBe(true);
    expect(existsSync(`${db}.keyring`)).toBe(true);
    expect(stdout.match(/[0-9a-f]{4}(-[0-9a-f]{4}){15}/g)).toHaveLength(1);
    expect(stdout).toContain('store it offline');
  });

  it('says what is wrong in one line, with no stack trace, and a non-zero exit', () => {
    const folder = tempFolder();
    let result = plw(['init', '--db', join(folder, 'x.plwdb')], { PLW_PASSPHRASE: PASSPHRASE });
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr, /^plw: Name the first \(administrator\) account with --user NAME\.$/);

    result = plw(['init', '--db', join(folder, 'x.plwdb'), '--user', 'Sam'], { PLW_PASSPHRASE: 'short' });
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /^plw: Passphrase must be 12 characters or more\.$/);
    expect(existsSync(join(folder, 'x.plwdb'))).toBe(false);

    result = plw(['verify', '--db', join(folder, 'missing.plwdb')], { PLW_PASSPHRASE: PASSPHRASE });
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /^plw: There is no database at .*missing\.plwdb\.$/);

    result = plw(['frobnicate']);
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr, /Unknown command "frobnicate"/);
  });

  it('info shows versions, accounts and sizes, and no personal data', async () => {
    const { db } = newDatabase();
    const open = await unlockTeamDatabase({ databasePath: db, accountName: 'Sam Admin', passphrase: PASSPHRASE });
    open.db.prepare("INSERT INTO victims (name, phone, created_at, updated_at) VALUES ('Philippa Quenby-Zetland', '07700 900461', 'now', 'now')").run();
    closeTeamDatabase(open);
    const result = plw(['info', '--db', db, '--json'], { PLW_PASSPHRASE: PASSPHRASE });
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout);
    expect(info).toMatchObject({
      teamName: 'East Lancs',
      schemaVersion: LATEST_SCHEMA_VERSION,
      appSchemaVersion: LATEST_SCHEMA_VERSION,
      accounts: [{ accountName: 'Sam Admin', role: 'admin' }],
    });
    expect(info.rows.victims).toBe(1);
    expect(info.files[0].bytes).toBeGreaterThan(0);
    expect(result.stdout + result.stderr).not.toMatch(/Philippa|Quenby|07700/);
    const human = plw(['info', '--db', db], { PLW_PASSPHRASE: PASSPHRASE });
    expect(human.stdout).toContain(`Schema version  ${LATEST_SCHEMA_VERSION} (this app: ${LATEST_SCHEMA_VERSION})`);
  });

  it('import refuses a fact dated after today, naming the sheet, row and column, and writes nothing', async () => {
    const { db } = newDatabase();
    const folder = tempFolder();
    const fixture = makeFixture();
    fixture.contacts[3] = { ...fixture.contacts[3]!, date: '2099-01-05' }; // contacts row 5
    fixture.cases[1] = { ...fixture.cases[1]!, referral_received_date: '05/01/2099' }; // cases row 3
    await writeXlsx(fixture, join(folder, 'future.xlsx'));
    const failed = plw(['import', '--db', db, join(folder, 'future.xlsx')], { PLW_PASSPHRASE: PASSPHRASE });
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toEqual([
      'cases row 3, referral_received_date: The referral_received_date must be today or in the past',
      'contacts row 5, date: The contact date must be today or in the past',
      'plw: Nothing was imported: 2 rows need fixing.',
    ]);
    expect(JSON.parse(plw(['info', '--db', db, '--json'], { PLW_PASSPHRASE: PASSPHRASE }).stdout).rows.cases).toBe(0);
  });

  it('verify passes a healthy database and fails a bit-flipped or truncated one', () => {
    const { db } = newDatabase();
    const good = plw(['verify', '--db', db], { PLW_PASSPHRASE: PASSPHRASE });
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^OK: \d+ pages decrypted and authenticated; SQLite integrity check passed\.$/m);

    flipByte(db, 4096 * 3 + 500, 0x80);
    const flipped = plw(['verify', '--db', db], { PLW_PASSPHRASE: PASSPHRASE });
    expect(flipped.code).toBe(1);
    expect(flipped.stderr).toMatch(/Page 4 of \d+ failed its authentication check/);
    expect(flipped.stderr).toMatch(/plw: The database at .* is damaged \(\d+ problem\(s\)\)\. Restore the latest backup\./);
    expect(flipped.stderr).not.toMatch(/\n\s+at /);

    const { db: other } = newDatabase();
    truncateSync(other, statSync(other).size - 2048);
    const truncated = plw(['verify', '--db', other, '--json'], { PLW_PASSPHRASE: PASSPHRASE });
    expect(truncated.code).toBe(1);
    expect(JSON.parse(truncated.stdout).ok).toBe(false);
  });

  it('verify refuses a wrong passphrase, and takes a piped one', () => {
    const { db } = newDatabase();
    const wrong = plw(['verify', '--db', db], { PLW_PASSPHRASE: 'not the right passphrase' });
    expect(wrong.code).toBe(1);
    expectOneLineError(wrong.stderr, /^plw: The account name or passphrase is not right/);
    const piped = plw(['verify', '--db', db], {}, `${PASSPHRASE}\n`);
    expect(piped.code).toBe(0);
  });

  it('passwd changes the passphrase and keeps the data', () => {
    const { db } = newDatabase();
    const result = plw(['passwd', '--db', db], { PLW_PASSPHRASE: PASSPHRASE, PLW_NEW_PASSPHRASE: 'a completely new passphrase' });
    expect(result.code).toBe(0);
    expect(plw(['verify', '--db', db], { PLW_PASSPHRASE: PASSPHRASE }).code).toBe(1);
    expect(plw(['verify', '--db', db], { PLW_PASSPHRASE: 'a completely new passphrase' }).code).toBe(0);
  });

  it("needs --user or PLW_USER once there are several accounts; rekey needs nobody else's passphrase, and plw account disables a leaver", async () => {
    const { db, stdout } = newDatabase();
    const oldKey = stdout.match(/[0-9a-f]{4}(-[0-9a-f]{4}){15}/)![0];
    const open = await unlockTeamDatabase({ databasePath: db, accountName: 'Sam Admin', passphrase: PASSPHRASE });
    await addAccount(open, { accountName: 'Priya Shah', role: 'plw', temporaryPassphrase: 'first day temporary' });
    closeTeamDatabase(open);

    const ambiguous = plw(['verify', '--db', db], { PLW_PASSPHRASE: PASSPHRASE });
    expect(ambiguous.code).toBe(2);
    expectOneLineError(ambiguous.stderr, /say which with --user NAME or PLW_USER/);

    const rekeyed = plw(['rekey', '--db', db, '--json'], { PLW_PASSPHRASE: PASSPHRASE, PLW_USER: 'Sam Admin' });
    expect(rekeyed.code).toBe(0);
    const output = JSON.parse(rekeyed.stdout);
    expect(output).toEqual({ recoveryKey: expect.not.stringMatching(oldKey), temporaryPassphrases: {} });

    // The new key was sealed to Priya's own key pair: her (temporary) passphrase still opens it.
    const priya = await unlockTeamDatabase({
      databasePath: db,
      accountName: 'Priya Shah',
      passphrase: 'first day temporary',
      newPassphrase: 'priya chooses her own',
    });
    closeTeamDatabase(priya);
    expect(plw(['verify', '--db', db, '--user', 'Priya Shah'], { PLW_PASSPHRASE: 'priya chooses her own' }).code).toBe(0);

    // A worker cannot; an administrator disables her, and the new recovery key is printed once.
    const asWorker = plw(['account', 'disable', 'Sam Admin', '--db', db, '--user', 'Priya Shah'], { PLW_PASSPHRASE: 'priya chooses her own' });
    expect(asWorker.code).toBe(1);
    expectOneLineError(asWorker.stderr, /Only an administrator can do this\./);
    const disabled = plw(['account', 'disable', 'Priya Shah', '--db', db, '--user', 'Sam Admin'], { PLW_PASSPHRASE: PASSPHRASE });
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain('Priya Shah is disabled.');
    expect(disabled.stdout).toMatch(/New recovery key[^\n]*\n\s+[0-9a-f]{4}(-[0-9a-f]{4}){15}/);
    expect(plw(['verify', '--db', db, '--user', 'Priya Shah'], { PLW_PASSPHRASE: 'priya chooses her own' }).code).toBe(1);
    const listed = plw(['account', 'list', '--db', db, '--user', 'Sam Admin', '--json'], { PLW_PASSPHRASE: PASSPHRASE });
    expect((JSON.parse(listed.stdout) as { accountName: string; status: string }[]).map((a) => `${a.accountName}: ${a.status}`)).toEqual([
      'Priya Shah: disabled',
      'Sam Admin: active',
    ]);
  });

  it('import: one line per wrong row, exit 1, nothing written; then a clean import and the chase list', async () => {
    const { db } = newDatabase();
    const folder = tempFolder();
    const bad = makeFixture();
    bad.cases[10] = { ...bad.cases[10]!, crn: '12345' };
    bad.orders[3] = { ...bad.orders[3]!, made_date: '31/02/2026' };
    await writeXlsx(bad, join(folder, 'bad.xlsx'));
    const failed = plw(['import', '--db', db, join(folder, 'bad.xlsx')], { PLW_PASSPHRASE: PASSPHRASE });
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toEqual([
      'cases row 12, crn: CRN must be a letter followed by six digits, like X123456',
      'orders row 5, made_date: made_date is not a date: write it as 2026-11-24 or 24/11/2026',
      'plw: Nothing was imported: 2 rows need fixing.',
    ]);
    expect(JSON.parse(plw(['info', '--db', db, '--json'], { PLW_PASSPHRASE: PASSPHRASE }).stdout).rows.cases).toBe(0);

    await writeXlsx(makeFixture(), join(folder, 'good.xlsx'));
    const dry = plw(['import', '--db', db, join(folder, 'good.xlsx'), '--dry-run'], { PLW_PASSPHRASE: PASSPHRASE });
    expect(dry.stdout).toContain('Nothing was written (dry run).');
    const good = plw(['import', '--db', db, join(folder, 'good.xlsx')], { PLW_PASSPHRASE: PASSPHRASE });
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Imported 80 new cases, updated 0, with 70 contacts, 30 orders and 25 chases');

    const chase = plw(['chase-list', '--db', db, '--as-of', '2026-11-24', '--json'], { PLW_PASSPHRASE: PASSPHRASE });
    const rows = JSON.parse(chase.stdout) as { case_ref: string }[];
    expect(rows.find((r) => r.case_ref === 'HC-B')).toEqual({
      case_ref: 'HC-B',
      days_overdue: 7,
      chases: 1,
      last_chase_date: '2026-11-18',
      chase_due: true,
      escalate: false,
    });
    const badDate = plw(['timers', '--db', db, '--as-of', '24/11/2026'], { PLW_PASSPHRASE: PASSPHRASE });
    expect(badDate.code).toBe(2);
    expectOneLineError(badDate.stderr, /--as-of must be a real date written YYYY-MM-DD/);
  });

  it('import lists a worker name close to another for confirmation, and imports once --new-worker confirms it', async () => {
    const { db } = newDatabase();
    const folder = tempFolder();
    const fixture = makeFixture();
    fixture.cases = fixture.cases.map((row, i) => ({ ...row, plw: i % 2 ? 'Priya Shah' : 'Priya Shaw' }));
    await writeXlsx(fixture, join(folder, 'close.xlsx'));
    const dry = plw(['import', '--db', db, join(folder, 'close.xlsx'), '--dry-run'], { PLW_PASSPHRASE: PASSPHRASE });
    expect(dry.stdout).toContain('To confirm: Priya Shah is close to Priya Shaw. If they are a new worker, import with --new-worker "Priya Shah".');
    const refused = plw(['import', '--db', db, join(folder, 'close.xlsx')], { PLW_PASSPHRASE: PASSPHRASE });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing was imported. Confirm that each is a new worker, or correct the workbook: Priya Shah (close to Priya Shaw).');
    expect(refused.stderr).toContain('--new-worker "NAME"');
    expect(JSON.parse(plw(['info', '--db', db, '--json'], { PLW_PASSPHRASE: PASSPHRASE }).stdout).rows.cases).toBe(0);
    const confirmed = plw(['import', '--db', db, join(folder, 'close.xlsx'), '--new-worker', 'priya  shah'], { PLW_PASSPHRASE: PASSPHRASE });
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain('New workers: Priya Shaw, Priya Shah');
  });

  it('template writes an empty workbook and never overwrites a file', () => {
    const out = join(tempFolder(), 'template.xlsx');
    expect(plw(['template', '--out', out]).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const again = plw(['template', '--out', out]);
    expect(again.code).toBe(1);
    expectOneLineError(again.stderr, /already exists\. Choose another name; nothing was overwritten\./);
  });

  it('demo makes a database marked DEMO, the same for the same seed', () => {
    const folder = tempFolder();
    const made = plw(['demo', '--db', join(folder, 'a.plwdb'), '--cases', '200', '--seed', '9', '--json'], { PLW_PASSPHRASE: PASSPHRASE });
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ cases: 200, seed: 9 });
    plw(['demo', '--db', join(folder, 'b.plwdb'), '--cases', '200', '--seed', '9'], { PLW_PASSPHRASE: PASSPHRASE });
    const timersA = plw(['timers', '--db', join(folder, 'a.plwdb'), '--as-of', '2026-11-24', '--json'], { PLW_PASSPHRASE: PASSPHRASE }).stdout;
    const timersB = plw(['timers', '--db', join(folder, 'b.plwdb'), '--as-of', '2026-11-24', '--json'], { PLW_PASSPHRASE: PASSPHRASE }).stdout;
    expect(timersA.length).toBeGreaterThan(100);
    expect(timersB).toBe(timersA);
    expect(JSON.parse(plw(['info', '--db', join(folder, 'a.plwdb'), '--json'], { PLW_PASSPHRASE: PASSPHRASE }).stdout).demo).toBe(true);
    expect(plw(['demo', '--db', join(folder, 'c.plwdb'), '--cases', 'lots'], { PLW_PASSPHRASE: PASSPHRASE }).code).toBe(2);
  });

  it('summary prints the managers’ figures with stable keys, and workers’ files merge to the same team figures', () => {
    const folder = tempFolder();
    const db = join(folder, 'team.plwdb');
    const env = { PLW_PASSPHRASE: PASSPHRASE };
    expect(plw(['demo', '--db', db, '--cases', '600', '--seed', '4'], env).code).toBe(0);
    const period = ['--from', '2026-01-01', '--to', '2026-10-31'];
    const json = plw(['summary', '--db', db, ...period], env);
    expect(json.code).toBe(0);
    const team = JSON.parse(json.stdout) as { team_figures: Record<string, unknown>; workers: { worker: string }[]; period: object };
    expect(team.period).toEqual({ from: '2026-01-01', to: '2026-10-31' });
    expect(Object.keys(team.team_figures)).toEqual(
      expect.arrayContaining([
        'open_caseload',
        'new_referrals',
        'referrals_late',
        'median_referral_lag_days',
        'first_contacts_on_time_pct',
        'victims_offered_support',
        'overdue_by_timer',
        'contacts_by_method',
      ]),
    );

    const files = team.workers.map((w, i) => {
      const out = join(folder, `worker-${i}.json`);
      expect(plw(['summary', '--db', db, ...period, '--worker', w.worker, '--format', 'worker-file', '--out', out], env).code).toBe(0);
      return out;
    });
    const merged = plw(['merge', ...files], {});
    expect(merged.code).toBe(0);
    expect((JSON.parse(merged.stdout) as { team_figures: unknown }).team_figures).toEqual(team.team_figures);
    expect(merged.stderr).toContain('Who signed each was not checked against the team: give --db to check.');
    // With the team's database, who signed each file is checked too.
    const checked = plw(['merge', '--db', db, ...files], env);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toMatch(/worker-0\.json: signed as [^,]+, key [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}/);
    // Written to a file, like summary: once, and never over a file already there.
    const mergedXlsx = join(folder, 'team.xlsx');
    expect(plw(['merge', '--format', 'xlsx', '--out', mergedXlsx, ...files], {})).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Merged ${files.length} worker(s).`),
    });
    const again = plw(['merge', '--format', 'xlsx', '--out', mergedXlsx, ...files], {});
    expect(again.code).toBe(1);
    expectOneLineError(again.stderr, /already exists\. Choose another name; nothing was overwritten/);

    writeFileSync(files[0]!, readFileSync(files[0]!, 'utf8').replace('"open_caseload":', '"open_caseload":1'));
    const refused = plw(['merge', ...files], {});
    expect(refused.code).toBe(1);
    expectOneLineError(refused.stderr, /has been changed since it was exported, so it cannot be trusted/);

    const pdf = join(folder, 'summary.pdf');
    expect(plw(['summary', '--db', db, ...period, '--format', 'pdf', '--out', pdf], env).code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(plw(['summary', '--db', db, '--from', '2026-10-31', '--to', '2026-10-01'], env).code).toBe(2);
  });

  it('summary --office gives one office’s figures, with equality breakdowns showing counts below 5 as "fewer than 5"', async () => {
    const folder = tempFolder();
    const db = join(folder, 'team.plwdb');
    const env = { PLW_PASSPHRASE: PASSPHRASE };
    expect(plw(['demo', '--db', db, '--cases', '300', '--seed', '4', '--user', 'Sam Admin'], env).code).toBe(0);
    // An office holding the first 40 cases (an administrator does this in Settings → Team and on each case).
    const open = await unlockTeamDatabase({ databasePath: db, accountName: 'Sam Admin', passphrase: PASSPHRASE });
    open.db.prepare("INSERT INTO offices (name, created_at) VALUES ('Blackburn PDU', '2026-11-01T10:00:00Z')").run();
    open.db.prepare('UPDATE cases SET office_id = 1 WHERE id <= 40').run();
    closeTeamDatabase(open);
    const period = ['--from', '2026-01-01', '--to', '2026-10-31'];
    const office = plw(['summary', '--db', db, ...period, '--office', 'blackburn  pdu'], env);
    expect(office.code).toBe(0);
    const figures = JSON.parse(office.stdout) as {
      scope: string;
      team_figures: { open_caseload: number };
      equality: { offered: Record<string, Record<string, unknown>> };
    };
    const team = JSON.parse(plw(['summary', '--db', db, ...period], env).stdout) as { team_figures: { open_caseload: number } };
    expect(figures.scope).toBe('Blackburn PDU');
    expect(figures.team_figures.open_caseload).toBeGreaterThan(0);
    expect(figures.team_figures.open_caseload).toBeLessThan(team.team_figures.open_caseload);
    const counts = Object.values(figures.equality.offered).flatMap((d) => Object.values(d));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((n) => n === 'fewer than 5' || (typeof n === 'number' && n >= 5))).toBe(true);
    expect(counts).toContain('fewer than 5');
    const unknown = plw(['summary', '--db', db, ...period, '--office', 'Nowhere'], env);
    expect(unknown.code).toBe(1);
    expectOneLineError(unknown.stderr, /There is no office called "Nowhere"\./);
    expect(plw(['summary', '--db', db, ...period, '--office', 'Blackburn PDU', '--worker', 'Sam Admin'], env).code).toBe(2);
  });

  it('backup writes a verified copy; restore asks to confirm, keeps the current database aside, and restores', () => {
    const { db } = newDatabase();
    const folder = tempFolder();
    const env = { PLW_PASSPHRASE: PASSPHRASE };
    const made = plw(['backup', '--db', db, '--to', folder, '--json'], env);
    expect(made.code).toBe(0);
    const { file } = JSON.parse(made.stdout) as { file: string };
    expect(existsSync(`${file}.keyring`)).toBe(true);

    const unconfirmed = plw(['restore', '--db', db, '--from', file], env);
    expect(unconfirmed.code).toBe(2);
    expectOneLineError(unconfirmed.stderr, /run again with --yes to confirm/);
    const restored = plw(['restore', '--db', db, '--from', file, '--yes'], env);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Restored\. The database it replaced is kept at .*before-restore-/);
    expect(plw(['verify', '--db', db], env).code).toBe(0);
    expect(plw(['backup', '--db', db], env).code).toBe(2);
  });

  it('recover: the recovery key sets a forgotten administrator passphrase, and only that key', () => {
    const { db, stdout } = newDatabase();
    const recoveryKey = /Recovery key[^\n]*\n\s+([0-9a-f-]{79})/.exec(stdout)![1]!;
    const wrong = plw(['recover', '--db', db, '--user', 'Sam Admin'], { PLW_RECOVERY_KEY: 'ab'.repeat(32), PLW_NEW_PASSPHRASE: 'sam remembers this one' });
    expectOneLineError(wrong.stderr, /^plw: That recovery key does not open this database\./);
    const done = plw(['recover', '--db', db, '--user', 'Sam Admin'], { PLW_RECOVERY_KEY: recoveryKey, PLW_NEW_PASSPHRASE: 'sam remembers this one' });
    expect(done).toMatchObject({ code: 0, stdout: expect.stringMatching(/^New passphrase set for Sam Admin\. This is recorded in the audit log\./) });
    expect(plw(['verify', '--db', db], { PLW_PASSPHRASE: PASSPHRASE }).code).toBe(1);
    expect(plw(['verify', '--db', db], { PLW_PASSPHRASE: 'sam remembers this one' }).code).toBe(0);
  });

  it('verify --anchor: passes while the audit log holds the anchor, says plainly when it does not', () => {
    const { db } = newDatabase();
    const env = { PLW_PASSPHRASE: PASSPHRASE };
    const folder = tempFolder();
    expect(plw(['backup', '--db', db, '--to', folder], env).code).toBe(0);
    const anchorFile = readFileSync(
      join(
        folder,
        readdirSync(folder).find((n) => n.endsWith('.anchor'))!,
      ),
      'utf8',
    );
    const anchor = /^Anchor: (\d+:[0-9a-f]{64})$/m.exec(anchorFile)![1]!;
    const ok = plw(['verify', '--db', db, '--anchor', anchor], env);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/the audit log holds entry \d+ of the anchor unchanged\.$/m) });
    expectOneLineError(plw(['verify', '--db', db, '--anchor', 'last tuesday'], env).stderr, /^plw: --anchor takes an audit anchor/);
    const [id] = anchor.split(':');
    const wrong = plw(['verify', '--db', db, '--anchor', `${id}:${'0'.repeat(64)}`], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/The audit log has been rewritten since the anchor was taken/);
  });

  it("import, backup and restore are for administrators; a worker is told so in the app's words (one permission table) and nothing happens", async () => {
    const { db } = newDatabase();
    const admin = await unlockTeamDatabase({ databasePath: db, accountName: 'Sam Admin', passphrase: PASSPHRASE });
    await addAccount(admin, { accountName: 'Priya Shah', role: 'plw', temporaryPassphrase: 'priya temporary one' });
    closeTeamDatabase(admin);
    closeTeamDatabase(
      await unlockTeamDatabase({ databasePath: db, accountName: 'Priya Shah', passphrase: 'priya temporary one', newPassphrase: 'priya chose her own' }),
    );
    const folder = tempFolder();
    expect(plw(['backup', '--db', db, '--to', folder], { PLW_USER: 'Sam Admin', PLW_PASSPHRASE: PASSPHRASE }).code).toBe(0);
    const backup = join(
      folder,
      readdirSync(folder).find((n) => n.endsWith('.plwbak'))!,
    );
    const priya = { PLW_USER: 'Priya Shah', PLW_PASSPHRASE: 'priya chose her own' };
    const workbook = join(tempFolder(), 'tracker.xlsx');
    await writeXlsx(makeFixture(), workbook);
    for (const args of [
      ['import', '--db', db, workbook],
      ['backup', '--db', db, '--to', tempFolder()],
    ]) {
      const run = plw(args, priya);
      expect({ command: args[0], code: run.code }).toEqual({ command: args[0], code: 1 });
      expectOneLineError(run.stderr, /^plw: Only an administrator can do this\.$/);
    }
    // Restoring unlocks the backup with an account of its keyring: Priya's is there, and is not an administrator's.
    const restore = plw(['restore', '--db', db, '--from', backup, '--yes'], priya);
    expect(restore.code).toBe(1);
    expectOneLineError(restore.stderr, /^plw: Only an administrator can do this\.$/);
    expect(readdirSync(join(db, '..')).filter((n) => n.includes('before-restore'))).toEqual([]);
  });

  it("restore refuses another team's backup unless told --other-team", () => {
    const ours = newDatabase();
    const theirs = join(tempFolder(), 'team.plwdb');
    expect(plw(['init', '--db', theirs, '--user', 'Sam Admin', '--team', 'West Yorkshire'], { PLW_PASSPHRASE: PASSPHRASE }).code).toBe(0);
    const folder = tempFolder();
    expect(plw(['backup', '--db', theirs, '--to', folder], { PLW_PASSPHRASE: PASSPHRASE }).code).toBe(0);
    const backup = join(
      folder,
      readdirSync(folder).find((n) => n.endsWith('.plwbak'))!,
    );
    const refused = plw(['restore', '--db', ours.db, '--from', backup, '--yes'], { PLW_PASSPHRASE: PASSPHRASE });
    expectOneLineError(
      refused.stderr,
      /^plw: That backup is of another team's database \("West Yorkshire"\), not of "East Lancs"\. To replace this database with it all the same, run again with --other-team\.$/,
    );
    expect(plw(['restore', '--db', ours.db, '--from', backup, '--yes', '--other-team'], { PLW_PASSPHRASE: PASSPHRASE }).code).toBe(0);
  });
});
