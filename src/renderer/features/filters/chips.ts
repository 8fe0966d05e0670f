import type { EventFilter } from '../../../shared/domain/filters';
import { categoryLabel, countryName, formatPartialDate, humanize, interactionLabel } from '../../components/format';
import type { EventCategory } from '../../../shared/domain/event';

/** One visible chip: a single filter value, removable on its own. */
export interface FilterChip {
  key: string;
  label: string;
  /** The filter without this value. */
  without: EventFilter;
}

type ListKey =
  | 'countries'
  | 'provinces'
  | 'actorIds'
  | 'categories'
  | 'attackTypes'
  | 'targetTypes'
  | 'responsibilityKinds'
  | 'scopes'
  | 'admin2s'
  | 'admin3s'
  | 'acledEventTypes'
  | 'subEventTypes'
  | 'disorderTypes'
  | 'interactions'
  | 'sourceScales';

/** ACLED's values, shown as ACLED writes them. */
const VERBATIM = new Set<ListKey>(['admin2s', 'admin3s', 'acledEventTypes', 'subEventTypes', 'disorderTypes', 'sourceScales']);

const LIST_LABELS: Record<ListKey, string> = {
  countries: 'Country',
  provinces: 'Province',
  actorIds: 'Actor',
  categories: 'Category',
  attackTypes: 'Attack',
  targetTypes: 'Target',
  responsibilityKinds: 'Responsibility',
  scopes: 'Operation',
  admin2s: 'Admin 2',
  admin3s: 'Admin 3',
  acledEventTypes: 'ACLED type',
  subEventTypes: 'Sub-event',
  disorderTypes: 'Disorder',
  interactions: 'Interaction',
  sourceScales: 'Source scale',
};

function valueLabel(key: ListKey, value: string | number, actorName: (id: string) => string): string {
  if (typeof value === 'number') return interactionLabel(value);
  if (VERBATIM.has(key)) return value;
  if (key === 'countries') return `${countryName(value)} (${value})`;
  if (key === 'actorIds') return actorName(value);
  if (key === 'categories') return categoryLabel(value as EventCategory);
  return humanize(value);
}

/** The chips for a filter, in a stable order. Labels are plain text (rendered by React). */
export function filterChips(filter: EventFilter, actorName: (id: string) => string): FilterChip[] {
  const chips: FilterChip[] = [];
  if (filter.from) chips.push({ key: 'from', label: `From ${formatPartialDate(filter.from)}`, without: { ...filter, from: undefined } });
  if (filter.to) chips.push({ key: 'to', label: `Until ${formatPartialDate(filter.to)}`, without: { ...filter, to: undefined } });
  for (const key of Object.keys(LIST_LABELS) as ListKey[]) {
    const values = (filter[key] ?? []) as Array<string | number>;
    for (const value of values) {
      chips.push({
        key: `${key}:${value}`,
        label: `${LIST_LABELS[key]}: ${valueLabel(key, value, actorName)}`,
        without: { ...filter, [key]: values.filter((v) => v !== value) },
      });
    }
  }
  if (filter.civilianTargeting !== undefined) {
    chips.push({ key: 'civilianTargeting', label: filter.civilianTargeting ? 'Civilians targeted' : 'Civilians not targeted', without: { ...filter, civilianTargeting: undefined } });
  }
  if (filter.maxMarking) chips.push({ key: 'marking', label: `Marking up to ${filter.maxMarking}`, without: { ...filter, maxMarking: undefined } });
  if (filter.minFatalities !== undefined) chips.push({ key: 'fatalities', label: `≥ ${filter.minFatalities} killed`, without: { ...filter, minFatalities: undefined } });
  if (filter.text) chips.push({ key: 'text', label: `Text: “${filter.text}”`, without: { ...filter, text: undefined } });
  return chips;
}

/** Adds a value to one of the list filters, once. */
export function withValue<K extends ListKey>(filter: EventFilter, key: K, value: NonNullable<EventFilter[K]>[number]): EventFilter {
  const current = (filter[key] ?? []) as Array<typeof value>;
  return current.includes(value) ? filter : { ...filter, [key]: [...current, value] };
}

/** The filter after `mergedId` was merged into `keptId`: its actor filter points at the kept actor (once). */
export function repointActor(filter: EventFilter, mergedId: string, keptId: string): EventFilter {
  if (!filter.actorIds?.includes(mergedId)) return filter;
  return { ...filter, actorIds: [...new Set(filter.actorIds.map((id) => (id === mergedId ? keptId : id)))] };
}
