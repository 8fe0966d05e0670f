import { z } from 'zod';

export const DatePrecision = z.enum(['year', 'month', 'day']);
export type DatePrecision = z.infer<typeof DatePrecision>;

const PATTERNS: Record<DatePrecision, RegExp> = {
  year: /^\d{4}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
};

/**
 * A date known to a stated precision: '2024', '2024-03' or '2024-03-22'.
 * `approximate` marks dates the sources give as "around" or "early/late".
 */
export const PartialDate = z
  .object({
    value: z.string(),
    precision: DatePrecision,
    approximate: z.boolean().optional(),
  })
  .strict()
  .superRefine((date, ctx) => {
    if (!PATTERNS[date.precision].test(date.value)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${date.value}" is not a ${date.precision}-precision date (expected ${exampleFor(date.precision)})`,
        path: ['value'],
      });
      return;
    }
    if (date.precision === 'day' && !isRealDay(date.value)) {
      ctx.addIssue({ code: 'custom', message: `"${date.value}" is not a calendar day`, path: ['value'] });
    }
  });
export type PartialDate = z.infer<typeof PartialDate>;

function exampleFor(precision: DatePrecision): string {
  return precision === 'year' ? '2024' : precision === 'month' ? '2024-03' : '2024-03-22';
}

function isRealDay(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(utc(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Builds a PartialDate from its value, inferring the precision from the shape. */
export function partialDate(value: string, approximate?: boolean): PartialDate {
  const precision: DatePrecision = value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
  return approximate ? { value, precision, approximate } : { value, precision };
}

/** The first and last instant (UTC ms) the date can stand for; end is exclusive. */
export function partialDateSpan(date: PartialDate): { start: number; end: number } {
  const [y, m = 1, d = 1] = date.value.split('-').map(Number) as [number, number?, number?];
  const start = utc(y, m - 1, d);
  const end = date.precision === 'year' ? utc(y + 1, 0, 1) : date.precision === 'month' ? utc(y, m, 1) : utc(y, m - 1, d + 1);
  return { start, end };
}

/** Date.UTC, except that years 0–99 stay themselves (Date.UTC maps them to 1900–1999). */
function utc(year: number, monthIndex: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

/** Orders dates by their start, then the more precise first. */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const sa = partialDateSpan(a);
  const sb = partialDateSpan(b);
  return sa.start - sb.start || sa.end - sb.end;
}
