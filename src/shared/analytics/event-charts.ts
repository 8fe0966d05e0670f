import { EVENT_CATEGORIES, type Event, type EventCategory } from '../domain/event';
import { topSeries, type ChartData, type ChartSeries } from './chart-data';
import { factsOf, labelText, monthKey, yearKey, type BucketRow, type EventFacts } from './event-facts';
import { tallyFatalities, tallyMonths, tallySeasons, tallyYearsByPlace, type Measure } from './event-tallies';
import { bucketRange, type ImprecisionPolicy } from './imprecision';

export type { Measure } from './event-tallies';

const CATEGORY_LABEL: Record<EventCategory, string> = {
  attack: 'attacks',
  'foiled-plot': 'foiled plots',
  arrest: 'arrests',
  'counter-operation': 'counter-operations',
  'propaganda-release': 'propaganda releases',
  statement: 'statements',
  battle: 'battles',
  protest: 'protests',
  riot: 'riots',
  'strategic-development': 'strategic developments',
  other: 'other events',
};

/** A row per group (label id), in the order groups first appear. */
function rowsToSeries(order: readonly number[], rows: readonly (BucketRow | undefined)[], axis: { first: number; categories: readonly string[] }): ChartSeries[] {
  return order.map((group) => seriesOf(labelText(group), rows[group]!, axis));
}

function seriesOf(name: string, row: BucketRow, axis: { first: number; categories: readonly string[] }): ChartSeries {
  return { name, values: axis.categories.map((_, k) => row.get(axis.first + k)) };
}

/** Every bucket from the first to the last any row touched, as keys and the first bucket's index. */
function axisOf(rows: readonly BucketRow[], key: (index: number) => string): { first: number; categories: string[] } {
  let first = Infinity;
  let last = -Infinity;
  for (const row of rows) {
    first = Math.min(first, row.min);
    last = Math.max(last, row.max);
  }
  return first > last ? { first: 0, categories: [] } : { first, categories: bucketRange(key(first), key(last)) };
}

export interface PlaceOptions {
  /** Group by province (admin-1) or by country. */
  by: 'province' | 'country';
  policy: ImprecisionPolicy;
  /** Most groups drawn; the rest fold into "Other". */
  limit?: number;
}

/**
 * Figure 1: events per year, stacked by province or country. An event without a province is
 * left out by the 'exclude' policy, else grouped as "<country>, province unknown". `facts` may
 * be passed when several charts run over the same events (see computeAllCharts).
 */
export function eventsByYearAndPlace(events: readonly Event[], options: PlaceOptions, facts: readonly EventFacts[] = factsOf(events)): ChartData {
  const { coverage, rows, order } = tallyYearsByPlace(facts, options.by === 'province', options.policy);
  const axis = axisOf(order.map((group) => rows[group]!), yearKey);
  return {
    id: 'events-by-year-place',
    title: `Events per year by ${options.by}`,
    kind: 'stacked-bar',
    xLabel: 'Year',
    yLabel: 'Events',
    categories: axis.categories,
    series: topSeries(rowsToSeries(order, rows, axis), options.limit ?? 10),
    coverage,
  };
}

export interface FatalityOptions {
  category: EventCategory;
  policy: ImprecisionPolicy;
  limit?: number;
}

/** Figure 2: fatalities per province in one category; lowest reported count plus the extra in the highest. */
export function fatalitiesByProvince(events: readonly Event[], options: FatalityOptions, facts: readonly EventFacts[] = factsOf(events)): ChartData {
  const { coverage, low, extra, order } = tallyFatalities(facts, options.category, options.policy);
  const total = (place: number) => low[place]! + extra[place]!;
  const ranked = order
    .map((place) => ({ place, name: labelText(place) }))
    .sort((a, b) => total(b.place) - total(a.place) || a.name.localeCompare(b.name))
    .slice(0, options.limit ?? 20);
  return {
    id: 'fatalities-by-province',
    title: `Fatalities in ${CATEGORY_LABEL[options.category]} by province`,
    kind: 'stacked-bar',
    xLabel: 'Province',
    yLabel: 'Fatalities',
    categories: ranked.map((r) => r.name),
    series: [
      { name: 'Lowest reported', values: ranked.map((r) => low[r.place]!) },
      { name: 'More in the highest report', values: ranked.map((r) => extra[r.place]!) },
    ],
    coverage,
  };
}

export function measureLabel(m: Measure): string {
  const what = m.value === 'events' ? CATEGORY_LABEL[m.category] : `fatalities in ${CATEGORY_LABEL[m.category]}`;
  return m.responsibility ? `${what} (${m.responsibility})` : what;
}

/** Figure 3: two measures per month on one chart, the second on its own axis. */
export function monthlyMeasures(events: readonly Event[], a: Measure, b: Measure, policy: ImprecisionPolicy, facts: readonly EventFacts[] = factsOf(events)): ChartData {
  const { coverage, rows } = tallyMonths(facts, a, b, policy);
  const axis = axisOf(rows, monthKey);
  return {
    id: 'monthly-measures',
    title: `${capitalise(measureLabel(a))} and ${measureLabel(b)} per month`,
    kind: 'line',
    xLabel: 'Month',
    yLabel: capitalise(measureLabel(a)),
    y2Label: capitalise(measureLabel(b)),
    categories: axis.categories,
    series: [seriesOf(measureLabel(a), rows[0], axis), { ...seriesOf(measureLabel(b), rows[1], axis), axis: 1 }],
    coverage,
  };
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Figure 4: events per calendar month, one heatmap row per year and scope (a row stays readable
 * with many years, where one line per year did not).
 */
export function seasonalPattern(events: readonly Event[], policy: ImprecisionPolicy, categories: readonly EventCategory[] = EVENT_CATEGORIES, facts: readonly EventFacts[] = factsOf(events)): ChartData {
  const { coverage, rows, order, years } = tallySeasons(facts, categories, policy);
  const series = order
    .map((season) => ({ name: labelText(season), values: MONTH_NAMES.map((_, m) => rows[season]!.get(years[season]! * 12 + m)) }))
    .sort((x, y) => x.name.localeCompare(y.name));
  return {
    id: 'seasonal-pattern',
    title: 'Seasonal pattern: events per calendar month, by year and scope',
    kind: 'heatmap',
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
