/**
 * Spreadsheet formula injection: a cell that starts with = + - @ (or a tab or carriage
 * return) can run as a formula when a CSV or XLSX is opened. Text is prefixed with an
 * apostrophe so it shows exactly as typed and never runs.
 *
 * Spreadsheets also read look-alikes as those characters (full-width ＝ ＋ － ＠, the small
 * forms ﹦ ﹢ ﹣ ﹫, the minus sign −), and some skip leading spaces and invisible characters
 * first, so the start is judged after those and after Unicode compatibility folding (NFKC).
 */
const FORMULA_START = /^[=+\-@\u2212]/;
const IGNORED_LEAD = /^[\s\u00a0\u200b-\u200d\u2060\ufeff]+/;

export function neutraliseFormula<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  if (/^[\t\r\n]/.test(value)) return `'${value}`;
  const start = value.replace(IGNORED_LEAD, '').slice(0, 2).normalize('NFKC');
  return FORMULA_START.test(start) ? `'${value}` : value;
}
