/**
 * Working days: Monday to Friday except England & Wales bank holidays. The plain
 * date arithmetic lives in dates.ts and is re-exported here for the core's use.
 */
import Holidays from 'date-holidays';

export { addDays, addMonths, daysBetween, dayOfWeek, fromDayNumber, isIsoDate, londonDate, minDate, toDayNumber, type IsoDate } from './dates';
import { dayOfWeek, fromDayNumber, toDayNumber, type IsoDate } from './dates';

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
