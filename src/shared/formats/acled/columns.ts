/**
 * ACLED's column layouts. Current exports use lower-case names; older files (to 2019) use
 * upper-case ones, ALLY_ACTOR_n for the associated actors and GEO_PRECIS; some come with no
 * header row, in which case the column count tells the layout.
 */
export const CURRENT_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude',
  'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

export const OLDER_COLUMNS = [
  'gwno', 'event_id_cnty', 'event_id_no_cnty', 'event_date', 'year', 'time_precision', 'event_type',
  'actor1', 'ally_actor_1', 'inter1', 'actor2', 'ally_actor_2', 'inter2', 'interaction', 'country',
  'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precis', 'source', 'notes', 'fatalities',
] as const;

/** Older names → current names. */
export const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  ally_actor_1: 'assoc_actor_1',
  ally_actor_2: 'assoc_actor_2',
  geo_precis: 'geo_precision',
};

/** ACLED's actor types (inter1/inter2), as codes 1–8 or as the text newer exports carry. */
const INTER_TEXT: ReadonlyArray<[string, number]> = [
  ['state forces', 1],
  ['rebel group', 2],
  ['political militia', 3],
  ['identity militia', 4],
  ['rioters', 5],
  ['protesters', 6],
  ['civilians', 7],
  ['external/other forces', 8],
  ['external', 8],
];

/** An inter code from "1".."8" or its text; 0 when absent or unknown. */
export function interCode(text: string): number {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 8 ? n : 0;
  }
  return INTER_TEXT.find(([name]) => t.startsWith(name))?.[1] ?? 0;
}

/** True when a row of header cells is an ACLED header (any era). */
export function looksLikeAcledHeader(fields: readonly string[]): boolean {
  const set = new Set(fields);
  return set.has('event_date') && (set.has('event_id_cnty') || set.has('event_id_no_cnty'));
}
