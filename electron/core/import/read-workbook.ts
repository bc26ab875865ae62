/**
 * Reading a workbook into plain text cells: one `.xlsx` (ExcelJS) or a folder of
 * `.csv` files named after the sheets (csv-parse). Dates typed as dates in Excel
 * arrive as `YYYY-MM-DD`; everything else as the text the person sees.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { PlwError } from '../errors';

export interface RawSheet {
  name: string;
  /** Row 1 of the sheet. */
  headers: string[];
  /** Data rows with their spreadsheet row numbers (row 2 is the first data row). */
  rows: { row: number; cells: string[] }[];
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

async function readXlsx(path: string): Promise<RawSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch {
    throw new PlwError('VALIDATION', `${basename(path)} could not be read as an Excel workbook (.xlsx). Save it as .xlsx and try again.`);
  }
  const sheets: RawSheet[] = [];
  workbook.eachSheet((worksheet) => {
    const headers: string[] = [];
    const rows: RawSheet['rows'] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cellText(cell.value).trim();
      });
      const filled = Array.from({ length: cells.length }, (_, i) => cells[i] ?? '');
      if (rowNumber === 1) headers.push(...filled);
      else if (filled.some((c) => c !== '')) rows.push({ row: rowNumber, cells: filled });
    });
    sheets.push({ name: worksheet.name, headers, rows });
  });
  return sheets;
}

function readCsvFolder(dir: string): RawSheet[] {
  const files = readdirSync(dir).filter((name) => extname(name).toLowerCase() === '.csv');
  if (!files.length) throw new PlwError('VALIDATION', 'That folder has no .csv files. Name them after the sheets: cases.csv, contacts.csv, orders.csv, chases.csv.');
  return files.map((file) => {
    let records: string[][];
    try {
      records = parse(readFileSync(join(dir, file)), { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    } catch (error) {
      const line = (error as { lines?: number }).lines;
      throw new PlwError('VALIDATION', `${file} is not valid CSV${line ? ` (near line ${line})` : ''}: check its quotes and commas.`);
    }
    const [headers = [], ...rest] = records;
    return {
      name: basename(file, extname(file)),
      headers,
      rows: rest.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c !== '')),
    };
  });
}

export async function readWorkbook(source: string): Promise<RawSheet[]> {
  if (!existsSync(source)) throw new PlwError('NOT_FOUND', `There is nothing at ${basename(source)}.`);
  if (statSync(source).isDirectory()) return readCsvFolder(source);
  if (extname(source).toLowerCase() !== '.xlsx') throw new PlwError('VALIDATION', 'Choose an Excel workbook (.xlsx) or a folder of .csv files.');
  return readXlsx(source);
}
