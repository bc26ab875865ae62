/**
 * Migration 9 (model v2) on a database the previous version really wrote (tests/fixtures/schema-8,
 * made by commit b66d2df): perpetrators merged by CRN with nothing recorded lost, engagement read
 * from the contact history, timers worked out again by the new rules, and `plw verify` clean.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCaseDetail } from '../../electron/core/cases/queries';
import { schemaVersion } from '../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { openEncryptedDatabase, type Db } from '../../electron/core/db/open-database';
import { TIMER_ENGINE_VERSION } from '../../shared/timers';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { closeTeamDatabase, tempFolder } from './helpers';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/schema-8');
const PLW = resolve(import.meta.dirname, '../../dist/cli/plw.cjs');
const ADMIN = 'Sam Admin';
const PASSPHRASE = 'correct horse battery staple';

/** Every table a person records into, whole, in id order: what "nothing recorded lost or changed" is checked against. */
const RECORDED = [
  'contacts',
  'contact_amendments',
  'chases',
  'orders',
  'risk_events',
  'liaison',
  'children',
  'programme_events',
  'flags',
  'workers',
  'accounts',
];
const CASE_COLUMNS_RECORDED =
  'id, case_ref, victim_id, owner_worker_id, sentence_date, sentence_type, requirement, ro_name, ro_email, ro_phone, ro_office, referral_received_date, referral_source, programme_status, programme_start_date, programme_end_date, programme_outcome, risk_to_victim, risk_to_children, closed_date, created_at, version';
const VICTIM_COLUMNS_RECORDED = 'id, name, date_of_birth, phone, email, address, postcode, safe_phone, safe_address, no_voicemail, no_letters, created_at';

/**
 * The recorded tables as they stand, read with the columns `columnsOf` has: later migrations add
 * columns (who a contact is credited to, say), and a fact recorded is what the old columns hold.
 */
function snapshot(db: Db, columnsOf: Db = db) {
  const columns = (table: string) => (columnsOf.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).join(', ');
  return {
    ...Object.fromEntries(RECORDED.map((t) => [t, db.prepare(`SELECT ${columns(t)} FROM ${t} ORDER BY 1, 2`).all()])),
    cases: db.prepare(`SELECT ${CASE_COLUMNS_RECORDED} FROM cases ORDER BY id`).all(),
    victims: db.prepare(`SELECT ${VICTIM_COLUMNS_RECORDED} FROM victims ORDER BY id`).all(),
    auditEntries: db.prepare('SELECT id, hash FROM audit_log ORDER BY id').all(),
  };
}

/** Each case's perpetrator as it was recorded on it: name, CRN and date of birth. */
const peopleOnCases = (db: Db) =>
  db
    .prepare('SELECT c.case_ref AS ref, p.name, p.crn, p.date_of_birth AS dob FROM cases c JOIN perpetrators p ON p.id = c.perpetrator_id ORDER BY c.id')
    .all() as {
    ref: string;
    name: string;
    crn: string | null;
    dob: string | null;
  }[];

async function migratedCopy() {
  const folder = tempFolder();
  const databasePath = join(folder, 'team.plwdb');
  copyFileSync(join(FIXTURE, 'team.plwdb'), databasePath);
  copyFileSync(join(FIXTURE, 'team.plwdb.keyring'), `${databasePath}.keyring`);
  const progress: { operation: string; done: number; total: number }[] = [];
  const open = await unlockTeamDatabase({
    databasePath,
    accountName: ADMIN,
    passphrase: PASSPHRASE,
    now: () => new Date('2026-12-01T10:00:00Z'),
    progress: (event) => progress.push(event),
  });
  // The encrypted copy kept before the upgrade is the database as the previous version left it.
  const backup = readdirSync(folder).find((f) => f.startsWith('team.plwdb.before-schema-9.'));
  expect(backup).toBeDefined();
  const before = openEncryptedDatabase(join(folder, backup!), open.dataKey.toString('hex'), { create: false });
  return { open, before, databasePath, folder, progress };
}

describe('migration 9: model v2 on a database made by schema 8', () => {
  it('merges perpetrators by CRN into one person, keeping every other name and date of birth as an alias; without a CRN each keeps his own', async () => {
    const { open, before } = await migratedCopy();
    expect(schemaVersion(before)).toBe(8);
    expect(schemaVersion(open.db)).toBe(LATEST_SCHEMA_VERSION);
    const was = peopleOnCases(before);
    expect(new Set(was.filter((p) => p.crn === 'X100001').map((p) => p.name))).toEqual(new Set(['John Fixture', 'JOHN FIXTURE']));
    expect(before.prepare('SELECT count(*) FROM perpetrators').pluck().get() as number).toBe(5);

    const ids = open.db.prepare('SELECT case_ref AS ref, perpetrator_id AS id FROM cases ORDER BY id').all() as { ref: string; id: number }[];
    const person = (ref: string) => ids.find((r) => r.ref === ref)!.id;
    expect(person('FX-1')).toBe(person('FX-2'));
    expect(person('FX-1')).toBe(person('FX-3'));
    expect(person('FX-4')).not.toBe(person('FX-5')); // same name, no CRN: never merged automatically
    expect(open.db.prepare('SELECT count(*) FROM perpetrators').pluck().get()).toBe(3);

    // Nothing recorded about him is lost: each case's recorded name and date of birth is his, or one of his aliases.
    const aliases = open.db.prepare('SELECT perpetrator_id AS id, name, date_of_birth AS dob, how FROM perpetrator_aliases').all() as {
      id: number;
      name: string;
      dob: string | null;
      how: string;
    }[];
    expect(aliases).toEqual([{ id: person('FX-1'), name: 'JOHN FIXTURE', dob: '1980-02-01', how: 'merged by CRN' }]);
    const now = peopleOnCases(open.db);
    for (const old of was) {
      const mine = now.find((p) => p.ref === old.ref)!;
      const known = [{ name: mine.name, dob: mine.dob }, ...aliases.filter((a) => a.id === person(old.ref))];
      expect(known).toContainEqual(expect.objectContaining({ name: old.name, dob: old.dob }));
      expect(mine.crn).toBe(old.crn);
    }
    // The case page shows the others as linked cases, and the alias.
    const fx1 = getCaseDetail(open.db, ids.find((r) => r.ref === 'FX-1')!.id, '2026-12-01');
    expect(fx1.linkedCases.map((c) => [c.caseRef, c.closedDate === null ? 'open' : 'closed'])).toEqual([
      ['FX-2', 'open'],
      ['FX-3', 'closed'],
    ]);
    expect(fx1.aliases).toEqual([{ name: 'JOHN FIXTURE', dateOfBirth: '1980-02-01', how: 'merged by CRN' }]);
    before.close();
    closeTeamDatabase(open);
  });

  it('changes no recorded fact: contacts, chases, orders, risk, liaison, programme history, cases, victims and the audit log are as they were', async () => {
    const { open, before } = await migratedCopy();
    const then = snapshot(before);
    const after = snapshot(open.db, before);
    for (const table of [...RECORDED, 'cases', 'victims'])
      expect({ table, rows: after[table as keyof typeof after] }).toEqual({ table, rows: then[table as keyof typeof then] });
    // The log only grows: every entry the previous version wrote is there, unchanged.
    expect(after.auditEntries.slice(0, then.auditEntries.length)).toEqual(then.auditEntries);
    before.close();
    closeTeamDatabase(open);
  });

  it('reads engagement from the contact history: "declined support" with no later "spoke to victim" is declined from that date', async () => {
    const { open } = await migratedCopy();
    const engagement = Object.fromEntries(
      (open.db.prepare('SELECT case_ref AS ref, id FROM cases').all() as { ref: string; id: number }[]).map((c) => {
        const d = getCaseDetail(open.db, c.id, '2026-12-01');
        return [c.ref, [d.engagement.status, d.engagement.since]];
      }),
    );
    expect(engagement).toEqual({
      'FX-1': ['declined', '2026-07-01'],
      'FX-2': ['engaged', '2026-08-01'], // declined, then she spoke to the worker
      'FX-3': ['engaged', '2025-01-13'],
      'FX-4': ['engaged', '2026-10-06'], // her sister declining is not her declining
      'FX-5': ['not_yet_contacted', null],
    });
    expect(open.db.prepare('SELECT count(*) FROM engagement_changes').pluck().get()).toBe(0); // read from the contacts, not copied
    // The caseload's copy agrees, so the engagement filter finds them.
    expect(open.db.prepare("SELECT case_ref FROM cases WHERE engagement = 'declined'").pluck().all()).toEqual(['FX-1']);
    open.db.close();
  });

  it('works the timers out again by the new rules at the first unlock: declined support no longer keeps in touch', async () => {
    const { open, before, progress } = await migratedCopy();
    const keepInTouch = (db: Db) =>
      db
        .prepare(
          "SELECT c.case_ref AS ref, t.start_date AS start FROM timers t JOIN cases c ON c.id = t.case_id WHERE t.timer = 'keep_in_touch' ORDER BY c.case_ref",
        )
        .all();
    // Version 1 counted "declined support" as a successful contact, and kept asking.
    expect(keepInTouch(before)).toEqual([
      { ref: 'FX-1', start: '2026-07-01' },
      { ref: 'FX-2', start: '2026-08-01' },
      { ref: 'FX-3', start: '2025-01-13' },
      { ref: 'FX-4', start: '2026-10-06' },
    ]);
    expect(keepInTouch(open.db)).toEqual([
      { ref: 'FX-2', start: '2026-08-01' },
      { ref: 'FX-3', start: '2025-01-13' },
      { ref: 'FX-4', start: '2026-10-06' },
    ]);
    expect(JSON.parse(open.db.prepare("SELECT value FROM settings WHERE key = 'timerEngineVersion'").pluck().get() as string)).toBe(TIMER_ENGINE_VERSION);
    // The unlock said so as it went (the window's progress bar, a plw terminal's line).
    expect(progress.filter((e) => e.operation === 'recompute-timers').at(-1)).toMatchObject({ done: 5, total: 5 });
    before.close();
    closeTeamDatabase(open);
  });

  it('leaves a database that plw verify finds clean', async () => {
    if (!existsSync(PLW)) throw new Error('dist/cli/plw.cjs is missing: run `npm run build` first');
    const { open, before, databasePath } = await migratedCopy();
    before.close();
    closeTeamDatabase(open);
    const run = spawnSync(process.execPath, [PLW, 'verify', '--db', databasePath], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PLW_PASSPHRASE: PASSPHRASE },
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^OK: \d+ pages decrypted and authenticated; SQLite integrity check passed\.$/m);
  });
});
