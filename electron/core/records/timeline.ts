/**
 * One chronological view of everything on a case, newest first, in the words a
 * person would use. Built from the records themselves, so it is never out of step.
 */
import {
  CHASE_METHODS,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  ENGAGEMENT_STATUSES,
  LIAISON_AGENCIES,
  ORDER_TYPES,
  PROGRAMME_STATUSES,
  RISK_EVENT_CATEGORIES,
} from '../../../shared/reference-data';
import { formatDateLong } from '../../../shared/uk-dates';
import type { Db } from '../db/open-database';
import { PlwError } from '../errors';
import { agencyEntries, safetyPlanEntries } from './timeline-agencies';

export const TIMELINE_KINDS = ['case', 'chase', 'contact', 'programme', 'order', 'risk', 'liaison', 'engagement', 'agency', 'plan'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  date: string;
  time: string | null;
  kind: TimelineKind;
  title: string;
  detail: string | null;
  by: string | null;
}

const label = (labels: Record<string, string>, value: string | null | undefined) => (value ? (labels[value] ?? value) : '');

export function caseTimeline(
  db: Db,
  caseId: number,
  /** linkedCases false: only this case's own records (a subject access record holds nothing about other victims' cases). */
  options: { kinds?: TimelineKind[]; hideSensitiveNotes: boolean; linkedCases?: boolean },
): TimelineEntry[] {
  const c = db.prepare('SELECT sentence_date, referral_received_date, referral_source, closed_date FROM cases WHERE id = ?').get(caseId) as
    { sentence_date: string | null; referral_received_date: string | null; referral_source: string | null; closed_date: string | null } | undefined;
  if (!c) throw new PlwError('NOT_FOUND', 'That case no longer exists.');
  const entries: TimelineEntry[] = [];
  const want = (kind: TimelineKind) => !options.kinds?.length || options.kinds.includes(kind);

  if (want('case')) {
    if (c.sentence_date) entries.push({ date: c.sentence_date, time: null, kind: 'case', title: 'Sentenced', detail: null, by: null });
    if (c.referral_received_date)
      entries.push({
        date: c.referral_received_date,
        time: null,
        kind: 'case',
        title: 'Referral received',
        detail: c.referral_source ? `From ${c.referral_source}` : null,
        by: null,
      });
    if (c.closed_date) entries.push({ date: c.closed_date, time: null, kind: 'case', title: 'Case closed', detail: null, by: null });
  }
  if (want('chase')) {
    for (const r of db.prepare('SELECT chase_date, to_whom, method, note, recorded_by FROM chases WHERE case_id = ?').all(caseId) as Record<
      string,
      string | null
    >[]) {
      entries.push({
        date: r.chase_date!,
        time: null,
        kind: 'chase',
        title: `Referral chased${r.to_whom ? ` with ${r.to_whom}` : ''}${r.method ? ` by ${label(CHASE_METHODS.labels, r.method).toLowerCase()}` : ''}`,
        detail: r.note ?? null,
        by: r.recorded_by ?? null,
      });
    }
  }
  if (want('contact')) {
    const rows = db
      .prepare(
        'SELECT contact_date, contact_time, method, outcome, with_victim, with_whom, notes, sensitive, is_final, recorded_by FROM contacts WHERE case_id = ? AND deleted_at IS NULL',
      )
      .all(caseId) as Record<string, string | number | null>[];
    for (const r of rows) {
      const who = r.with_victim === 1 ? '' : ` with ${r.with_whom}`;
      const notes = r.sensitive === 1 && options.hideSensitiveNotes ? 'Sensitive note' : ((r.notes as string | null) ?? null);
      entries.push({
        date: r.contact_date as string,
        time: (r.contact_time as string | null) ?? null,
        kind: 'contact',
        title: `${label(CONTACT_METHODS.labels, r.method as string)}${who}: ${label(CONTACT_OUTCOMES.labels, r.outcome as string).toLowerCase()}${r.is_final === 1 ? '' : ' (draft)'}`,
        detail: notes,
        by: r.recorded_by as string,
      });
    }
  }
  if (want('programme')) {
    for (const r of db.prepare('SELECT event_date, from_status, to_status, reason, recorded_by FROM programme_events WHERE case_id = ?').all(caseId) as Record<
      string,
      string | null
    >[]) {
      entries.push({
        date: r.event_date!,
        time: null,
        kind: 'programme',
        title: `Programme: ${label(PROGRAMME_STATUSES.labels, r.to_status)}`,
        detail: r.reason ?? null,
        by: r.recorded_by ?? null,
      });
    }
  }
  if (want('order')) {
    for (const r of db
      .prepare('SELECT id, order_ref, order_type, made_date, expiry_date, resolution, resolved_date FROM orders WHERE case_id = ?')
      .all(caseId) as Record<string, string | null>[]) {
      if (r.made_date)
        entries.push({
          date: r.made_date,
          time: null,
          kind: 'order',
          title: `${label(ORDER_TYPES.labels, r.order_type)} made (${r.order_ref})`,
          detail: r.expiry_date ? `Expires ${formatDateLong(r.expiry_date)}` : 'Until further order',
          by: null,
        });
      if (r.resolved_date)
        entries.push({ date: r.resolved_date, time: null, kind: 'order', title: `Order ${r.order_ref} ${r.resolution}`, detail: null, by: null });
    }
    for (const r of db
      .prepare(
        'SELECT b.breach_date, b.what, b.reported_to, b.recorded_by, o.order_ref FROM order_breaches b JOIN orders o ON o.id = b.order_id WHERE o.case_id = ?',
      )
      .all(caseId) as Record<string, string | null>[]) {
      entries.push({
        date: r.breach_date!,
        time: null,
        kind: 'order',
        title: `Order ${r.order_ref} breached`,
        detail: [r.what, r.reported_to ? `Reported to ${r.reported_to}` : null].filter(Boolean).join('. '),
        by: r.recorded_by ?? null,
      });
    }
  }
  if (want('risk')) {
    for (const r of db.prepare('SELECT event_date, category, description, recorded_by FROM risk_events WHERE case_id = ?').all(caseId) as Record<
      string,
      string | null
    >[]) {
      entries.push({
        date: r.event_date!,
        time: null,
        kind: 'risk',
        title: `Risk event: ${label(RISK_EVENT_CATEGORIES.labels, r.category).toLowerCase()}`,
        detail: r.description ?? null,
        by: r.recorded_by ?? null,
      });
    }
    // Risk raised on a linked case (same perpetrator) is risk to her too (docs/model.md). What
    // happened and when, and on which case; not the other victim's description.
    for (const r of options.linkedCases === false
      ? []
      : (db
          .prepare(
            `SELECT e.event_date, e.category, e.recorded_by, o.case_ref FROM cases c JOIN cases o ON o.perpetrator_id = c.perpetrator_id AND o.id <> c.id
         JOIN risk_events e ON e.case_id = o.id WHERE c.id = ?`,
          )
          .all(caseId) as Record<string, string | null>[])) {
      entries.push({
        date: r.event_date!,
        time: null,
        kind: 'risk',
        title: `Risk event on linked case ${r.case_ref}: ${label(RISK_EVENT_CATEGORIES.labels, r.category).toLowerCase()}`,
        detail: null,
        by: r.recorded_by ?? null,
      });
    }
  }
  if (want('engagement')) {
    for (const r of db.prepare('SELECT change_date, status, source, reason, recorded_by FROM engagement_changes WHERE case_id = ?').all(caseId) as Record<
      string,
      string | null
    >[]) {
      entries.push({
        date: r.change_date!,
        time: null,
        kind: 'engagement',
        title: `Engagement ${r.source === 'import' ? 'imported' : 'set'}: ${label(ENGAGEMENT_STATUSES.labels, r.status).toLowerCase()}`,
        detail: r.reason ?? null,
        by: r.recorded_by ?? null,
      });
    }
  }
  if (want('liaison')) {
    for (const r of db
      .prepare('SELECT shared_date, agency, shared_with, what, acknowledged_date, recorded_by FROM liaison WHERE case_id = ?')
      .all(caseId) as Record<string, string | null>[]) {
      entries.push({
        date: r.shared_date!,
        time: null,
        kind: 'liaison',
        title: `Shared with ${label(LIAISON_AGENCIES.labels, r.agency)}${r.shared_with ? ` (${r.shared_with})` : ''}${r.acknowledged_date ? `, acknowledged ${formatDateLong(r.acknowledged_date)}` : ', not yet acknowledged'}`,
        detail: r.what ?? null,
        by: r.recorded_by ?? null,
      });
    }
  }
  if (want('agency')) entries.push(...agencyEntries(db, caseId));
  if (want('plan')) entries.push(...safetyPlanEntries(db, caseId));
  return entries.sort((a, b) => (a.date === b.date ? (b.time ?? '').localeCompare(a.time ?? '') : a.date < b.date ? 1 : -1));
}
