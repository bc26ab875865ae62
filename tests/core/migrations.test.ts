import { contactInputSchema } from '../../shared/record-inputs';
import { caseInputSchema } from '../../shared/case-input';
import { createHash, randomBytes } from 'node:crypto';
import { brokenAuditEntry, GENESIS_HASH, recordAudit } from '../../electron/core/audit';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCase, logChase, reassignCase, updateCase } from '../../electron/core/cases/case-store';
import { caseloadQuerySchema } from '../../shared/case-views';
import { chaseCounts, listCaseload } from '../../electron/core/cases/queries';
import { readTimerRules } from '../../electron/core/cases/timer-settings';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { summaryFigures, trend, workerSummaries } from '../../electron/core/reports/summary';
import { generateDemo } from '../../electron/core/demo/generate-demo';
import { logContactRecord } from '../../electron/core/records/contacts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/core/db/migrations';
import type { Migration } from '../../electron/core/db/migrations/migration';
import { VERSIONED_TABLES } from '../../electron/core/db/migrations/006-edit-versions';
import { openEncryptedDatabase } from '../../electron/core/db/open-database';
import { unlockTeamDatabase } from '../../electron/core/team/unlock';
import { ADMIN, ADMIN_PASSPHRASE, closeTeamDatabase, newTeamDatabase, tempFolder } from './helpers';

const tablesOf = (db: ReturnType<typeof openEncryptedDatabase>) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'case_search_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

/**
 * Back to before migration 7: audit entries without a hash version. Done just before migrating,
 * since the rest of the code (which the tests use to write at older schemas) writes version 2.
 */
const UNDO_AUDIT_HASH_IDS = 'ALTER TABLE audit_log DROP COLUMN hash_version;';
/**
 * Back to before migration 9 (model v2): its schema only. Like migration 7's, done just before
 * migrating, since the code the tests write with writes the new columns. (Its data changes are
 * tested on a database the previous version really made: tests/fixtures/schema-8.)
 */
/** Back to before migration 10: "do not contact via" one field. */
const UNDO_DO_NOT_CONTACT_ABOUT = 'ALTER TABLE victims DROP COLUMN do_not_contact_via_about;';
/** Back to before migration 11: no agency, MARAC, DASH, Clare's Law or safety plan tables. */
const UNDO_AGENCIES = [
  ...['agency_check_chases', 'agency_checks', 'marac_actions', 'marac_meetings', 'marac_referrals', 'dash_assessments', 'dvds_applications'].map(
    (table) => `DROP TABLE ${table};`,
  ),
  'DROP TABLE safety_plan_reviews; DROP TABLE safety_plan_items;',
  'ALTER TABLE cases DROP COLUMN vlo_name; ALTER TABLE cases DROP COLUMN vlo_contact; ALTER TABLE timers DROP COLUMN subject_id;',
].join('\n');
/** Back to before migration 12: no case audits or supervision notes. */
const UNDO_OVERSIGHT = 'DROP TABLE case_audits; DROP TABLE supervision_notes;';
/** Back to before migration 13: workers without a phone. */
const UNDO_WORKER_PHONE = 'ALTER TABLE workers DROP COLUMN phone;';
/** Back to before migration 16: orders without their case's owner, contacts not counted by month. */
const UNDO_SUMMARY_KEPT_BY_WRITES = [
  'DROP TRIGGER order_owner_copied; DROP TRIGGER order_owner_recopied; DROP TRIGGER case_owner_to_orders;',
  'DROP INDEX orders_owner_period; DROP INDEX orders_owner_changed;',
  'ALTER TABLE orders DROP COLUMN owner_worker_id; ALTER TABLE orders DROP COLUMN owner_since;',
  'CREATE INDEX orders_period ON orders(case_id, made_date, expiry_date, resolution, resolved_date);',
  'DROP TRIGGER contact_counted; DROP TRIGGER contact_uncounted; DROP TRIGGER contact_recounted; DROP TABLE contact_month_counts;',
].join('\n');
/**
 * Back to before migration 15: the summary's indexes as they were (after undoing 16). Every test
 * that goes back further does this first, at the latest schema (earlier undos drop some of these indexes).
 */
const UNDO_SUMMARY_INDEXES = [
  UNDO_SUMMARY_KEPT_BY_WRITES,
  'DROP INDEX orders_period; DROP INDEX risk_events_date;',
  'DROP INDEX agency_checks_requested; CREATE INDEX agency_checks_requested ON agency_checks(requested_date, agency);',
  'DROP INDEX chases_case_date; CREATE INDEX chases_case_date ON chases(case_id, chase_date);',
  'DROP INDEX contacts_victim_months;',
  'CREATE INDEX contacts_victim_months ON contacts(substr(contact_date, 1, 7), case_id, contact_date) WHERE with_victim = 1 AND deleted_at IS NULL;',
].join('\n');
/** Back to before migration 14: no ownership history, credit or offices. */
const UNDO_FAIR_FIGURES = [
  'DROP TABLE case_ownership; DROP INDEX cases_office; DROP INDEX contacts_credited; DROP INDEX chases_credited;',
  'ALTER TABLE cases DROP COLUMN office_id; ALTER TABLE accounts DROP COLUMN office_id; DROP TABLE offices;',
  'ALTER TABLE contacts DROP COLUMN credited_worker_id; ALTER TABLE chases DROP COLUMN credited_worker_id;',
  'DROP INDEX cases_closed; CREATE INDEX cases_closed ON cases(closed_date, owner_worker_id, sentence_date);',
  'DROP INDEX cases_referral; CREATE INDEX cases_referral ON cases(referral_received_date, sentence_date, owner_worker_id);',
  'DROP INDEX cases_idva; CREATE INDEX cases_idva ON cases(idva_referral_date, owner_worker_id);',
  'DROP INDEX cases_owner_by_id; CREATE INDEX cases_owner_by_id ON cases(id, owner_worker_id);',
  'DROP INDEX victims_equality; ALTER TABLE cases DROP COLUMN owner_since;',
].join('\n');
const UNDO_MODEL_V2 = [
  UNDO_FAIR_FIGURES,
  UNDO_WORKER_PHONE,
  UNDO_OVERSIGHT,
  UNDO_AGENCIES,
  UNDO_DO_NOT_CONTACT_ABOUT,
  'DROP INDEX perpetrators_crn; CREATE INDEX perpetrators_crn ON perpetrators(crn); DROP INDEX perpetrators_name_dob; DROP TABLE perpetrator_aliases;',
  ...[
    'consent_given_date',
    'consent_withdrawn_date',
    'custody_status',
    'custody_status_date',
    'release_date',
    'supervision_end_date',
    'mappa_category',
    'mappa_level',
    'version',
    'changed_by',
    'changed_at',
  ].map((c) => `ALTER TABLE perpetrators DROP COLUMN ${c};`),
  ...['relationship', 'sex', 'ethnicity', 'disability', 'sexual_orientation', 'welsh_language'].map((c) => `ALTER TABLE victims DROP COLUMN ${c};`),
  'DROP TABLE engagement_changes; DROP INDEX cases_engagement; DROP INDEX cases_custody; DROP INDEX cases_release;',
  'ALTER TABLE cases DROP COLUMN engagement; ALTER TABLE cases DROP COLUMN custody_status; ALTER TABLE cases DROP COLUMN release_date;',
].join(' ');
/** Back to before migration 8: accounts without public keys or a removed date. */
const UNDO_ACCOUNT_KEYS =
  'ALTER TABLE accounts DROP COLUMN sealing_public_key; ALTER TABLE accounts DROP COLUMN signing_public_key; ALTER TABLE accounts DROP COLUMN removed_at; DROP TABLE account_signing_keys;';
/** Back to before migration 6: no versions on records, no settings versions (and migration 8 undone). */
const UNDO_EDIT_VERSIONS = [
  UNDO_ACCOUNT_KEYS,
  ...VERSIONED_TABLES.map((t) => `ALTER TABLE ${t} DROP COLUMN version; ALTER TABLE ${t} DROP COLUMN changed_by; ALTER TABLE ${t} DROP COLUMN changed_at;`),
  'DROP TABLE settings_versions;',
].join(' ');
/** Back to before migration 5: its index gone (and migration 6 undone). */
const UNDO_VICTIM_CONTACT_MONTHS = `${UNDO_EDIT_VERSIONS} DROP INDEX contacts_victim_months;`;
/** Back to before migration 4: the case counts and their triggers gone (and migration 5 undone). */
const UNDO_CASE_COUNTS = `${UNDO_VICTIM_CONTACT_MONTHS} DROP TABLE case_counts; DROP TRIGGER case_counted; DROP TRIGGER case_uncounted; DROP TRIGGER case_recounted;`;

describe('migrations', () => {
  it('are numbered 1, 2, 3 … with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('migration 1 upgrades a v0 (empty) database to the full schema', () => {
    const path = join(tempFolder(), 'v0.plwdb');
    const db = openEncryptedDatabase(path, randomBytes(32).toString('hex'), { create: true });
    expect(schemaVersion(db)).toBe(0);
    const outcome = migrate(db, path, { migrations: MIGRATIONS.slice(0, 1) });
    expect(outcome).toEqual({ from: 0, to: 1, backupPath: null });
    expect(schemaVersion(db)).toBe(1);
    expect(tablesOf(db)).toEqual(
      [
        'accounts',
        'audit_log',
        'case_search',
        'cases',
        'chases',
        'children',
        'contact_amendments',
        'contacts',
        'erased_cases',
        'flags',
        'liaison',
        'order_breaches',
        'orders',
        'perpetrators',
        'programme_events',
        'risk_events',
        'settings',
        'timers',
        'victims',
        'workers',
      ].sort(),
    );
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('migration 2 adds the reporting indexes to a v1 database holding cases, and the figures read from them', async () => {
    const { open, databasePath } = await newTeamDatabase();
    // Put back version 1's indexes, as a database made before this release has them.
    open.db.exec(`
      DROP INDEX cases_owner_by_id; DROP INDEX chases_date; DROP INDEX timers_open_referral; DROP INDEX cases_closed;
      DROP INDEX timers_closing; CREATE INDEX timers_closing ON timers(closed_date) WHERE met_date IS NULL AND closed_date IS NOT NULL;
      DROP INDEX timers_kind_met; CREATE INDEX timers_kind_met ON timers(timer, met_date, due_date, owner_worker_id) WHERE met_date IS NOT NULL;
      DROP TABLE open_timer_counts;
      DROP TRIGGER open_timer_counted; DROP TRIGGER open_timer_uncounted; DROP TRIGGER open_timer_changed_from; DROP TRIGGER open_timer_changed_to;
      DROP TABLE flag_counts; DROP TRIGGER flag_counted; DROP TRIGGER flag_uncounted; DROP TRIGGER flag_recounted;
      DROP INDEX cases_stage_order;
    `);
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.exec(UNDO_CASE_COUNTS);
    open.db.exec(
      'DROP TRIGGER referral_timer_chase_dated; DROP TRIGGER chase_dates_referral; DROP TRIGGER chase_undates_referral; DROP TRIGGER chase_redates_referral;',
    );
    open.db.exec('DROP INDEX timers_open_referral_chased; ALTER TABLE timers DROP COLUMN last_chase_date;');
    open.db.pragma('user_version = 1');
    createCase(
      { db: open.db, actor: ADMIN, now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) },
      { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-10-01', flags: ['IMAR'] },
    );
    open.db.exec('ANALYZE'); // as an imported or demo database is
    const outcome = migrate(open.db, databasePath, { migrations: MIGRATIONS.slice(0, 2), now: () => new Date('2026-11-24T10:00:00Z') });
    expect(outcome).toMatchObject({ from: 1, to: 2 });
    // Analysed before, so the new indexes are analysed too: the planner weighs them on facts.
    expect(open.db.prepare("SELECT idx FROM sqlite_stat1 WHERE idx = 'cases_stage_order'").all()).toHaveLength(1);
    expect(
      open.db
        .prepare("SELECT name FROM sqlite_master WHERE name IN ('cases_owner_by_id', 'chases_date', 'timers_open_referral', 'cases_closed') ORDER BY name")
        .all(),
    ).toEqual([{ name: 'cases_closed' }, { name: 'cases_owner_by_id' }, { name: 'chases_date' }, { name: 'timers_open_referral' }]);
    expect(open.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'timers_closing'").get()).toEqual({
      sql: expect.stringContaining('(closed_date, due_date, warn_from, start_date, timer, owner_worker_id)'),
    });
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The open timer counts start from the timers already there.
    expect(open.db.prepare('SELECT timer, due_date, n FROM open_timer_counts').all()).toEqual([{ timer: 'referral', due_date: '2026-10-08', n: 1 }]);
    expect(open.db.prepare('SELECT code, n FROM flag_counts').all()).toEqual([{ code: 'IMAR', n: 1 }]);
    // And on up to the latest version, where the app's queries read them.
    open.db.exec(UNDO_AUDIT_HASH_IDS);
    open.db.exec(UNDO_MODEL_V2);
    migrate(open.db, databasePath, { now: () => new Date('2026-11-24T10:00:00Z') });
    expect(chaseCounts(open.db, '2026-11-24', readTimerRules(open.db), null)).toEqual({ overdue: 1, chaseDue: 1 });
    // The month's summary counts the case under its owner.
    const [priya] = workerSummaries(open.db, { from: '2026-10-01', to: '2026-10-31', workerId: null });
    expect(priya).toMatchObject({ worker: 'Priya Shah', raw: { counts: { open_caseload: 1 } } });
    closeTeamDatabase(open);
  });

  it("migration 3 dates each referral timer with its case's latest chase, and keeps it dated as chases are logged", async () => {
    const { open, databasePath } = await newTeamDatabase();
    // Back to version 2: no column, index or triggers; then two overdue referrals, one chased.
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.exec(UNDO_CASE_COUNTS);
    open.db.exec(
      'DROP TRIGGER referral_timer_chase_dated; DROP TRIGGER chase_dates_referral; DROP TRIGGER chase_undates_referral; DROP TRIGGER chase_redates_referral;',
    );
    open.db.exec('DROP INDEX timers_open_referral_chased; ALTER TABLE timers DROP COLUMN last_chase_date;');
    open.db.pragma('user_version = 2');
    const ctx = { db: open.db, actor: ADMIN, now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) };
    const input = { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-10-01' };
    const chased = createCase(ctx, input).caseId;
    const notChased = createCase(ctx, input).caseId;
    logChase(ctx, chased, { date: '2026-11-16', toWhom: 'RO', method: 'email', note: null });
    logChase(ctx, chased, { date: '2026-11-23', toWhom: 'RO', method: 'phone', note: null });
    open.db.exec('ANALYZE');

    expect(migrate(open.db, databasePath, { migrations: MIGRATIONS.slice(0, 3), now: () => new Date('2026-11-24T10:00:00Z') })).toMatchObject({
      from: 2,
      to: 3,
    });
    const lastChase = (caseId: number) => open.db.prepare("SELECT last_chase_date FROM timers WHERE case_id = ? AND timer = 'referral'").pluck().get(caseId);
    expect([lastChase(chased), lastChase(notChased)]).toEqual(['2026-11-23', null]);
    expect(open.db.prepare("SELECT idx FROM sqlite_stat1 WHERE idx = 'timers_open_referral_chased'").all()).toHaveLength(1);
    // Chased yesterday: not due a chase. The other is.
    expect(chaseCounts(open.db, '2026-11-24', ctx.rules, null)).toEqual({ overdue: 2, chaseDue: 1 });
    logChase(ctx, notChased, { date: '2026-11-24', toWhom: 'RO', method: 'email', note: null });
    expect(lastChase(notChased)).toBe('2026-11-24');
    expect(chaseCounts(open.db, '2026-11-24', ctx.rules, null)).toEqual({ overdue: 2, chaseDue: 0 });
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeTeamDatabase(open);
  });

  it("migration 4 counts the cases by owner, stage and risk, and the caseload's count reads them", async () => {
    const { open, databasePath } = await newTeamDatabase();
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.exec(UNDO_CASE_COUNTS);
    open.db.pragma('user_version = 3');
    const ctx = { db: open.db, actor: ADMIN, now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) };
    const input = { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-10-01' };
    const high = createCase(ctx, { ...input, riskToVictim: 'high' }).caseId;
    createCase(ctx, { ...input, riskToVictim: 'high' });
    const unowned = createCase(ctx, input).caseId;
    open.db.prepare('UPDATE cases SET owner_worker_id = NULL WHERE id = ?').run(unowned); // as a case whose worker was removed

    open.db.exec(UNDO_AUDIT_HASH_IDS);

    open.db.exec(UNDO_MODEL_V2);
    expect(migrate(open.db, databasePath, { now: () => new Date('2026-11-24T10:00:00Z') })).toMatchObject({ from: 3, to: LATEST_SCHEMA_VERSION });
    const priya = open.db.prepare("SELECT id FROM workers WHERE name = 'Priya Shah'").pluck().get() as number;
    expect(open.db.prepare('SELECT owner_key, stage, risk_key, n FROM case_counts ORDER BY owner_key').all()).toEqual([
      { owner_key: 0, stage: 'awaiting_referral', risk_key: '', n: 1 },
      { owner_key: priya, stage: 'awaiting_referral', risk_key: 'high', n: 2 },
    ]);
    // Kept as cases change: one high-risk case lowered to medium.
    updateCase(ctx, high, caseInputSchema.parse({ ...input, riskToVictim: 'medium' }));
    const query = { ...caseloadQuerySchema.parse({ scope: 'team', stage: 'awaiting_referral' }), asOf: '2026-11-24' };
    expect(listCaseload(open.db, { ...query, risk: 'high' }, null).total).toBe(1);
    expect(listCaseload(open.db, { ...query, risk: 'medium' }, null).total).toBe(1);
    expect(listCaseload(open.db, query, null).total).toBe(3);
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeTeamDatabase(open);
  });

  it('migration 5 indexes contacts with victims by month, and the trend reads victims offered support from it', async () => {
    const { open, databasePath } = await newTeamDatabase();
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.exec(UNDO_VICTIM_CONTACT_MONTHS);
    open.db.pragma('user_version = 4');
    const ctx = { db: open.db, actor: ADMIN, now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) };
    const caseId = createCase(ctx, { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-09-01' }).caseId;
    for (const date of ['2026-09-10', '2026-09-20', '2026-10-05'])
      logContactRecord(ctx, caseId, contactInputSchema.parse({ date, method: 'phone', outcome: 'spoke_to_victim' }));
    open.db.exec('ANALYZE');

    open.db.exec(UNDO_AUDIT_HASH_IDS);

    open.db.exec(UNDO_MODEL_V2);
    expect(migrate(open.db, databasePath, { now: () => new Date('2026-11-24T10:00:00Z') })).toMatchObject({ from: 4, to: LATEST_SCHEMA_VERSION });
    expect(open.db.prepare("SELECT idx FROM sqlite_stat1 WHERE idx = 'contacts_victim_months'").all()).toHaveLength(1);
    // Two contacts in September are one victim offered support; one in October.
    const offered = (to: string) => Object.fromEntries(trend(open.db, to, null).map((m) => [m.month, m.victims_offered_support]));
    expect(offered('2026-10-31')).toMatchObject({ '2026-08': 0, '2026-09': 1, '2026-10': 1 });
    // A period ending before the October contact leaves it out.
    expect(offered('2026-10-04')).toMatchObject({ '2026-09': 1, '2026-10': 0 });
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeTeamDatabase(open);
  });

  it('migration 10 moves a description in brackets out of "do not contact via", leaving the person named alone', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const ctx = { db: open.db, actor: ADMIN, now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) };
    const base = { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-09-01' };
    const ids = [createCase(ctx, base).caseId, createCase(ctx, base).caseId, createCase(ctx, base).caseId, createCase(ctx, base).caseId];
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.exec(UNDO_FAIR_FIGURES);
    open.db.exec(UNDO_WORKER_PHONE);
    open.db.exec(UNDO_OVERSIGHT);
    open.db.exec(UNDO_AGENCIES);
    open.db.exec(UNDO_DO_NOT_CONTACT_ABOUT);
    open.db.pragma('user_version = 9');
    const written = ['Karen Wood (his sister)', 'Mick Jones', 'Dave (brother) Smith', null];
    ids.forEach((id, i) =>
      open.db.prepare('UPDATE victims SET do_not_contact_via = ? WHERE id = (SELECT victim_id FROM cases WHERE id = ?)').run(written[i], id),
    );
    expect(migrate(open.db, databasePath, { now: () => new Date('2026-11-24T10:00:00Z') })).toMatchObject({ from: 9, to: LATEST_SCHEMA_VERSION });
    const after = open.db.prepare('SELECT do_not_contact_via AS via, do_not_contact_via_about AS about FROM victims ORDER BY id').all();
    expect(after).toEqual([
      { via: 'Karen Wood', about: 'his sister' },
      { via: 'Mick Jones', about: null },
      { via: 'Dave (brother) Smith', about: null }, // not a description at the end: left as written (matched by its name)
      { via: null, about: null },
    ]);
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeTeamDatabase(open);
  });

  it('migration 11 keeps version 1’s MARAC referral, meeting, outcome and DASH score as the first rows of their tables', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const ctx = { db: open.db, actor: ADMIN, now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) };
    const base = { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-09-01' };
    const [full, outcomeOnly, scoreOnly, nothing] = [0, 1, 2, 3].map(() => createCase(ctx, base).caseId);
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.exec(UNDO_FAIR_FIGURES);
    open.db.exec(UNDO_WORKER_PHONE);
    open.db.exec(UNDO_OVERSIGHT);
    open.db.exec(UNDO_AGENCIES);
    open.db.pragma('user_version = 10');
    const set = open.db.prepare(
      'UPDATE cases SET marac_referral_date = ?, marac_meeting_date = ?, marac_outcome = ?, dash_date = ?, dash_score = ? WHERE id = ?',
    );
    set.run('2026-10-01', '2026-10-15', 'Police to fit alarm', '2026-09-30', 16, full);
    set.run(null, null, 'Discussed, no referral date noted', null, null, outcomeOnly);
    set.run(null, null, null, null, 9, scoreOnly);
    expect(migrate(open.db, databasePath, { now: () => new Date('2026-11-24T10:00:00Z') })).toMatchObject({ from: 10, to: LATEST_SCHEMA_VERSION });
    expect(open.db.prepare('SELECT case_id, referral_date, criteria, notes FROM marac_referrals ORDER BY case_id').all()).toEqual([
      { case_id: full, referral_date: '2026-10-01', criteria: '[]', notes: null },
      { case_id: outcomeOnly, referral_date: null, criteria: '[]', notes: 'Discussed, no referral date noted' },
    ]);
    expect(open.db.prepare('SELECT case_id, meeting_date, outcome FROM marac_meetings').all()).toEqual([
      { case_id: full, meeting_date: '2026-10-15', outcome: 'Police to fit alarm' },
    ]);
    expect(open.db.prepare('SELECT case_id, assessed_date, answers, score FROM dash_assessments ORDER BY case_id').all()).toEqual([
      { case_id: full, assessed_date: '2026-09-30', answers: null, score: 16 },
      { case_id: scoreOnly, assessed_date: null, answers: null, score: 9 },
    ]);
    expect(open.db.prepare('SELECT count(*) FROM marac_referrals WHERE case_id = ?').pluck().get(nothing)).toBe(0);
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeTeamDatabase(open);
  });

  it('migration 12 adds case audits and supervision notes to a database that has cases, losing nothing', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const ctx = { db: open.db, actor: ADMIN, now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) };
    createCase(ctx, { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-09-01' });
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.exec(UNDO_FAIR_FIGURES);
    open.db.exec(UNDO_WORKER_PHONE);
    open.db.exec(UNDO_OVERSIGHT);
    open.db.pragma('user_version = 11');
    const before = tablesOf(open.db);
    expect(migrate(open.db, databasePath, { now: () => new Date('2026-11-24T10:00:00Z') })).toMatchObject({ from: 11, to: LATEST_SCHEMA_VERSION });
    // (Later migrations, run too, add their own tables.)
    expect(tablesOf(open.db)).toEqual(expect.arrayContaining([...before, 'case_audits', 'supervision_notes']));
    expect(open.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1);
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeTeamDatabase(open);
  });

  it('migration 13 gives workers a phone for letters, empty until they enter it', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const ctx = { db: open.db, actor: ADMIN, now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) };
    createCase(ctx, { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-09-01' });
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.exec(UNDO_FAIR_FIGURES);
    open.db.exec(UNDO_WORKER_PHONE);
    open.db.pragma('user_version = 12');
    expect(migrate(open.db, databasePath, { now: () => new Date('2026-11-24T10:00:00Z') })).toMatchObject({ from: 12, to: LATEST_SCHEMA_VERSION });
    expect(open.db.prepare('SELECT name, phone FROM workers').all()).toEqual([{ name: 'Priya Shah', phone: null }]);
    closeTeamDatabase(open);
  });

  it('migration 14 reads the ownership history back from the audit log and credits contacts and chases to who logged them', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const at = (iso: string) => ({ db: open.db, actor: ADMIN, now: new Date(iso), rules: readTimerRules(open.db) });
    const base = { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-09-01' };
    const moved = createCase(at('2026-09-02T10:00:00Z'), base).caseId;
    const stayed = createCase(at('2026-09-02T10:00:00Z'), base).caseId;
    // Reassigned twice (10 Sep, then 1 Oct at 00:30 London time, still 30 Sep in UTC), with a contact and a chase by the administrator.
    reassignCase(at('2026-09-10T09:00:00Z'), moved, 'Tom Worker');
    reassignCase(at('2026-09-30T23:30:00Z'), moved, 'Sam Admin');
    logContactRecord(at('2026-10-02T10:00:00Z'), stayed, contactInputSchema.parse({ date: '2026-10-02', method: 'phone', outcome: 'no_answer' }));
    logChase(at('2026-10-02T10:00:00Z'), stayed, { date: '2026-10-02', toWhom: null, method: null, note: null });
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.exec(UNDO_FAIR_FIGURES);
    open.db.pragma('user_version = 13');
    expect(migrate(open.db, databasePath, { now: () => new Date('2026-11-24T10:00:00Z') })).toMatchObject({ from: 13, to: LATEST_SCHEMA_VERSION });
    const worker = (name: string) => open.db.prepare('SELECT id FROM workers WHERE name = ?').pluck().get(name);
    expect(
      open.db.prepare('SELECT worker_id AS worker, from_date AS "from", to_date AS "to" FROM case_ownership WHERE case_id = ? ORDER BY id').all(moved),
    ).toEqual([
      { worker: worker('Priya Shah'), from: null, to: '2026-09-10' },
      { worker: worker('Tom Worker'), from: '2026-09-10', to: '2026-10-01' },
      { worker: worker('Sam Admin'), from: '2026-10-01', to: null },
    ]);
    expect(open.db.prepare('SELECT worker_id AS worker, from_date AS "from", to_date AS "to" FROM case_ownership WHERE case_id = ?').all(stayed)).toEqual([
      { worker: worker('Priya Shah'), from: null, to: null },
    ]);
    // Since when each case's owner today has had it: what the reports read instead of the history.
    expect(open.db.prepare('SELECT id, owner_since FROM cases ORDER BY id').all()).toEqual([
      { id: moved, owner_since: '2026-10-01' },
      { id: stayed, owner_since: null },
    ]);
    // Logged by the administrator's account, whose worker it is (made when the case was given to them).
    expect(open.db.prepare('SELECT credited_worker_id FROM contacts').pluck().all()).toEqual([worker('Sam Admin')]);
    expect(open.db.prepare('SELECT credited_worker_id FROM chases').pluck().all()).toEqual([worker('Sam Admin')]);
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeTeamDatabase(open);
  });

  it("migration 15 gives the month's summary its covering indexes, and every figure is as it was", async () => {
    const { open, databasePath } = await newTeamDatabase();
    const now = new Date('2026-11-24T10:00:00Z');
    generateDemo(open.db, { cases: 120, seed: 15, actor: ADMIN, rules: readTimerRules(open.db), now, asOf: '2026-11-24' });
    const month = { from: '2026-10-01', to: '2026-10-31', workerId: null };
    const year = { from: '2025-11-01', to: '2026-10-31', workerId: null };
    const before = [summaryFigures(open.db, month), summaryFigures(open.db, year), trend(open.db, '2026-10-31', null)];
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.pragma('user_version = 14');
    expect(migrate(open.db, databasePath, { now: () => now })).toMatchObject({ from: 14, to: LATEST_SCHEMA_VERSION });
    const columns = (index: string) => open.db.prepare(`SELECT name FROM pragma_index_info('${index}') ORDER BY seqno`).pluck().all() as (string | null)[];
    expect(columns('orders_period')).toEqual([]); // replaced by migration 16's, owner first
    expect(columns('agency_checks_requested')).toEqual(['requested_date', 'agency', 'case_id']);
    expect(columns('risk_events_date')).toEqual(['event_date', 'case_id']);
    expect(columns('chases_case_date')).toEqual(['case_id', 'chase_date', 'credited_worker_id']);
    expect(columns('contacts_victim_months')).toEqual([null, 'case_id', 'contact_date', 'outcome']); // null: the month, an expression
    expect([summaryFigures(open.db, month), summaryFigures(open.db, year), trend(open.db, '2026-10-31', null)]).toEqual(before);
    // Without statistics (a database never analysed), a case's own records are still read by its
    // index: with the case added to the timers' period indexes, each chase's trigger read every
    // referral timer of the team instead (the demo took 1.6x as long to make, writes 3x).
    const freshPath = join(tempFolder(), 'fresh.plwdb');
    const fresh = openEncryptedDatabase(freshPath, randomBytes(32).toString('hex'), { create: true });
    migrate(fresh, freshPath, { now: () => now });
    const plan = (sql: string) => (fresh.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("UPDATE timers SET last_chase_date = '2026-10-01' WHERE case_id = ? AND timer = 'referral'")).toContain('INDEX timers_case (case_id=?)');
    expect(plan('SELECT max(chase_date) FROM chases WHERE case_id = ?')).toContain('INDEX chases_case_date (case_id=?)');
    expect(plan('SELECT * FROM orders WHERE case_id = ?')).toMatch(/INDEX orders_(case|period) \(case_id=\?\)/);
    expect(plan('SELECT * FROM risk_events WHERE case_id = ?')).toContain('INDEX risk_events_case (case_id=?)');
    expect(plan('SELECT * FROM agency_checks WHERE case_id = ?')).toContain('INDEX agency_checks_case (case_id=?)');
    fresh.close();
    expect(before[0]).toMatchObject({ equality: { offered: { sex: expect.objectContaining({ female: expect.any(Number) }) } } });
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeTeamDatabase(open);
  });

  it("migration 16 gives each order its case's owner and counts the contacts by month, and every figure is as it was", async () => {
    const { open, databasePath } = await newTeamDatabase();
    const now = new Date('2026-11-24T10:00:00Z');
    generateDemo(open.db, { cases: 120, seed: 16, actor: ADMIN, rules: readTimerRules(open.db), now, asOf: '2026-11-24' });
    const scopes = [
      { from: '2026-10-01', to: '2026-10-31', workerId: null },
      { from: '2025-11-01', to: '2026-10-31', workerId: null },
      { from: '2026-10-06', to: '2026-10-20', workerId: null },
    ];
    const worker = open.db.prepare('SELECT owner_worker_id FROM cases GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    scopes.push({ ...scopes[0]!, workerId: worker } as never);
    const figures = () => scopes.map((scope) => summaryFigures(open.db, scope));
    const before = figures();
    open.db.exec(UNDO_SUMMARY_KEPT_BY_WRITES);
    open.db.pragma('user_version = 15');
    expect(migrate(open.db, databasePath, { now: () => now })).toMatchObject({ from: 15, to: LATEST_SCHEMA_VERSION });
    const columns = (index: string) => open.db.prepare(`SELECT name FROM pragma_index_info('${index}') ORDER BY seqno`).pluck().all() as string[];
    expect(columns('orders_owner_period')).toEqual(['owner_worker_id', 'made_date', 'expiry_date', 'resolution', 'resolved_date', 'owner_since', 'case_id']);
    expect(columns('orders_period')).toEqual([]);
    expect(
      open.db
        .prepare(
          'SELECT count(*) FROM orders o JOIN cases c ON c.id = o.case_id WHERE o.owner_worker_id IS NOT c.owner_worker_id OR o.owner_since IS NOT c.owner_since',
        )
        .pluck()
        .get(),
    ).toBe(0);
    expect(open.db.prepare('SELECT count(*) FROM orders WHERE owner_worker_id IS NOT NULL').pluck().get()).toBeGreaterThan(0);
    expect(open.db.prepare('SELECT sum(n) FROM contact_month_counts').pluck().get()).toBe(
      open.db.prepare('SELECT count(*) FROM contacts WHERE deleted_at IS NULL').pluck().get(),
    );
    expect(figures()).toEqual(before);
    expect(before[0]!.workers.some((w) => (w.raw.counts.active_orders ?? 0) > 0 && (w.raw.counts.contacts ?? 0) > 0)).toBe(true);
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeTeamDatabase(open);
  });

  it('migration 6 gives every edited record a version, starting at 1, and a save from an old copy is then refused', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const ctx = { db: open.db, actor: ADMIN, now: new Date('2026-11-24T10:00:00Z'), rules: readTimerRules(open.db) };
    const base = { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-09-01' };
    open.db.exec(UNDO_SUMMARY_INDEXES);
    open.db.exec(UNDO_EDIT_VERSIONS);
    open.db.pragma('user_version = 5');
    // A case made under schema 5, which has no version to write.
    const made = createCase(ctx, base).caseId;
    open.db.exec(UNDO_AUDIT_HASH_IDS);
    open.db.exec(UNDO_MODEL_V2);
    expect(migrate(open.db, databasePath, { now: () => new Date('2026-11-24T10:00:00Z') })).toMatchObject({ from: 5, to: LATEST_SCHEMA_VERSION });
    expect(open.db.prepare('SELECT version, changed_by FROM cases WHERE id = ?').get(made)).toEqual({ version: 1, changed_by: null });
    expect(open.db.prepare('SELECT area, version FROM settings_versions ORDER BY area').all()).toEqual([
      { area: 'letter-templates', version: 1 },
      { area: 'settings', version: 1 },
      { area: 'timer-rules', version: 1 },
    ]);
    updateCase(ctx, made, caseInputSchema.parse({ ...base, victimName: 'V2' }), { version: 1 });
    expect(() => updateCase(ctx, made, caseInputSchema.parse({ ...base, victimName: 'V3' }), { version: 1 })).toThrow(
      /^This was changed by Sam Admin at 10:00 on 24 Nov 2026: reload and apply your change again\.$/,
    );
    expect(open.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeTeamDatabase(open);
  });

  it('migration 7 keeps version 1 entries checkable as written, and hashes new ones with their id', async () => {
    const path = join(tempFolder(), 'v6.plwdb');
    const db = openEncryptedDatabase(path, randomBytes(32).toString('hex'), { create: true });
    migrate(db, path, { migrations: MIGRATIONS.slice(0, 6) });
    // Entries as schema 6 wrote them: hash version 1, without the id.
    const v1 = (prev: string, at: string, action: string) =>
      createHash('sha256')
        .update(JSON.stringify([prev, at, 'Sam Admin', action, null, null, null, null]))
        .digest('hex');
    let prev = GENESIS_HASH;
    for (const [i, action] of ['database.created', 'session.unlocked'].entries()) {
      const at = `2026-11-2${i}T09:00:00.000Z`;
      const hash = v1(prev, at, action);
      db.prepare('INSERT INTO audit_log (at, account_name, action, prev_hash, hash) VALUES (?, ?, ?, ?, ?)').run(at, 'Sam Admin', action, prev, hash);
      prev = hash;
    }
    expect(migrate(db, path, { migrations: MIGRATIONS.slice(0, 7) })).toMatchObject({ from: 6, to: 7 });
    recordAudit(db, 'Sam Admin', { action: 'session.unlocked' });
    expect(db.prepare('SELECT id, hash_version FROM audit_log ORDER BY id').all()).toEqual([
      { id: 1, hash_version: 1 },
      { id: 2, hash_version: 1 },
      { id: 3, hash_version: 2 },
    ]);
    expect(brokenAuditEntry(db)).toBeNull();
    db.close();
  });

  it("migration 8 gives accounts room for their public keys and a removed date; each account's keys arrive at its next unlock", async () => {
    const path = join(tempFolder(), 'v7.plwdb');
    const db = openEncryptedDatabase(path, randomBytes(32).toString('hex'), { create: true });
    migrate(db, path, { migrations: MIGRATIONS.slice(0, 7) });
    db.prepare("INSERT INTO accounts (account_name, role, created_at) VALUES ('Sam Admin', 'admin', '2026-11-01T09:00:00Z')").run();
    expect(migrate(db, path, { migrations: MIGRATIONS.slice(0, 8) })).toMatchObject({ from: 7, to: 8 });
    expect(db.prepare('SELECT account_name, sealing_public_key, signing_public_key, removed_at FROM accounts').all()).toEqual([
      { account_name: 'Sam Admin', sealing_public_key: null, signing_public_key: null, removed_at: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM account_signing_keys').get()).toEqual({ n: 0 });
    db.close();
    // The unlock that fills them in, from a version 1 keyring, is in account-lifecycle.test.ts.
  });

  it('keeps an encrypted copy of the file before upgrading a database that holds data', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const next: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'test column',
      up: (db) => db.exec('ALTER TABLE accounts ADD COLUMN colour TEXT'),
    };
    const outcome = migrate(open.db, databasePath, { migrations: [...MIGRATIONS, next], now: () => new Date('2026-11-24T10:00:00Z') });
    expect(outcome.from).toBe(LATEST_SCHEMA_VERSION);
    expect(outcome.to).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(outcome.backupPath).toBe(`${databasePath}.before-schema-${LATEST_SCHEMA_VERSION + 1}.2026-11-24T10-00-00-000Z.bak`);
    expect(existsSync(outcome.backupPath!)).toBe(true);
    expect(readFileSync(outcome.backupPath!).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    const backup = openEncryptedDatabase(outcome.backupPath!, open.dataKey.toString('hex'), { create: false });
    expect(schemaVersion(backup)).toBe(LATEST_SCHEMA_VERSION);
    backup.close();
    closeTeamDatabase(open);
  });

  it('rolls back a migration that fails half-way, leaving the version as it was', async () => {
    const { open, databasePath } = await newTeamDatabase();
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(open.db, databasePath, { migrations: [...MIGRATIONS, broken] })).toThrow('boom');
    expect(schemaVersion(open.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tablesOf(open.db)).not.toContain('half_done');
    closeTeamDatabase(open);
  });

  it('refuses a database made by a newer version, with a clear message, and changes nothing', async () => {
    const { open, databasePath } = await newTeamDatabase();
    open.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    closeTeamDatabase(open);
    await expect(unlockTeamDatabase({ databasePath, accountName: ADMIN, passphrase: ADMIN_PASSPHRASE })).rejects.toMatchObject({
      code: 'DATABASE_NEWER',
      message: expect.stringMatching(/made by a newer version of Partner Link Tracker.*Nothing was changed/),
    });
  });
});
