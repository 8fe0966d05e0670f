import type { PartialDate } from '../domain/partial-date';

/**
 * What a chart does with an item whose date (or place) is coarser than the chart's buckets,
 * e.g. an event known only to the year on a monthly chart:
 * - exclude: leave it out (and count it as left out);
 * - spread: share it evenly over every bucket its span covers (counted as placed approximately);
 * - first: put it whole into the first bucket of its span (counted as placed approximately).
 */
export const IMPRECISION_POLICIES = ['exclude', 'spread', 'first'] as const;
export type ImprecisionPolicy = (typeof IMPRECISION_POLICIES)[number];

export const POLICY_LABELS: Record<ImprecisionPolicy, string> = {
  exclude: 'Leave imprecise items out',
  spread: 'Spread them evenly over their span',
  first: 'Put them in the first period of their span',
};

export type Granularity = 'year' | 'month';

/** One share of an item in one bucket ('2024' or '2024-03'). */
export interface Share {
  key: string;
  weight: number;
}

/** Where an item lands: its shares, or null when the policy leaves it out. */
export interface Placement {
  shares: Share[];
  /** True when the item was spread or moved, or its date is marked approximate. */
  approximate: boolean;
}

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** Every bucket key from `from` to `to` inclusive (both keys of the same granularity). */
export function bucketRange(from: string, to: string): string[] {
  if (from.length === 4) {
    const out: string[] = [];
    for (let y = Number(from); y <= Number(to); y++) out.push(String(y));
    return out;
  }
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${MONTHS[m - 1]}`);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** How an item was placed: whole in its one bucket, approximately (spread, moved, or an approximate date), or not at all. */
export type Placed = 'exact' | 'approximate' | 'excluded';

const rangeCache = new Map<string, string[]>();

function cachedRange(first: string, last: string): string[] {
  const key = `${first}/${last}`;
  let keys = rangeCache.get(key);
  if (!keys) rangeCache.set(key, (keys = bucketRange(first, last)));
  return keys;
}

/**
 * Calls `visit` for each bucket a date span (from `date` to `until`) falls in at `granularity`,
 * with the item's share there. A span finer than or as fine as the buckets lands whole in one;
 * a coarser one follows the policy. Allocates nothing on the common path: it runs per event
 * on every filter change.
 */
export function eachShare(date: PartialDate, until: PartialDate | undefined, granularity: Granularity, policy: ImprecisionPolicy, visit: (key: string, weight: number) => void): Placed {
  const marked = date.approximate === true || until?.approximate === true;
  if (until === undefined && (granularity === 'year' || date.precision !== 'year')) {
    visit(granularity === 'year' ? date.value.slice(0, 4) : date.value.slice(0, 7), 1);
    return marked ? 'approximate' : 'exact';
  }
  const first = firstKey(date, granularity);
  const last = lastKey(until ?? date, granularity);
  if (first === last) {
    visit(first, 1);
    return marked ? 'approximate' : 'exact';
  }
  if (policy === 'exclude') return 'excluded';
  if (policy === 'first') {
    visit(first, 1);
    return 'approximate';
  }
  const keys = cachedRange(first, last);
  for (const key of keys) visit(key, 1 / keys.length);
  return 'approximate';
}

/** The shares of a date span as a list (see eachShare), or null when the policy leaves it out. */
export function placeSpan(date: PartialDate, until: PartialDate | undefined, granularity: Granularity, policy: ImprecisionPolicy): Placement | null {
  const shares: Share[] = [];
  const placed = eachShare(date, until, granularity, policy, (key, weight) => shares.push({ key, weight }));
  return placed === 'excluded' ? null : { shares, approximate: placed === 'approximate' };
}

/** placeSpan for one series point, counted in the chart's coverage: left out or approximate by its date. */
export function placeCounted(point: { period: PartialDate; until?: PartialDate | undefined }, granularity: Granularity, policy: ImprecisionPolicy, coverage: Coverage): Placement | null {
  const placed = placeSpan(point.period, point.until, granularity, policy);
  if (!placed) {
    coverage.excluded++;
    coverage.excludedFor.date++;
    return null;
  }
  if (placed.approximate) {
    coverage.approximate++;
    coverage.approximateFor.date++;
  }
  return placed;
}

function firstKey(date: PartialDate, granularity: Granularity): string {
  if (granularity === 'year') return date.value.slice(0, 4);
  return date.precision === 'year' ? `${date.value}-01` : date.value.slice(0, 7);
}

function lastKey(date: PartialDate, granularity: Granularity): string {
  if (granularity === 'year') return date.value.slice(0, 4);
  return date.precision === 'year' ? `${date.value}-12` : date.value.slice(0, 7);
}

/** What a chart did with the items it was given: the note every chart shows. */
export interface Coverage {
  /** Items given to the chart (events, or series points). */
  total: number;
  /** Items left out because their date or place was too imprecise for the chart. */
  excluded: number;
  /** Items counted, but spread, moved to the first period or grouped as "unknown". */
  approximate: number;
  /** Items the chart's question does not concern (e.g. another category); not an imprecision. */
  notApplicable: number;
  /** Why items were left out: a date too imprecise for the chart, or no province (place). */
  excludedFor: { date: number; place: number };
  /** Why items were placed approximately (an item may have more than one reason). */
  approximateFor: { date: number; place: number; fatalities: number };
  policy: ImprecisionPolicy;
  /** What is counted: "events" or "series points". */
  unit: string;
}

export function emptyCoverage(policy: ImprecisionPolicy, unit = 'events'): Coverage {
  return { total: 0, excluded: 0, approximate: 0, notApplicable: 0, excludedFor: { date: 0, place: 0 }, approximateFor: { date: 0, place: 0, fatalities: 0 }, policy, unit };
}

const REASONS = {
  date: ['with a date too imprecise for this chart', 'with an approximate date or one spread over its span'],
  place: ['with no province', 'with no province (grouped as unknown or shared out)'],
  fatalities: ['', 'with fatalities given as approximate'],
} as const;

/** "2 with no province, 1 with an approximate date" from per-reason counts. */
function reasonsText(counts: Partial<Record<keyof typeof REASONS, number>>, which: 0 | 1): string {
  return (Object.keys(REASONS) as (keyof typeof REASONS)[])
    .filter((r) => (counts[r] ?? 0) > 0)
    .map((r) => `${counts[r]} ${REASONS[r][which]}`)
    .join(', ');
}

/** The chart's note in words, e.g. "3 of 40 events left out (date or place too imprecise); …". */
export function coverageNote(c: Coverage): string {
  const policy =
    c.policy === 'exclude' ? 'imprecise items are left out' : c.policy === 'spread' ? 'imprecise items are spread evenly over their span' : 'imprecise items are put in the first period of their span';
  const left = c.excluded > 0 ? reasonsText(c.excludedFor, 0) : '';
  const approximate = c.approximate > 0 ? reasonsText(c.approximateFor, 1) : '';
  const parts = [`${c.excluded} of ${c.total} ${c.unit} left out${left ? `: ${left}` : ''}`, `${c.approximate} placed approximately${approximate ? `: ${approximate}` : ''}`];
  if (c.notApplicable > 0) parts.push(`${c.notApplicable} not concerned by this chart`);
  const estimates = c.policy === 'spread' && c.approximate > 0 ? ' Spread items are shared over their span: counts with decimals are estimates, and totals are summed from exact shares.' : '';
  return `${parts.join('; ')} (${policy}).${estimates}`;
}
