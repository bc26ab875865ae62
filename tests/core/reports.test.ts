/**
 * The managers' figures against a hand-built team, for October 2026. The expected
 * numbers are worked out in the comments beside each case.
 */
import { describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app-core';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import { summarise } from '../../electron/core/reports/summary';
import { median, percent } from '../../shared/report-definitions';
import { tempFolder } from './helpers';

async function handBuiltTeam() {
  const core = new AppCore({ configDir: tempFolder(), emit: () => undefined, choose: async () => null, now: () => new Date('2026-11-24T10:00:00Z') });
  const handlers = createHandlers(core);
  const ok = async (channel: string, input: unknown) => {
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value as never;
  };
  await ok('database.create', { teamName: 'Team', accountName: 'Sam Admin', passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
  const newCase = async (owner: string, extra: object) =>
    ((await ok('cases.create', { case: { ownerName: owner, victimName: 'V', perpetratorName: 'P', ...extra } })) as { caseId: number }).caseId;
  const contact = (caseId: number, date: string, method: string, outcome: string) => ok('contacts.log', { caseId, contact: { date, method, outcome } });

  // Case 1 (Priya): sentenced Thu 1 Oct, referral Mon 5 Oct (due Thu 8 Oct: on time, lag 4 days).
  // First contact due 12 Oct, attempted 9 Oct (on time, 4 days); spoken to on 20 Oct.
  const c1 = await newCase('Priya Shah', { sentenceDate: '2026-10-01', referralReceivedDate: '2026-10-05' });
  await contact(c1, '2026-10-09', 'phone', 'no_answer');
  await contact(c1, '2026-10-20', 'face_to_face', 'spoke_to_victim');
  // Case 2 (Priya): sentenced Mon 5 Oct, referral Mon 19 Oct (due 12 Oct: late, lag 14 days).
  // First contact due 26 Oct, attempted 28 Oct (late, 9 days).
  const caseVersion = async (caseId: number) => ((await ok('cases.get', { caseId })) as { version: number }).version;
  const c2 = await newCase('Priya Shah', { sentenceDate: '2026-10-05', referralReceivedDate: '2026-10-19' });
  await contact(c2, '2026-10-28', 'home_visit', 'no_answer');
  // Case 3 (Tom): sentenced Mon 12 Oct, no referral (due 19 Oct): missing at the end of October, chased twice.
  const c3 = await newCase('Tom Worker', { sentenceDate: '2026-10-12' });
  await ok('cases.logChase', { caseId: c3, chase: { date: '2026-10-22' } });
  await ok('cases.logChase', { caseId: c3, chase: { date: '2026-10-27' } });
  // Case 4 (Tom): September sentence and referral, closed 15 Oct; spoken to on 2 Oct.
  const c4 = await newCase('Tom Worker', { sentenceDate: '2026-09-01', referralReceivedDate: '2026-09-03' });
  await contact(c4, '2026-10-02', 'phone', 'spoke_to_victim');
  await ok('cases.update', {
    caseId: c4,
    version: await caseVersion(c4),
    case: {
      ownerName: 'Tom Worker',
      victimName: 'V',
      perpetratorName: 'P',
      sentenceDate: '2026-09-01',
      referralReceivedDate: '2026-09-03',
      closedDate: '2026-10-15',
    },
  });
  // Case 5 (Tom): sentenced Tue 20 Oct, referral 21 Oct (lag 1); first contact due 28 Oct, never attempted.
  // A risk event on Thu 22 Oct shared with the RO on Fri 23 Oct (in time); an order made 1 Oct expiring 20 Nov;
  // MARAC referral 25 Oct; IDVA referral 26 Oct.
  const c5 = await newCase('Tom Worker', { sentenceDate: '2026-10-20', referralReceivedDate: '2026-10-21' });
  await ok('risk.log', { caseId: c5, event: { date: '2026-10-22', category: 'new_incident' } });
  await ok('liaison.log', { caseId: c5, liaison: { date: '2026-10-23', agency: 'ro' } });
  await ok('orders.save', { caseId: c5, order: { orderRef: 'NMO-1', orderType: 'non_molestation_order', madeDate: '2026-10-01', expiryDate: '2026-11-20' } });
  await ok('marac.refer', { caseId: c5, referral: { date: '2026-10-25', criteria: ['professional_judgement'] } });
  await ok('idva.update', { caseId: c5, version: await caseVersion(c5), idva: { idvaStatus: 'referred', idvaReferralDate: '2026-10-26' } });
  // Case 6 (Priya): sentenced in November, outside the period.
  await newCase('Priya Shah', { sentenceDate: '2026-11-02' });
  return core;
}

describe('managers’ summary', () => {
  it('computes every figure for the team and each worker, as worked out by hand', async () => {
    const core = await handBuiltTeam();
    const db = core.session()!.database.db;
    const summary = summarise(db, { from: '2026-10-01', to: '2026-10-31', workerId: null, scopeLabel: 'Team' });
    expect(summary.team).toEqual({
      open_caseload: 4, // cases 1, 2, 3, 5 (4 closed on 15 Oct, 6 sentenced in November)
      new_referrals: 3, // cases 1, 2, 5
      referrals_late: 1, // case 2
      median_referral_lag_days: 4, // lags 4, 14, 1
      referrals_missing: 1, // case 3
      missing_referrals_chased: 1,
      chases_of_missing: 2,
      first_contacts_due: 3, // cases 1 (12 Oct), 2 (26 Oct), 5 (28 Oct)
      first_contacts_on_time: 1, // case 1
      first_contacts_on_time_pct: 33,
      median_days_to_first_attempt: 6.5, // 4 and 9 (case 5 never attempted)
      victims_offered_support: 3, // cases 1, 2, 4
      victims_spoken_to: 2, // cases 1, 4
      contacts: 4,
      chases_logged: 2, // case 3, 22 and 27 Oct
      risk_events: 1,
      risk_shared_on_time_pct: 100,
      active_orders: 1,
      orders_expiring_28_days: 1, // 20 Nov is within 28 days of 31 Oct
      marac_referrals: 1,
      idva_referrals: 1,
      police_checks: 0,
      childrens_social_care_checks: 0,
      case_audits: 0,
      supervision_sessions: 0,
      overdue_timers: 2, // case 3's referral, case 5's first contact
      overdue_by_timer: { referral: 1, first_contact: 1 },
      contacts_by_method: { phone: 2, face_to_face: 1, home_visit: 1 },
      contacts_by_outcome: { no_answer: 2, spoke_to_victim: 2 },
    });
    const priya = summary.workers.find((w) => w.worker === 'Priya Shah')!;
    expect(priya).toMatchObject({
      open_caseload: 2,
      new_referrals: 2,
      median_referral_lag_days: 9,
      first_contacts_due: 2,
      first_contacts_on_time_pct: 50,
      median_days_to_first_attempt: 6.5,
      overdue_timers: 0,
    });
    const tom = summary.workers.find((w) => w.worker === 'Tom Worker')!;
    expect(tom).toMatchObject({
      open_caseload: 2,
      new_referrals: 1,
      median_referral_lag_days: 1,
      referrals_missing: 1,
      first_contacts_due: 1,
      first_contacts_on_time_pct: 0,
      median_days_to_first_attempt: null,
      overdue_timers: 2,
    });
    // One worker's scope gives that worker's figures.
    const tomId = (db.prepare("SELECT id FROM workers WHERE name = 'Tom Worker'").get() as { id: number }).id;
    expect(summarise(db, { from: '2026-10-01', to: '2026-10-31', workerId: tomId, scopeLabel: 'Tom Worker' }).team).toMatchObject({
      open_caseload: 2,
      overdue_timers: 2,
    });
  });

  it('shows the 12 months to the period end, month by month', async () => {
    const core = await handBuiltTeam();
    const { trend } = summarise(core.session()!.database.db, { from: '2026-10-01', to: '2026-10-31', workerId: null, scopeLabel: 'Team' });
    expect(trend.map((t) => t.month)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    // September: case 4's referral (on time); its first contact (due 10 Sep) was attempted only on 2 Oct.
    expect(trend.at(-2)).toEqual({ month: '2026-09', new_referrals: 1, referrals_late: 0, first_contacts_on_time_pct: 0, victims_offered_support: 0 });
    expect(trend.at(-1)).toEqual({ month: '2026-10', new_referrals: 3, referrals_late: 1, first_contacts_on_time_pct: 33, victims_offered_support: 3 });
    expect(trend[0]).toEqual({ month: '2025-11', new_referrals: 0, referrals_late: 0, first_contacts_on_time_pct: null, victims_offered_support: 0 });
  });

  it('medians and percentages follow their definitions', () => {
    expect([median([]), median([3]), median([5, 1, 3]), median([4, 1, 3, 2])]).toEqual([null, 3, 3, 2.5]);
    expect([percent(1, 3), percent(2, 3), percent(0, 0)]).toEqual([33, 67, null]);
  });
});

describe('exports through the app', () => {
  it('the personal case list needs the warning accepted, is written only where chosen, and is audited', async () => {
    const folder = tempFolder();
    const core = new AppCore({
      configDir: folder,
      emit: () => undefined,
      choose: async (_k, name) => `${folder}/${name}`,
      now: () => new Date('2026-11-24T10:00:00Z'),
    });
    const handlers = createHandlers(core);
    await dispatch(handlers, 'database.create', {
      teamName: 'Team',
      accountName: 'Sam Admin',
      passphrase: 'a long passphrase',
      passphraseConfirm: 'a long passphrase',
    });
    await dispatch(handlers, 'cases.create', { case: { ownerName: 'Sam Admin', victimName: 'Ana Núñez', perpetratorName: 'P', sentenceDate: '2026-10-01' } });
    expect(await dispatch(handlers, 'reports.exportCaseList', { scope: 'team', confirmed: false })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'confirmed', message: 'Confirm you understand this file holds personal details' },
    });
    expect(await dispatch(handlers, 'reports.exportCaseList', { scope: 'team', confirmed: true })).toEqual({
      ok: true,
      value: { savedAs: 'case-list-personal-2026-11-24.xlsx' },
    });
    const audit = core.session()!.database.db.prepare("SELECT account_name, detail FROM audit_log WHERE action = 'case-list.exported'").all() as {
      account_name: string;
      detail: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ cases: 1, file: 'case-list-personal-2026-11-24.xlsx' });

    // A worker exports their own cases only: the team's victims are for administrators.
    await dispatch(handlers, 'accounts.add', { accountName: 'Priya Shah', role: 'plw', temporaryPassphrase: 'a temporary passphrase' });
    await dispatch(handlers, 'cases.create', {
      case: { ownerName: 'Priya Shah', victimName: 'Bea Brennan', perpetratorName: 'P', sentenceDate: '2026-10-01' },
    });
    await dispatch(handlers, 'session.lock', {});
    expect(
      await dispatch(handlers, 'session.unlock', {
        accountName: 'Priya Shah',
        passphrase: 'a temporary passphrase',
        newPassphrase: 'priya chose her own',
        newPassphraseConfirm: 'priya chose her own',
      }),
    ).toMatchObject({ ok: true });
    for (const scope of [{ scope: 'team' }, { scope: 'worker', workerId: 1 }]) {
      expect(await dispatch(handlers, 'reports.exportCaseList', { ...scope, confirmed: true })).toMatchObject({
        ok: false,
        error: { code: 'NOT_ALLOWED', message: expect.stringMatching(/^You can export the case list of your own cases/) },
      });
    }
    expect(await dispatch(handlers, 'reports.exportCaseList', { scope: 'mine', confirmed: true })).toMatchObject({ ok: true });
    const mine = core
      .session()!
      .database.db.prepare("SELECT detail FROM audit_log WHERE action = 'case-list.exported' AND account_name = 'Priya Shah'")
      .get() as { detail: string };
    expect(JSON.parse(mine.detail)).toMatchObject({ cases: 1 });
  });
});
