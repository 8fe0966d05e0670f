import { z } from 'zod';
import { EventCategory, ResponsibilityKind } from '../../domain/event';
import { DATE_FORMATS } from './dates';

/** The event fields a column of any CSV or XLSX file can feed. */
export const TARGET_FIELDS = [
  'id', 'title', 'date', 'country', 'admin1', 'admin2', 'place', 'lat', 'lon', 'category',
  'attackType', 'targetType', 'fatalities', 'injured', 'description', 'actor', 'targetActor', 'source', 'tags',
] as const;
export const TargetField = z.enum(TARGET_FIELDS);
export type TargetField = z.infer<typeof TargetField>;

/** What a user sees for each field in the mapping wizard. */
export const FIELD_LABELS: Record<TargetField, string> = {
  id: 'Row id (for re-import)', title: 'Title', date: 'Date', country: 'Country', admin1: 'Province / admin 1',
  admin2: 'District / admin 2', place: 'Place', lat: 'Latitude', lon: 'Longitude', category: 'Category',
  attackType: 'Attack type', targetType: 'Target type', fatalities: 'Fatalities', injured: 'Injured',
  description: 'Description', actor: 'Actor(s), ";"-separated', targetActor: 'Targeted actor(s), ";"-separated', source: 'Source(s), ";"-separated', tags: 'Tags, ";"-separated',
};

/** A mapping from a file's columns (by header text) to event fields; saved by name for next time. */
export const CsvMapping = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    columns: z.partialRecord(TargetField, z.string().max(300)),
    dateFormat: z.enum(DATE_FORMATS),
    /** Used when the row has no country column or it is empty (alpha-2). */
    defaultCountry: z.string().regex(/^[A-Z]{2}$/).optional(),
    defaultCategory: EventCategory,
    /** The responsibility the actor column's actors get. */
    actorClaim: ResponsibilityKind,
    /** Rows with a place and no coordinates take them (and a missing admin-1) from the place list. */
    lookUpPlaces: z.boolean().optional(),
  })
  .strict();
export type CsvMapping = z.infer<typeof CsvMapping>;

const SYNONYMS: Record<TargetField, readonly string[]> = {
  id: ['id', 'event_id', 'eventid', 'event_id_cnty', 'uid', 'ref', 'reference'],
  title: ['title', 'name', 'headline', 'event', 'event_name', 'summary_title'],
  date: ['date', 'event_date', 'day', 'when', 'datetime', 'incident_date'],
  country: ['country', 'country_code', 'iso', 'iso2', 'iso3', 'country_txt', 'nation'],
  admin1: ['admin1', 'province', 'provstate', 'state', 'region_name'],
  admin2: ['admin2', 'district', 'county'],
  place: ['place', 'location', 'city', 'town', 'village'],
  lat: ['lat', 'latitude', 'y'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x'],
  category: ['category', 'kind', 'type_of_event'],
  attackType: ['attack_type', 'attacktype', 'attacktype1_txt', 'method', 'sub_event_type', 'type', 'event_type'],
  targetType: ['target_type', 'target', 'targtype1_txt', 'victims'],
  fatalities: ['fatalities', 'killed', 'deaths', 'dead', 'nkill', 'kills'],
  injured: ['injured', 'wounded', 'nwound', 'injuries'],
  description: ['description', 'notes', 'summary', 'details', 'comment', 'comments'],
  actor: ['actor', 'actors', 'group', 'perpetrator', 'gname', 'actor1', 'organisation', 'organization'],
  targetActor: ['target_actor', 'target_actors', 'targeted_actor', 'targeted_group', 'actor2'],
  source: ['source', 'sources', 'publisher', 'outlet'],
  tags: ['tags', 'labels', 'keywords'],
};

const squash = (header: string): string => header.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Guesses which column feeds which field from the header names; each column is used once. */
export function guessColumns(headers: readonly string[]): Partial<Record<TargetField, string>> {
  const guesses: Partial<Record<TargetField, string>> = {};
  const used = new Set<string>();
  for (const field of TARGET_FIELDS) {
    const hit = headers.find((h) => !used.has(h) && h.trim() !== '' && SYNONYMS[field].includes(squash(h)));
    if (hit !== undefined) {
      guesses[field] = hit;
      used.add(hit);
    }
  }
  return guesses;
}

export function defaultMapping(headers: readonly string[]): CsvMapping {
  return { columns: guessColumns(headers), dateFormat: 'auto', defaultCategory: 'attack', actorClaim: 'attributed' };
}
