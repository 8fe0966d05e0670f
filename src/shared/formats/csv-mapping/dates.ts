import type { PartialDate } from '../../domain/partial-date';

/** The date layouts the importers read. 'auto' tries ISO, then "22 March 2024", then dd/mm/yyyy. */
export const DATE_FORMATS = ['auto', 'yyyy-mm-dd', 'dd/mm/yyyy', 'mm/dd/yyyy', 'd month yyyy', 'yyyy-mm', 'yyyy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A day as a PartialDate, or null when it is not a calendar day. */
export function dayDate(year: number, month: number, day: number): PartialDate | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { value: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, precision: 'day' };
}

function iso(text: string): PartialDate | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  return m ? dayDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function numeric(text: string, order: 'dmy' | 'mdy'): PartialDate | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  let year = Number(m[3]);
  // Two-digit years: ACLED's older files start in 1997, so 97–99 are 19xx and the rest 20xx.
  if ((m[3] as string).length === 2) year += year >= 50 ? 1900 : 2000;
  return order === 'dmy' ? dayDate(year, b, a) : dayDate(year, a, b);
}

function named(text: string): PartialDate | null {
  const m = /^(\d{1,2})[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})$/.exec(text) ?? /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  if (!m) return null;
  const dayFirst = /^\d/.test(m[1] as string);
  const month = MONTHS[(dayFirst ? (m[2] as string) : (m[1] as string)).toLowerCase()];
  if (!month) return null;
  return dayDate(Number(m[3]), month, Number(dayFirst ? m[1] : m[2]));
}

function yearMonth(text: string): PartialDate | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { value: `${m[1]}-${pad(month)}`, precision: 'month' } : null;
}

function yearOnly(text: string): PartialDate | null {
  return /^\d{4}$/.test(text) && Number(text) > 0 ? { value: text, precision: 'year' } : null;
}

/** Reads a date in the given layout; null when the text is not one. */
export function parseDate(text: string, format: DateFormat = 'auto'): PartialDate | null {
  const t = text.trim();
  if (!t) return null;
  switch (format) {
    case 'yyyy-mm-dd':
      return iso(t);
    case 'dd/mm/yyyy':
      return numeric(t, 'dmy');
    case 'mm/dd/yyyy':
      return numeric(t, 'mdy');
    case 'd month yyyy':
      return named(t);
    case 'yyyy-mm':
      return yearMonth(t) ?? iso(t);
    case 'yyyy':
      return yearOnly(t);
    case 'auto':
      return iso(t) ?? named(t) ?? numeric(t, 'dmy') ?? yearMonth(t) ?? yearOnly(t);
  }
}
