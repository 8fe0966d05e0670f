import type { Count, EventCategory, Location } from '../domain/event';
import type { AnyRecord } from '../domain/collections';
import type { PartialDate } from '../domain/partial-date';
import { partialDateSpan } from '../domain/partial-date';

/**
 * Plain-text formatting shared by the views. Everything here returns strings that React renders
 * as text; nothing is ever inserted as HTML.
 */

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const STAMP = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

let regionNames: Intl.DisplayNames | null = null;

/** "22 Mar 2024", "Mar 2024" or "2024", prefixed "c. " when the sources give it as approximate. */
export function formatPartialDate(date: PartialDate): string {
  const { start } = partialDateSpan(date);
  const text = date.precision === 'day' ? DAY.format(start) : date.precision === 'month' ? MONTH.format(start) : date.value;
  return date.approximate ? `c. ${text}` : text;
}

/** What the precision means for the reader, e.g. "known to the month". */
export function precisionNote(date: PartialDate): string {
  const base = date.precision === 'day' ? 'exact day' : `known to the ${date.precision}`;
  return date.approximate ? `${base}, approximate` : base;
}

/** A local date and time for an ISO timestamp, or an empty string. */
export function formatTimestamp(iso: string | null): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : STAMP.format(time);
}

/** "12", "12–15" when sources disagree, with "about" for approximate figures. */
export function formatCount(count: Count | undefined): string {
  if (!count) return 'not recorded';
  const range = count.min === count.max ? `${count.min}` : `${count.min}–${count.max}`;
  return count.approximate ? `about ${range}` : range;
}

const CATEGORY_LABELS: Record<EventCategory, string> = {
  attack: 'Attack',
  'foiled-plot': 'Foiled plot',
  arrest: 'Arrest',
  'counter-operation': 'Counter-operation',
  'propaganda-release': 'Propaganda release',
  statement: 'Statement',
  battle: 'Battle',
  protest: 'Protest',
  riot: 'Riot',
  'strategic-development': 'Strategic development',
  other: 'Other',
};

export function categoryLabel(category: EventCategory): string {
  return CATEGORY_LABELS[category];
}

/** ACLED's actor types by inter code (1–8). */
const ACLED_ACTOR_TYPES = ['', 'State forces', 'Rebel group', 'Political militia', 'Identity militia', 'Rioters', 'Protesters', 'Civilians', 'External/Other forces'] as const;

/** An ACLED inter code in words: 2 → "Rebel group". */
export function actorTypeLabel(code: number): string {
  return ACLED_ACTOR_TYPES[code] || `type ${code}`;
}

/** An ACLED interaction code in words: 27 → "Rebel group–Civilians", 60 → "Protesters only". */
export function interactionLabel(code: number): string {
  const first = Math.floor(code / 10);
  const second = code % 10;
  return second === 0 ? `${actorTypeLabel(first)} only` : `${actorTypeLabel(first)}–${actorTypeLabel(second)}`;
}

/** "media-outlet" -> "Media outlet", "custom:funded by" -> "funded by". */
export function humanize(value: string): string {
  const text = value.replace(/^custom:/, '').replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The English name of an ISO 3166-1 code, or the code itself. */
export function countryName(code: string): string {
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Crocus City Hall, Krasnogorsk, Moscow Oblast, Russia" from whatever parts are known. */
export function formatPlace(location: Location): string {
  const parts = [location.place, location.admin2, location.admin1, countryName(location.country)].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  );
  return parts.filter((part, i) => parts.indexOf(part) === i).join(', ');
}

/** Last path segment of a file path, for either separator. */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}

/** A file size as people read it: 812 bytes, 14 KB, 3.2 MB, 1.4 GB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const RECORD_NOUNS: Record<string, string> = {
  events: 'event',
  actors: 'actor',
  relationships: 'relationship',
  sources: 'source',
  series: 'series',
  views: 'saved view',
  attachments: 'attachment',
  matrices: 'ACH matrix',
  matrixRows: 'matrix row',
  reports: 'written report',
};

/** One record of a collection in plain words: "events" -> "event", "series" -> "series" (not "serie"). */
export function recordNoun(collection: string): string {
  return RECORD_NOUNS[collection] ?? collection;
}

/** A relationship type as words: "media-arm-of" -> "media arm of", "custom:funded by" -> "funded by". */
export function relationshipTypeLabel(type: string): string {
  return type.replace(/^custom:/, '').replace(/-/g, ' ');
}

/**
 * What a person reads as a record's name: its title or name; a relationship as
 * "Outlet — media arm of → Group" (actor ids when `actorName` does not know them), never its raw type.
 */
export function recordLabel(record: AnyRecord, actorName: (id: string) => string | undefined = () => undefined): string {
  if ('title' in record) return record.title;
  if ('name' in record) return record.name;
  const from = actorName(record.sourceActorId) ?? record.sourceActorId;
  const to = actorName(record.targetActorId) ?? record.targetActorId;
  return `${from} — ${relationshipTypeLabel(record.type)} → ${to}`;
}

/**
 * An actor's status badge: "Active as of 2024". The date is when a source reported the status,
 * not when the group began, so it never reads "since".
 */
export function statusLabel(status: { value: string; from?: PartialDate | undefined }): string {
  return status.from ? `${humanize(status.value)} as of ${formatPartialDate(status.from)}` : humanize(status.value);
}
