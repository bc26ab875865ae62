/** The empty tracker workbook handed to teams: every sheet's headers, and a notes sheet explaining each column. */
import { DISK, type FileSink } from '../files/file-sink';
import ExcelJS from 'exceljs';
import { NOTES_SHEET, WORKBOOK } from './workbook-format';

/** Where the app's own documentation is (shipped beside it, and in the project). */
export const WORKBOOK_DOC = 'docs/workbook.md';
export const TIMERS_DOC = 'docs/timers.md';

export async function writeTemplate(path: string, files: FileSink = DISK): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Partner Link Tracker';
  for (const sheet of WORKBOOK) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.addRow(sheet.columns.map((c) => c.name));
    worksheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((column, i) => {
      worksheet.getColumn(i + 1).width = Math.max(12, column.name.length + 4);
      // Date columns as text, so Excel does not turn 24/11/2026 into an American date.
      if (column.kind.type === 'date') worksheet.getColumn(i + 1).numFmt = '@';
    });
  }
  const notes = workbook.addWorksheet(NOTES_SHEET);
  notes.addRow(['sheet', 'column', 'required', 'what to put in it']);
  notes.getRow(1).font = { bold: true };
  notes.addRow([
    '(all)',
    '',
    '',
    'Row 1 holds the column names. Dates as YYYY-MM-DD or DD/MM/YYYY. Listed values are matched whatever their case. Separate several values in one cell with ;',
  ]);
  notes.addRow([
    '(all)',
    '',
    '',
    `The whole format is in ${WORKBOOK_DOC} and the timer rules in ${TIMERS_DOC}: Partner Link Tracker's documentation, in the docs folder where the app is installed.`,
  ]);
  for (const sheet of WORKBOOK) {
    for (const column of sheet.columns) {
      notes.addRow([sheet.name, column.name, column.required ? 'yes' : 'no', column.notes]);
    }
  }
  notes.getColumn(1).width = 10;
  notes.getColumn(2).width = 24;
  notes.getColumn(3).width = 10;
  notes.getColumn(4).width = 100;
  files.write(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
}
