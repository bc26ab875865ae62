/**
 * Errors cross every boundary (IPC, loopback harness, CLI) in one shape.
 * The message is written for a person and never carries a victim's details.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'WRONG_PASSPHRASE',
  'TOO_MANY_ATTEMPTS',
  'PASSPHRASE_CHANGE_REQUIRED',
  'LOCKED',
  'NOT_ALLOWED',
  'NO_DATABASE',
  'DATABASE_EXISTS',
  'DATABASE_NEWER',
  'DATABASE_DAMAGED',
  'NOT_FOUND',
  'CONFLICT',
  /** A contact or letter that breaks the victim's safe-contact rules, without an override reason. */
  'UNSAFE_CONTACT',
  'CANCELLED',
  /** The disk is full, or the folder cannot be written to: nothing from this change was saved. */
  'STORAGE',
  /** The database is open in another program or on another computer, or being rekeyed or restored. */
  'IN_USE',
  /** A network or cloud-synced folder, where the database cannot be kept safely. */
  'UNSUPPORTED_LOCATION',
  /** The team server is not answering (stopped, restarting, or the network is down). */
  'UNAVAILABLE',
  /** Signed out of the team server (idle, locked, or the server restarted): sign in again. */
  'SIGNED_OUT',
  /** The team server showed a certificate other than the one confirmed: refused. */
  'CHANGED_CERTIFICATE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface PlwErrorShape {
  code: ErrorCode;
  message: string;
  /** The input field the message is about, so a form can show it beside that field. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: PlwErrorShape };

export function isPlwErrorShape(value: unknown): value is PlwErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string';
}
