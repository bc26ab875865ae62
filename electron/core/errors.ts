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
  const storage = storageError(error);
  if (storage) return storage.toShape();
  return { code: 'INTERNAL', message: 'Something went wrong. Nothing was changed. Try again, and if it keeps happening tell your administrator.' };
}

const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EFBIG', 'EDQUOT']);
const NOT_WRITABLE = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * A failure of the disk rather than of the app, put so a person can act on it.
 * SQLite rolls the change back on any of these, so nothing half-written stays.
 * (SQLite reports a write refused past the size limit as SQLITE_IOERR_WRITE,
 * so a write error says "full or gone" rather than guessing which.)
 */
export function storageError(error: unknown): PlwError | null {
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (DISK_FULL.has(code)) {
    return new PlwError('STORAGE', 'The disk is full, so this was not saved. Everything saved before is safe. Free some space (or ask IT to), then try again.');
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new PlwError(
      'STORAGE',
      'The database folder cannot be written to, so nothing was saved. Everything saved before is safe. Ask IT to check this account can write to that folder.',
    );
  }
  if (NOT_WRITABLE.has(code)) {
    return new PlwError(
      'STORAGE',
      'That folder cannot be written to, so nothing was saved. Everything saved before is safe. Choose another folder, or ask IT to check this account can write to it.',
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new PlwError(
      'STORAGE',
      'The disk could not be written to (it may be full, or the drive may have gone), so this was not saved. Everything saved before is safe. Check the drive and free some space, then try again.',
    );
  }
  return null;
}
