import { describe, expect, it } from 'vitest';
import { comparePartialDates, partialDate, PartialDate, partialDateSpan } from '../../src/shared/domain/partial-date';

const DAY = 86_400_000;
const days = (date: PartialDate) => {
  const { start, end } = partialDateSpan(date);
  return (end - start) / DAY;
};
const issues = (value: unknown) => {
  const result = PartialDate.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('PartialDate validation', () => {
  it('accepts a year, a month and a day, each with its precision', () => {
    expect(issues({ value: '2024', precision: 'year' })).toEqual([]);
    expect(issues({ value: '2024-03', precision: 'month', approximate: true })).toEqual([]);
    expect(issues({ value: '2024-03-22', precision: 'day' })).toEqual([]);
  });

  it('rejects a value that does not match its stated precision, saying what was expected', () => {
    expect(issues({ value: '2024-03', precision: 'day' })[0]).toMatch(/not a day-precision date \(expected 2024-03-22\)/);
    expect(issues({ value: '2024-03-22', precision: 'month' })[0]).toMatch(/not a month-precision date/);
    expect(issues({ value: '2024-03', precision: 'year' })[0]).toMatch(/not a year-precision date/);
  });

  it('rejects malformed values', () => {
    for (const value of ['24', '2024-3', '2024-13', '2024-00', '2024-03-00', '2024-03-32', '2024/03/22', '2024-03-22T10:00', ' 2024', '']) {
      const precision = value.length <= 4 ? 'year' : value.length <= 7 ? 'month' : 'day';
      expect(issues({ value, precision }), value).not.toEqual([]);
    }
  });

  it('rejects days that are not on the calendar, leap years included', () => {
    expect(issues({ value: '2024-02-29', precision: 'day' })).toEqual([]); // divisible by 4
    expect(issues({ value: '2000-02-29', precision: 'day' })).toEqual([]); // divisible by 400
    expect(issues({ value: '2023-02-29', precision: 'day' })[0]).toMatch(/not a calendar day/);
    expect(issues({ value: '1900-02-29', precision: 'day' })[0]).toMatch(/not a calendar day/); // by 100, not 400
    expect(issues({ value: '2100-02-29', precision: 'day' })[0]).toMatch(/not a calendar day/);
    expect(issues({ value: '2024-04-31', precision: 'day' })[0]).toMatch(/not a calendar day/);
    expect(issues({ value: '2024-02-30', precision: 'day' })[0]).toMatch(/not a calendar day/);
  });

  it('rejects unknown precisions and extra fields', () => {
    expect(issues({ value: '2024', precision: 'decade' })).not.toEqual([]);
    expect(issues({ value: '2024', precision: 'year', circa: true })).not.toEqual([]);
    expect(issues({ value: '2024', precision: 'year', approximate: 'yes' })).not.toEqual([]);
  });

  it('partialDate() infers the precision from the shape', () => {
    expect(partialDate('2024')).toEqual({ value: '2024', precision: 'year' });
    expect(partialDate('2024-03')).toEqual({ value: '2024-03', precision: 'month' });
    expect(partialDate('2024-03-22', true)).toEqual({ value: '2024-03-22', precision: 'day', approximate: true });
    expect(partialDate('2024-03', false)).toEqual({ value: '2024-03', precision: 'month' });
  });
});

describe('partialDateSpan', () => {
  it('a year spans the whole year (366 days in a leap year)', () => {
    expect(partialDateSpan(partialDate('2024'))).toEqual({ start: Date.UTC(2024, 0, 1), end: Date.UTC(2025, 0, 1) });
    expect(days(partialDate('2024'))).toBe(366);
    expect(days(partialDate('2023'))).toBe(365);
    expect(days(partialDate('2000'))).toBe(366);
    expect(days(partialDate('1900'))).toBe(365);
  });

  it('a month spans its days, February by the leap rule, December into the next year', () => {
    expect(partialDateSpan(partialDate('2024-02'))).toEqual({ start: Date.UTC(2024, 1, 1), end: Date.UTC(2024, 2, 1) });
    expect(days(partialDate('2024-02'))).toBe(29);
    expect(days(partialDate('2023-02'))).toBe(28);
    expect(days(partialDate('2024-04'))).toBe(30);
    expect(days(partialDate('2024-01'))).toBe(31);
    expect(partialDateSpan(partialDate('2024-12'))).toEqual({ start: Date.UTC(2024, 11, 1), end: Date.UTC(2025, 0, 1) });
  });

  it('a day spans one day, across month and year ends', () => {
    expect(partialDateSpan(partialDate('2024-02-29'))).toEqual({ start: Date.UTC(2024, 1, 29), end: Date.UTC(2024, 2, 1) });
    expect(partialDateSpan(partialDate('2024-12-31'))).toEqual({ start: Date.UTC(2024, 11, 31), end: Date.UTC(2025, 0, 1) });
    expect(days(partialDate('2024-03-31'))).toBe(1);
  });

  it('years below 100 are not shifted into the 1900s', () => {
    expect(new Date(partialDateSpan(partialDate('0050')).start).getUTCFullYear()).toBe(50);
    expect(issues({ value: '0004-02-29', precision: 'day' })).toEqual([]); // year 4 is a leap year
  });

  it('approximate does not change the span', () => {
    expect(partialDateSpan(partialDate('2024-03', true))).toEqual(partialDateSpan(partialDate('2024-03')));
  });
});

describe('comparePartialDates', () => {
  it('orders by start, then the more precise first', () => {
    // '2024-01-01', '2024-01' and '2024' share a start: day, then month, then year.
    const expected = ['2023-12-31', '2024-01-01', '2024-01', '2024', '2024-01-02', '2024-02-15', '2024-03-01', '2024-03', '2025'];
    const shuffled = ['2024', '2025', '2024-03', '2024-01-02', '2023-12-31', '2024-01', '2024-03-01', '2024-02-15', '2024-01-01'];
    const sorted = shuffled.map((v) => partialDate(v)).sort(comparePartialDates).map((d) => d.value);
    expect(sorted).toEqual(expected);
  });

  it('is antisymmetric and zero only for the same span', () => {
    const values = ['2024', '2024-01', '2024-01-01', '2023-12', '2024-06-15'].map((v) => partialDate(v));
    for (const a of values) {
      for (const b of values) {
        expect(Math.sign(comparePartialDates(a, b)) + Math.sign(comparePartialDates(b, a))).toBe(0);
        expect(comparePartialDates(a, b) === 0).toBe(a.value === b.value);
      }
    }
    expect(comparePartialDates(partialDate('2024-03', true), partialDate('2024-03'))).toBe(0);
  });
});
