import type { DataGroup, DataItem } from 'vis-timeline';
import { EVENT_CATEGORIES, type Event, type EventCategory } from '../../../shared/domain/event';
import { comparePartialDates, partialDateSpan } from '../../../shared/domain/partial-date';
import { categoryLabel } from '../../components/format';

/**
 * An item of the vis-timeline. `content` stays empty: the chart's template builds the visible
 * text from `label` with textContent, so a title is never parsed as HTML.
 */
export interface EventItem extends DataItem {
  id: string;
  label: string;
  group: EventCategory;
}

/** Day-precise events are points; month- and year-precise ones span their whole period. */
export function eventItem(event: Event): EventItem {
  const span = partialDateSpan(event.date);
  const base = { id: event.id, content: '', label: event.title, group: event.category, start: new Date(span.start) };
  if (event.date.precision === 'day') {
    return { ...base, type: 'point', className: `cf-tl-item cf-tl-${event.category}${event.date.approximate ? ' cf-tl-approx' : ''}` };
  }
  return { ...base, type: 'range', end: new Date(span.end), className: `cf-tl-item cf-tl-${event.category} cf-tl-imprecise` };
}

/** One swimlane per category that has events, in the domain's category order. */
export function categoryGroups(events: readonly Event[]): DataGroup[] {
  const present = new Set(events.map((e) => e.category));
  return EVENT_CATEGORIES.filter((c) => present.has(c)).map((category) => ({
    id: category,
    content: textElement(categoryLabel(category), 'cf-tl-group'),
    className: `cf-tl-lane-${category}`,
  }));
}

/** Ordering of lanes for vis-timeline's groupOrder option. */
export function compareGroups(a: { id: unknown }, b: { id: unknown }): number {
  return EVENT_CATEGORIES.indexOf(a.id as EventCategory) - EVENT_CATEGORIES.indexOf(b.id as EventCategory);
}

/** A span whose text is set with textContent: the only way a record's text enters the chart. */
export function textElement(text: string, className: string): HTMLElement {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

/** Events ordered by date (then the more precise first), for lists. */
export function sortEvents(events: readonly Event[]): Event[] {
  return [...events].sort((a, b) => comparePartialDates(a.date, b.date) || a.title.localeCompare(b.title));
}

export function precisionCounts(events: readonly Event[]): Record<'day' | 'month' | 'year', number> {
  const counts = { day: 0, month: 0, year: 0 };
  for (const e of events) counts[e.date.precision] += 1;
  return counts;
}
