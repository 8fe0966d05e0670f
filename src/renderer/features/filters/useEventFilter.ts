import { useContext } from 'react';
import { EventFilterContext, type EventFilterState } from './filterContext';

export type { EventFilterState } from './filterContext';

const NO_FILTER: EventFilterState = { filter: {}, setFilter: () => undefined, matches: () => true, grouping: 'category', setGrouping: () => undefined };

/**
 * The filters shared by every view (timeline, actors, analytics, report): `{ filter, setFilter, matches }`.
 * Outside a FilterProvider (e.g. in isolated tests) it filters nothing and ignores changes.
 */
export function useEventFilter(): EventFilterState {
  return useContext(EventFilterContext) ?? NO_FILTER;
}
