import { EVENT_CATEGORIES, RESPONSIBILITY_KINDS, type Event, type EventCategory, type ResponsibilityKind } from '../domain/event';

/**
 * What the charts need of one event, worked out once per event record. Charts run over every
 * shown event on each filter change; reading numbers here instead of slicing date strings and
 * building labels per event is what keeps 100,000 events well under the 200 ms target.
 */
export interface EventFacts {
  /** Calendar year of the date. */
  year: number;
  /** Month ordinal, year × 12 + month − 1; −1 when the date is known only to the year. */
  month: number;
  /** The source gives the date as approximate. */
  approximateDate: boolean;
  /** Label id (see labelText) of "<admin-1> (<country>)", or of "<country>, province unknown" without a province. */
  place: number;
  /** The event names its province. */
  provinceKnown: boolean;
  /** Label id of the country code. */
  country: number;
  /** Label id of "2021 internal": the seasonal chart's line for the event's year and scope. */
  season: number;
  /** One bit per responsibility kind (RESPONSIBILITY_KINDS order) the event's statements have. */
  claims: number;
  /** The event's category as a bit (EVENT_CATEGORIES order), to test against a set of categories. */
  category: number;
  scopeKnown: boolean;
  /** Fatalities, lowest and highest report; both −1 when the event gives none. */
  fatalitiesMin: number;
  fatalitiesMax: number;
  fatalitiesApproximate: boolean;
}

// Group names, numbered once: few (provinces, countries, years × scopes) and reused by every chart.
const labels: string[] = [];
const labelIds = new Map<string, number>();

function labelId(text: string): number {
  let id = labelIds.get(text);
  if (id === undefined) {
    id = labels.length;
    labels.push(text);
    labelIds.set(text, id);
  }
  return id;
}

/** How many label ids there are: every id in EventFacts is below it. */
export function labelCount(): number {
  return labels.length;
}

/** The text of a label id from EventFacts. */
export function labelText(id: number): string {
  return labels[id]!;
}

/** The bit of a responsibility kind in EventFacts.claims. */
export function claimBit(kind: ResponsibilityKind): number {
  return 1 << RESPONSIBILITY_KINDS.indexOf(kind);
}

/** The bits of categories, as in EventFacts.category. */
export function categoryBits(categories: readonly EventCategory[]): number {
  let bits = 0;
  for (const category of categories) bits |= 1 << EVENT_CATEGORIES.indexOf(category);
  return bits;
}

// Event records are immutable (an edit replaces the object), so facts live as long as their event.
const cache = new WeakMap<Event, EventFacts>();

function derive(event: Event): EventFacts {
  const { date, location } = event;
  const yearText = date.value.slice(0, 4);
  const year = Number(yearText);
  let claims = 0;
  for (const statement of event.responsibility) claims |= claimBit(statement.kind);
  return {
    year,
    month: date.precision === 'year' ? -1 : year * 12 + Number(date.value.slice(5, 7)) - 1,
    approximateDate: date.approximate === true,
    place: labelId(location.admin1 ? `${location.admin1} (${location.country})` : `${location.country}, province unknown`),
    provinceKnown: Boolean(location.admin1),
    country: labelId(location.country),
    season: labelId(event.scope === 'unknown' ? `${yearText} scope unknown` : `${yearText} ${event.scope}`),
    claims,
    category: categoryBits([event.category]),
    scopeKnown: event.scope !== 'unknown',
    fatalitiesMin: event.fatalities?.min ?? -1,
    fatalitiesMax: event.fatalities?.max ?? -1,
    fatalitiesApproximate: event.fatalities?.approximate === true,
  };
}

/** One event's facts, derived on first use. */
export function eventFacts(event: Event): EventFacts {
  let facts = cache.get(event);
  if (facts === undefined) cache.set(event, (facts = derive(event)));
  return facts;
}

/** The facts of each event, in order: computed once per chart run and shared by every chart. */
export function factsOf(events: readonly Event[]): EventFacts[] {
  // Sized up front and filled by index: no push per event (a polyfill may replace Array.prototype.push).
  const out = new Array<EventFacts>(events.length);
  for (let i = 0; i < events.length; i++) out[i] = eventFacts(events[i]!);
  return out;
}

/** A year or month ordinal as its bucket key: 2021 → '2021', 24254 → '2021-03'. */
export function yearKey(year: number): string {
  return String(year).padStart(4, '0');
}

export function monthKey(ordinal: number): string {
  return `${yearKey(Math.floor(ordinal / 12))}-${String((ordinal % 12) + 1).padStart(2, '0')}`;
}

/**
 * Sums per bucket, indexed by year or month ordinal, in a typed array that grows to the buckets
 * used. Remembers the first and last bucket touched (even by a zero), which bound the chart's axis.
 */
export class BucketRow {
  private base = 0;
  private sums = new Float64Array(0);
  /** First and last bucket added to; Infinity / −Infinity while empty. */
  min = Infinity;
  max = -Infinity;

  add(index: number, value: number): void {
    let i = index - this.base;
    if (i < 0 || i >= this.sums.length) i = this.grow(index);
    this.sums[i]! += value;
    if (index < this.min) this.min = index;
    if (index > this.max) this.max = index;
  }

  get(index: number): number {
    const i = index - this.base;
    return i >= 0 && i < this.sums.length ? this.sums[i]! : 0;
  }

  /** Makes room for `index` (with slack on both sides) and returns its position. */
  private grow(index: number): number {
    const empty = this.sums.length === 0;
    const slack = Math.max(32, this.sums.length);
    const lo = empty ? index - slack : Math.min(this.base, index - slack);
    const hi = empty ? index + slack : Math.max(this.base + this.sums.length, index + slack);
    const sums = new Float64Array(hi - lo);
    if (!empty) sums.set(this.sums, this.base - lo);
    this.base = lo;
    this.sums = sums;
    return index - lo;
  }
}
