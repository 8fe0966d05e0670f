import { z } from 'zod';
import type { Actor } from './actor';
import { EventCategory, participantsOf, ResponsibilityKind, Scope, type Event } from './event';
import { Id } from './ids';
import { Marking, isWithinMarking } from './marking';
import { PartialDate } from './partial-date';
import type { Series, SeriesPoint } from './series';

/**
 * The filters every view shares (timeline, actors, analytics, report, export). Absent fields
 * filter nothing; list fields match any of their values. Saved as named views with the case.
 */
export const EventFilter = z
  .object({
    /** Keeps events whose date span overlaps [from, to]. */
    from: PartialDate.optional(),
    to: PartialDate.optional(),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
    provinces: z.array(z.string()).optional(),
    /** Events with a responsibility claim naming one of these actors, or (with no responsibility kind set) naming it as target or participant. */
    actorIds: z.array(z.string()).optional(),
    categories: z.array(EventCategory).optional(),
    attackTypes: z.array(z.string()).optional(),
    targetTypes: z.array(z.string()).optional(),
    responsibilityKinds: z.array(ResponsibilityKind).optional(),
    scopes: z.array(Scope).optional(),
    /** The most restrictive marking to include. */
    maxMarking: Marking.optional(),
    /** Events whose fatalities (upper bound) reach this number. */
    minFatalities: z.number().int().min(0).optional(),
    /** Case-insensitive words matched against title, description, place and tags. */
    text: z.string().max(500).optional(),
    /** ACLED's own coding (`event.acled`, `location.admin2/3`); events without it do not match. */
    acledEventTypes: z.array(z.string().max(100)).optional(),
    subEventTypes: z.array(z.string().max(100)).optional(),
    disorderTypes: z.array(z.string().max(100)).optional(),
    interactions: z.array(z.number().int().min(10).max(88)).optional(),
    /** true: ACLED marks civilians as targeted; false: a file with the column does not. */
    civilianTargeting: z.boolean().optional(),
    sourceScales: z.array(z.string().max(100)).optional(),
    admin2s: z.array(z.string().max(200)).optional(),
    admin3s: z.array(z.string().max(200)).optional(),
  })
  .strict();
export type EventFilter = z.infer<typeof EventFilter>;

/** True when the filter uses one of ACLED's fields (checked per event, not from columns). */
export function usesAcledFields(filter: EventFilter): boolean {
  return (
    hasAny(filter.acledEventTypes) ||
    hasAny(filter.subEventTypes) ||
    hasAny(filter.disorderTypes) ||
    hasAny(filter.interactions) ||
    filter.civilianTargeting !== undefined ||
    hasAny(filter.sourceScales) ||
    hasAny(filter.admin2s) ||
    hasAny(filter.admin3s)
  );
}

/** `value` is one of `list` (a set list never lets an absent value through). */
function listed<T>(list: readonly T[] | undefined, value: T | undefined): boolean {
  return !hasAny(list) || (value !== undefined && list.includes(value));
}

function acledMatches(event: Event, filter: EventFilter): boolean {
  const a = event.acled;
  return (
    listed(filter.acledEventTypes, a?.eventType) &&
    listed(filter.subEventTypes, a?.subEventType) &&
    listed(filter.disorderTypes, a?.disorderType) &&
    listed(filter.interactions, a?.interaction) &&
    (filter.civilianTargeting === undefined || a?.civilianTargeting === filter.civilianTargeting) &&
    listed(filter.sourceScales, a?.sourceScale) &&
    listed(filter.admin2s, event.location.admin2) &&
    listed(filter.admin3s, event.location.admin3)
  );
}

const hasAny = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

/** What a filter needs per check, worked out once per filter object. */
interface PreparedFilter {
  from: string | null;
  to: string | null;
  words: RegExp[];
}

// Filters are replaced, never mutated, so one preparation per filter object is safe.
const preparedFilters = new WeakMap<EventFilter, PreparedFilter>();

function prepare(filter: EventFilter): PreparedFilter {
  let prepared = preparedFilters.get(filter);
  if (!prepared) {
    const words = (filter.text ?? '').split(/\s+/).filter(Boolean);
    prepared = {
      from: filter.from?.value ?? null,
      to: filter.to?.value ?? null,
      words: words.map((w) => new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu')),
    };
    preparedFilters.set(filter, prepared);
  }
  return prepared;
}

/**
 * Partial dates as ISO strings sort like their spans: '2019' covers every '2019-…'. So an event
 * overlaps [from, to] when its date is not wholly before `from` nor wholly after `to`, which
 * string prefixes decide without parsing a date (this runs per event on every filter change).
 */
function overlaps(value: string, from: string | null, to: string | null): boolean {
  if (from !== null && value < from.slice(0, value.length)) return false;
  if (to !== null && value.slice(0, to.length) > to) return false;
  return true;
}

function textMatches(event: Event, word: RegExp): boolean {
  return (
    word.test(event.title) ||
    (event.description !== undefined && word.test(event.description)) ||
    (event.location.place !== undefined && word.test(event.location.place)) ||
    (event.location.admin1 !== undefined && word.test(event.location.admin1)) ||
    event.tags.some((tag) => word.test(tag))
  );
}

/** True when the event passes every filter set. Pure, so it runs in workers and in main alike. */
export function eventMatches(event: Event, filter: EventFilter): boolean {
  const prepared = prepare(filter);
  if (!overlaps(event.date.value, prepared.from, prepared.to)) return false;
  if (hasAny(filter.countries) && !filter.countries.includes(event.location.country)) return false;
  if (hasAny(filter.provinces) && !(event.location.admin1 && filter.provinces.includes(event.location.admin1))) return false;
  if (hasAny(filter.categories) && !filter.categories.includes(event.category)) return false;
  if (hasAny(filter.attackTypes) && !(event.attackType && filter.attackTypes.includes(event.attackType))) return false;
  if (hasAny(filter.targetTypes) && !(event.targetType && filter.targetTypes.includes(event.targetType))) return false;
  if (hasAny(filter.scopes) && !filter.scopes.includes(event.scope)) return false;
  if (filter.maxMarking && !isWithinMarking(event.marking, filter.maxMarking)) return false;
  if (filter.minFatalities !== undefined && (event.fatalities?.max ?? 0) < filter.minFatalities) return false;
  if (usesAcledFields(filter) && !acledMatches(event, filter)) return false;
  if (hasAny(filter.actorIds) || hasAny(filter.responsibilityKinds)) {
    const matching = event.responsibility.some(
      (c) => (!hasAny(filter.actorIds) || filter.actorIds.includes(c.actorId)) && (!hasAny(filter.responsibilityKinds) || filter.responsibilityKinds.includes(c.kind)),
    );
    // Without a responsibility kind, the actor filter also finds events the actor took part in or was targeted by.
    const actorIds = filter.actorIds;
    const takesPart = hasAny(actorIds) && !hasAny(filter.responsibilityKinds) && participantsOf(event).some((p) => actorIds.includes(p.actorId));
    if (!matching && !takesPart) return false;
  }
  for (const word of prepared.words) {
    if (!textMatches(event, word)) return false;
  }
  return true;
}

/**
 * The series a filter selects, as views and reports draw them. A series says nothing of place,
 * category or scope, so only these apply: the filter's marking; its actors (a series about
 * another actor, or about none, is not selected when the filter names actors); its dates (only
 * the points whose span overlaps [from, to] are kept, whole). Returns the same objects when
 * nothing is cut, so callers' caches hold.
 */
export function seriesMatching(series: readonly Series[], filter: EventFilter): Series[] {
  const { from, to } = prepare(filter);
  const inSpan = (p: SeriesPoint) => overlapsSpan(p.period.value, (p.until ?? p.period).value, from, to);
  const out: Series[] = [];
  for (const s of series) {
    if (filter.maxMarking && !isWithinMarking(s.marking, filter.maxMarking)) continue;
    if (hasAny(filter.actorIds) && !(s.actorId && filter.actorIds.includes(s.actorId))) continue;
    if (from === null && to === null) {
      out.push(s);
      continue;
    }
    const points = s.points.filter(inSpan);
    if (points.length === s.points.length) out.push(s);
    else if (points.length > 0) out.push({ ...s, points });
  }
  return out;
}

/** Like `overlaps`, for a span that starts at one partial date and ends at another. */
function overlapsSpan(start: string, end: string, from: string | null, to: string | null): boolean {
  if (from !== null && end < from.slice(0, end.length)) return false;
  if (to !== null && start.slice(0, to.length) > to) return false;
  return true;
}

/** Actor ids whose name or an alias contains `text` (case-insensitive), for the actor filter's suggestions. */
export function actorIdsNamed(actors: readonly Actor[], text: string): string[] {
  const needle = text.toLocaleLowerCase();
  return actors.filter((a) => [a.name, ...a.aliases.map((x) => x.name)].some((n) => n.toLocaleLowerCase().includes(needle))).map((a) => a.id);
}

/** How the timeline groups its rows; saved with a named view. */
export const TIMELINE_GROUPINGS = ['none', 'country', 'admin1', 'perpetrator', 'category'] as const;
export const TimelineGrouping = z.enum(TIMELINE_GROUPINGS);
export type TimelineGrouping = z.infer<typeof TimelineGrouping>;

/** A named set of filters kept in the case (collection `views`), restored when the case opens. */
export const SavedView = z
  .object({
    id: Id,
    name: z.string().trim().min(1, 'give the view a name').max(200),
    filter: EventFilter,
    grouping: TimelineGrouping.optional(),
  })
  .strict();
export type SavedView = z.infer<typeof SavedView>;
