/**
 * The timeline's entries for agencies (checks, DASH, MARAC, Clare's Law) and the safety plan, in
 * the words a person would use. What a reply said or a plan's notes say stay in their sections:
 * the timeline says what happened and when.
 */
import { CHECK_AGENCIES, DVDS_OUTCOMES, DVDS_ROUTES, SAFETY_PLAN_REVIEW_KINDS } from '../../../shared/agency-reference';
import type { Db } from '../db/open-database';
import type { TimelineEntryView as TimelineEntry } from '../../../shared/record-views';

type Row = Record<string, string | number | null>;
const label = (labels: Record<string, string>, value: unknown) => (typeof value === 'string' ? (labels[value] ?? value) : '');
const entry = (date: unknown, kind: 'agency' | 'plan', title: string, by: unknown, detail: string | null = null): TimelineEntry => ({
  date: date as string,
  time: null,
  kind,
  title,
  detail,
  by: (by as string | null) ?? null,
});

export function agencyEntries(db: Db, caseId: number): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const r of db
    .prepare('SELECT id, agency, requested_date, requested_from, reply_date, recorded_by FROM agency_checks WHERE case_id = ?')
    .all(caseId) as Row[]) {
    const what = label(CHECK_AGENCIES.labels, r.agency);
    entries.push(entry(r.requested_date, 'agency', `${what} check asked for${r.requested_from ? ` (${r.requested_from})` : ''}`, r.recorded_by));
    if (r.reply_date) entries.push(entry(r.reply_date, 'agency', `${what} check answered`, null));
    for (const c of db.prepare('SELECT chase_date, recorded_by FROM agency_check_chases WHERE check_id = ?').all(r.id) as Row[])
      entries.push(entry(c.chase_date, 'agency', `${what} check chased`, c.recorded_by));
  }
  for (const r of db
    .prepare('SELECT assessed_date, score, recorded_by FROM dash_assessments WHERE case_id = ? AND assessed_date IS NOT NULL')
    .all(caseId) as Row[])
    entries.push(entry(r.assessed_date, 'agency', `DASH checklist: score ${r.score}`, r.recorded_by));
  for (const r of db.prepare('SELECT referral_date, recorded_by FROM marac_referrals WHERE case_id = ? AND referral_date IS NOT NULL').all(caseId) as Row[])
    entries.push(entry(r.referral_date, 'agency', 'Referred to MARAC', r.recorded_by));
  for (const r of db.prepare('SELECT meeting_date, recorded_by FROM marac_meetings WHERE case_id = ?').all(caseId) as Row[])
    entries.push(entry(r.meeting_date, 'agency', 'MARAC meeting', r.recorded_by));
  for (const r of db
    .prepare('SELECT action, owner, completed_date, changed_by FROM marac_actions WHERE case_id = ? AND completed_date IS NOT NULL')
    .all(caseId) as Row[])
    entries.push(entry(r.completed_date, 'agency', `MARAC action done (${r.owner})`, r.changed_by, r.action as string));
  for (const r of db
    .prepare('SELECT route, application_date, outcome, outcome_date, recorded_by FROM dvds_applications WHERE case_id = ?')
    .all(caseId) as Row[]) {
    entries.push(entry(r.application_date, 'agency', `Clare’s Law: ${label(DVDS_ROUTES.labels, r.route).toLowerCase()} application`, r.recorded_by));
    if (r.outcome_date) entries.push(entry(r.outcome_date, 'agency', `Clare’s Law: ${label(DVDS_OUTCOMES.labels, r.outcome).toLowerCase()}`, null));
  }
  return entries;
}

export function safetyPlanEntries(db: Db, caseId: number): TimelineEntry[] {
  return (db.prepare('SELECT review_date, kind, recorded_by FROM safety_plan_reviews WHERE case_id = ?').all(caseId) as Row[]).map((r) =>
    entry(r.review_date, 'plan', `Safety plan: ${label(SAFETY_PLAN_REVIEW_KINDS.labels, r.kind).toLowerCase()}`, r.recorded_by),
  );
}
