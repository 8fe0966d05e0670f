import { EVENT_CATEGORIES, type EventCategory, type Location } from '../../domain/event';
import { alpha2FromAny } from '../../import/countries';
import { parseCoordinate, parseCount } from '../../import/fields';
import { clip, foldName, splitList } from '../../import/text';
import type { RowInput, RowIssue, RowMapper, RowResult } from '../../import/types';
import { parseDate } from './dates';
import type { CsvMapping, TargetField } from './mapping';
import { RetiredCodeTally } from '../../places/countries';
import { CsvPlaceLookup, type FindPlace } from './place-lookup';

export type MappingCheck = { ok: true } | { ok: false; message: string };

/** A mapping must name a date column, a title or something to make one from, and a country. */
export function checkMapping(mapping: CsvMapping, headers: readonly string[]): MappingCheck {
  const { columns } = mapping;
  const missing = Object.entries(columns).filter(([, header]) => header !== undefined && !headers.includes(header));
  if (missing.length > 0) return { ok: false, message: `the mapping names column "${missing[0]?.[1]}", which this file does not have. Map ${missing[0]?.[0]} to one of its columns.` };
  if (!columns.date) return { ok: false, message: 'map a column to Date; every event needs one.' };
  if (!columns.country && !mapping.defaultCountry) return { ok: false, message: 'map a column to Country or choose a default country.' };
  if (!columns.title && !columns.attackType && !columns.place && !columns.description) {
    return { ok: false, message: 'map a column to Title (or at least to Attack type, Place or Description, to make titles from).' };
  }
  return { ok: true };
}

function categoryFrom(text: string, fallback: EventCategory): EventCategory | null {
  if (!text) return fallback;
  const key = foldName(text).replace(/\s+/g, '-');
  return (EVENT_CATEGORIES as readonly string[]).includes(key) ? (key as EventCategory) : null;
}

/**
 * Maps the rows of any CSV or XLSX file through a user's mapping; `findPlace` (the gazetteer) is
 * used when the mapping asks to look up places.
 */
export function csvMapper(headers: readonly string[], mapping: CsvMapping, findPlace?: FindPlace): RowMapper {
  const retired = new RetiredCodeTally();
  const places = mapping.lookUpPlaces && findPlace ? new CsvPlaceLookup(findPlace) : null;
  const index = new Map<TargetField, number>();
  for (const [field, header] of Object.entries(mapping.columns) as [TargetField, string | undefined][]) {
    const i = header === undefined ? -1 : headers.indexOf(header);
    if (i >= 0) index.set(field, i);
  }
  const get = (row: RowInput, field: TargetField): string => {
    const i = index.get(field);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const issue = (row: RowInput, field: TargetField, message: string): RowIssue => {
    const i = index.get(field);
    return { line: row.line, column: i === undefined ? null : i + 1, field: mapping.columns[field] ?? field, message };
  };
  return {
    map(row): RowResult {
      const date = parseDate(get(row, 'date'), mapping.dateFormat);
      if (!date) return { ok: false, issue: issue(row, 'date', `"${clip(get(row, 'date'), 40)}" is not a date in the format ${mapping.dateFormat}`) };
      const countryText = get(row, 'country');
      const country = countryText ? alpha2FromAny(/^[A-Za-z]{2}$/.test(countryText) ? retired.map(countryText) : countryText) : (mapping.defaultCountry ?? null);
      if (!country) return { ok: false, issue: issue(row, 'country', `unknown country "${clip(countryText, 60)}"`) };
      const category = categoryFrom(get(row, 'category'), mapping.defaultCategory);
      if (!category) return { ok: false, issue: issue(row, 'category', `"${clip(get(row, 'category'), 40)}" is not one of ${EVENT_CATEGORIES.join(', ')}`) };
      const numbers: Partial<Record<'lat' | 'lon' | 'fatalities' | 'injured', number>> = {};
      for (const [field, parse] of [
        ['lat', (t: string) => parseCoordinate(t, -90, 90)],
        ['lon', (t: string) => parseCoordinate(t, -180, 180)],
        ['fatalities', parseCount],
        ['injured', parseCount],
      ] as const) {
        const value = parse(get(row, field));
        if (value === null) return { ok: false, issue: issue(row, field, `"${clip(get(row, field), 30)}" is not a valid ${field}`) };
        if (value !== undefined) numbers[field] = value;
      }
      const text = (field: TargetField, max: number): string | undefined => (get(row, field) ? clip(get(row, field), max) : undefined);
      const place = text('place', 200);
      const attackType = text('attackType', 100);
      const title = text('title', 500) ?? clip([attackType ?? 'Event', place ? `in ${place}` : ''].join(' ').trim(), 500);
      const { lat, lon, fatalities, injured } = numbers;
      const location: Location = {
        country,
        ...(text('admin1', 200) ? { admin1: text('admin1', 200) } : {}),
        ...(text('admin2', 200) ? { admin2: text('admin2', 200) } : {}),
        ...(place ? { place } : {}),
        ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
        geoPrecision: lat !== undefined && lon !== undefined ? 'exact' : place ? 'near' : text('admin2', 200) ? 'admin2' : text('admin1', 200) ? 'admin1' : 'country',
      };
      return {
        ok: true,
        item: {
          line: row.line,
          externalId: get(row, 'id') || null,
          event: {
            title,
            category,
            date,
            location: places ? places.fill(location) : location,
            ...(attackType ? { attackType } : {}),
            ...(text('targetType', 100) ? { targetType: text('targetType', 100) } : {}),
            ...(fatalities !== undefined ? { fatalities: { min: fatalities, max: fatalities } } : {}),
            ...(injured !== undefined ? { injured: { min: injured, max: injured } } : {}),
            scope: 'unknown',
            ...(text('description', 20_000) ? { description: text('description', 20_000) } : {}),
            tags: splitList(get(row, 'tags')).map((t) => clip(t, 100)),
          },
          actors: [
            ...splitList(get(row, 'actor')).map((name) => ({ name: clip(name, 300), kind: 'organisation' as const, as: mapping.actorClaim })),
            ...splitList(get(row, 'targetActor')).map((name) => ({ name: clip(name, 300), kind: 'organisation' as const, as: 'target' as const })),
          ],
          sources: splitList(get(row, 'source')).map((s) => clip(s, 300)),
        },
      };
    },
    notes: () => [...retired.notes(), ...(places?.notes() ?? [])],
  };
}
