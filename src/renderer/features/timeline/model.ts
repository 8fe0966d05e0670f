import { EVENT_CATEGORIES, type EventCategory } from '../../../shared/domain/event';
import type { TimelineGrouping } from '../../../shared/domain/filters';
import type { TimelineColumns } from '../../../shared/timeline/projection';
import { categoryLabel, countryName } from '../../components/format';

/** One row of the chart under the current grouping. */
export interface TimelineGroup {
  /** vis-timeline group id: the row's index. */
  id: number;
  label: string;
  /** Events in the row, for ordering (busiest first) and the label. */
  count: number;
}

/** The filtered events in the typed arrays the chart, the window counts and the density worker share. */
export interface TimelineModel {
  columns: TimelineColumns;
  count: number;
  starts: Float64Array;
  ends: Float64Array;
  /** 1 for a day-precise event (a point). */
  points: Uint8Array;
  groupIndex: Int32Array;
  groups: TimelineGroup[];
  /** Event indexes ordered by start, for the list of the visible window. */
  byStart: Uint32Array;
}

function keyOf(columns: TimelineColumns, i: number, grouping: TimelineGrouping): string {
  switch (grouping) {
    case 'none':
      return '';
    case 'country':
      return columns.countries[i] ?? '';
    case 'admin1':
      return columns.admin1s[i] ?? '';
    case 'perpetrator':
      return columns.perpetrators[i] ?? '';
    case 'category':
      return columns.categories[i] ?? '';
  }
}

function labelOf(key: string, grouping: TimelineGrouping, actorName: (id: string) => string): string {
  if (grouping === 'none') return 'Events';
  if (grouping === 'country') return key ? `${countryName(key)} (${key})` : 'No country';
  if (grouping === 'admin1') return key || 'No province recorded';
  if (grouping === 'perpetrator') return key ? actorName(key) : 'Nobody held responsible';
  return categoryLabel(key as EventCategory);
}

/** Builds the model for a grouping. Categories keep the domain's order; other rows go busiest first. */
export function buildModel(columns: TimelineColumns, grouping: TimelineGrouping, actorName: (id: string) => string): TimelineModel {
  const count = columns.ids.length;
  const starts = Float64Array.from(columns.starts);
  const ends = Float64Array.from(columns.ends);
  const points = new Uint8Array(count);
  const rawIndex = new Int32Array(count);
  const keys = new Map<string, number>();
  const counts: number[] = [];
  for (let i = 0; i < count; i++) {
    points[i] = columns.precisions.charCodeAt(i) === 100 || columns.precisions.charCodeAt(i) === 68 ? 1 : 0; // 'd' or 'D'
    const key = keyOf(columns, i, grouping);
    let at = keys.get(key);
    if (at === undefined) {
      at = counts.length;
      keys.set(key, at);
      counts.push(0);
    }
    counts[at] = (counts[at] ?? 0) + 1;
    rawIndex[i] = at;
  }
  const entries = [...keys.entries()].map(([key, at]) => ({ key, at, count: counts[at] ?? 0 }));
  entries.sort((a, b) =>
    grouping === 'category'
      ? EVENT_CATEGORIES.indexOf(a.key as EventCategory) - EVENT_CATEGORIES.indexOf(b.key as EventCategory)
      : b.count - a.count || a.key.localeCompare(b.key),
  );
  const remap = new Int32Array(entries.length);
  entries.forEach((entry, order) => (remap[entry.at] = order));
  const groupIndex = rawIndex.map((at) => remap[at] ?? 0);
  const groups = entries.map((entry, order) => ({ id: order, label: labelOf(entry.key, grouping, actorName), count: entry.count }));
  const byStart = Uint32Array.from({ length: count }, (_, i) => i).sort((a, b) => (starts[a] ?? 0) - (starts[b] ?? 0));
  return { columns, count, starts, ends, points, groupIndex, groups, byStart };
}

/** Indexes (in start order) of events overlapping [from, to), at most `limit`, and how many there are in all. */
export function eventsInWindow(model: TimelineModel, from: number, to: number, limit: number): { indexes: number[]; total: number } {
  const indexes: number[] = [];
  let total = 0;
  for (const i of model.byStart) {
    if ((model.starts[i] ?? 0) >= to) break;
    if ((model.ends[i] ?? 0) <= from) continue;
    total++;
    if (indexes.length < limit) indexes.push(i);
  }
  return { indexes, total };
}
