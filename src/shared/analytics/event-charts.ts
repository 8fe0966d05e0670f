import { EVENT_CATEGORIES, type Event, type EventCategory, type ResponsibilityKind } from '../domain/event';
import { topSeries, type ChartData, type ChartSeries } from './chart-data';
import { bucketRange, eachShare, emptyCoverage, type ImprecisionPolicy } from './imprecision';

const CATEGORY_LABEL: Record<EventCategory, string> = {
  attack: 'attacks',
  'foiled-plot': 'foiled plots',
  arrest: 'arrests',
  'counter-operation': 'counter-operations',
  'propaganda-release': 'propaganda releases',
  statement: 'statements',
};

/** The row of one group (bucket key → value), created on first use. */
function rowOf(groups: Map<string, Map<string, number>>, group: string): Map<string, number> {
  let row = groups.get(group);
  if (!row) groups.set(group, (row = new Map()));
  return row;
}

/** A visitor that adds `scale × share` to a row's buckets. */
function adder(): { row: Map<string, number>; scale: number; visit: (key: string, weight: number) => void } {
  const state = {
    row: new Map<string, number>(),
    scale: 1,
    visit: (key: string, weight: number) => state.row.set(key, (state.row.get(key) ?? 0) + weight * state.scale),
  };
  return state;
}

function toSeries(groups: Map<string, Map<string, number>>, categories: string[]): ChartSeries[] {
  return [...groups].map(([name, row]) => ({ name, values: categories.map((c) => row.get(c) ?? 0) }));
}

function keyRange(keys: Iterable<string>): string[] {
  const sorted = [...new Set(keys)].sort();
  return sorted.length === 0 ? [] : bucketRange(sorted[0]!, sorted.at(-1)!);
}

export interface PlaceOptions {
  /** Group by province (admin-1) or by country. */
  by: 'province' | 'country';
  policy: ImprecisionPolicy;
  /** Most groups drawn; the rest fold into "Other". */
  limit?: number;
}

/** Where an event is, at province or country level; null when unknown and the policy excludes it. */
const provinceLabels = new Map<string, string>();

/** "Nangarhar (AF)", built once per province and country (charts ask for it per event). */
function provinceLabel(admin1: string, country: string): string {
  const key = `${country}\u0000${admin1}`;
  let label = provinceLabels.get(key);
  if (label === undefined) provinceLabels.set(key, (label = `${admin1} (${country})`));
  return label;
}

function placeOf(event: Event, by: 'province' | 'country', policy: ImprecisionPolicy): { name: string; approximate: boolean } | null {
  if (by === 'country') return { name: event.location.country, approximate: false };
  if (event.location.admin1) return { name: provinceLabel(event.location.admin1, event.location.country), approximate: false };
  return policy === 'exclude' ? null : { name: `${event.location.country}, province unknown`, approximate: true };
}

/** Figure 1: events per year, stacked by province or country. */
export function eventsByYearAndPlace(events: readonly Event[], options: PlaceOptions): ChartData {
  const coverage = emptyCoverage(options.policy);
  const groups = new Map<string, Map<string, number>>();
  const acc = adder();
  for (const event of events) {
    coverage.total++;
    const place = placeOf(event, options.by, options.policy);
    if (!place) {
      coverage.excluded++;
      continue;
    }
    acc.row = rowOf(groups, place.name);
    // Every date names its year, so a year-level chart never has to spread or leave one out.
    const placed = eachShare(event.date, undefined, 'year', options.policy, acc.visit);
    if (place.approximate || placed === 'approximate') coverage.approximate++;
  }
  const categories = keyRange([...groups.values()].flatMap((row) => [...row.keys()]));
  return {
    id: 'events-by-year-place',
    title: `Events per year by ${options.by}`,
    kind: 'stacked-bar',
    xLabel: 'Year',
    yLabel: 'Events',
    categories,
    series: topSeries(toSeries(groups, categories), options.limit ?? 10),
    coverage,
  };
}

export interface FatalityOptions {
  category: EventCategory;
  policy: ImprecisionPolicy;
  limit?: number;
}

/** Figure 2: fatalities per province in one category; lowest reported count plus the extra in the highest. */
export function fatalitiesByProvince(events: readonly Event[], options: FatalityOptions): ChartData {
  const coverage = emptyCoverage(options.policy);
  const low = new Map<string, number>();
  const extra = new Map<string, number>();
  for (const event of events) {
    coverage.total++;
    if (event.category !== options.category || !event.fatalities) {
      coverage.notApplicable++;
      continue;
    }
    const place = placeOf(event, 'province', options.policy);
    if (!place) {
      coverage.excluded++;
      continue;
    }
    if (place.approximate || event.fatalities.approximate) coverage.approximate++;
    low.set(place.name, (low.get(place.name) ?? 0) + event.fatalities.min);
    extra.set(place.name, (extra.get(place.name) ?? 0) + event.fatalities.max - event.fatalities.min);
  }
  const categories = [...low.keys()]
    .sort((a, b) => (low.get(b) ?? 0) + (extra.get(b) ?? 0) - ((low.get(a) ?? 0) + (extra.get(a) ?? 0)) || a.localeCompare(b))
    .slice(0, options.limit ?? 20);
  return {
    id: 'fatalities-by-province',
    title: `Fatalities in ${CATEGORY_LABEL[options.category]} by province`,
    kind: 'stacked-bar',
    xLabel: 'Province',
    yLabel: 'Fatalities',
    categories,
    series: [
      { name: 'Lowest reported', values: categories.map((c) => low.get(c) ?? 0) },
      { name: 'More in the highest report', values: categories.map((c) => extra.get(c) ?? 0) },
    ],
    coverage,
  };
}

/** One measure of the monthly chart: events (or their fatalities) of a category, optionally by claim kind. */
export interface Measure {
  category: EventCategory;
  /** Only events with a responsibility statement of this kind (e.g. claimed). */
  responsibility?: ResponsibilityKind;
  value: 'events' | 'fatalities';
}

export function measureLabel(m: Measure): string {
  const what = m.value === 'events' ? CATEGORY_LABEL[m.category] : `fatalities in ${CATEGORY_LABEL[m.category]}`;
  return m.responsibility ? `${what} (${m.responsibility})` : what;
}

function measureValue(event: Event, m: Measure): number | null {
  if (event.category !== m.category) return null;
  if (m.responsibility && !event.responsibility.some((c) => c.kind === m.responsibility)) return null;
  return m.value === 'events' ? 1 : (event.fatalities?.min ?? 0);
}

/** Figure 3: two measures per month on one chart, the second on its own axis. */
export function monthlyMeasures(events: readonly Event[], a: Measure, b: Measure, policy: ImprecisionPolicy): ChartData {
  const coverage = emptyCoverage(policy);
  const groups = new Map<string, Map<string, number>>([
    [measureLabel(a), new Map()],
    [measureLabel(b), new Map()],
  ]);
  const rows = [groups.get(measureLabel(a))!, groups.get(measureLabel(b))!];
  const acc = adder();
  for (const event of events) {
    coverage.total++;
    const values = [measureValue(event, a), measureValue(event, b)];
    if (values[0] === null && values[1] === null) {
      coverage.notApplicable++;
      continue;
    }
    let placed: string = 'exact';
    for (let i = 0; i < 2; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      acc.row = rows[i]!;
      acc.scale = v;
      placed = eachShare(event.date, undefined, 'month', policy, acc.visit);
    }
    if (placed === 'excluded') coverage.excluded++;
    else if (placed === 'approximate') coverage.approximate++;
  }
  const categories = keyRange([...groups.values()].flatMap((row) => [...row.keys()]));
  const [sa, sb] = toSeries(groups, categories);
  return {
    id: 'monthly-measures',
    title: `${capitalise(measureLabel(a))} and ${measureLabel(b)} per month`,
    kind: 'line',
    xLabel: 'Month',
    yLabel: capitalise(measureLabel(a)),
    y2Label: capitalise(measureLabel(b)),
    categories,
    series: [sa!, { ...sb!, axis: 1 }],
    coverage,
  };
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Figure 4: events per calendar month, one line per year and scope (internal / external). */
export function seasonalPattern(events: readonly Event[], policy: ImprecisionPolicy, categories: readonly EventCategory[] = EVENT_CATEGORIES): ChartData {
  const coverage = emptyCoverage(policy);
  const groups = new Map<string, Map<string, number>>();
  const acc = adder();
  for (const event of events) {
    coverage.total++;
    if (!categories.includes(event.category)) {
      coverage.notApplicable++;
      continue;
    }
    const scopeKnown = event.scope !== 'unknown';
    if (!scopeKnown && policy === 'exclude') {
      coverage.excluded++;
      continue;
    }
    // Buckets are 'YYYY-MM'; one row per year and scope, keyed by month.
    acc.row = rowOf(groups, `${event.date.value.slice(0, 4)} ${event.scope}`);
    const placed = eachShare(event.date, undefined, 'month', policy, acc.visit);
    if (placed === 'excluded') coverage.excluded++;
    else if (placed === 'approximate' || !scopeKnown) coverage.approximate++;
  }
  const months = MONTH_NAMES.map((_, i) => String(i + 1).padStart(2, '0'));
  const series = [...groups]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([name, row]) => ({ name, values: months.map((m) => row.get(`${name.slice(0, 4)}-${m}`) ?? 0) }));
  return {
    id: 'seasonal-pattern',
    title: 'Seasonal pattern: events per calendar month, internal and external',
    kind: 'line',
    xLabel: 'Month',
    yLabel: 'Events',
    categories: MONTH_NAMES,
    series,
    coverage,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
