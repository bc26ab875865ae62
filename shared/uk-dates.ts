/**
 * UK display of ISO timestamps and dates, never through the local time zone's
 * date arithmetic: formatting is done for Europe/London explicitly.
 */
const LONG = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const SHORT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Europe/London',
});

function toInstant(value: string): Date {
  // A bare calendar date is noon UTC, which is the same date in London all year.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

/** `24 November 2026`: for sentences and headings. */
export function formatDateLong(value: string): string {
  return LONG.format(toInstant(value));
}

/** `24 Nov 2026`: for tables. */
export function formatDateShort(value: string): string {
  return SHORT.format(toInstant(value));
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' });

/** `14:05 on 24 Nov 2026`: when something happened, for messages. */
export function formatTimeAndDate(iso: string): string {
  const at = new Date(iso);
  return `${TIME.format(at)} on ${SHORT.format(at)}`;
}

const WELSH_MONTHS = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];

/**
 * `24 Tachwedd 2026`: a date in a Welsh letter. The month names are written out here rather
 * than asked of the runtime's locale data, so a letter reads the same on every computer.
 */
export function formatDateLongWelsh(value: string): string {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${day} ${WELSH_MONTHS[month - 1]} ${year}`;
}
