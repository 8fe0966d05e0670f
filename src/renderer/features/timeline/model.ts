import type { EventCategory } from '../../../shared/domain/event';
import type { EventFilter, TimelineGrouping } from '../../../shared/domain/filters';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { TimelineItem, TimelineRow } from '../../../shared/ipc/channels/timeline';
import { categoryLabel, countryName, formatPartialDate } from '../../components/format';

/** What the timeline asks main about: the shared filters and the rows' grouping. */
export interface TimelineQuery {
  filter: EventFilter;
  grouping: TimelineGrouping;
}

export type TimelineSummary = ResponseOf<'timeline:summary'>;

/** A row's label: a country's name, a province, an actor's name (from main), a category. */
export function rowLabel(row: TimelineRow, grouping: TimelineGrouping): string {
  if (row.others !== undefined) return `${row.others} other rows`;
  const key = row.key;
  if (grouping === 'none') return 'Events';
  if (grouping === 'country') return key ? `${countryName(key)} (${key})` : 'No country';
  if (grouping === 'admin1') return key || 'No province recorded';
  if (grouping === 'perpetrator') return key ? (row.name ?? key) : 'Nobody held responsible';
  return categoryLabel(key as EventCategory);
}

const PRECISIONS = { d: 'day', m: 'month', y: 'year' } as const;

/** The precision an item's letter stands for. */
export function precisionOf(item: Pick<TimelineItem, 'letter'>): 'day' | 'month' | 'year' {
  return PRECISIONS[item.letter.toLowerCase() as 'd' | 'm' | 'y'];
}

/** The item's partial date in words ("c. Mar 2024"), rebuilt from its start and precision letter. */
export function itemDate(item: Pick<TimelineItem, 'letter' | 'start'>): string {
  const precision = precisionOf(item);
  const iso = new Date(item.start).toISOString();
  const value = precision === 'year' ? iso.slice(0, 4) : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
  return formatPartialDate({ value, precision, approximate: item.letter !== item.letter.toLowerCase() });
}
