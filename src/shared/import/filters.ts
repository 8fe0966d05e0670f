import { z } from 'zod';
import type { Event } from '../domain/event';
import { categoryLabel } from '../text/format';
import { alpha2FromAny } from './countries';
import { normalisedName } from './text';
import type { ImportItem } from './types';

/** YYYY, YYYY-MM or YYYY-MM-DD. */
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Which rows of a file an import keeps. Values of one key are alternatives ("or"); different
 * keys must all hold ("and"). An empty list (or an absent date) does not filter.
 */
export const ImportRowFilter = z
  .object({
    country: z.array(z.string().min(1).max(100)).max(300).default([]),
    admin1: z.array(z.string().min(1).max(200)).max(500).default([]),
    actor: z.array(z.string().min(1).max(300)).max(500).default([]),
    eventType: z.array(z.string().min(1).max(100)).max(100).default([]),
    /** First day kept: YYYY, YYYY-MM or YYYY-MM-DD. */
    from: z.string().regex(PARTIAL_DATE).optional(),
    /** Last day kept: YYYY, YYYY-MM or YYYY-MM-DD. */
    to: z.string().regex(PARTIAL_DATE).optional(),
  })
  .strict();
export type ImportRowFilter = z.infer<typeof ImportRowFilter>;

/** The keys `--only KEY=VALUE` takes, and the filter field each sets. */
export const FILTER_KEYS = { country: 'country', admin1: 'admin1', actor: 'actor', event_type: 'eventType', from: 'from', to: 'to' } as const;
export type FilterKey = keyof typeof FILTER_KEYS;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function emptyFilter(): ImportRowFilter {
  return { country: [], admin1: [], actor: [], eventType: [] };
}

export function isEmptyFilter(f: ImportRowFilter): boolean {
  return f.country.length + f.admin1.length + f.actor.length + f.eventType.length === 0 && !f.from && !f.to;
}

/** `KEY=VALUE` pairs (the CLI's repeated `--only`) to a filter; says which pair is wrong. */
export function parseFilterPairs(pairs: readonly string[]): Parsed<ImportRowFilter> {
  const filter = emptyFilter();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = (at > 0 ? pair.slice(0, at) : pair).trim().toLowerCase();
    const value = at > 0 ? pair.slice(at + 1).trim() : '';
    if (!(key in FILTER_KEYS)) return { ok: false, message: `--only ${pair}: the key must be one of ${Object.keys(FILTER_KEYS).join(', ')} (as KEY=VALUE)` };
    if (value === '') return { ok: false, message: `--only ${pair}: give a value, e.g. --only ${key}=…` };
    const field = FILTER_KEYS[key as FilterKey];
    if (field === 'from' || field === 'to') {
      if (filter[field] !== undefined) return { ok: false, message: `--only ${key} is given twice; a date range has one start and one end` };
      filter[field] = value;
    } else filter[field].push(value);
  }
  const checked = checkFilter(filter);
  return checked.ok ? { ok: true, value: filter } : checked;
}

/** Refuses values that can never match: unknown countries, malformed or reversed dates. */
export function checkFilter(filter: ImportRowFilter): Parsed<ImportRowFilter> {
  for (const country of filter.country) {
    if (!alpha2FromAny(country)) return { ok: false, message: `"${country}" is not a country name or ISO code; use e.g. SO or Somalia` };
  }
  for (const key of ['from', 'to'] as const) {
    const date = filter[key];
    if (date !== undefined && (!PARTIAL_DATE.test(date) || !validDate(date))) return { ok: false, message: `${key} "${date}" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD` };
  }
  if (filter.from && filter.to && startOf(filter.from) > endOf(filter.to)) return { ok: false, message: `the range ends (${filter.to}) before it starts (${filter.from})` };
  return { ok: true, value: filter };
}

function validDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  return d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The first day a partial date can mean, as YYYY-MM-DD. */
function startOf(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** The last day a partial date can mean ("-31" sorts after every real day of a month). */
function endOf(date: string): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}

/** What a filter looks at in a row or an event. */
export interface FilterSubject {
  country: string;
  admin1: string | undefined;
  date: string;
  /** ACLED event_type, GTD attack type, and the category's label. */
  eventTypes: readonly string[];
  actorNames: readonly string[];
}

export function subjectOfItem(item: ImportItem): FilterSubject {
  const e = item.event;
  return { country: e.location.country, admin1: e.location.admin1, date: e.date.value, eventTypes: eventTypesOf(e), actorNames: item.actors.map((a) => a.name) };
}

export function subjectOfEvent(event: Event, actorName: (id: string) => readonly string[]): FilterSubject {
  const ids = [...event.responsibility.map((c) => c.actorId), ...(event.participants ?? []).map((p) => p.actorId)];
  return { country: event.location.country, admin1: event.location.admin1, date: event.date.value, eventTypes: eventTypesOf(event), actorNames: ids.flatMap(actorName) };
}

function eventTypesOf(e: Pick<Event, 'acled' | 'attackType' | 'category'>): string[] {
  const out: string[] = [categoryLabel(e.category)];
  if (e.acled?.eventType) out.push(e.acled.eventType);
  if (e.attackType) out.push(e.attackType);
  return out;
}

/** A filter made ready to test many rows: values normalised once. */
export interface RowFilter {
  readonly filter: ImportRowFilter;
  test(subject: FilterSubject): boolean;
}

/**
 * Compiles a checked filter. Countries match by ISO code (names and codes are resolved first);
 * admin-1 names and event types match whole, case and accents aside; an actor value matches any
 * actor whose name contains its words in order ("al shabaab" matches "Al-Shabaab" and
 * "Al Shabaab (Somalia)"); dates match when the row's date can fall in the range.
 */
export function compileFilter(filter: ImportRowFilter): RowFilter {
  const countries = new Set(filter.country.map((c) => alpha2FromAny(c) ?? c.toUpperCase()));
  const admin1 = new Set(filter.admin1.map(normalisedName));
  const types = new Set(filter.eventType.map(normalisedName));
  const actors = filter.actor.map((a) => ` ${normalisedName(a)} `);
  const from = filter.from ? startOf(filter.from) : null;
  const to = filter.to ? endOf(filter.to) : null;
  return {
    filter,
    test(s) {
      if (countries.size > 0 && !countries.has(s.country)) return false;
      if (admin1.size > 0 && !admin1.has(normalisedName(s.admin1 ?? ''))) return false;
      if (types.size > 0 && !s.eventTypes.some((t) => types.has(normalisedName(t)))) return false;
      if (from !== null && endOf(s.date) < from) return false;
      if (to !== null && startOf(s.date) > to) return false;
      if (actors.length > 0 && !s.actorNames.some((name) => actors.some((a) => ` ${normalisedName(name)} `.includes(a)))) return false;
      return true;
    },
  };
}

/** The filter in words, for the preview and the CLI: "country SO or KE; from 2016-01-01". */
export function describeFilter(filter: ImportRowFilter): string {
  const parts: string[] = [];
  const list = (label: string, values: readonly string[]): void => {
    if (values.length > 0) parts.push(`${label} ${values.join(' or ')}`);
  };
  list('country', filter.country);
  list('admin-1', filter.admin1);
  list('actor', filter.actor);
  list('event type', filter.eventType);
  if (filter.from) parts.push(`from ${filter.from}`);
  if (filter.to) parts.push(`to ${filter.to}`);
  return parts.join('; ');
}
