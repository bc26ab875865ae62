/**
 * Spreadsheet formula injection: a cell that starts with = + - @ (or a tab or carriage
 * return) can run as a formula when a CSV or XLSX is opened. Text is prefixed with an
 * apostrophe so it shows exactly as typed and never runs.
 */
export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
