import type { PlwErrorShape } from '../../../shared/errors';

/** What the server and the app both say when a token no longer works (signed out, idle, the server restarted). */
export const SIGNED_OUT = { code: 'SIGNED_OUT', message: 'You are signed out of the team server. Sign in again.' } as const satisfies PlwErrorShape;
