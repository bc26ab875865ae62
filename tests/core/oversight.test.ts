/**
 * Oversight (model v2 §6) through the handler table: a manager audits a case (the checklist
 * suggested from its records, confirmed by the manager), draws a sample of cases per worker,
 * and keeps supervision notes that only managers and that worker read. Today is Tue 24 Nov 2026.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_CHECKLIST } from '../../shared/oversight';
import { coreThroughHandlers } from './helpers';

const ALL_YES = Object.fromEntries(AUDIT_CHECKLIST.values.map((item) => [item, 'yes']));

async function setUp() {
  const t = coreThroughHandlers({ now: () => new Date('2026-11-24T10:00:00Z') });
  const { core, ok } = t;
  await ok('database.create', { teamName: 'Team', accountName: 'Sam Admin', passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
  await ok('accounts.add', { accountName: 'Priya Shah', role: 'plw', temporaryPassphrase: 'priya first day' });
  await ok('accounts.add', { accountName: 'Tom Worker', role: 'plw', temporaryPassphrase: 'tom first day here' });
  await ok('accounts.add', { accountName: 'Mo Manager', role: 'manager', temporaryPassphrase: 'mo first day here' });
  const newCase = async (ownerName: string, extra: object = {}) =>
    ((await ok('cases.create', { case: { ownerName, victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-11-02', ...extra } })) as { caseId: number })
      .caseId;
  const priyas = [await newCase('Priya Shah', { referralReceivedDate: '2026-11-03' }), await newCase('Priya Shah'), await newCase('Priya Shah')];
  const toms = [await newCase('Tom Worker'), await newCase('Tom Worker')];
  const as = async (accountName: string, passphrase: string, newPassphrase: string) => {
    core.lock('requested');
    await core.unlock({ accountName, passphrase, newPassphrase });
  };
  return { ...t, priyas, toms, as };
}

describe('case audits', () => {
  it('suggests each answer from the case’s records, and keeps the manager’s audit with whose work it was', async () => {
    const { ok, call, priyas, as } = await setUp();
    await as('Mo Manager', 'mo first day here', 'mo own passphrase here');
    const before = (await ok('audits.forCase', { caseId: priyas[0] })) as { audits: unknown[]; suggested: Record<string, string> };
    // Referral 3 Nov met on time (due 9 Nov); first contact due 10 Nov never attempted; no plan, no risk events, no orders.
    expect(before.suggested).toEqual({
      referral_chased: 'not_applicable',
      first_contact_on_time: 'no',
      contact_adequate: 'not_applicable',
      safety_plan_current: 'no',
      risk_shared: 'not_applicable',
      orders_known: 'not_applicable',
    });
    await ok('audits.record', {
      caseId: priyas[0],
      audit: {
        date: '2026-11-24',
        checklist: { ...before.suggested, first_contact_on_time: 'no' },
        outcome: 'requires_improvement',
        actions: 'Call her this week',
      },
    });
    const after = (await ok('audits.forCase', { caseId: priyas[0] })) as { audits: { auditor: string; ownerName: string; outcome: string; actions: string }[] };
    expect(after.audits).toMatchObject([{ auditor: 'Mo Manager', ownerName: 'Priya Shah', outcome: 'requires_improvement', actions: 'Call her this week' }]);
    expect(
      await call('audits.record', { caseId: priyas[0], audit: { date: '2026-11-24', checklist: { referral_chased: 'yes' }, outcome: 'good' } }),
    ).toMatchObject({
      ok: false,
      error: { message: 'Answer each question: yes, no or does not apply' },
    });
    expect(await call('audits.record', { caseId: priyas[0], audit: { date: '2026-11-25', checklist: ALL_YES, outcome: 'good' } })).toMatchObject({
      ok: false,
      error: { field: 'date', message: 'The date of the audit must be today or in the past' },
    });
  });

  it('is a manager’s: a worker and an administrator may read a case’s audits but not record one', async () => {
    const { call, priyas, as } = await setUp();
    const audit = { date: '2026-11-24', checklist: ALL_YES, outcome: 'good' };
    expect(await call('audits.record', { caseId: priyas[0], audit })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    await as('Priya Shah', 'priya first day', 'priya own passphrase');
    expect(await call('audits.record', { caseId: priyas[0], audit })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    expect(await call('audits.forCase', { caseId: priyas[0] })).toMatchObject({ ok: true });
  });

  it('draws N open cases per worker, leaving out those audited in the last 90 days, and audits the draw', async () => {
    const { ok, db, priyas, toms, as } = await setUp();
    await as('Mo Manager', 'mo first day here', 'mo own passphrase here');
    await ok('audits.record', { caseId: priyas[1], audit: { date: '2026-11-20', checklist: ALL_YES, outcome: 'good' } });
    const sample = (await ok('audits.sample', { perWorker: 5 })) as { rows: { worker: string; caseId: number }[] };
    const byWorker = (name: string) =>
      sample.rows
        .filter((r) => r.worker === name)
        .map((r) => r.caseId)
        .sort();
    expect(byWorker('Priya Shah')).toEqual([priyas[0], priyas[2]].sort());
    expect(byWorker('Tom Worker')).toEqual([...toms].sort());
    const two = (await ok('audits.sample', { perWorker: 1 })) as { rows: { worker: string }[] };
    expect(two.rows.map((r) => r.worker).sort()).toEqual(['Priya Shah', 'Tom Worker']);
    const drawn = db().prepare("SELECT detail FROM audit_log WHERE action = 'case-audit.sample-drawn'").pluck().all() as string[];
    expect(drawn.map((d) => JSON.parse(d))).toEqual([
      { perWorker: 5, cases: 4 },
      { perWorker: 1, cases: 2 },
    ]);
  });
});

describe('supervision notes', () => {
  it('a manager writes them; the worker reads their own and no one else’s; an administrator reads none', async () => {
    const { ok, call, db, as } = await setUp();
    const worker = (name: string) => db().prepare('SELECT id FROM workers WHERE name = ?').pluck().get(name) as number;
    const priya = worker('Priya Shah');
    const tom = worker('Tom Worker');
    expect(await call('supervision.list', { workerId: priya })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    await as('Mo Manager', 'mo first day here', 'mo own passphrase here');
    await ok('supervision.add', { workerId: priya, date: '2026-11-23', note: 'PRIYA-NOTE: caseload manageable' });
    await ok('supervision.add', { workerId: tom, date: '2026-11-23', note: 'TOM-NOTE' });
    expect(((await ok('supervision.list', { workerId: priya })) as { notes: { note: string; manager: string }[] }).notes).toMatchObject([
      { note: 'PRIYA-NOTE: caseload manageable', manager: 'Mo Manager' },
    ]);
    await as('Priya Shah', 'priya first day', 'priya own passphrase');
    expect(((await ok('supervision.list', {})) as { notes: { note: string }[] }).notes.map((n) => n.note)).toEqual(['PRIYA-NOTE: caseload manageable']);
    expect(await call('supervision.list', { workerId: tom })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    expect(await call('supervision.add', { workerId: priya, date: '2026-11-23', note: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    // The audit log says a note was added for whom, never what it says.
    expect(JSON.stringify(db().prepare('SELECT detail FROM audit_log').all())).not.toContain('NOTE');
  });
});
