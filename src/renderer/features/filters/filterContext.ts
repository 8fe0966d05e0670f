import { createContext } from 'react';
import type { Event } from '../../../shared/domain/event';
import type { EventFilter, TimelineGrouping } from '../../../shared/domain/filters';

/** The filter state every view shares; provided once by FilterProvider for the open case. */
export interface EventFilterState {
  /** The filters in force; `{}` filters nothing. */
  filter: EventFilter;
  /** Replaces the filters (pass a function to derive the next filter from the current one). */
  setFilter(next: EventFilter | ((current: EventFilter) => EventFilter)): void;
  /** True when the event passes the filters in force. */
  matches(event: Event): boolean;
  /** The timeline's row grouping; kept here so a named view restores it. */
  grouping: TimelineGrouping;
  setGrouping(grouping: TimelineGrouping): void;
}

export const EventFilterContext = createContext<EventFilterState | null>(null);
