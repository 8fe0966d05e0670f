import { EVENT_CATEGORIES, type Event } from '../../../shared/domain/event';
import { categoryLabel } from '../../components/format';

/** One bar: a label and a count. */
export interface Bar {
  label: string;
  value: number;
}

/** Events per category, in the domain's category order, categories without events left out. */
export function countByCategory(events: readonly Event[]): Bar[] {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  return EVENT_CATEGORIES.filter((c) => counts.has(c)).map((c) => ({ label: categoryLabel(c), value: counts.get(c) ?? 0 }));
}

/**
 * Events per calendar year, every year between the first and last included (zero years show
 * as gaps, not as missing rows). Every PartialDate names its year, so no event is dropped.
 */
export function countByYear(events: readonly Event[]): Bar[] {
  const counts = new Map<number, number>();
  for (const e of events) {
    const year = Number(e.date.value.slice(0, 4));
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  const years = [...counts.keys()];
  if (years.length === 0) return [];
  const bars: Bar[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) bars.push({ label: String(y), value: counts.get(y) ?? 0 });
  return bars;
}

/** How many events are known only to the month or to the year. */
export function imprecision(events: readonly Event[]): { month: number; year: number } {
  let month = 0;
  let year = 0;
  for (const e of events) {
    if (e.date.precision === 'month') month++;
    else if (e.date.precision === 'year') year++;
  }
  return { month, year };
}
