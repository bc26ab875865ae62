import type { Session } from '../shared/contract';

export type ScopeInput = { scope: 'mine' | 'team' } | { scope: 'worker'; workerId: number };

/** Workers start on their own cases; admins and managers on the whole team. */
export function defaultScope(session: Session): ScopeInput {
  return session.role === 'plw' ? { scope: 'mine' } : { scope: 'team' };
}
