/**
 * Agencies and the safety plan (model v2 §4-5), through the same handler table the app serves:
 * checks asked, chased and answered; DASH as 24 answers; MARAC referrals, meetings and actions;
 * Clare's Law and the VLO; the safety plan and its review, brought forward by a linked case's risk event.
 * Today is Tue 24 Nov 2026 throughout.
 */
import { describe, expect, it } from 'vitest';
import { DASH_QUESTIONS } from '../../shared/agency-reference';
import type { AgenciesView, SafetyPlanView } from '../../shared/agency-views';
import { coreThroughHandlers } from './helpers';
import { subjectAccessRecord } from '../../electron/core/records/subject-access';

async function setUp() {
  const { core, call, ok, db } = coreThroughHandlers({ now: () => new Date('2026-11-24T10:00:00Z') });
  await ok('database.create', { teamName: 'Team', accountName: 'Priya Shah', passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
  const newCase = async (victimName: string, extra: object = {}) =>
    (
      (await ok('cases.create', {
        case: {
          ownerName: 'Priya Shah',
          victimName,
          perpetratorName: 'Darren Threlkeld',
          crn: 'X123456',
          sentenceDate: '2026-11-02',
          referralReceivedDate: '2026-11-03',
          ...extra,
        },
      })) as { caseId: number }
    ).caseId;
  const caseId = await newCase('Ana Núñez');
  const agencies = async (id = caseId) => (await ok('agencies.get', { caseId: id })) as AgenciesView;
  const plan = async (id = caseId) => (await ok('safetyPlan.get', { caseId: id })) as SafetyPlanView;
  const timers = async (id = caseId) => ((await ok('cases.get', { caseId: id })) as { timers: { timer: string; dueDate: string; status: string }[] }).timers;
  const audit = async () => ((await ok('audit.list', {})) as { rows: { action: string; detail: string | null }[] }).rows;
  return { core, call, ok, db, caseId, newCase, agencies, plan, timers, audit };
}

const answers = (yes: number) => DASH_QUESTIONS.map((_, i) => (i < yes ? 'yes' : i % 5 === 0 ? 'not_known' : 'no'));

describe('agency checks: asked, chased, answered', () => {
  it('a police check asked on Mon 2 Nov is due Mon 16 Nov, overdue today, on Today, and met late by a reply on 20 Nov', async () => {
    const { ok, call, caseId, agencies, timers } = await setUp();
    const { checkId } = (await ok('agencyChecks.request', {
      caseId,
      check: { agency: 'police', requestedDate: '2026-11-02', requestedFrom: 'Lancashire Police PPU' },
    })) as { checkId: number };
    expect((await agencies()).checks).toMatchObject([{ id: checkId, agency: 'police', dueDate: '2026-11-16', status: 'overdue', replyDate: null }]);
    const today = (await ok('today.list', { scope: 'team' })) as { rows: { timer: string; caseId: number; dueDate: string }[] };
    expect(today.rows.filter((r) => r.timer === 'agency_check')).toMatchObject([{ caseId, dueDate: '2026-11-16' }]);

    await ok('agencyChecks.chase', { checkId, chase: { date: '2026-11-18', method: 'email' } });
    const chased = (await agencies()).checks[0]!;
    expect(chased.chases).toMatchObject([{ date: '2026-11-18', method: 'email', recordedBy: 'Priya Shah' }]);

    await ok('agencyChecks.reply', { checkId, version: chased.version, reply: { replyDate: '2026-11-20', summary: 'Two call-outs in 2025' } });
    expect((await agencies()).checks[0]).toMatchObject({ replyDate: '2026-11-20', replySummary: 'Two call-outs in 2025', status: 'met_late' });
    expect((await timers()).find((t) => t.timer === 'agency_check')).toMatchObject({ status: 'met_late' });
    // A second save from the form loaded before the reply is refused, not silently applied.
    expect(await call('agencyChecks.reply', { checkId, version: chased.version, reply: { replyDate: '2026-11-21' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('refuses a request dated tomorrow, a reply before the request, and an agency it does not know', async () => {
    const { ok, call, caseId, agencies } = await setUp();
    expect(await call('agencyChecks.request', { caseId, check: { agency: 'police', requestedDate: '2026-11-25' } })).toMatchObject({
      ok: false,
      error: { field: 'requestedDate', message: 'The date it was asked for must be today or in the past' },
    });
    expect(await call('agencyChecks.request', { caseId, check: { agency: 'housing', requestedDate: '2026-11-20' } })).toMatchObject({
      ok: false,
      error: { message: 'Choose which check was asked for' },
    });
    const { checkId } = (await ok('agencyChecks.request', { caseId, check: { agency: 'childrens_social_care', requestedDate: '2026-11-20' } })) as {
      checkId: number;
    };
    const version = (await agencies()).checks[0]!.version;
    expect(await call('agencyChecks.reply', { checkId, version, reply: { replyDate: '2026-11-19' } })).toMatchObject({
      ok: false,
      error: { field: 'replyDate', message: 'The reply cannot be before the check was asked for' },
    });
  });

  it('audits each step with ids and the agency only, never what the reply said', async () => {
    const { ok, caseId, agencies, audit } = await setUp();
    const { checkId } = (await ok('agencyChecks.request', { caseId, check: { agency: 'police', requestedDate: '2026-11-20' } })) as { checkId: number };
    await ok('agencyChecks.reply', { checkId, version: (await agencies()).checks[0]!.version, reply: { replyDate: '2026-11-23', summary: 'SECRET-REPLY' } });
    const rows = await audit();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['agency-check.requested', 'agency-check.replied']));
    expect(JSON.stringify(rows)).not.toContain('SECRET-REPLY');
  });
});

describe('DASH per assessment, and MARAC referrals, meetings and actions', () => {
  it('a DASH keeps its 24 answers; its score is the number of yeses; at the team threshold (14) it says so', async () => {
    const { ok, call, caseId, agencies } = await setUp();
    expect(await ok('dash.record', { caseId, assessment: { date: '2026-11-10', assessor: 'Priya Shah', answers: answers(15) } })).toMatchObject({ score: 15 });
    await ok('dash.record', { caseId, assessment: { date: '2026-11-20', assessor: 'Priya Shah', answers: answers(9) } });
    const view = await agencies();
    expect(view.dash.map((d) => [d.date, d.score, d.atThreshold])).toEqual([
      ['2026-11-20', 9, false],
      ['2026-11-10', 15, true],
    ]);
    expect(view.dash[1]!.answers).toEqual(answers(15));
    expect(await call('dash.record', { caseId, assessment: { date: '2026-11-20', assessor: 'Priya Shah', answers: answers(9).slice(1) } })).toMatchObject({
      ok: false,
      error: { message: 'Answer all 24 questions' },
    });
  });

  it('a referral within 12 months of the last is a repeat; the case keeps the latest date', async () => {
    const { ok, caseId, agencies } = await setUp();
    await ok('marac.refer', { caseId, referral: { date: '2025-12-01', criteria: ['visible_high_risk'] } });
    await ok('marac.refer', { caseId, referral: { date: '2026-11-20', criteria: ['professional_judgement'] } });
    expect((await agencies()).maracReferrals.map((r) => [r.date, r.criteria])).toEqual([
      ['2026-11-20', ['professional_judgement', 'repeat']],
      ['2025-12-01', ['visible_high_risk']],
    ]);
  });

  it('an action from a meeting is timed to its own due date and met when completed; actions wait for the meeting', async () => {
    const { ok, call, caseId, agencies, timers } = await setUp();
    const { referralId } = (await ok('marac.refer', { caseId, referral: { date: '2026-11-03', criteria: ['visible_high_risk'] } })) as { referralId: number };
    const { meetingId } = (await ok('marac.recordMeeting', { caseId, meeting: { referralId, date: '2026-11-12', outcome: 'Actions agreed' } })) as {
      meetingId: number;
    };
    await ok('marac.addAction', { caseId, action: { meetingId, action: 'Share the safety plan with the IDVA', owner: 'PLW', dueDate: '2026-11-20' } });
    await ok('marac.addAction', { caseId, action: { meetingId, action: 'Police marker on the address', owner: 'Police', dueDate: '2026-11-26' } });
    const actions = (await agencies()).maracReferrals[0]!.meetings[0]!.actions;
    expect(actions.map((a) => [a.owner, a.dueDate, a.status])).toEqual([
      ['PLW', '2026-11-20', 'overdue'],
      ['Police', '2026-11-26', 'due_soon'],
    ]);
    await ok('marac.completeAction', { actionId: actions[0]!.id, version: actions[0]!.version, completedDate: '2026-11-23' });
    expect((await agencies()).maracReferrals[0]!.meetings[0]!.actions[0]).toMatchObject({ completedDate: '2026-11-23', status: 'met_late' });
    expect((await timers()).filter((t) => t.timer === 'marac_action').map((t) => t.status)).toEqual(['met_late', 'due_soon']);

    expect(await call('marac.addAction', { caseId, action: { meetingId, action: 'Too early', owner: 'PLW', dueDate: '2026-11-10' } })).toMatchObject({
      ok: false,
      error: { field: 'dueDate', message: 'The action cannot be due before the meeting' },
    });
    const booked = (await ok('marac.recordMeeting', { caseId, meeting: { referralId, date: '2026-12-10' } })) as { meetingId: number };
    expect(await call('marac.addAction', { caseId, action: { meetingId: booked.meetingId, action: 'A', owner: 'PLW', dueDate: '2026-12-20' } })).toMatchObject({
      ok: false,
      error: { field: 'meetingId', message: 'Add the meeting’s actions once it has met' },
    });
  });
});

describe('Clare’s Law, MAPPA and the VLO', () => {
  it('keeps applications with their outcome, and the VLO on the case under its version', async () => {
    const { ok, call, caseId, agencies } = await setUp();
    expect(await call('dvds.save', { caseId, application: { route: 'right_to_ask', applicationDate: '2026-11-01', outcome: 'disclosed' } })).toMatchObject({
      ok: false,
      error: { field: 'application.outcomeDate', message: 'Enter the date of the outcome' },
    });
    await ok('dvds.save', { caseId, application: { route: 'right_to_ask', applicationDate: '2026-11-01', outcome: 'disclosed', outcomeDate: '2026-11-15' } });
    const view = await agencies();
    expect(view.dvds).toMatchObject([{ route: 'right_to_ask', outcome: 'disclosed', outcomeDate: '2026-11-15' }]);
    await ok('vlo.update', { caseId, version: view.caseVersion, vlo: { vloName: 'Jo Bell', vloContact: '01254 000000' } });
    expect((await agencies()).vlo).toEqual({ vloName: 'Jo Bell', vloContact: '01254 000000' });
    expect(await call('vlo.update', { caseId, version: view.caseVersion, vlo: { vloName: 'Someone else' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});

describe('the safety plan and its review', () => {
  const item = { risk: 'He knows her address', action: 'Police marker on the address', who: 'Police' };

  it('cannot be agreed with nothing in it; agreeing it starts a review 3 months on', async () => {
    const { ok, call, caseId, plan, timers } = await setUp();
    expect(await call('safetyPlan.review', { caseId, review: { date: '2026-11-02' } })).toMatchObject({
      ok: false,
      error: { message: 'Add at least one item to the plan first' },
    });
    await ok('safetyPlan.saveItem', { caseId, item });
    await ok('safetyPlan.review', { caseId, review: { date: '2026-11-02', kind: 'reviewed' } });
    const view = await plan();
    expect(view.reviews).toMatchObject([{ date: '2026-11-02', kind: 'agreed' }]);
    expect(view.next).toEqual({ dueDate: '2027-02-02', status: 'pending', trigger: null });
    expect((await timers()).find((t) => t.timer === 'safety_plan_review')).toMatchObject({ dueDate: '2027-02-02' });
  });

  it('a risk event on a linked case (same CRN) brings the review forward to 5 working days after it, and says why', async () => {
    const { ok, caseId, newCase, plan } = await setUp();
    await ok('safetyPlan.saveItem', { caseId, item });
    await ok('safetyPlan.review', { caseId, review: { date: '2026-11-02' } });
    const newPartner = await newCase('Bea Lowe', { referralReceivedDate: '2026-11-16' });
    const ref = ((await ok('cases.get', { caseId: newPartner })) as { caseRef: string }).caseRef;
    // Fri 20 Nov + 5 working days = Fri 27 Nov; due soon from Wed 25 Nov.
    await ok('risk.log', { caseId: newPartner, event: { date: '2026-11-20', category: 'new_incident' } });
    expect((await plan()).next).toEqual({
      dueDate: '2026-11-27',
      status: 'pending',
      trigger: { date: '2026-11-20', what: `A risk event on linked case ${ref} on 20 November 2026` },
    });
    // Reviewing it after the event puts the next review 3 months on again.
    await ok('safetyPlan.review', { caseId, review: { date: '2026-11-23', kind: 'reviewed', notes: 'Reviewed after the incident' } });
    expect((await plan()).next).toEqual({ dueDate: '2027-02-23', status: 'pending', trigger: null });
  });

  it('an item can be changed under its version and removed; the plan’s reviews stay', async () => {
    const { ok, call, caseId, plan } = await setUp();
    const { itemId } = (await ok('safetyPlan.saveItem', { caseId, item })) as { itemId: number };
    const v = (await plan()).items[0]!.version;
    await ok('safetyPlan.saveItem', { caseId, itemId, version: v, item: { ...item, byWhen: '2026-12-01' } });
    expect(await call('safetyPlan.saveItem', { caseId, itemId, version: v, item })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await ok('safetyPlan.removeItem', { caseId, itemId, version: v + 1 });
    expect((await plan()).items).toEqual([]);
  });
});

describe('the timeline and the follow-up list', () => {
  it('the timeline says when checks were asked for and answered, MARAC met, and the plan was agreed, without what they said', async () => {
    const { ok, caseId, agencies } = await setUp();
    const { checkId } = (await ok('agencyChecks.request', { caseId, check: { agency: 'police', requestedDate: '2026-11-10' } })) as { checkId: number };
    await ok('agencyChecks.reply', { checkId, version: (await agencies()).checks[0]!.version, reply: { replyDate: '2026-11-12', summary: 'SECRET-REPLY' } });
    const { referralId } = (await ok('marac.refer', { caseId, referral: { date: '2026-11-13', criteria: ['professional_judgement'] } })) as {
      referralId: number;
    };
    await ok('marac.recordMeeting', { caseId, meeting: { referralId, date: '2026-11-17' } });
    await ok('safetyPlan.saveItem', { caseId, item: { risk: 'R', action: 'A', who: 'W' } });
    await ok('safetyPlan.review', { caseId, review: { date: '2026-11-18' } });
    const entries = (await ok('cases.timeline', { caseId, kinds: ['agency', 'plan'] })) as { date: string; title: string; detail: string | null }[];
    expect(entries.map((e) => [e.date, e.title])).toEqual([
      ['2026-11-18', 'Safety plan: plan agreed with the victim'],
      ['2026-11-17', 'MARAC meeting'],
      ['2026-11-13', 'Referred to MARAC'],
      ['2026-11-12', 'Police call-out history check answered'],
      ['2026-11-10', 'Police call-out history check asked for'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('SECRET-REPLY');
  });

  it('liaison to follow up is what the team’s escalation setting says: 5 working days, or fewer if it is changed', async () => {
    const { ok, caseId } = await setUp();
    // Shared Thu 19 Nov: 3 working days old on Tue 24 Nov.
    await ok('liaison.log', { caseId, liaison: { date: '2026-11-19', agency: 'ro' } });
    const followUp = async () => ((await ok('liaison.followUp', { scope: 'team' })) as { rows: { caseId: number }[] }).rows;
    expect(await followUp()).toEqual([]);
    const rules = (await ok('timers.rules', {})) as Record<string, unknown>;
    await ok('timers.updateRules', { ...rules, escalateLiaisonWorkingDays: 3 });
    expect(await followUp()).toMatchObject([{ caseId }]);
  });
});

describe('her subject access record', () => {
  it('holds her safety plan, DASH answers and MARAC referrals; not the agencies section’s MAPPA, nor what an agency said about him', async () => {
    const { ok, db, caseId } = await setUp();
    await ok('safetyPlan.saveItem', { caseId, item: { risk: 'He knows her address', action: 'Alarm fitted', who: 'Police' } });
    await ok('dash.record', { caseId, assessment: { date: '2026-11-10', assessor: 'Priya Shah', answers: answers(12) } });
    await ok('marac.refer', { caseId, referral: { date: '2026-11-12', criteria: ['professional_judgement'] } });
    const { checkId } = (await ok('agencyChecks.request', { caseId, check: { agency: 'police', requestedDate: '2026-11-10' } })) as { checkId: number };
    await ok('agencyChecks.reply', { checkId, version: 1, reply: { replyDate: '2026-11-12', summary: 'HIS-CALL-OUTS' } });
    db().prepare("UPDATE perpetrators SET mappa_category = '1', mappa_level = '2'").run();
    const record = subjectAccessRecord(db(), caseId, '2026-11-24', 'Priya Shah');
    expect(record.safety_plan.items).toMatchObject([{ risk: 'He knows her address', action: 'Alarm fitted' }]);
    expect(record.agencies.dash[0]).toMatchObject({ score: 12, answers: answers(12) });
    expect(record.agencies.maracReferrals).toHaveLength(1);
    expect(record.agencies.checks).toMatchObject([{ agency: 'police', replyDate: '2026-11-12' }]);
    expect(JSON.stringify(record)).not.toContain('HIS-CALL-OUTS');
    expect(record.agencies).not.toHaveProperty('mappa');
  });
});

describe('viewing', () => {
  it('opening the Agencies or Safety plan section of another case is a view of that case, audited', async () => {
    const { ok, newCase, audit } = await setUp();
    const other = await newCase('Cara Doyle', { crn: 'Y654321' });
    await ok('agencies.get', { caseId: other });
    const viewed = (await audit()).filter((r) => r.action === 'case.viewed');
    expect(viewed.at(0)?.detail).toContain('agencies');
  });
});
