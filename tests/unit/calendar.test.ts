import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysBetween, englandAndWales, fromDayNumber, isIsoDate, toDayNumber } from '../../shared/calendar';

describe('England & Wales bank holidays', () => {
  // The published GOV.UK lists, substitute days included.
  const published: Record<number, string[]> = {
    2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
    2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  };

  for (const [year, dates] of Object.entries(published)) {
    it(`are exactly the published days off for ${year}`, () => {
      const start = `${year}-01-01`;
      const daysOff: string[] = [];
      for (let i = 0; i < 366; i++) {
        const date = addDays(start, i);
        if (!date.startsWith(year)) break;
        const weekday = dayOfWeek(date);
        if (weekday !== 0 && weekday !== 6 && !englandAndWales.isWorkingDay(date)) daysOff.push(date);
      }
      expect(daysOff).toEqual(dates);
    });
  }
});

describe('working days', () => {
  const cases: [string, string, number, string][] = [
    ['an ordinary week', '2026-11-20', 5, '2026-11-27'],
    ['never counts the start date', '2026-11-23', 1, '2026-11-24'],
    ['from a Saturday', '2026-11-21', 1, '2026-11-23'],
    ['over Easter 2026 (Good Friday and Easter Monday)', '2026-04-02', 1, '2026-04-07'],
    ['over Easter 2027', '2027-03-25', 1, '2027-03-30'],
    ['over Christmas 2026 (Boxing Day substitute on Monday 28th)', '2026-12-24', 1, '2026-12-29'],
    ['over Christmas 2027 (both substitutes, 27th and 28th)', '2027-12-24', 1, '2027-12-29'],
    ['across the new year', '2026-12-31', 1, '2027-01-04'],
    ['five working days over Christmas 2026', '2026-12-22', 5, '2026-12-31'],
    ['across a month end', '2026-01-30', 5, '2026-02-06'],
    ['onto a leap day', '2028-02-28', 1, '2028-02-29'],
    ['zero working days is the date itself', '2026-11-21', 0, '2026-11-21'],
  ];
  for (const [what, start, n, expected] of cases) {
    it(`${what}: ${start} + ${n} working days = ${expected}`, () => {
      expect(englandAndWales.addWorkingDays(start, n)).toBe(expected);
    });
  }

  it('calendar days cross month ends and leap years without time zones', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-25', 7)).toBe('2028-03-03');
    expect(addDays('2027-02-25', 7)).toBe('2027-03-04');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29'); // the clocks go forward that night
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2); // and back this one
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
  });
});

describe('working-day arithmetic, for any date and count (property tests)', () => {
  const dates = fc.integer({ min: toDayNumber('2024-01-01'), max: toDayNumber('2029-12-31') }).map(fromDayNumber);
  const counts = fc.integer({ min: 1, max: 60 });

  it('+N working days always lands on a working day after the start', () => {
    fc.assert(
      fc.property(dates, counts, (date, n) => {
        const result = englandAndWales.addWorkingDays(date, n);
        return englandAndWales.isWorkingDay(result) && result > date;
      }),
    );
  });

  it('is strictly increasing in N', () => {
    fc.assert(fc.property(dates, counts, (date, n) => englandAndWales.addWorkingDays(date, n + 1) > englandAndWales.addWorkingDays(date, n)));
  });

  it('never goes backwards when the start date moves later', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 30 }), counts, (date, shift, n) => {
        return englandAndWales.addWorkingDays(addDays(date, shift), n) >= englandAndWales.addWorkingDays(date, n);
      }),
    );
  });

  it('counts exactly N working days in between', () => {
    fc.assert(
      fc.property(dates, counts, (date, n) => {
        const end = englandAndWales.addWorkingDays(date, n);
        let working = 0;
        for (let d = addDays(date, 1); d <= end; d = addDays(d, 1)) if (englandAndWales.isWorkingDay(d)) working++;
        return working === n;
      }),
      { numRuns: 200 },
    );
  });

  it('calendar days and day differences are inverses', () => {
    fc.assert(fc.property(dates, fc.integer({ min: -1000, max: 1000 }), (date, n) => daysBetween(date, addDays(date, n)) === n));
  });
});
