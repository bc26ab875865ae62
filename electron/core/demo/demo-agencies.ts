/**
 * The demo's agency work and safety plans (model v2 §4-5), drawn from a generator of their own so
 * the rest of the demo team (its cases, contacts and orders) is the same as before they existed.
 */
import { DASH_QUESTIONS, type DashAnswer } from '../../../shared/agency-reference';
import { addDays, englandAndWales, type IsoDate } from '../../../shared/calendar';
import type { Db } from '../db/open-database';
import { SeededRandom } from './random';

const CHECK_PEOPLE = { police: 'Lancashire Police PPU', childrens_social_care: "Blackburn children's services" } as const;
const PLAN_ITEMS = [
  ['He knows her address', 'Police marker on the address; alarm fitted', 'Police'],
  ['Contact during handovers of the children', 'Handovers at the contact centre only', 'Children’s services'],
  ['He calls from unknown numbers', 'Block unknown numbers; keep a log of calls', 'Victim'],
  ['She walks the same way to work', 'Vary the route; tell a colleague when she arrives', 'Victim'],
  ['He may be released soon', 'Tell her the date as soon as it is known', 'PLW'],
] as const;

export class DemoAgencies {
  private readonly random: SeededRandom;
  private readonly dash;
  private readonly referral;
  private readonly meeting;
  private readonly action;
  private readonly check;
  private readonly item;
  private readonly review;

  constructor(
    db: Db,
    seed: number,
    private readonly actor: string,
    private readonly stamp: string,
    private readonly asOf: IsoDate,
  ) {
    this.random = new SeededRandom(seed ^ 0x5afe);
    this.dash = db.prepare(
      'INSERT INTO dash_assessments (case_id, assessed_date, assessor, answers, score, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.referral = db.prepare('INSERT INTO marac_referrals (case_id, referral_date, criteria, notes, recorded_by, recorded_at) VALUES (?, ?, ?, NULL, ?, ?)');
    this.meeting = db.prepare('INSERT INTO marac_meetings (referral_id, case_id, meeting_date, outcome, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.action = db.prepare(
      'INSERT INTO marac_actions (meeting_id, case_id, action, owner, due_date, completed_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.check = db.prepare(
      `INSERT INTO agency_checks (case_id, agency, requested_date, requested_from, reply_date, reply_summary, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.item = db.prepare('INSERT INTO safety_plan_items (case_id, risk, action, who, by_when, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.review = db.prepare('INSERT INTO safety_plan_reviews (case_id, review_date, kind, notes, recorded_by, recorded_at) VALUES (?, ?, ?, NULL, ?, ?)');
  }

  /** A DASH assessment whose answers give the score: `score` yeses, the rest no or not known. */
  addDash(caseId: number, date: IsoDate, score: number, assessor: string): void {
    const order = DASH_QUESTIONS.map((_, i) => ({ i, key: this.random.next() })).sort((a, b) => a.key - b.key);
    const answers: DashAnswer[] = DASH_QUESTIONS.map(() => 'no');
    order.forEach(({ i }, rank) => (answers[i] = rank < score ? 'yes' : this.random.chance(0.15) ? 'not_known' : 'no'));
    this.dash.run(caseId, date, assessor, JSON.stringify(answers), score, this.actor, this.stamp);
  }

  /** A MARAC referral, usually heard a couple of weeks later with two or three actions. */
  addMarac(caseId: number, date: IsoDate, atThreshold: boolean, until: IsoDate): void {
    const criteria = atThreshold ? ['visible_high_risk'] : ['professional_judgement'];
    const referralId = this.referral.run(caseId, date, JSON.stringify(criteria), this.actor, this.stamp).lastInsertRowid;
    const meetingDate = addDays(date, this.random.int(7, 21));
    if (meetingDate > until) return;
    const meetingId = this.meeting.run(referralId, caseId, meetingDate, 'Actions agreed', this.actor, this.stamp).lastInsertRowid;
    const actions = [
      ['Share the safety plan with the IDVA', 'PLW'],
      ['Flag the address for a priority police response', 'Police'],
      ['Check the school knows who may collect the children', 'Children’s services'],
    ] as const;
    for (const [action, owner] of actions.slice(0, this.random.int(1, 3))) {
      const due = addDays(meetingDate, this.random.int(7, 28));
      const done = this.random.chance(0.75) ? addDays(due, this.random.int(-6, 4)) : null;
      this.action.run(meetingId, caseId, action, owner, due, done && done <= until && done >= meetingDate ? done : null, this.actor, this.stamp);
    }
  }

  /** Police checks on most referred cases, children's social care on about half; most answered in two weeks. */
  addChecks(caseId: number, referral: IsoDate, until: IsoDate): void {
    for (const [agency, share] of [
      ['police', 0.8],
      ['childrens_social_care', 0.5],
    ] as const) {
      if (!this.random.chance(share)) continue;
      const asked = englandAndWales.addWorkingDays(referral, this.random.int(0, 4));
      if (asked > until) continue;
      const reply = this.random.chance(0.85) ? englandAndWales.addWorkingDays(asked, this.random.int(2, 14)) : null;
      const answered = reply && reply <= until ? reply : null;
      this.check.run(caseId, agency, asked, CHECK_PEOPLE[agency], answered, answered ? 'Reply received' : null, this.actor, this.stamp);
    }
  }

  /** Once she has been spoken to, most victims agree a plan within a fortnight; some have reviewed it since. */
  addSafetyPlan(caseId: number, firstSpoken: IsoDate, until: IsoDate): void {
    if (!this.random.chance(0.7)) return;
    const agreed = addDays(firstSpoken, this.random.int(0, 14));
    if (agreed > until) return;
    const count = this.random.int(2, 4);
    for (let n = 0; n < count; n++) {
      const [risk, action, who] = PLAN_ITEMS[(caseId + n) % PLAN_ITEMS.length]!;
      this.item.run(caseId, risk, action, who, null, this.actor, this.stamp);
    }
    this.review.run(caseId, agreed, 'agreed', this.actor, this.stamp);
    for (let day = addDays(agreed, this.random.int(60, 100)); day <= until && day <= this.asOf; day = addDays(day, this.random.int(60, 100))) {
      this.review.run(caseId, day, 'reviewed', this.actor, this.stamp);
    }
  }
}
