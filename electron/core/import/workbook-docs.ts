/**
 * docs/workbook.md, written from the workbook's own format table (workbook-format.ts), so the
 * page a team reads can never disagree with what the importer accepts. `npm run docs` rewrites
 * it; a test fails when it is out of date.
 */
import { WORKBOOK, type ColumnSpec } from './workbook-format';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function valuesOf(column: ColumnSpec): string {
  switch (column.kind.type) {
    case 'date':
      return 'date';
    case 'time':
      return 'time, HH:MM';
    case 'yesno':
      return 'yes / no';
    case 'codes':
      return 'codes separated by ;';
    case 'choice':
      return 'a listed value';
    case 'text':
      return `text, up to ${column.kind.max} characters`;
  }
}

export function workbookDocs(): string {
  const lines = [
    '# The tracker workbook: the import format',
    '',
    '<!-- Written by `npm run docs` from electron/core/import/workbook-format.ts. Do not edit by hand. -->',
    '',
    'Teams arrive with a spreadsheet. Partner Link Tracker imports it (Settings → Import and templates,',
    'or `plw import`), and hands out an empty template of it (*Download template*, or `plw template`)',
    'with a notes sheet that repeats this page.',
    '',
    'One `.xlsx` file with the sheets below, or a folder of `.csv` files named after them',
    '(`cases.csv`, ...). Row 1 holds the column names, in any order and any case. Dates are',
    '`YYYY-MM-DD` or UK `DD/MM/YYYY`. Listed values are matched whatever their case. `;` separates',
    'several values in one cell.',
    '',
    'An import is all or nothing: if any row is wrong, nothing is written and every wrong row is',
    'listed (sheet, row number, column, what is wrong), never what the cell holds. A column the',
    'format does not know is an error, not silently dropped. A case ref already in the app is',
    'refused unless you ask to update existing cases.',
    '',
    'No fact that meets a timer may be dated after the day of the import: the referral received,',
    'programme start and end dates, contact dates and chase dates (see [timers.md](timers.md)).',
    'Release and supervision end dates may lie in the future.',
    '',
    'Rows with the same CRN name the same perpetrator: one person record. His release date,',
    'supervision end date, custody status, consent date and MAPPA category and level must agree',
    'across those rows (a blank cell says nothing); each row that disagrees is listed as an error.',
    'Workbooks written for the first version of the format, without the newer columns, import',
    'unchanged.',
  ];
  for (const sheet of WORKBOOK) {
    lines.push('', `## ${sheet.name}${sheet.required ? ' (required)' : ''}`, '', '| column | required | values | notes |', '|---|---|---|---|');
    for (const column of sheet.columns) {
      lines.push(`| \`${column.name}\` | ${column.required ? 'yes' : 'no'} | ${valuesOf(column)} | ${cell(column.notes)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
