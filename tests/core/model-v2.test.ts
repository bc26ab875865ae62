/**
 * Model v2 part 1 through the handler table the window and the command line use: the perpetrator
 * as a person shared by linked cases, the victim's engagement and what it stops, the release clocks
 * and Today's releases, and no fact dated after today at any entry point.
 */
import { describe, expect, it } from 'vitest';
import { subjectAccessRecord } from '../../electron/core/records/subject-access';
import { coreThroughHandlers } from './helpers';

const TODAY = '2026-11-24';

async function setUp() {
  const t = coreThroughHandlers({ now: () => new Date(`${TODAY}T10:00:00Z`) });
  await t.ok('database.create', { teamName: 'Team', accountName: 'Priya Shah', passphrase: 'a long passphrase', passphraseConfirm: 'a long passphrase' });
  const create = async (extra: object) =>
    (
      (await t.ok('cases.create', {
        case: { ownerName: 'Priya Shah', victimName: 'Ana Example', perpetratorName: 'Dan Example', sentenceDate: '2026-03-02', ...extra },
      })) as {
        caseId: number;
      }
    ).caseId;
  const detail = async (caseId: number) =>
    (await t.ok('cases.get', { caseId })) as {
      version: number;
      perpetratorVersion: number;
      fields: Record<string, unknown> & { perpetratorId: number };
      timers: { timer: string; startDate: string; dueDate: string; metDate: string | null; status: string }[];
      engagement: { status: string; since: string | null; history: { date: string; status: string; source: string; by: string }[] };
      linkedCases: { caseRef: string; relationship: string | null }[];
      linkCandidates: { caseRef: string }[];
    };
  const timer = async (caseId: number, id: string) => (await detail(caseId)).timers.find((x) => x.timer === id);
  const refusal = async (channel: string, input: unknown) => {
    const result = await t.call(channel, input);
    expect(result.ok, channel).toBe(false);
    return (result as { ok: false; error: { code: string; message: string; field?: string } }).error;
  };
  const audit = () =>
    t.db().prepare('SELECT action, case_id AS caseId, detail FROM audit_log ORDER BY id').all() as { action: string; caseId: number; detail: string }[];
  return { ...t, create, detail, timer, refusal, audit };
}

describe('the perpetrator as a person', () => {
  it('one CRN is one man: his second case links to the first, and his release date on either moves both licence clocks', async () => {
    const { create, detail, timer, ok } = await setUp();
    const first = await create({ caseRef: 'L-1', crn: 'X123456', sentenceType: 'licence', relationship: 'ex_partner' });
    const second = await create({ caseRef: 'L-2', crn: 'X123456', victimName: 'Bea Example', sentenceType: 'licence', relationship: 'new_partner' });
    expect((await detail(first)).fields.perpetratorId).toBe((await detail(second)).fields.perpetratorId);
    expect((await detail(first)).linkedCases).toEqual([expect.objectContaining({ caseRef: 'L-2', relationship: 'new_partner' })]);
    // Licence without a release date: from the sentence (Mon 2 Mar -> Mon 9 Mar).
    expect(await timer(second, 'referral')).toMatchObject({ startDate: '2026-03-02', dueDate: '2026-03-09' });
    const d = await detail(first);
    await ok('cases.update', { caseId: first, version: d.version, perpetratorVersion: d.perpetratorVersion, case: { ...d.fields, releaseDate: '2026-11-16' } });
    // Released Mon 16 Nov: due Mon 23 Nov on both cases, and release contact due that day.
    expect(await timer(second, 'referral')).toMatchObject({ startDate: '2026-11-16', dueDate: '2026-11-23', status: 'overdue' });
    expect(await timer(second, 'release_contact')).toMatchObject({ dueDate: '2026-11-16' });
  });

  it('his RO is his: changed on one case, it changes on his other open cases (audited), not on a closed one', async () => {
    const { create, detail, ok, audit } = await setUp();
    const first = await create({ caseRef: 'R-1', crn: 'X123456', roName: 'Rob Officer' });
    const second = await create({ caseRef: 'R-2', crn: 'X123456', victimName: 'Bea Example', roName: 'Rob Officer' });
    const closed = await create({ caseRef: 'R-3', crn: 'X123456', victimName: 'Cleo Example', roName: 'Old Officer', closedDate: '2026-06-01' });
    const d = await detail(first);
    await ok('cases.update', {
      caseId: first,
      version: d.version,
      perpetratorVersion: d.perpetratorVersion,
      case: { ...d.fields, roName: 'Rita Officer', roEmail: 'rita@probation.example.org' },
    });
    expect((await detail(second)).fields).toMatchObject({ roName: 'Rita Officer', roEmail: 'rita@probation.example.org' });
    expect((await detail(closed)).fields.roName).toBe('Old Officer');
    expect(
      audit()
        .filter((e) => e.caseId === second && e.action === 'case.updated')
        .map((e) => JSON.parse(e.detail)),
    ).toEqual([{ fields: ['roName', 'roEmail'], sharedFrom: first }]);
  });

  it('a save from a form loaded before his facts changed on a linked case is refused, not silently put back', async () => {
    const { create, detail, ok, refusal } = await setUp();
    const first = await create({ crn: 'X123456' });
    const second = await create({ crn: 'X123456', victimName: 'Bea Example' });
    const stale = await detail(second);
    const fresh = await detail(first);
    await ok('cases.update', {
      caseId: first,
      version: fresh.version,
      perpetratorVersion: fresh.perpetratorVersion,
      case: { ...fresh.fields, releaseDate: '2027-01-15' },
    });
    const error = await refusal('cases.update', {
      caseId: second,
      version: stale.version,
      perpetratorVersion: stale.perpetratorVersion,
      case: { ...stale.fields, releaseDate: '2027-02-01' },
    });
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'version', message: expect.stringMatching(/changed by Priya Shah/) });
    expect((await detail(second)).fields.releaseDate).toBe('2027-01-15');
  });

  it('a risk event on one case appears on the linked case’s timeline, by category and case, without the other victim’s details', async () => {
    const { create, ok, db } = await setUp();
    const first = await create({ caseRef: 'L-1', crn: 'X123456', referralReceivedDate: '2026-03-04' });
    const second = await create({ caseRef: 'L-2', crn: 'X123456', victimName: 'Bea Example' });
    await ok('risk.log', { caseId: first, event: { date: '2026-11-20', category: 'new_incident', description: 'Details about Ana' } });
    const timeline = (await ok('cases.timeline', { caseId: second })) as { date: string; title: string; detail: string | null }[];
    expect(timeline).toContainEqual(expect.objectContaining({ date: '2026-11-20', title: 'Risk event on linked case L-1: new incident', detail: null }));
    expect(JSON.stringify(timeline)).not.toContain('Ana');
    // Her subject access record is hers: nothing of his other cases is in it.
    const record = JSON.stringify(subjectAccessRecord(db(), second, TODAY, 'Priya Shah'));
    expect(record).toContain('Bea Example');
    expect(record).not.toContain('L-1');
  });

  it('without a CRN, two records are never merged on their own; a worker links them by hand (audited), and two CRNs are refused', async () => {
    const { create, detail, ok, refusal, audit } = await setUp();
    const a = await create({ caseRef: 'N-1', perpetratorDob: '1980-01-02' });
    const b = await create({ caseRef: 'N-2', victimName: 'Bea Example', perpetratorDob: '1980-01-02', releaseDate: '2027-01-15' });
    expect((await detail(a)).linkedCases).toEqual([]);
    expect((await detail(a)).linkCandidates).toEqual([expect.objectContaining({ caseRef: 'N-2' })]);
    await ok('people.link', { caseId: a, perpetratorVersion: (await detail(a)).perpetratorVersion, link: { otherCaseRef: 'N-2' } });
    expect((await detail(a)).linkedCases.map((c) => c.caseRef)).toEqual(['N-2']);
    expect((await detail(a)).fields.releaseDate).toBe('2027-01-15'); // his facts from the other record fill the gaps
    expect(audit().filter((e) => e.action === 'perpetrator.linked')).toEqual([
      { action: 'perpetrator.linked', caseId: a, detail: JSON.stringify({ linkedTo: b }) },
    ]);
    const c = await create({ caseRef: 'C-1', crn: 'A111111' });
    await create({ caseRef: 'C-2', crn: 'B222222' });
    expect(await refusal('people.link', { caseId: c, perpetratorVersion: (await detail(c)).perpetratorVersion, link: { otherCaseRef: 'C-2' } })).toMatchObject({
      code: 'VALIDATION',
      field: 'otherCaseRef',
      message: expect.stringMatching(/two people/),
    });
    const d = await detail(c);
    expect(
      await refusal('cases.update', { caseId: c, version: d.version, perpetratorVersion: d.perpetratorVersion, case: { ...d.fields, crn: 'B222222' } }),
    ).toMatchObject({
      code: 'CONFLICT',
      field: 'crn',
      message: expect.not.stringMatching(/[A-Z]\d{6}/), // messages never carry a CRN (they can reach a log or a screenshot)
    });
  });

  it('a new partner disclosed opens a linked case for her: his person, the referral on the disclosure date, both timelines showing it', async () => {
    const { create, detail, ok } = await setUp();
    const first = await create({ caseRef: 'D-1', perpetratorDob: '1980-01-02', referralReceivedDate: '2026-03-04', roName: 'Rob Officer' });
    await ok('risk.log', { caseId: first, event: { date: '2026-11-20', category: 'new_relationship' } });
    const his = (await detail(first)).fields;
    const { caseId: second } = (await ok('cases.create', {
      case: { ...his, caseRef: 'D-2', victimName: 'Cleo Example', relationship: 'new_partner', referralReceivedDate: '2026-11-20', victimDob: null },
    })) as { caseId: number };
    expect((await detail(second)).fields.perpetratorId).toBe(his.perpetratorId);
    expect((await detail(second)).timers.find((t) => t.timer === 'first_contact')).toMatchObject({ startDate: '2026-11-20', dueDate: '2026-11-27' });
    const timeline = (await ok('cases.timeline', { caseId: second })) as { title: string }[];
    expect(timeline.map((e) => e.title)).toContain('Risk event on linked case D-1: new relationship disclosed');
  });
});

describe('the victim’s engagement', () => {
  it('a "declined support" contact sets declined: no keep-in-touch, but the programme exit milestone stays', async () => {
    const { create, detail, ok } = await setUp();
    const caseId = await create({ referralReceivedDate: '2026-03-04', programmeStatus: 'on_programme', programmeStartDate: '2026-04-01' });
    await ok('contacts.log', { caseId, contact: { date: '2026-03-05', method: 'phone', outcome: 'spoke_to_victim' } });
    expect((await detail(caseId)).timers.map((t) => t.timer)).toContain('keep_in_touch');
    await ok('contacts.log', { caseId, contact: { date: '2026-04-02', method: 'phone', outcome: 'declined_support' } });
    const d = await detail(caseId);
    expect(d.engagement).toMatchObject({ status: 'declined', since: '2026-04-02' });
    expect(d.timers.map((t) => t.timer)).not.toContain('keep_in_touch');
    await ok('cases.update', {
      caseId,
      version: d.version,
      perpetratorVersion: d.perpetratorVersion,
      case: { ...d.fields, programmeStatus: 'deselected', programmeEndDate: '2026-11-20', programmeOutcome: 'deselected' },
    });
    // Deselected is an early exit: Fri 20 Nov + 2 working days = Tue 24 Nov.
    expect((await detail(caseId)).timers.find((t) => t.timer === 'programme_exit_contact')).toMatchObject({ dueDate: '2026-11-24', status: 'due_soon' });
  });

  it('"no contact at all" set by hand: no contact timers, and calls and letters are stopped unless a reason is given (audited)', async () => {
    const { create, detail, ok, refusal, audit } = await setUp();
    const caseId = await create({ referralReceivedDate: '2026-11-20', releaseDate: '2027-01-15' });
    expect((await detail(caseId)).timers.map((t) => t.timer).sort()).toEqual(['first_contact', 'referral', 'release_contact']);
    await ok('engagement.set', { caseId, change: { status: 'no_contact', date: '2026-11-23', reason: 'Asked by phone via IDVA' } });
    const d = await detail(caseId);
    expect(d.engagement).toMatchObject({
      status: 'no_contact',
      since: '2026-11-23',
      history: [{ date: '2026-11-23', status: 'no_contact', source: 'hand', by: 'Priya Shah' }],
    });
    expect(d.timers.map((t) => t.timer)).toEqual(['referral']);
    expect(await refusal('contacts.log', { caseId, contact: { date: TODAY, method: 'phone', outcome: 'no_answer' } })).toMatchObject({
      code: 'UNSAFE_CONTACT',
      message: expect.stringMatching(/no contact at all/),
    });
    expect(await refusal('letters.confirmSent', { caseId, kind: 'initial_contact', date: TODAY })).toMatchObject({ code: 'UNSAFE_CONTACT' });
    await ok('contacts.log', { caseId, contact: { date: TODAY, method: 'phone', outcome: 'no_answer', overrideReason: 'Police asked us to warn her' } });
    expect(
      audit()
        .filter((e) => e.action === 'safe-contact.overridden')
        .map((e) => JSON.parse(e.detail)),
    ).toEqual([{ rules: ['no_contact_at_all'] }]);
    // A word with her IDVA is not contact with her.
    await ok('contacts.log', { caseId, contact: { date: TODAY, method: 'phone', outcome: 'spoke_to_victim', withVictim: false, withWhom: 'IDVA' } });
    expect((await detail(caseId)).engagement.status).toBe('no_contact');
    // She rang in: not contact made against her wish, so not stopped; speaking to her is engagement (docs/model.md).
    await ok('contacts.log', { caseId, contact: { date: TODAY, method: 'phone', direction: 'from_victim', outcome: 'spoke_to_victim' } });
    expect((await detail(caseId)).engagement.status).toBe('engaged');
    expect(
      audit()
        .filter((e) => e.action === 'engagement.set')
        .map((e) => JSON.parse(e.detail)),
    ).toEqual([{ status: 'no_contact' }]);
  });

  it('the caseload filters by engagement and by "in custody"', async () => {
    const { create, ok } = await setUp();
    const declined = await create({ caseRef: 'E-1' });
    await ok('contacts.log', { caseId: declined, contact: { date: TODAY, method: 'phone', outcome: 'declined_support' } });
    await create({ caseRef: 'E-2', custodyStatus: 'in_custody', releaseDate: '2027-02-01', crn: 'X111111' });
    await create({ caseRef: 'E-3' });
    const refs = async (filter: object) =>
      ((await ok('cases.list', { scope: 'team', ...filter })) as { rows: { caseRef: string }[]; total: number }).rows.map((r) => r.caseRef).sort();
    expect(await refs({ engagement: 'declined' })).toEqual(['E-1']);
    expect(await refs({ engagement: 'not_yet_contacted' })).toEqual(['E-2', 'E-3']);
    expect(await refs({ inCustody: true })).toEqual(['E-2']);
    expect(((await ok('cases.list', { scope: 'team', inCustody: true })) as { total: number }).total).toBe(1);
  });
});

describe('Today lists releases in the next 28 days', () => {
  it('from today to 28 days ahead, open cases only, soonest first', async () => {
    const { create, ok } = await setUp();
    await create({ caseRef: 'R-1', crn: 'A000001', releaseDate: '2026-12-22' }); // 28 days: in
    await create({ caseRef: 'R-2', crn: 'A000002', releaseDate: '2026-11-24', custodyStatus: 'in_custody' }); // today: in
    await create({ caseRef: 'R-3', crn: 'A000003', releaseDate: '2026-12-23' }); // 29 days: out
    await create({ caseRef: 'R-4', crn: 'A000004', releaseDate: '2026-11-23' }); // yesterday: out
    await create({ caseRef: 'R-5', crn: 'A000005', releaseDate: '2026-12-01', closedDate: '2026-11-20' }); // closed: out
    const today = (await ok('today.list', { scope: 'team' })) as {
      releases: { days: number; total: number; rows: { caseRef: string; custodyStatus: string | null }[] };
    };
    expect(today.releases.days).toBe(28);
    expect(today.releases.total).toBe(2);
    expect(today.releases.rows.map((r) => [r.caseRef, r.custodyStatus])).toEqual([
      ['R-2', 'in_custody'],
      ['R-1', null],
    ]);
  });
});

describe('no fact that meets a timer may be dated after today, through the requests the window and the command line send', () => {
  const TOMORROW = '2026-11-25';
  it('each is refused with its field named; release, supervision end and order expiry may lie ahead', async () => {
    const { create, ok, refusal, detail } = await setUp();
    for (const field of ['referralReceivedDate', 'programmeStartDate', 'programmeEndDate'] as const) {
      expect(
        await refusal('cases.create', {
          case: { ownerName: 'Priya Shah', victimName: 'V', perpetratorName: 'P', sentenceDate: '2026-03-02', [field]: TOMORROW },
        }),
      ).toMatchObject({
        code: 'VALIDATION',
        field,
        message: expect.stringMatching(/must be today or in the past/),
      });
    }
    const caseId = await create({ releaseDate: '2027-06-01', supervisionEndDate: '2028-06-01' });
    expect(await refusal('cases.recordReferral', { caseId, receivedDate: TOMORROW })).toMatchObject({ field: 'receivedDate' });
    expect(await refusal('contacts.log', { caseId, contact: { date: TOMORROW, method: 'phone', outcome: 'no_answer' } })).toMatchObject({
      field: 'date',
      message: 'The date of the contact must be today or in the past',
    });
    expect(await refusal('cases.logChase', { caseId, chase: { date: TOMORROW } })).toMatchObject({ field: 'date' });
    expect(await refusal('liaison.log', { caseId, liaison: { date: TOMORROW, agency: 'ro' } })).toMatchObject({ field: 'date' });
    expect(await refusal('risk.log', { caseId, event: { date: TOMORROW, category: 'other' } })).toMatchObject({ field: 'date' });
    expect(await refusal('engagement.set', { caseId, change: { status: 'declined', date: TOMORROW } })).toMatchObject({ field: 'date' });
    const { liaisonId } = (await ok('liaison.log', { caseId, liaison: { date: TODAY, agency: 'ro' } })) as { liaisonId: number };
    expect(await refusal('liaison.acknowledge', { liaisonId, version: 1, date: TOMORROW })).toMatchObject({ field: 'date' });
    const { orderId } = (await ok('orders.save', {
      caseId,
      order: { orderRef: 'O1', orderType: 'restraining_order', madeDate: TODAY, expiryDate: '2027-11-24' },
    })) as {
      orderId: number;
    };
    expect(await refusal('orders.resolve', { orderId, resolution: { resolution: 'reviewed', date: TOMORROW } })).toMatchObject({ field: 'date' });
    // Nothing refused was written.
    const d = await detail(caseId);
    expect(d.timers.map((t) => t.metDate)).toEqual(d.timers.map(() => null));
    expect(d.fields).toMatchObject({ releaseDate: '2027-06-01', supervisionEndDate: '2028-06-01', referralReceivedDate: null });
  });
});
