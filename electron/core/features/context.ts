/** What several features need from a session: who writes, whose work, and the view audit. */
import type { z } from 'zod';
import type { scopeSchema } from '../../../shared/case-views';
import { recordAudit } from '../audit';
import type { WriteContext } from '../cases/case-store';
import { readTimerRules } from '../cases/timer-settings';
import { workerForAccount } from '../cases/workers';
import type { Session } from '../session';

export function writeContext(session: Session): WriteContext {
  const { db } = session.database;
  return { db, actor: session.account.accountName, now: session.now(), rules: readTimerRules(db) };
}

/** Null for the team; this session's own worker for "mine" (-1 when it has none, so nothing matches). */
type Scope = z.output<typeof scopeSchema>;

export function scopeWorker(session: Session, scope: Scope): number | null {
  if (scope.scope === 'team') return null;
  if (scope.scope === 'worker' && scope.workerId !== undefined) return scope.workerId;
  return workerForAccount(session.database.db, session.account.accountName) ?? -1;
}

/**
 * Every view of a victim's record is attributed, once per opening of the case: the case
 * page's panels are part of the opening that cases.get recorded, and a panel read on its
 * own (for another case) is an opening of its own.
 */
export function recordView(session: Session, caseId: number, via: string): void {
  if (session.state.viewedCase === caseId) return;
  recordAudit(
    session.database.db,
    session.account.accountName,
    { action: 'case.viewed', entityType: 'case', entityId: caseId, caseId, detail: { via } },
    session.now(),
  );
  session.state.viewedCase = caseId;
}

/** Managers see that a sensitive contact exists, not what it says. */
export function hidesSensitive(session: Session): boolean {
  return session.account.role === 'manager';
}
