export const ROLES = ['admin', 'plw', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  plw: 'Partner Link Worker',
  manager: 'Manager',
};
