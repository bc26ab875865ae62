/** Her engagement history as the case page shows it: from her contacts and the statuses set by hand or imported. */
import { engagementHistory, type ContactForEngagement, type EngagementChange } from '../../../shared/engagement';
import type { EngagementStatus } from '../../../shared/reference-data';
import type { Db } from '../db/open-database';

export interface EngagementEntry {
  date: string;
  status: EngagementStatus;
  source: 'contact' | 'hand' | 'import';
  by: string;
  reason: string | null;
}

/** Her engagement history, newest first, with who recorded each change. */
export function engagementEntries(db: Db, caseId: number): EngagementEntry[] {
  const contacts = db
    .prepare(
      `SELECT contact_date AS date, outcome, with_victim AS withVictim, recorded_at AS recordedAt, recorded_by AS by
       FROM contacts WHERE case_id = ? AND deleted_at IS NULL AND with_victim = 1 AND outcome IN ('spoke_to_victim', 'declined_support')`,
    )
    .all(caseId) as (Omit<ContactForEngagement, 'withVictim'> & { withVictim: number; by: string })[];
  const set = db
    .prepare('SELECT change_date AS date, status, source, reason, recorded_at AS recordedAt, recorded_by AS by FROM engagement_changes WHERE case_id = ?')
    .all(caseId) as (EngagementChange & { reason: string | null; by: string })[];
  const who = new Map<string, { by: string; reason: string | null }>();
  for (const c of contacts) who.set(`contact|${c.recordedAt}|${c.date}`, { by: c.by, reason: null });
  for (const s of set) who.set(`${s.source}|${s.recordedAt}|${s.date}`, { by: s.by, reason: s.reason });
  return engagementHistory(
    contacts.map((c) => ({ ...c, withVictim: c.withVictim === 1 })),
    set,
  )
    .map((change) => ({ date: change.date, status: change.status, source: change.source, ...who.get(`${change.source}|${change.recordedAt}|${change.date}`)! }))
    .reverse();
}
