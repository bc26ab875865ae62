/**
 * Reading a workbook into plain text cells: one `.xlsx` (ExcelJS, streamed) or a folder of
 * `.csv` files named after the sheets (csv-parse). Dates typed as dates in Excel
 * arrive as `YYYY-MM-DD`; everything else as the text the person sees.
 */
import { basename, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { PlwError } from '../errors';
import { DISK_SOURCE, type FileSource } from '../files/file-source';
import { IMPORT_LIMITS, notAWorkbook, refuseLargeFile, refuseTooManyColumns, refuseTooManyRows, type ImportLimits } from './input-limits';

export interface RawSheet {
  name: string;
  /** Row 1 of the sheet. */
  headers: string[];
  /** Data rows with their spreadsheet row numbers (row 2 is the first data row). */
  rows: RawRow[];
}

/**
 * One row's cells packed into one string. A workbook of a million contacts held as
 * ten million small strings fills the heap, and every garbage collection during the
 * read then walks it all: packed, the read takes a fraction of the time.
 */
export interface RawRow {
  row: number;
  packed: string;
}

/** U+001F (unit separator): a control character XML cannot carry, so no cell of a workbook holds it. */
const SEPARATOR = '\u001f';

function packRow(row: number, cells: string[]): RawRow {
  // A CSV file could hold one: it becomes a space rather than a column break.
  return { row, packed: cells.map((c) => (c.includes(SEPARATOR) ? c.replaceAll(SEPARATOR, ' ') : c)).join(SEPARATOR) };
}

export function cellsOf(raw: RawRow): string[] {
  return raw.packed.split(SEPARATOR);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

/**
 * The parts ExcelJS's streaming reader needs before any sheet: without them it
 * parks each sheet in a temporary file (personal data on disk, unencrypted), and
 * without the styles a date typed as a date arrives as a bare number.
 */
const PARTS_FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'];
/** A local entry's "data descriptor" (general purpose flag bit 3) follows its data, with or without this signature. */
const DATA_DESCRIPTOR = 0x08074b50;

/**
 * Excel writes those parts after the sheets. The streaming reader reads a zip's
 * entries in the order they sit in the file, so the file is fed to it in a new
 * order: each entry's local record (header, compressed data, descriptor) copied
 * as it is, found through the central directory (yauzl). Nothing is inflated here.
 */
/**
 * The zip's parts as its directory declares them, checked against the limits before anything
 * is unzipped: sizes, compression ratio (a bomb), and part names. A part named like one of
 * PARTS_FIRST but for its case ("Workbook.xml.rels") would not be recognised by the reader,
 * which would then park every sheet in a plaintext temporary file: refused.
 */
function checkDeclaredParts(name: string, entries: yauzl.Entry[], limits: ImportLimits): void {
  let unzipped = 0;
  const lowerFirst = new Map(PARTS_FIRST.map((part) => [part.toLowerCase(), part]));
  for (const entry of entries) {
    const expected = lowerFirst.get(entry.fileName.toLowerCase());
    if (expected && expected !== entry.fileName) throw notAWorkbook(name, `its part ${entry.fileName} is not named as Excel names it (${expected}).`);
    const limit = entry.fileName === 'xl/sharedStrings.xml' ? limits.sharedStringsBytes : limits.partBytes;
    if (entry.uncompressedSize > limit) throw notAWorkbook(name, 'one of its parts is far larger unzipped than a tracker workbook could be.');
    if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > limits.compressionRatio * Math.max(1, entry.compressedSize)) {
      throw notAWorkbook(name, 'it unzips to hundreds of times its size, as a file built to exhaust memory does.');
    }
    unzipped += entry.uncompressedSize;
  }
  if (unzipped > limits.unzippedBytes) throw notAWorkbook(name, 'it unzips to more than an import reads.');
  for (const required of ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
    if (!entries.some((entry) => entry.fileName === required)) throw notAWorkbook(name, `it has no ${required} part.`);
  }
}

/**
 * Unzips every part once, counting, and throws away the bytes: yauzl stops a part that
 * gives more bytes than its directory declared, so a part that lies about its size (to pass
 * the checks above) is caught here, in bounded memory, before the reader holds any of it.
 */
async function checkActualSizes(zip: yauzl.ZipFile, entries: yauzl.Entry[]): Promise<void> {
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        stream.on('error', reject);
        stream.on('end', resolve);
        stream.resume();
      });
    });
  }
}

async function reorderedForStreaming(workbook: Buffer, name: string, limits: ImportLimits): Promise<Readable> {
  const zip = await yauzl.fromBufferPromise(workbook, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true });
  const entries: yauzl.Entry[] = [];
  const records = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readLocalFileHeader(entry, { minimal: true }, (error, header) => {
        if (error) return reject(error);
        let end = header.fileDataStart + entry.compressedSize;
        if (entry.generalPurposeBitFlag & 0x8) end += workbook.readUInt32LE(end) === DATA_DESCRIPTOR ? 16 : 12;
        records.set(entry.fileName, workbook.subarray(entry.relativeOffsetOfLocalHeader, end));
        zip.readEntry();
      });
    });
    zip.readEntry();
  });
  checkDeclaredParts(name, entries, limits);
  try {
    await checkActualSizes(zip, entries);
  } catch {
    throw notAWorkbook(name, 'one of its parts holds more than it says it does, as a file built to exhaust memory does.');
  }
  const names = [...records.keys()];
  const ordered = [...PARTS_FIRST.filter((name) => records.has(name)), ...names.filter((name) => !PARTS_FIRST.includes(name))];
  // The central directory is left off: the streaming reader stops at the last entry.
  return Readable.from(
    (function* chunks() {
      for (const name of ordered) {
        const record = records.get(name)!;
        // In file-sized chunks: the unzipper slows to a crawl on one huge buffer.
        for (let at = 0; at < record.length; at += 64 * 1024) yield record.subarray(at, at + 64 * 1024);
      }
    })(),
  );
}

async function readXlsx(path: string, bytes: number, limits: ImportLimits, from: FileSource): Promise<RawSheet[]> {
  const sheets: RawSheet[] = [];
  refuseLargeFile(basename(path), bytes, limits.fileBytes);
  let stream: Readable;
  try {
    stream = await reorderedForStreaming(from.read(path), basename(path), limits);
  } catch (error) {
    if (error instanceof PlwError) throw error;
    throw new PlwError('VALIDATION', `${basename(path)} could not be read as an Excel workbook (.xlsx). Save it as .xlsx and try again.`);
  }
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    // A workbook of only inline strings has no shared strings part, and the reader would then
    // park its sheets in temporary files to wait for one: start it with an empty list.
    (reader as unknown as { sharedStrings: unknown[] }).sharedStrings = [];
    for await (const worksheet of reader) {
      const headers: string[] = [];
      const rows: RawSheet['rows'] = [];
      const sheetName = (worksheet as unknown as { name: string }).name;
      for await (const row of worksheet) {
        refuseTooManyRows(sheetName, rows.length, limits.rowsPerSheet);
        // row.values is 1-based: index 0 is always empty.
        const values = row.values as ExcelJS.CellValue[];
        refuseTooManyColumns(sheetName, values.length - 1, limits.columnsPerSheet);
        const filled = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]).trim());
        if (row.number === 1) headers.push(...filled);
        else if (filled.some((c) => c !== '')) rows.push(packRow(row.number, filled));
      }
      // The typings omit it, but each worksheet reader carries the sheet's name from workbook.xml.
      sheets.push({ name: sheetName, headers, rows });
    }
  } catch (error) {
    if (error instanceof PlwError) throw error;
    throw new PlwError('VALIDATION', `${basename(path)} could not be read as an Excel workbook (.xlsx). Save it as .xlsx and try again.`);
  }
  return sheets;
}

function readCsvFolder(dir: string, limits: ImportLimits, from: FileSource): RawSheet[] {
  const files = from.list(dir).filter((name) => extname(name).toLowerCase() === '.csv' && from.stat(join(dir, name))?.kind === 'file');
  if (!files.length)
    throw new PlwError('VALIDATION', 'That folder has no .csv files. Name them after the sheets: cases.csv, contacts.csv, orders.csv, chases.csv.');
  // Sizes first, all of them: a CSV is parsed whole, so a huge one must never be opened.
  let total = 0;
  for (const file of files) {
    const found = from.stat(join(dir, file));
    const bytes = found?.kind === 'file' ? found.bytes : 0;
    refuseLargeFile(file, bytes, limits.fileBytes);
    total += bytes;
  }
  refuseLargeFile('The folder’s .csv files together', total, limits.folderBytes);
  return files.map((file) => {
    let records: string[][];
    try {
      records = parse(from.read(join(dir, file)), { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    } catch (error) {
      const line = (error as { lines?: number }).lines;
      throw new PlwError('VALIDATION', `${file} is not valid CSV${line ? ` (near line ${line})` : ''}: check its quotes and commas.`);
    }
    const [headers = [], ...rest] = records;
    const sheet = basename(file, extname(file));
    refuseTooManyRows(sheet, rest.length, limits.rowsPerSheet);
    refuseTooManyColumns(sheet, Math.max(headers.length, ...rest.slice(0, 1000).map((r) => r.length)), limits.columnsPerSheet);
    return {
      name: basename(file, extname(file)),
      headers,
      rows: rest.flatMap((cells, i) => (cells.some((c) => c !== '') ? [packRow(i + 2, cells)] : [])),
    };
  });
}

/**
 * `limits`: the team's (settings.ts), or the defaults when there is no database (a template check).
 * `from`: this computer's disk, or the copy a person's app sent to the team server.
 */
export async function readWorkbook(source: string, limits: ImportLimits = IMPORT_LIMITS, from: FileSource = DISK_SOURCE): Promise<RawSheet[]> {
  const found = from.stat(source);
  if (!found) throw new PlwError('NOT_FOUND', `There is nothing at ${basename(source)}.`);
  if (found.kind === 'folder') return readCsvFolder(source, limits, from);
  if (extname(source).toLowerCase() !== '.xlsx') throw new PlwError('VALIDATION', 'Choose an Excel workbook (.xlsx) or a folder of .csv files.');
  return readXlsx(source, found.bytes, limits, from);
}
