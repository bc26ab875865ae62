/** Counts and figures in words people read without stumbling: "1 order", "3 rows need fixing". */

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : pluralForm}`;
}

/** The importer's verdict on a workbook with bad rows. */
export function needFixing(rows: number): string {
  return `${plural(rows, 'row')} ${rows === 1 ? 'needs' : 'need'} fixing`;
}

/**
 * A report figure: a percentage with nothing under it (no referral was due, say) is
 * "Nothing to measure", never "None" or 0%, which would read as a failure.
 */
export function figureText(key: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return key.endsWith('_pct') ? 'Nothing to measure' : '0';
  return key.endsWith('_pct') ? `${value}%` : value.toLocaleString('en-GB');
}
