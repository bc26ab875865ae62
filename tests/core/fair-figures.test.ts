/**
 * Fair figures (model v2 §6) on a hand-built team, October 2026, each number worked out by hand
 * in the comments. Priya works from Blackburn, Tom from Burnley; Mo manages; Sam administers.
 *
 *   A  Priya (Blackburn)  female, ex-partner, born 1 May 1990 (35 to 44). Tom covers: spoke to her Mon 5 Oct.
 *                         Police check asked Tue 6 Oct.
 *   B  Priya (Blackburn)  female, current partner, born 1 Jan 2000 (25 to 34). Priya: no answer Sat 10 Oct.
 *                         Audited by Mo Wed 14 Oct (Priya's then). Given to Tom Thu 15 Oct.
 *                         Children's social care check asked Fri 16 Oct. Tom: spoke to her Tue 20 Oct.
 *   C  Tom (Burnley)      nothing recorded about her. Tom: text sent Mon 12 Oct. Audited by Mo Tue 20 Oct.
 *   D  Tom (Burnley)      sentenced Thu 1 Oct, no referral (due Thu 8 Oct): chased by Priya (covering) Mon 12 Oct and
 *                         by Tom Tue 20 Oct; missing at the end of October.
 *   E1-E5 Tom (Burnley)   female; Tom: no answer Wed 7 Oct, one each.
 *   Supervision: Priya Wed 21 Oct; Tom Thu 22 and Thu 29 Oct.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import { AUDIT_CHECKLIST } from '../../shared/oversight';

type Figures = Record<string, number | null>;
type Summary = {
  team: Figures;
  workers: (Figures & { worker: string })[];
  equality: { offered: Record<string, Record<string, number>>; engaged: Record<string, Record<string, number>> } | null;
};

let clock = new Date('2026-09-30T10:00:00Z');
let ok: (channel: string, input: unknown) => Promise<never>;
let core: AppCore;
let folder: string;
const PASS = { 'Sam Admin': 'a long passphrase', 'Priya Shah': 'priya own passphrase', 'Tom Worker': 'tom own passphrase', 'Mo Manager': 'mo own passphrase' };
type Who = keyof typeof PASS;
const as = async (who: Who) => {
  core.lock('requested');
  await core.unlock({ accountName: who, passphrase: PASS[who] });
};
const on = (date: string) => (clock = new Date(`${date}T10:00:00Z`));

beforeAll(async () => {
  // Its own folder (the helpers' temporary folders are removed after each test).
  folder = mkdtempSync(join(tmpdir(), 'plw-fair-figures-'));
  core = new AppCore({ configDir: folder, emit: () => undefined, choose: async (_kind, name) => join(folder, name ?? 'export'), now: () => clock });
  const handlers = createHandlers(core);
  ok = async (channel, input) => {
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value as never;
  };
  await ok('database.create', { teamName: 'Pennine', accountName: 'Sam Admin', passphrase: PASS['Sam Admin'], passphraseConfirm: PASS['Sam Admin'] });
  for (const [name, role] of [
    ['Priya Shah', 'plw'],
    ['Tom Worker', 'plw'],
    ['Mo Manager', 'manager'],
  ] as const) {
    await ok('accounts.add', { accountName: name, role, temporaryPassphrase: 'first day passphrase' });
  }
  const blackburn = ((await ok('offices.add', { name: 'Blackburn PDU' })) as { officeId: number }).officeId;
  const burnley = ((await ok('offices.add', { name: 'Burnley PDU' })) as { officeId: number }).officeId;
  await ok('accounts.setOffice', { accountName: 'Priya Shah', officeId: blackburn });
  await ok('accounts.setOffice', { accountName: 'Tom Worker', officeId: burnley });
  for (const who of ['Priya Shah', 'Tom Worker', 'Mo Manager'] as const) {
    core.lock('requested');
    await core.unlock({ accountName: who, passphrase: 'first day passphrase', newPassphrase: PASS[who] });
  }
  await as('Sam Admin');
  const newCase = async (caseRef: string, ownerName: string, officeId: number, extra: object = {}) =>
    (
      (await ok('cases.create', {
        case: {
          caseRef,
          ownerName,
          victimName: `V ${caseRef}`,
          perpetratorName: `P ${caseRef}`,
          sentenceDate: '2026-09-01',
          referralReceivedDate: '2026-09-03',
          officeId,
          ...extra,
        },
      })) as { caseId: number }
    ).caseId;
  const A = await newCase('A', 'Priya Shah', blackburn, { sex: 'female', relationship: 'ex_partner', victimDob: '1990-05-01' });
  const B = await newCase('B', 'Priya Shah', blackburn, { sex: 'female', relationship: 'current_partner', victimDob: '2000-01-01' });
  const C = await newCase('C', 'Tom Worker', burnley);
  const D = await newCase('D', 'Tom Worker', burnley, { sentenceDate: '2026-10-01', referralReceivedDate: null });
  const E = [];
  for (let i = 1; i <= 5; i++) E.push(await newCase(`E${i}`, 'Tom Worker', burnley, { sex: 'female' }));
  const contact = (caseId: number, date: string, method: string, outcome: string) => ok('contacts.log', { caseId, contact: { date, method, outcome } });

  await as('Tom Worker');
  on('2026-10-05');
  await contact(A, '2026-10-05', 'phone', 'spoke_to_victim');
  on('2026-10-07');
  for (const e of E) await contact(e, '2026-10-07', 'phone', 'no_answer');
  on('2026-10-12');
  await contact(C, '2026-10-12', 'text', 'message_sent');
  await as('Priya Shah');
  on('2026-10-06');
  await ok('agencyChecks.request', { caseId: A, check: { agency: 'police', requestedDate: '2026-10-06' } });
  on('2026-10-10');
  await contact(B, '2026-10-10', 'phone', 'no_answer');
  on('2026-10-12');
  await ok('cases.logChase', { caseId: D, chase: { date: '2026-10-12' } });
  await as('Mo Manager');
  const allYes = Object.fromEntries(AUDIT_CHECKLIST.values.map((item) => [item, 'yes']));
  on('2026-10-14');
  await ok('audits.record', { caseId: B, audit: { date: '2026-10-14', checklist: allYes, outcome: 'good' } });
  await as('Sam Admin');
  on('2026-10-15');
  await ok('cases.reassign', { caseId: B, ownerName: 'Tom Worker' });
  await as('Tom Worker');
  on('2026-10-16');
  await ok('agencyChecks.request', { caseId: B, check: { agency: 'childrens_social_care', requestedDate: '2026-10-16' } });
  on('2026-10-20');
  await contact(B, '2026-10-20', 'phone', 'spoke_to_victim');
  await ok('cases.logChase', { caseId: D, chase: { date: '2026-10-20' } });
  await as('Mo Manager');
  await ok('audits.record', { caseId: C, audit: { date: '2026-10-20', checklist: allYes, outcome: 'requires_improvement' } });
  const worker = (name: string) =>
    (ok as never as (c: string, i: unknown) => Promise<{ id: number; name: string }[]>)('workers.list', {}).then((ws) => ws.find((w) => w.name === name)!.id);
  on('2026-10-21');
  await ok('supervision.add', { workerId: await worker('Priya Shah'), date: '2026-10-21', note: 'Note' });
  on('2026-10-22');
  await ok('supervision.add', { workerId: await worker('Tom Worker'), date: '2026-10-22', note: 'Note' });
  on('2026-10-29');
  await ok('supervision.add', { workerId: await worker('Tom Worker'), date: '2026-10-29', note: 'Note' });
  on('2026-11-24');
}, 120_000);

afterAll(() => {
  core.lock('requested');
  rmSync(folder, { recursive: true, force: true });
});

const summary = (query: object) => ok('reports.summary', { from: '2026-10-01', to: '2026-10-31', scope: 'team', ...query }) as Promise<Summary>;
const byWorker = (s: Summary, key: string) => Object.fromEntries(s.workers.map((w) => [w.worker, w[key]]));

describe('work credited to whoever did it', () => {
  it('contacts and chases to the worker who logged them, covering included', async () => {
    const s = await summary({});
    // Priya: B 10 Oct. Tom: A (covering), B after it was his, C, and E1-E5.
    expect(byWorker(s, 'contacts')).toMatchObject({ 'Priya Shah': 1, 'Tom Worker': 8 });
    expect(s.team.contacts).toBe(9);
    // D chased by Priya (covering) and by Tom.
    expect(byWorker(s, 'chases_logged')).toMatchObject({ 'Priya Shah': 1, 'Tom Worker': 1 });
    expect(byWorker(s, 'chases_of_missing')).toMatchObject({ 'Priya Shah': 1, 'Tom Worker': 1 });
    expect(byWorker(s, 'referrals_missing')).toMatchObject({ 'Tom Worker': 1 });
  });

  it('each victim once, for whoever owned her case on the day of her first contact in the period', async () => {
    const s = await summary({});
    // A: first contact 5 Oct, Priya's case (Tom covered). B: first 10 Oct, Priya's. C and E1-E5: Tom's.
    expect(byWorker(s, 'victims_offered_support')).toMatchObject({ 'Priya Shah': 2, 'Tom Worker': 6 });
    expect(byWorker(s, 'victims_spoken_to')).toMatchObject({ 'Priya Shah': 2 });
    expect(s.team).toMatchObject({ victims_offered_support: 8, victims_spoken_to: 2 });
  });

  it('caseload at a date from the ownership history: September stays as it was after B changed hands', async () => {
    // 31 Oct: A Priya; B (given to Tom 15 Oct), C, D, E1-E5 Tom.
    expect(byWorker(await summary({}), 'open_caseload')).toMatchObject({ 'Priya Shah': 1, 'Tom Worker': 8 });
    // 30 Sep: A and B Priya; C and E1-E5 Tom; D not yet sentenced.
    const september = await summary({ from: '2026-09-01', to: '2026-09-30' });
    expect(byWorker(september, 'open_caseload')).toMatchObject({ 'Priya Shah': 2, 'Tom Worker': 6 });
  });

  it('checks, audits and supervision, each for the worker it was about', async () => {
    const s = await summary({});
    expect(byWorker(s, 'police_checks')).toMatchObject({ 'Priya Shah': 1 });
    // B's check was asked after B became Tom's.
    expect(byWorker(s, 'childrens_social_care_checks')).toMatchObject({ 'Tom Worker': 1 });
    // B audited on 14 Oct, while it was Priya's.
    expect(byWorker(s, 'case_audits')).toMatchObject({ 'Priya Shah': 1, 'Tom Worker': 1 });
    expect(byWorker(s, 'supervision_sessions')).toMatchObject({ 'Priya Shah': 1, 'Tom Worker': 2 });
    expect(s.team).toMatchObject({ police_checks: 1, childrens_social_care_checks: 1, case_audits: 2, supervision_sessions: 3 });
  });

  it('one worker’s scope gives that worker’s figures', async () => {
    const tomId = ((await ok('workers.list', {})) as { id: number; name: string }[]).find((w) => w.name === 'Tom Worker')!.id;
    const tom = await summary({ scope: 'worker', workerId: tomId });
    expect(tom.team).toMatchObject({ contacts: 8, chases_logged: 1, victims_offered_support: 6, open_caseload: 8, supervision_sessions: 2, case_audits: 1 });
  });
});

describe('an office’s figures', () => {
  it('Blackburn: its cases A and B, whoever works them, and the supervision of its workers', async () => {
    const offices = (await ok('offices.list', {})) as { id: number; name: string; cases: number; accounts: number }[];
    const blackburn = offices.find((o) => o.name === 'Blackburn PDU')!;
    expect(blackburn).toMatchObject({ cases: 2, accounts: 1 });
    const s = await summary({ scope: 'office', officeId: blackburn.id });
    expect(byWorker(s, 'open_caseload')).toMatchObject({ 'Priya Shah': 1, 'Tom Worker': 1 });
    expect(byWorker(s, 'contacts')).toMatchObject({ 'Priya Shah': 1, 'Tom Worker': 2 });
    expect(s.team).toMatchObject({ victims_offered_support: 2, supervision_sessions: 1, police_checks: 1, childrens_social_care_checks: 1, chases_logged: 0 });
  });
});

describe('equality breakdowns', () => {
  it('count victims offered support and engaged by each characteristic', async () => {
    const { equality } = await summary({});
    expect(equality!.offered.sex).toEqual({ female: 7, not_recorded: 1 });
    expect(equality!.engaged.sex).toEqual({ female: 2 });
    expect(equality!.offered.relationship).toEqual({ ex_partner: 1, current_partner: 1, not_recorded: 6 });
    // Ages on 31 October: A 36, B 26.
    expect(equality!.offered.age_band).toEqual({ '35_44': 1, '25_34': 1, not_recorded: 6 });
  });

  it('exports show every count below 5 as "fewer than 5", in JSON, CSV and PDF', async () => {
    await ok('reports.export', { query: { from: '2026-10-01', to: '2026-10-31', scope: 'team' }, format: 'json' });
    const json = JSON.parse(readFileSync(join(folder, 'summary-team-2026-10-01-to-2026-10-31.json'), 'utf8')) as {
      equality: { offered: Record<string, Record<string, unknown>>; engaged: Record<string, Record<string, unknown>> };
    };
    expect(json.equality.offered.sex).toEqual({ female: 7, not_recorded: 'fewer than 5' });
    expect(json.equality.engaged.sex).toEqual({ female: 'fewer than 5' });
    await ok('reports.export', { query: { from: '2026-10-01', to: '2026-10-31', scope: 'team' }, format: 'csv' });
    const csv = readFileSync(join(folder, 'summary-team-2026-10-01-to-2026-10-31', 'equality.csv'), 'utf8');
    expect(csv).toContain('Sex,Female,7,fewer than 5');
    expect(csv).toContain('Sex,Not recorded,fewer than 5,fewer than 5');
    await ok('reports.export', { query: { from: '2026-10-01', to: '2026-10-31', scope: 'team' }, format: 'pdf' });
    const pdf = execFileSync('pdftotext', ['-layout', join(folder, 'summary-team-2026-10-01-to-2026-10-31.pdf'), '-'], { encoding: 'utf8' });
    expect(pdf).toMatch(/Female\s+7\s+fewer than 5/);
  });
});
