/** Her engagement history as the case page shows it: from her contacts and the statuses set by hand or imported. */
import { ENGAGEMENT_FROM_OUTCOME, inHistoryOrder } from '../../../shared/engagement';
import type { ContactOutcome, EngagementStatus } from '../../../shared/reference-data';
import type { Db } from '../db/open-database';

export interface EngagementEntry {
  date: string;
  status: EngagementStatus;
  source: 'contact' | 'hand' | 'import';
  by: string;
  reason: string | null;
}

/** Her engagement history, newest first, with who recorded each change (the same order as the timers read it). */
export function engagementEntries(db: Db, caseId: number): EngagementEntry[] {
  const contacts = db
    .prepare(
      `SELECT contact_date AS date, outcome, recorded_at AS recordedAt, recorded_by AS by
       FROM contacts WHERE case_id = ? AND deleted_at IS NULL AND with_victim = 1 AND outcome IN ('spoke_to_victim', 'declined_support')`,
    )
    .all(caseId) as { date: string; outcome: ContactOutcome; recordedAt: string; by: string }[];
  const set = db
    .prepare('SELECT change_date AS date, status, source, reason, recorded_at AS recordedAt, recorded_by AS by FROM engagement_changes WHERE case_id = ?')
    .all(caseId) as (EngagementEntry & { recordedAt: string })[];
  const fromContacts = contacts.map((c) => ({ ...c, status: ENGAGEMENT_FROM_OUTCOME[c.outcome]!, source: 'contact' as const, reason: null }));
  return [...fromContacts, ...set]
    .sort(inHistoryOrder)
    .reverse()
    .map(({ date, status, source, by, reason }) => ({ date, status, source, by, reason }));
}
