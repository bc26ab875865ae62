import type { Session } from '../shared/contract';

export type ScopeInput = { scope: 'mine' | 'team' } | { scope: 'worker'; workerId: number };

/** Workers start on their own cases; admins and managers on the whole team. */
export function defaultScope(session: Session): ScopeInput {
  return session.role === 'plw' ? { scope: 'mine' } : { scope: 'team' };
}

/** A scope as it is written in an address (`scope=team`, `scope=worker:12`). */
export function scopeParam(scope: ScopeInput): string {
  return scope.scope === 'worker' ? `worker:${scope.workerId}` : scope.scope;
}

/** The scope an address names, or the person's default when it names none (or nonsense). */
export function scopeFromParam(param: string | null, session: Session): ScopeInput {
  if (param === 'mine' || param === 'team') return { scope: param };
  const worker = /^worker:(\d{1,9})$/.exec(param ?? '');
  return worker ? { scope: 'worker', workerId: Number(worker[1]) } : defaultScope(session);
}
