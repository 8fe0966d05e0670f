import type { AcledFields, GeoPrecision } from '../../domain/event';
import type { PartialDate } from '../../domain/partial-date';
import { alpha2FromName, alpha2FromNumeric } from '../../import/countries';
import { FieldReader, normaliseHeader, parseCoordinate, parseCount } from '../../import/fields';
import { clip, splitList } from '../../import/text';
import type { ActorMention, DatasetInfo, ImportItem, RowInput, RowMapper, RowResult } from '../../import/types';
import { parseDate } from '../csv-mapping/dates';
import { COLUMN_ALIASES, CURRENT_COLUMNS, interCode, looksLikeAcledHeader, OLDER_COLUMNS } from './columns';
import { interactionCode, readEventType } from './event-types';

export const ACLED_DATASET: DatasetInfo = {
  key: 'acled',
  title: 'ACLED (Armed Conflict Location & Event Data)',
  publisher: 'ACLED',
  url: 'https://acleddata.com',
};

/** The header (or the layout a header-less file's column count implies), or why it is not ACLED. */
export function acledLayout(firstRow: readonly string[]): { fields: string[]; hasHeader: boolean } | { error: string } {
  const fields = firstRow.map(normaliseHeader);
  if (looksLikeAcledHeader(fields)) return { fields, hasHeader: true };
  const width = firstRow.length - trailingEmpty(firstRow);
  if (width === CURRENT_COLUMNS.length) return { fields: [...CURRENT_COLUMNS], hasHeader: false };
  if (width === OLDER_COLUMNS.length) return { fields: [...OLDER_COLUMNS], hasHeader: false };
  return {
    error: `this is not an ACLED header (no event_id_cnty and event_date columns), and without a header the ${width} columns match no ACLED layout (${CURRENT_COLUMNS.length} current, ${OLDER_COLUMNS.length} older). Add the header row or pick another format.`,
  };
}

function trailingEmpty(cells: readonly string[]): number {
  let n = 0;
  for (let i = cells.length - 1; i >= 0 && (cells[i] ?? '').trim() === ''; i--) n++;
  return n;
}

/**
 * ACLED time_precision: 1 = the day is known; 2 = ACLED chose a day within the week the
 * sources give (kept as that day, marked approximate); 3 = only the month is known.
 */
export function applyTimePrecision(date: PartialDate, precision: string): PartialDate {
  // A literal, not a spread: V8 gave each spread copy a hidden class of its own (~300 bytes a row).
  if (precision === '2') return { value: date.value, precision: date.precision, approximate: true };
  if (precision === '3' && date.precision === 'day') return { value: date.value.slice(0, 7), precision: 'month' };
  return date;
}

/** ACLED geo_precision: 1 the town itself, 2 near it, 3 only the region (its capital's coordinates). */
export function geoPrecisionOf(code: string, hasAdmin2: boolean): GeoPrecision {
  if (code === '1') return 'exact';
  if (code === '2') return 'near';
  if (code === '3') return hasAdmin2 ? 'admin2' : 'admin1';
  return 'unknown';
}

/** Actor types that are crowds, not organisations: named as targets, not made into actors. */
const NOT_ACTORS = new Set([5, 6, 7]);
const CROWD_NAME = /^(civilians|protesters|rioters)\b/i;

/**
 * One side of an ACLED event: its main actor and the actors associated with it. In violence
 * against civilians and explosions ACLED's first side acted (attributed responsibility) and the
 * second was acted upon (the event's target); in every other type both sides are participants
 * (event-types.ts).
 */
function sideOf(main: string, inter: number, associated: string, as: ActorMention['as']): ActorMention[] {
  const out: ActorMention[] = [];
  if (main && !NOT_ACTORS.has(inter) && !CROWD_NAME.test(main)) {
    out.push({ name: clip(main, 300), kind: inter === 1 || inter === 8 ? 'state-body' : 'organisation', as });
  }
  for (const name of splitList(associated)) {
    if (!CROWD_NAME.test(name)) out.push({ name: clip(name, 300), kind: 'organisation', as });
  }
  return out;
}

/** Maps ACLED rows, any era, to import items; says which older "Riots/Protests" rows it had to guess. */
export function acledMapper(fields: readonly string[]): RowMapper {
  const f = new FieldReader(fields, COLUMN_ALIASES);
  const guessed: number[] = [];
  return {
    map: (row) => mapAcledRow(f, row, guessed),
    notes: () => (guessed.length === 0 ? [] : [guessedNote(guessed)]),
  };
}

function guessedNote(lines: readonly number[]): string {
  const shown = lines.slice(0, 20).join(', ');
  const more = lines.length > 20 ? ` and ${lines.length - 20} more` : '';
  const rows = lines.length === 1 ? 'row names' : 'rows name';
  return `${lines.length} "Riots/Protests" ${rows} neither a sub-event type nor rioters or protesters among the actor types: taken as Protests (line${lines.length === 1 ? '' : 's'} ${shown}${more}). Change the category of any that were riots.`;
}

function mapAcledRow(f: FieldReader, row: RowInput, guessed: number[]): RowResult {
  const id = f.get(row, 'event_id_cnty') || f.get(row, 'event_id_no_cnty');
  if (!id) return { ok: false, issue: f.issue(row, f.has('event_id_cnty') ? 'event_id_cnty' : 'event_id_no_cnty', 'the event id is empty') };
  const rawDate = f.get(row, 'event_date');
  const day = parseDate(rawDate);
  if (!day) return { ok: false, issue: f.issue(row, 'event_date', `"${clip(rawDate, 40)}" is not a date (expected 2024-03-22, 22 March 2024 or 22/03/2024)`) };
  const country = alpha2FromNumeric(f.get(row, 'iso')) ?? alpha2FromName(f.get(row, 'country'));
  if (!country) return { ok: false, issue: f.issue(row, f.get(row, 'country') ? 'country' : 'iso', `unknown country "${clip(f.get(row, 'country') || f.get(row, 'iso'), 60)}"`) };
  const lat = parseCoordinate(f.get(row, 'latitude'), -90, 90);
  if (lat === null) return { ok: false, issue: f.issue(row, 'latitude', `"${clip(f.get(row, 'latitude'), 30)}" is not a latitude`) };
  const lon = parseCoordinate(f.get(row, 'longitude'), -180, 180);
  if (lon === null) return { ok: false, issue: f.issue(row, 'longitude', `"${clip(f.get(row, 'longitude'), 30)}" is not a longitude`) };
  const fatalities = parseCount(f.get(row, 'fatalities'));
  if (fatalities === null) return { ok: false, issue: f.issue(row, 'fatalities', `"${clip(f.get(row, 'fatalities'), 30)}" is not a whole number of fatalities`) };

  const rawType = f.get(row, 'event_type');
  const inter1 = interCode(f.get(row, 'inter1'));
  const inter2 = interCode(f.get(row, 'inter2'));
  const interaction = interactionCode(f.get(row, 'interaction'), inter1, inter2);
  const read = readEventType(rawType, f.get(row, 'sub_event_type'), inter1, inter2, interaction);
  if (read.guessed) guessed.push(row.line);
  const eventType = read.type ?? clip(rawType, 100);
  const subEventType = clip(read.sub, 100);
  const place = f.get(row, 'location');
  const admin1 = f.get(row, 'admin1');
  const admin2 = f.get(row, 'admin2');
  const admin3 = f.get(row, 'admin3');
  const actor2 = f.get(row, 'actor2');
  const disorderType = f.get(row, 'disorder_type');
  const what = subEventType || eventType || 'Event';
  const where = place || admin2 || admin1 || f.get(row, 'country');
  // The file's own type name stays a tag, so an older name is not lost when it is mapped.
  const tags = ['acled', rawType, disorderType, ...splitList(f.get(row, 'tags'))].filter(Boolean).map((t) => clip(t, 100));
  const item: ImportItem = {
    line: row.line,
    externalId: id,
    event: {
      title: clip(where ? `${what} in ${where}` : what, 500),
      category: read.category,
      date: applyTimePrecision(day, f.get(row, 'time_precision')),
      location: {
        country,
        ...(admin1 ? { admin1: clip(admin1, 200) } : {}),
        ...(admin2 ? { admin2: clip(admin2, 200) } : {}),
        ...(admin3 ? { admin3: clip(admin3, 200) } : {}),
        ...(place ? { place: clip(place, 200) } : {}),
        ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
        geoPrecision: geoPrecisionOf(f.get(row, 'geo_precision'), admin2 !== ''),
      },
      // Attack and target types only where ACLED says one side acted on the other.
      ...(read.attributed && what ? { attackType: clip(what, 100) } : {}),
      ...(read.attributed && actor2 ? { targetType: clip(actor2, 100) } : {}),
      ...(fatalities !== undefined ? { fatalities: { min: fatalities, max: fatalities } } : {}),
      scope: 'unknown',
      ...(f.get(row, 'notes') ? { description: clip(f.get(row, 'notes'), 20_000) } : {}),
      tags: [...new Set(tags)],
      acled: acledFields(eventType, subEventType, clip(disorderType, 100), inter1, inter2, interaction, f.has('civilian_targeting') ? f.get(row, 'civilian_targeting') !== '' : undefined, clip(f.get(row, 'source_scale'), 100)),
    },
    actors: [
      ...sideOf(f.get(row, 'actor1'), inter1, f.get(row, 'assoc_actor_1'), read.attributed ? 'attributed' : 'participant'),
      ...sideOf(actor2, inter2, f.get(row, 'assoc_actor_2'), read.attributed ? 'target' : 'participant'),
    ],
    sources: splitList(f.get(row, 'source')).map((s) => clip(s, 300)),
  };
  return { ok: true, item };
}

/**
 * ACLED's own fields as one literal of a fixed shape (absent values left undefined, which JSON
 * drops), so that a million events share one hidden class (see copyWith in import/plan.ts).
 */
function acledFields(eventType: string, subEventType: string, disorderType: string, inter1: number, inter2: number, interaction: number, civilianTargeting: boolean | undefined, sourceScale: string): AcledFields {
  return {
    eventType: eventType || undefined,
    subEventType: subEventType || undefined,
    disorderType: disorderType || undefined,
    inter1: inter1 || undefined,
    inter2: inter2 || undefined,
    interaction: interaction || undefined,
    civilianTargeting,
    sourceScale: sourceScale || undefined,
  };
}
