import { z } from 'zod';
import type { Event } from '../domain/event';
import { placeDate } from './placement';

/**
 * The timeline's compact, column-wise copy of the events: only what placing, grouping and
 * labelling need. 100k events travel as a few MB instead of the tens of MB of full records.
 */
export const TimelineColumns = z.object({
  ids: z.array(z.string()),
  titles: z.array(z.string()),
  starts: z.array(z.number()),
  ends: z.array(z.number()),
  /** One letter per event: d(ay), m(onth), y(ear); upper case when approximate. */
  precisions: z.string(),
  categories: z.array(z.string()),
  countries: z.array(z.string()),
  admin1s: z.array(z.string()),
  /** Actor id of the first claim, else the first attribution, else any claim; '' when nobody. */
  perpetrators: z.array(z.string()),
  /** Upper bound of fatalities; -1 when not recorded. */
  fatalities: z.array(z.number()),
});
export type TimelineColumns = z.infer<typeof TimelineColumns>;

const KIND_ORDER = ['claimed', 'attributed', 'suspected'] as const;

/** The actor held responsible first: a claim beats an attribution beats a suspicion; denials never count. */
export function perpetratorOf(event: Event): string {
  for (const kind of KIND_ORDER) {
    const claim = event.responsibility.find((c) => c.kind === kind);
    if (claim) return claim.actorId;
  }
  return '';
}

export function projectEvents(events: readonly Event[]): TimelineColumns {
  const columns: TimelineColumns = { ids: [], titles: [], starts: [], ends: [], precisions: '', categories: [], countries: [], admin1s: [], perpetrators: [], fatalities: [] };
  const precision: string[] = [];
  for (const event of events) {
    const placed = placeDate(event.date);
    columns.ids.push(event.id);
    columns.titles.push(event.title);
    columns.starts.push(placed.start);
    columns.ends.push(placed.end);
    const letter = event.date.precision.charAt(0);
    precision.push(placed.approximate ? letter.toUpperCase() : letter);
    columns.categories.push(event.category);
    columns.countries.push(event.location.country);
    columns.admin1s.push(event.location.admin1 ?? '');
    columns.perpetrators.push(perpetratorOf(event));
    columns.fatalities.push(event.fatalities?.max ?? -1);
  }
  columns.precisions = precision.join('');
  return columns;
}
