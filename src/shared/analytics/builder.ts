import { participantsOf, type Event } from '../domain/event';
import type { Series } from '../domain/series';
import { categoryLabel } from '../text/format';
import { BUILDER_DIMENSION_LABELS, DEFAULT_BUILDER_LIMIT, MAX_BUILDER_CATEGORIES, MAX_BUILDER_STACKS, TIME_DIMENSIONS, type BuilderDimension, type BuilderSpec } from './builder-spec';
import type { ChartData, ChartSeries } from './chart-data';
import { monthKey, yearKey } from './event-facts';
import { bucketRange, emptyCoverage, placeCounted, type Coverage } from './imprecision';

export { BuilderSpecSchema, type BuilderSpec } from './builder-spec';

/** What the builder needs besides the records: actor names for the actor dimension. */
export interface BuilderNames {
  actor?(id: string): string;
}

export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NO_STACK = '';

/** Sums per (axis group, stack group), and each group's total for ranking. */
class Grid {
  readonly cells = new Map<string, Map<string, number>>();
  readonly axisTotals = new Map<string, number>();
  readonly stackTotals = new Map<string, number>();

  add(axis: string, stack: string, value: number): void {
    let row = this.cells.get(stack);
    if (!row) this.cells.set(stack, (row = new Map()));
    row.set(axis, (row.get(axis) ?? 0) + value);
    this.axisTotals.set(axis, (this.axisTotals.get(axis) ?? 0) + value);
    this.stackTotals.set(stack, (this.stackTotals.get(stack) ?? 0) + value);
  }
}

/** A month ordinal (year × 12 + month − 1), or null when the chart needs only the year. */
type Slot = { ordinal: number | null; weight: number };

function timeKey(dimension: BuilderDimension, year: number, ordinal: number | null): string {
  if (dimension === 'year') return yearKey(year);
  if (dimension === 'month') return monthKey(ordinal!);
  return MONTH_NAMES[ordinal! % 12]!;
}

/** The groups an event falls in along a non-time dimension; null: its admin-1 area is not known. */
function eventKeys(event: Event, dimension: BuilderDimension, names: BuilderNames): string[] | null {
  const { location } = event;
  switch (dimension) {
    case 'country':
      return [location.country];
    case 'admin1':
      return location.admin1 ? [`${location.admin1} (${location.country})`] : null;
    case 'category':
      return [categoryLabel(event.category)];
    case 'event-type':
      return [event.acled?.eventType ?? event.attackType ?? 'No event type given'];
    case 'actor': {
      const ids = new Set([...event.responsibility.filter((r) => r.kind !== 'denied').map((r) => r.actorId), ...participantsOf(event).map((p) => p.actorId)]);
      // Once per name: actors above the marking share one name, so an event counts once there too.
      return ids.size === 0 ? ['No actor named'] : [...new Set([...ids].map((id) => names.actor?.(id) ?? id))];
    }
    default:
      return [];
  }
}

/** Where an event's date lands on month-level dimensions, by the policy; null when left out. */
function slotsOf(event: Event, needsMonth: boolean, policy: BuilderSpec['policy']): Slot[] | null {
  const year = Number(event.date.value.slice(0, 4));
  if (!needsMonth) return [{ ordinal: null, weight: 1 }];
  if (event.date.precision !== 'year') return [{ ordinal: year * 12 + Number(event.date.value.slice(5, 7)) - 1, weight: 1 }];
  if (policy === 'exclude') return null;
  if (policy === 'first') return [{ ordinal: year * 12, weight: 1 }];
  return Array.from({ length: 12 }, (_, m) => ({ ordinal: year * 12 + m, weight: 1 / 12 }));
}

/** The keys of one dimension for an event in one slot; an unknown admin-1 area as "<country>, admin-1 unknown". */
function keysFor(event: Event, dimension: BuilderDimension | undefined, slot: Slot, names: BuilderNames): string[] {
  if (dimension === undefined) return [NO_STACK];
  if (TIME_DIMENSIONS.includes(dimension)) return [timeKey(dimension, Number(event.date.value.slice(0, 4)), slot.ordinal)];
  return eventKeys(event, dimension, names) ?? [`${event.location.country}, admin-1 unknown`];
}

function tallyEvents(spec: BuilderSpec, events: readonly Event[], names: BuilderNames): { grid: Grid; coverage: Coverage } {
  const grid = new Grid();
  const coverage = emptyCoverage(spec.policy);
  const dims = [spec.dimension, spec.stackBy].filter((d): d is BuilderDimension => d !== undefined);
  const needsMonth = dims.some((d) => d === 'month' || d === 'season');
  const needsArea = dims.includes('admin1');
  for (const event of events) {
    coverage.total++;
    const value = spec.measure === 'fatalities' ? event.fatalities?.min : 1;
    if (value === undefined) {
      coverage.notApplicable++;
      continue;
    }
    const areaUnknown = needsArea && !event.location.admin1;
    if (areaUnknown && spec.policy === 'exclude') {
      coverage.excluded++;
      coverage.excludedFor.place++;
      continue;
    }
    const slots = slotsOf(event, needsMonth, spec.policy);
    if (slots === null) {
      coverage.excluded++;
      coverage.excludedFor.date++;
      continue;
    }
    const dateApproximate = event.date.approximate === true || slots.length > 1 || (needsMonth && event.date.precision === 'year');
    const fatalitiesApproximate = spec.measure === 'fatalities' && event.fatalities?.approximate === true;
    if (dateApproximate || areaUnknown || fatalitiesApproximate) coverage.approximate++;
    if (dateApproximate) coverage.approximateFor.date++;
    if (areaUnknown) coverage.approximateFor.place++;
    if (fatalitiesApproximate) coverage.approximateFor.fatalities++;
    for (const slot of slots) {
      for (const axis of keysFor(event, spec.dimension, slot, names)) {
        for (const stack of keysFor(event, spec.stackBy, slot, names)) grid.add(axis, stack, value * slot.weight);
      }
    }
  }
  return { grid, coverage };
}

function tallySeries(spec: BuilderSpec, series: Series | undefined): { grid: Grid; coverage: Coverage } {
  const grid = new Grid();
  const coverage = emptyCoverage(spec.policy, 'series points');
  if (!series) return { grid, coverage };
  const timeOnly = TIME_DIMENSIONS.includes(spec.dimension) && (spec.stackBy === undefined || TIME_DIMENSIONS.includes(spec.stackBy));
  const granularity = spec.dimension === 'year' && (spec.stackBy === undefined || spec.stackBy === 'year') ? 'year' : 'month';
  for (const point of series.points) {
    coverage.total++;
    if (!timeOnly) {
      coverage.notApplicable++;
      continue;
    }
    const placed = placeCounted(point, granularity, spec.policy, coverage);
    if (!placed) continue;
    for (const share of placed.shares) {
      const year = Number(share.key.slice(0, 4));
      const ordinal = share.key.length > 4 ? year * 12 + Number(share.key.slice(5, 7)) - 1 : null;
      const key = (d: BuilderDimension | undefined) => (d === undefined ? NO_STACK : timeKey(d, year, ordinal));
      grid.add(key(spec.dimension), key(spec.stackBy), point.value * share.weight);
    }
  }
  return { grid, coverage };
}

/** The groups of a dimension in drawing order: time in order (gaps filled), others largest first with the rest as "Other (n)". */
function groupOrder(dimension: BuilderDimension | undefined, totals: Map<string, number>, limit: number): { keys: string[]; fold: (key: string) => string } {
  const present = [...totals.keys()];
  if (dimension === undefined) return { keys: [NO_STACK], fold: (k) => k };
  if (dimension === 'season') return { keys: totals.size > 0 ? [...MONTH_NAMES] : [], fold: (k) => k };
  if (dimension === 'year' || dimension === 'month') {
    const sorted = present.sort();
    return { keys: sorted.length ? bucketRange(sorted[0]!, sorted.at(-1)!) : [], fold: (k) => k };
  }
  const ranked = present.sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  if (ranked.length <= limit) return { keys: ranked, fold: (k) => k };
  const kept = new Set(ranked.slice(0, limit));
  const other = `Other (${ranked.length - limit})`;
  return { keys: [...ranked.slice(0, limit), other], fold: (k) => (kept.has(k) ? k : other) };
}

function measureText(spec: BuilderSpec, series: Series | undefined): string {
  if (spec.measure === 'series') return series ? series.title : 'Sourced series';
  return spec.measure === 'events' ? 'Events' : 'Fatalities';
}

/**
 * A chart the analyst built: `spec.measure` along `spec.dimension`, stacked by `spec.stackBy`,
 * from events and series the shared filters already selected. Sums are exact; under the
 * 'spread' policy an item known only to its year counts 1/12 in each month, so fractional
 * values are estimates (the coverage note and the drawn labels say so). An event naming several
 * actors counts once for each of them on the actor dimension.
 */
export function computeBuilderChart(spec: BuilderSpec, events: readonly Event[], series: readonly Series[], names: BuilderNames = {}): ChartData {
  const chosen = spec.measure === 'series' ? series.find((s) => s.id === spec.seriesId) : undefined;
  const { grid, coverage } = spec.measure === 'series' ? tallySeries(spec, chosen) : tallyEvents(spec, events, names);
  const limit = spec.limit ?? DEFAULT_BUILDER_LIMIT;
  const axis = groupOrder(spec.dimension, grid.axisTotals, limit);
  const stacks = groupOrder(spec.stackBy, grid.stackTotals, limit);
  // Time is never folded: dates over centuries, or stacks by month over decades, draw nothing and say so.
  const tooMany = axis.keys.length > MAX_BUILDER_CATEGORIES || stacks.keys.length > MAX_BUILDER_STACKS ? `${axis.keys.length.toLocaleString('en')} along the axis by ${BUILDER_DIMENSION_LABELS[spec.dimension].toLowerCase()}, ${stacks.keys.length.toLocaleString('en')} stacks` : '';
  if (tooMany) {
    axis.keys = [];
    stacks.keys = [];
  }
  const index = new Map(axis.keys.map((k, i) => [k, i]));
  const bySeries = new Map<string, number[]>(stacks.keys.map((k) => [k, axis.keys.map(() => 0)]));
  for (const [stack, row] of tooMany ? [] : grid.cells) {
    const values = bySeries.get(stacks.fold(stack))!;
    for (const [key, value] of row) values[index.get(axis.fold(key))!]! += value;
  }
  const measure = measureText(spec, chosen);
  const seriesOut: ChartSeries[] = [...bySeries].map(([name, values]) => ({ name: name === NO_STACK ? measure : name, values }));
  const dimensionText = BUILDER_DIMENSION_LABELS[spec.dimension];
  const stackText = spec.stackBy ? `, stacked by ${BUILDER_DIMENSION_LABELS[spec.stackBy].toLowerCase()}` : '';
  const notes = [
    tooMany ? `Too many groups to draw (${tooMany}; at most ${MAX_BUILDER_CATEGORIES.toLocaleString('en')} and ${MAX_BUILDER_STACKS}): narrow the dates in the filter or choose a coarser dimension, such as year.` : '',
    spec.measure === 'fatalities' ? 'Lowest reported fatalities; events without a count are not concerned.' : '',
    spec.measure === 'series' && !chosen ? 'Choose a series to draw.' : '',
    spec.measure === 'series' && coverage.notApplicable > 0 ? 'A series has only periods: choose year, month or calendar month.' : '',
    [spec.dimension, spec.stackBy].includes('actor') ? 'An event naming several actors counts once for each.' : '',
  ].filter(Boolean);
  return {
    id: 'builder',
    title: `${measure} by ${dimensionText.toLowerCase()}${stackText}`,
    subtitle: notes.length ? notes.join(' ') : undefined,
    kind: spec.stackBy ? 'stacked-bar' : 'bar',
    xLabel: dimensionText,
    yLabel: spec.measure === 'series' ? (chosen?.unit || 'Value') : measure,
    categories: axis.keys,
    series: seriesOut,
    coverage,
  };
}
