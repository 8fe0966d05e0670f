import type { Citation } from '../../shared/domain/citation';
import type {
  Confidence,
  Count,
  Event,
  EventCategory,
  Location,
  EventParticipant,
  ResponsibilityClaim,
  ResponsibilityKind,
  Scope,
} from '../../shared/domain/event';
import type { Marking } from '../../shared/domain/marking';
import { partialDate, type PartialDate } from '../../shared/domain/partial-date';

/** Who speaks for the article's own attributions in `by` fields. */
export const ARTICLE_AUTHORS = 'authors of the CTC Sentinel article';

/** Day, month or year date from its shape; `approximate` for "early", "mid", "late", "around". */
export function on(value: string, approximate?: boolean): PartialDate {
  return partialDate(value, approximate);
}

/** A count the article gives exactly; `approximate` for "at least", "about". */
export function count(min: number, max: number = min, approximate?: boolean): Count {
  return approximate ? { min, max, approximate } : { min, max };
}

/** City centres (well-known coordinates, rounded); events there are filed as 'near'. */
export const CITY = {
  tehran: { lat: 35.689, lon: 51.389 },
  kabul: { lat: 34.555, lon: 69.207 },
  kandahar: { lat: 31.628, lon: 65.737 },
  bamyan: { lat: 34.82, lon: 67.83 },
  puliKhumri: { lat: 35.944, lon: 68.715 },
  kerman: { lat: 30.284, lon: 57.083 },
  istanbul: { lat: 41.008, lon: 28.978 },
  crocusCityHall: { lat: 55.826, lon: 37.388 },
  vienna: { lat: 48.208, lon: 16.374 },
  cologne: { lat: 50.938, lon: 6.96 },
  stockholm: { lat: 59.329, lon: 18.069 },
  jalalAbad: { lat: 40.933, lon: 73.0 },
  dushanbe: { lat: 38.56, lon: 68.787 },
} as const;

export type CityKey = keyof typeof CITY;

export function inCity(country: string, city: CityKey, place: string, admin1?: string): Location {
  const loc: Location = { country, place, ...CITY[city], geoPrecision: 'near' };
  return admin1 === undefined ? loc : { ...loc, admin1 };
}

export function inProvince(country: string, admin1: string, place?: string): Location {
  return place === undefined ? { country, admin1, geoPrecision: 'admin1' } : { country, admin1, place, geoPrecision: 'admin1' };
}

export function inCountry(country: string, place?: string): Location {
  return place === undefined ? { country, geoPrecision: 'country' } : { country, place, geoPrecision: 'country' };
}

/** For online releases with no known place: filed under the country named, precision 'unknown'. */
export function online(country: string): Location {
  return { country, geoPrecision: 'unknown' };
}

export interface ClaimInput {
  actorId: string;
  kind: ResponsibilityKind;
  confidence: Confidence;
  by?: string;
  byActorId?: string;
  citations: Citation[];
}

export interface EventInput {
  id: string;
  title: string;
  category: EventCategory;
  date: PartialDate;
  location: Location;
  attackType?: string;
  targetType?: string;
  fatalities?: Count;
  injured?: Count;
  scope: Scope;
  description: string;
  tags?: string[];
  marking?: Marking;
  responsibility?: ClaimInput[];
  /** Targets and participants that bear no responsibility, e.g. the official an attack was aimed at. */
  participants?: EventParticipant[];
  citations: Citation[];
}

function claimFor(eventId: string, index: number, input: ClaimInput): ResponsibilityClaim {
  const slug = eventId.replace(/^event--/, '');
  const out: ResponsibilityClaim = {
    id: `claim--${slug}-${index + 1}`,
    actorId: input.actorId,
    kind: input.kind,
    confidence: input.confidence,
    citations: input.citations,
  };
  if (input.by !== undefined) out.by = input.by;
  if (input.byActorId !== undefined) out.byActorId = input.byActorId;
  return out;
}

export function ev(input: EventInput): Event {
  const out: Event = {
    id: input.id,
    title: input.title,
    category: input.category,
    date: input.date,
    location: input.location,
    scope: input.scope,
    description: input.description,
    tags: input.tags ?? [],
    marking: input.marking ?? 'TLP:CLEAR',
    responsibility: (input.responsibility ?? []).map((c, i) => claimFor(input.id, i, c)),
    citations: input.citations,
  };
  if (input.attackType !== undefined) out.attackType = input.attackType;
  if (input.targetType !== undefined) out.targetType = input.targetType;
  if (input.fatalities !== undefined) out.fatalities = input.fatalities;
  if (input.injured !== undefined) out.injured = input.injured;
  if (input.participants !== undefined) out.participants = input.participants;
  return out;
}
