/**
 * Limits on what an import will read, checked before memory grows: a file built to hurt
 * (a 1 GB CSV, a zip bomb, a shared-strings bomb, a part that lies about its size) is
 * refused with a plain message instead of running the app out of memory. Generous: the
 * benchmark's national workbook (100,000 cases and 1,000,000 contacts) is well inside them.
 */
import { PlwError } from '../errors';

export const IMPORT_LIMITS = {
  /** One .xlsx, or one .csv of a folder. */
  fileBytes: 200 * 1024 * 1024,
  /** All the .csv files of a folder together. */
  folderBytes: 400 * 1024 * 1024,
  /** A part of the workbook once unzipped: a sheet, the shared strings. */
  partBytes: 1024 * 1024 * 1024,
  /** The shared strings are held in memory while the sheets are read. */
  sharedStringsBytes: 256 * 1024 * 1024,
  /** All parts unzipped together. */
  unzippedBytes: 2 * 1024 * 1024 * 1024,
  /** XML squeezes 5 to 20 times, a repetitive sheet up to 100 or so; a bomb, thousands. */
  compressionRatio: 200,
  rowsPerSheet: 2_000_000,
  columnsPerSheet: 100,
};

const MB = (bytes: number) => `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-GB')} MB`;

export function refuseLargeFile(name: string, bytes: number, limit = IMPORT_LIMITS.fileBytes): void {
  if (bytes > limit) {
    throw new PlwError('VALIDATION', `${name} is ${MB(bytes)}, more than the ${MB(limit)} an import reads. Split it (by year, say) and import the parts one after another.`);
  }
}

export function refuseTooManyRows(sheet: string, rows: number): void {
  if (rows > IMPORT_LIMITS.rowsPerSheet) {
    throw new PlwError('VALIDATION', `The ${sheet} sheet has more than ${IMPORT_LIMITS.rowsPerSheet.toLocaleString('en-GB')} rows, more than an import reads. Split it and import the parts one after another.`);
  }
}

export function refuseTooManyColumns(sheet: string, columns: number): void {
  if (columns > IMPORT_LIMITS.columnsPerSheet) {
    throw new PlwError('VALIDATION', `The ${sheet} sheet has ${columns.toLocaleString('en-GB')} columns; the tracker workbook has far fewer. Check it is the right file.`);
  }
}

export function notAWorkbook(name: string, why: string): PlwError {
  return new PlwError('VALIDATION', `${name} was not read: ${why} Save it again from Excel as .xlsx and try again; nothing was imported.`);
}
