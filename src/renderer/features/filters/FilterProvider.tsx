import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { Event } from '../../../shared/domain/event';
import { eventMatches, type EventFilter, type TimelineGrouping } from '../../../shared/domain/filters';
import { EventFilterContext, type EventFilterState } from './filterContext';

export interface FilterProviderProps {
  /** The views that read the shared filters. */
  children: ReactNode;
}

/** Holds the shared event filter of the open case. Mount it keyed by the case so each case starts unfiltered. */
export function FilterProvider({ children }: FilterProviderProps) {
  const [filter, setFilterState] = useState<EventFilter>({});
  const [grouping, setGrouping] = useState<TimelineGrouping>('category');
  const setFilter = useCallback((next: EventFilter | ((current: EventFilter) => EventFilter)) => {
    setFilterState((current) => pruneEmpty(typeof next === 'function' ? next(current) : next));
  }, []);
  const value = useMemo<EventFilterState>(
    () => ({ filter, setFilter, matches: (event: Event) => eventMatches(event, filter), grouping, setGrouping }),
    [filter, setFilter, grouping],
  );
  return <EventFilterContext.Provider value={value}>{children}</EventFilterContext.Provider>;
}

/** Drops empty lists and blank text so `{}` is the one way to say "no filter". */
export function pruneEmpty(filter: EventFilter): EventFilter {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    out[key] = value;
  }
  return out as EventFilter;
}
