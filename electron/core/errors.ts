import type { ErrorCode, PlwErrorShape } from '../../shared/errors';

/** An error meant for a person. Its message must never contain a victim's details. */
export class PlwError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'PlwError';
  }

  toShape(): PlwErrorShape {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
}

/**
 * Anything unexpected becomes a generic message: SQLite errors and stack traces
 * can quote the data they choked on, so they never cross a boundary.
 */
export function toErrorShape(error: unknown): PlwErrorShape {
  if (error instanceof PlwError) return error.toShape();
  return { code: 'INTERNAL', message: 'Something went wrong. Nothing was changed. Try again, and if it keeps happening tell your administrator.' };
}
