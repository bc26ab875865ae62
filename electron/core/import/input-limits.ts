/**
 * Limits on what an import will read, checked before memory grows: a file built to hurt
 * (a 1 GB CSV, a zip bomb, a shared-strings bomb, a part that lies about its size) is
 * refused with a plain message instead of running the app out of memory. Generous by default
 * (the benchmark's national workbook, 100,000 cases and 1,000,000 contacts, is well inside
 * them) and set per team, within maxima, in Settings → Import and templates.
 */
import { DEFAULT_IMPORT_LIMIT_SETTINGS, type ImportLimitSettings } from '../../../shared/contract';
import { PlwError } from '../errors';

export interface ImportLimits {
  /** One .xlsx, or one .csv of a folder. */
  fileBytes: number;
  /** All the .csv files of a folder together. */
  folderBytes: number;
  /** A part of the workbook once unzipped: a sheet. */
  partBytes: number;
  /** The shared strings are held in memory while the sheets are read. */
  sharedStringsBytes: number;
  /** All parts unzipped together. */
  unzippedBytes: number;
  /** XML squeezes 5 to 20 times, a repetitive sheet up to 100 or so; a bomb, thousands. Fixed. */
  compressionRatio: number;
  rowsPerSheet: number;
  /** The tracker workbook has a few dozen columns at most. Fixed. */
  columnsPerSheet: number;
}

const MiB = 1024 * 1024;

export function importLimitsFrom(settings: ImportLimitSettings): ImportLimits {
  return {
    fileBytes: settings.fileMB * MiB,
    folderBytes: settings.folderMB * MiB,
    partBytes: Math.min(1024 * MiB, settings.unzippedMB * MiB),
    sharedStringsBytes: settings.sharedStringsMB * MiB,
    unzippedBytes: settings.unzippedMB * MiB,
    compressionRatio: 200,
    rowsPerSheet: settings.rowsPerSheet,
    columnsPerSheet: 100,
  };
}

export const IMPORT_LIMITS: ImportLimits = importLimitsFrom(DEFAULT_IMPORT_LIMIT_SETTINGS);

const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-GB')} MB`;

export function refuseLargeFile(name: string, bytes: number, limit = IMPORT_LIMITS.fileBytes): void {
  if (bytes > limit) {
    throw new PlwError(
      'VALIDATION',
      `${name} is ${MB(bytes)}, more than the ${MB(limit)} an import reads. Split it (by year, say) and import the parts one after another.`,
    );
  }
}

export function refuseTooManyRows(sheet: string, rows: number, limit = IMPORT_LIMITS.rowsPerSheet): void {
  if (rows > limit) {
    throw new PlwError(
      'VALIDATION',
      `The ${sheet} sheet has more than ${limit.toLocaleString('en-GB')} rows, more than an import reads. Split it and import the parts one after another.`,
    );
  }
}

export function refuseTooManyColumns(sheet: string, columns: number, limit = IMPORT_LIMITS.columnsPerSheet): void {
  if (columns > limit) {
    throw new PlwError(
      'VALIDATION',
      `The ${sheet} sheet has ${columns.toLocaleString('en-GB')} columns; the tracker workbook has far fewer. Check it is the right file.`,
    );
  }
}

export function notAWorkbook(name: string, why: string): PlwError {
  return new PlwError('VALIDATION', `${name} was not read: ${why} Save it again from Excel as .xlsx and try again; nothing was imported.`);
}
