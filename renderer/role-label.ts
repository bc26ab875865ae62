import type { Settings } from '../shared/contract';
import type { Role } from '../shared/roles';
import { roleTitleWords } from '../shared/role-title';

/** The team chooses whether its workers are called PLWs or DASOs. */
export function roleLabel(role: Role, roleTitle: Settings['roleTitle']): string {
  if (role === 'plw') return roleTitleWords(roleTitle);
  return role === 'admin' ? 'Administrator' : 'Manager';
}
