import { EVENT_CATEGORIES, type Event } from './event';
import { eventMatches, usesAcledFields, type EventFilter } from './filters';
import { TLP_LEVELS, markingRank } from './marking';
import { partialDateSpan, type PartialDate } from './partial-date';
import { placeInto } from '../timeline/placement';

/** A string field as numbers: 0 stands for "not recorded", n for `values[n]`. */
export interface Dictionary {
  values: string[];
  codes: Map<string, number>;
}

/**
 * The fields the shared filters look at, one typed array per field, in the case's order: a
 * filter on place, category, marking, dates or fatalities is checked at a million events in a
 * few milliseconds, where `eventMatches` would take several hundred. Text, actor and
 * responsibility filters are checked with `eventMatches` on the events the columns let through.
 * Built once per case version (services/views); the timeline reads its starts and ends too.
 */
export interface EventColumns {
  count: number;
  /** The date's span, UTC ms (placement.ts): start inclusive, end exclusive. */
  starts: Float64Array;
  ends: Float64Array;
  /** Precision letters as char codes: d, m, y; upper case when approximate. */
  letters: Uint8Array;
  country: Int32Array;
  admin1: Int32Array;
  attackType: Int32Array;
  targetType: Int32Array;
  /** Index in EVENT_CATEGORIES. */
  category: Uint8Array;
  /** 0 internal, 1 external, 2 unknown. */
  scope: Uint8Array;
  /** markingRank. */
  marking: Uint8Array;
  /** Upper bound of fatalities; 0 when not recorded (as `eventMatches` reads it). */
  fatalities: Float64Array;
  dictionaries: { country: Dictionary; admin1: Dictionary; attackType: Dictionary; targetType: Dictionary };
}

const SCOPES = ['internal', 'external', 'unknown'] as const;

function dictionary(): Dictionary {
  return { values: [''], codes: new Map() };
}

function codeOf(dict: Dictionary, value: string | undefined): number {
  if (value === undefined) return 0;
  let code = dict.codes.get(value);
  if (code === undefined) {
    code = dict.values.length;
    dict.values.push(value);
    dict.codes.set(value, code);
  }
  return code;
}

/** Builds the columns a slice at a time (`step`), so main can build them between IPC calls. */
export class ColumnsBuilder {
  private next = 0;
  private readonly columns: EventColumns;

  constructor(private readonly events: readonly Event[]) {
    const n = events.length;
    this.columns = {
      count: n,
      starts: new Float64Array(n),
      ends: new Float64Array(n),
      letters: new Uint8Array(n),
      country: new Int32Array(n),
      admin1: new Int32Array(n),
      attackType: new Int32Array(n),
      targetType: new Int32Array(n),
      category: new Uint8Array(n),
      scope: new Uint8Array(n),
      marking: new Uint8Array(n),
      fatalities: new Float64Array(n),
      dictionaries: { country: dictionary(), admin1: dictionary(), attackType: dictionary(), targetType: dictionary() },
    };
  }

  /** Fills the next `rows` events; true once every event is in. */
  step(rows: number): boolean {
    const c = this.columns;
    const end = Math.min(this.events.length, this.next + rows);
    for (let i = this.next; i < end; i++) {
      const e = this.events[i]!;
      placeInto(e.date, c.starts, c.ends, i);
      const letter = e.date.precision.charCodeAt(0);
      c.letters[i] = e.date.approximate === true ? letter - 32 : letter;
      c.country[i] = codeOf(c.dictionaries.country, e.location.country);
      // An empty text counts as not recorded, as in `eventMatches`.
      c.admin1[i] = codeOf(c.dictionaries.admin1, e.location.admin1 || undefined);
      c.attackType[i] = codeOf(c.dictionaries.attackType, e.attackType || undefined);
      c.targetType[i] = codeOf(c.dictionaries.targetType, e.targetType || undefined);
      c.category[i] = EVENT_CATEGORIES.indexOf(e.category);
      c.scope[i] = SCOPES.indexOf(e.scope);
      c.marking[i] = markingRank(e.marking);
      c.fatalities[i] = e.fatalities?.max ?? 0;
    }
    this.next = end;
    return end >= this.events.length;
  }

  get done(): boolean {
    return this.next >= this.events.length;
  }

  /** The columns; every event must be in (`done`). */
  result(): EventColumns {
    if (!this.done) this.step(this.events.length);
    return this.columns;
  }
}

/** The columns of every event, built at once. */
export function eventColumns(events: readonly Event[]): EventColumns {
  return new ColumnsBuilder(events).result();
}

const hasAny = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

/** Which codes of a dictionary a list filter allows (1), or null when the filter is not set. */
function allowed(dict: Dictionary, values: readonly string[] | undefined): Uint8Array | null {
  if (!hasAny(values)) return null;
  const table = new Uint8Array(dict.values.length);
  for (const v of values) {
    const code = dict.codes.get(v);
    if (code !== undefined) table[code] = 1;
  }
  return table;
}

function allowedOf<T extends string>(all: readonly T[], values: readonly T[] | undefined): Uint8Array | null {
  if (!hasAny(values)) return null;
  const table = new Uint8Array(all.length);
  for (const v of values) table[all.indexOf(v)] = 1;
  return table;
}

function spanStart(date: PartialDate | undefined): number {
  return date ? partialDateSpan(date).start : -Infinity;
}

function spanEnd(date: PartialDate | undefined): number {
  return date ? partialDateSpan(date).end : Infinity;
}

/**
 * One byte per event (1: the filter selects it), exactly as `eventMatches` decides: the column
 * checks first, then `eventMatches` itself for what the columns do not hold (text, actors,
 * responsibility kinds) on the events still in. Dates overlap as in `eventMatches`: an event is
 * out when it ends by the start of `from` or starts at or after the end of `to`.
 */
export function columnMask(columns: EventColumns, events: readonly Event[], filter: EventFilter): Uint8Array {
  const d = columns.dictionaries;
  const from = spanStart(filter.from);
  const to = spanEnd(filter.to);
  const country = allowed(d.country, filter.countries);
  const admin1 = allowed(d.admin1, filter.provinces);
  const attack = allowed(d.attackType, filter.attackTypes);
  const target = allowed(d.targetType, filter.targetTypes);
  const category = allowedOf(EVENT_CATEGORIES, filter.categories);
  const scope = allowedOf(SCOPES, filter.scopes);
  const maxRank = filter.maxMarking ? markingRank(filter.maxMarking) : TLP_LEVELS.length;
  const minFatalities = filter.minFatalities ?? -Infinity;
  const rest = hasAny(filter.actorIds) || hasAny(filter.responsibilityKinds) || (filter.text ?? '').trim() !== '' || usesAcledFields(filter);
  const mask = new Uint8Array(columns.count);
  for (let i = 0; i < columns.count; i++) {
    if (columns.ends[i]! <= from || columns.starts[i]! >= to) continue;
    if (country && country[columns.country[i]!] !== 1) continue;
    if (admin1 && admin1[columns.admin1[i]!] !== 1) continue;
    if (category && category[columns.category[i]!] !== 1) continue;
    if (attack && attack[columns.attackType[i]!] !== 1) continue;
    if (target && target[columns.targetType[i]!] !== 1) continue;
    if (scope && scope[columns.scope[i]!] !== 1) continue;
    if (columns.marking[i]! > maxRank) continue;
    if (columns.fatalities[i]! < minFatalities) continue;
    if (rest && !eventMatches(events[i]!, filter)) continue;
    mask[i] = 1;
  }
  return mask;
}
