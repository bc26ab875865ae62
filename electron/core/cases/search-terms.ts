/**
 * What a case can be found by: names, CRN, case ref, phone and postcode. Phone
 * numbers and postcodes are also indexed without spaces, so "07700900461" and
 * "07700 900461" both find the same case.
 */
export interface SearchableFields {
  caseRef: string;
  victimName: string;
  perpetratorName: string;
  crn: string | null;
  victimPhone: string | null;
  victimPostcode: string | null;
}

const compact = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '');

export function searchTerms(fields: SearchableFields): string {
  const parts = [fields.caseRef, compact(fields.caseRef), fields.victimName, fields.perpetratorName, fields.crn ?? ''];
  if (fields.victimPhone) parts.push(fields.victimPhone, compact(fields.victimPhone));
  if (fields.victimPostcode) parts.push(fields.victimPostcode, compact(fields.victimPostcode));
  return parts.filter(Boolean).join(' ');
}

/** A person's search box text as an FTS5 query: every word must match the start of a term. */
export function searchQuery(text: string): string | null {
  // A phone number or postcode typed with spaces is one term: "07700 9004" searches the
  // compact "077009004", rather than every number starting 07700.
  if (/^[\d\s+()-]+$/.test(text.trim()) || /^[A-Za-z]{1,2}\d[A-Za-z\d]?\s+\d[A-Za-z]{0,2}$/.test(text.trim())) {
    const whole = compact(text);
    return whole ? `"${whole}"*` : null;
  }
  const words = text
    .trim()
    .split(/\s+/)
    .map((word) => compact(word))
    .filter((word) => word.length > 0)
    .slice(0, 8);
  if (!words.length) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}
