import type { Settings } from '../shared/contract';
import type { Role } from '../shared/roles';

/** The team chooses whether its workers are called PLWs or DASOs. */
export function roleLabel(role: Role, roleTitle: Settings['roleTitle']): string {
  if (role === 'plw') return roleTitle === 'DASO' ? 'Domestic Abuse Safety Officer' : 'Partner Link Worker';
  return role === 'admin' ? 'Administrator' : 'Manager';
}
