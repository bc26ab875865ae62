/**
 * The victim's engagement (docs/model.md): a dated history, built from her contacts' outcomes
 * and the statuses people set by hand. Worked out from the records each time, never stored
 * apart from them, so deleting a contact takes its effect away with it.
 */
import type { IsoDate } from './calendar';
import type { ContactOutcome, EngagementSource, EngagementStatus } from './reference-data';

/** What a contact's outcome says about her engagement, if anything. */
export const ENGAGEMENT_FROM_OUTCOME: Partial<Record<ContactOutcome, EngagementStatus>> = {
  spoke_to_victim: 'engaged',
  declined_support: 'declined',
};

export interface EngagementChange {
  date: IsoDate;
  status: EngagementStatus;
  source: EngagementSource;
  /** When it was recorded: orders changes of the same date (the later record wins). */
  recordedAt: string;
}

export interface ContactForEngagement {
  date: IsoDate;
  outcome: ContactOutcome;
  withVictim: boolean;
  recordedAt: string;
}

/** Her engagement history, oldest first: contacts with her that say something, and the statuses set by hand or imported. */
export function engagementHistory(contacts: readonly ContactForEngagement[], set: readonly EngagementChange[]): EngagementChange[] {
  const fromContacts: EngagementChange[] = [];
  for (const contact of contacts) {
    const status = contact.withVictim ? ENGAGEMENT_FROM_OUTCOME[contact.outcome] : undefined;
    if (status) fromContacts.push({ date: contact.date, status, source: 'contact', recordedAt: contact.recordedAt });
  }
  return [...fromContacts, ...set].sort(inHistoryOrder);
}

/** Oldest first; on the same date, the later record wins (comes after). */
export function inHistoryOrder(a: Pick<EngagementChange, 'date' | 'recordedAt'>, b: Pick<EngagementChange, 'date' | 'recordedAt'>): number {
  return a.date === b.date ? a.recordedAt.localeCompare(b.recordedAt) : a.date < b.date ? -1 : 1;
}

/** Engagement on date D: the latest status dated on or before D; "not yet contacted" before any. */
export function engagementOn(history: readonly EngagementChange[], date: IsoDate | null = null): EngagementStatus {
  let status: EngagementStatus = 'not_yet_contacted';
  for (const change of history) if (date === null || change.date <= date) status = change.status;
  return status;
}

/** The latest change, or null when nothing has been recorded (she is "not yet contacted"). */
export function latestEngagement(history: readonly EngagementChange[]): EngagementChange | null {
  return history.length ? history[history.length - 1]! : null;
}
