/**
 * Calendar dates as `YYYY-MM-DD` strings, with arithmetic on whole days counted
 * from 1970-01-01. Nothing here touches a local time zone, so clock changes can
 * never move a date.
 */
import Holidays from 'date-holidays';

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isIsoDate(value: string): boolean {
  const match = ISO.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function toDayNumber(date: IsoDate): number {
  const match = ISO.exec(date);
  if (!match) throw new RangeError(`Not a calendar date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** b − a in calendar days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** England & Wales bank holidays, substitute days included, from the maintained `date-holidays` data. */
export class WorkingCalendar {
  private readonly byYear = new Map<number, Set<IsoDate>>();
  private readonly holidays = new Holidays('GB', 'ENG');

  bankHolidays(year: number): Set<IsoDate> {
    let set = this.byYear.get(year);
    if (!set) {
      set = new Set(
        this.holidays
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      this.byYear.set(year, set);
    }
    return set;
  }

  isWorkingDay(date: IsoDate): boolean {
    const weekday = dayOfWeek(date);
    if (weekday === 0 || weekday === 6) return false;
    return !this.bankHolidays(Number(date.slice(0, 4))).has(date);
  }

  /** The Nth working day after `date` (the start date itself never counts). */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('working days must be a whole number, 0 or more');
    let day = toDayNumber(date);
    let left = n;
    while (left > 0) {
      day += 1;
      if (this.isWorkingDay(fromDayNumber(day))) left -= 1;
    }
    return fromDayNumber(day);
  }
}

/** One shared calendar: the holiday lists are computed once per year. */
export const englandAndWales = new WorkingCalendar();

const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in London for an instant: the "as of" date of every timer. */
export function londonDate(instant: Date): IsoDate {
  return LONDON.format(instant);
}
