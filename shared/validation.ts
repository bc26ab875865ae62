import type { PlwErrorShape } from './errors';

interface IssueLike {
  message: string;
  path: readonly PropertyKey[];
}

/** The first validation problem, as the error shape a form shows beside the field. */
export function validationError(issues: readonly IssueLike[]): PlwErrorShape {
  const first = issues[0];
  if (!first) return { code: 'VALIDATION', message: 'Check what you entered and try again.' };
  const field = first.path.map(String).join('.');
  // zod's own wording ("Invalid input") is not for people; ours always is.
  const message = /^Invalid|^Expected|^Unrecognized/.test(first.message) ? 'Check what you entered and try again.' : first.message;
  return field ? { code: 'VALIDATION', message, field } : { code: 'VALIDATION', message };
}
