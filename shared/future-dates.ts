/**
 * No fact that meets a timer may be dated after today (docs/timers.md): a contact dated next month
 * would otherwise meet keep-in-touch now and take the case off Today. Release, supervision
 * end, order expiry and action due dates are plans, and may lie in the future.
 * One rule, used by the window's forms, the core (so the IPC and the command line) and the importer.
 */
import type { IsoDate } from './calendar';

export interface DatedFact {
  /** The field (or workbook column) the message points at. */
  field: string;
  /** What the person sees the date as, e.g. "the date of the contact". */
  label: string;
  value: IsoDate | null | undefined;
}

export interface FutureDateProblem {
  field: string;
  message: string;
}

export function futureDateMessage(label: string): string {
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} must be today or in the past`;
}

export function futureDates(facts: readonly DatedFact[], today: IsoDate): FutureDateProblem[] {
  return facts.filter((f) => f.value && f.value > today).map((f) => ({ field: f.field, message: futureDateMessage(f.label) }));
}

/** The case's own facts that meet or start a timer, with the words the New case form uses. */
export const CASE_FACT_DATES = [
  { field: 'referralReceivedDate', label: 'the referral received date' },
  { field: 'programmeStartDate', label: 'the programme start date' },
  { field: 'programmeEndDate', label: 'the programme end date' },
] as const;
