import type { EventCategory, ResponsibilityKind } from '../domain/event';
import { BucketRow, categoryBits, claimBit, labelCount, type EventFacts } from './event-facts';
import { emptyCoverage, type Coverage, type ImprecisionPolicy, type Placed } from './imprecision';

/*
 * The per-event loops of the event charts, over EventFacts (see event-charts.ts for the charts
 * they feed). Each loop is its own small function with plain indexed loops and no work after
 * them, so the engine compiles it whole and keeps it compiled across filter changes: code
 * after a hot loop that had not run yet when the loop was compiled throws the whole function
 * back to the interpreter on every call.
 */

/** Groups (label ids) in the order they first appear, each with its buckets. */
export interface GroupTally {
  coverage: Coverage;
  /** Indexed by group label id; undefined for groups no event fell in. */
  rows: (BucketRow | undefined)[];
  order: number[];
}

/** One slot per label id, each undefined until its group is met. */
function slots(): (BucketRow | undefined)[] {
  return new Array<BucketRow | undefined>(labelCount()).fill(undefined);
}

/** Events per year by province (or, when !byProvince, by country). */
export function tallyYearsByPlace(facts: readonly EventFacts[], byProvince: boolean, policy: ImprecisionPolicy): GroupTally {
  const tally: GroupTally = { coverage: emptyCoverage(policy), rows: slots(), order: [] };
  const { coverage, rows, order } = tally;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    // Read whichever grouping is asked for or not: a field never read before a switch between
    // province and country would throw the compiled loop back to the interpreter.
    const { place, country, provinceKnown } = f;
    coverage.total++;
    const unknownPlace = byProvince && !provinceKnown;
    if (unknownPlace && policy === 'exclude') {
      coverage.excluded++;
      coverage.excludedFor.place++;
      continue;
    }
    const group = byProvince ? place : country;
    let row = rows[group];
    if (row === undefined) {
      rows[group] = row = new BucketRow();
      order.push(group);
    }
    // Every date names its year, so a year-level chart never has to spread or leave one out.
    row.add(f.year, 1);
    if (unknownPlace || f.approximateDate) coverage.approximate++;
    if (unknownPlace) coverage.approximateFor.place++;
    if (f.approximateDate) coverage.approximateFor.date++;
  }
  return tally;
}

export interface FatalityTally {
  coverage: Coverage;
  /** Lowest reported fatalities and the extra in the highest report, indexed by place label id. */
  low: Float64Array;
  extra: Float64Array;
  /** Places in the order they first appear. */
  order: number[];
}

/** Fatalities per province in one category. */
export function tallyFatalities(facts: readonly EventFacts[], category: EventCategory, policy: ImprecisionPolicy): FatalityTally {
  const tally: FatalityTally = { coverage: emptyCoverage(policy), low: new Float64Array(labelCount()), extra: new Float64Array(labelCount()), order: [] };
  const { coverage, low, extra, order } = tally;
  const seen = new Uint8Array(labelCount());
  const bit = categoryBits([category]);
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    coverage.total++;
    if (f.category !== bit || f.fatalitiesMin < 0) {
      coverage.notApplicable++;
      continue;
    }
    if (!f.provinceKnown && policy === 'exclude') {
      coverage.excluded++;
      coverage.excludedFor.place++;
      continue;
    }
    if (!f.provinceKnown || f.fatalitiesApproximate) coverage.approximate++;
    if (!f.provinceKnown) coverage.approximateFor.place++;
    if (f.fatalitiesApproximate) coverage.approximateFor.fatalities++;
    const place = f.place;
    if (seen[place] === 0) {
      seen[place] = 1;
      order.push(place);
    }
    low[place]! += f.fatalitiesMin;
    extra[place] = extra[place]! + f.fatalitiesMax - f.fatalitiesMin;
  }
  return tally;
}

/** One measure of the monthly chart: events (or their fatalities) of a category, optionally by claim kind. */
export interface Measure {
  category: EventCategory;
  /** Only events with a responsibility statement of this kind (e.g. claimed). */
  responsibility?: ResponsibilityKind;
  value: 'events' | 'fatalities';
}

/** A measure as bits to test EventFacts against. */
interface MeasureTest {
  category: number;
  /** Claim-kind bit required; 0: every event. */
  claim: number;
  fatalities: boolean;
}

function measureTest(m: Measure): MeasureTest {
  return { category: categoryBits([m.category]), claim: m.responsibility ? claimBit(m.responsibility) : 0, fatalities: m.value === 'fatalities' };
}

/** What an event adds to a measure, or null when the measure does not concern it. */
function measureValue(f: EventFacts, m: MeasureTest): number | null {
  if (f.category !== m.category) return null;
  if (m.claim !== 0 && (f.claims & m.claim) === 0) return null;
  return m.fatalities ? Math.max(f.fatalitiesMin, 0) : 1;
}

/**
 * Adds `scale` for an event to its month in `row` (indexed by month ordinal); a date known only
 * to the year follows the policy as eachShare does: left out, whole in January, or spread.
 */
function addToMonths(row: BucketRow, f: EventFacts, policy: ImprecisionPolicy, scale: number): Placed {
  if (f.month >= 0) {
    row.add(f.month, 1 * scale);
    return f.approximateDate ? 'approximate' : 'exact';
  }
  if (policy === 'exclude') return 'excluded';
  const january = f.year * 12;
  if (policy === 'first') {
    row.add(january, 1 * scale);
    return 'approximate';
  }
  for (let month = 0; month < 12; month++) row.add(january + month, (1 / 12) * scale);
  return 'approximate';
}

/** Two measures per month: one row each, indexed by month ordinal. */
export function tallyMonths(facts: readonly EventFacts[], a: Measure, b: Measure, policy: ImprecisionPolicy): { coverage: Coverage; rows: [BucketRow, BucketRow] } {
  const tally = { coverage: emptyCoverage(policy), rows: [new BucketRow(), new BucketRow()] as [BucketRow, BucketRow] };
  const { coverage, rows } = tally;
  const testA = measureTest(a);
  const testB = measureTest(b);
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    coverage.total++;
    const va = measureValue(f, testA);
    const vb = measureValue(f, testB);
    if (va === null && vb === null) {
      coverage.notApplicable++;
      continue;
    }
    let placed: Placed = 'exact';
    if (va !== null) placed = addToMonths(rows[0], f, policy, va);
    if (vb !== null) placed = addToMonths(rows[1], f, policy, vb);
    countPlaced(coverage, placed);
  }
  return tally;
}

/** Counts how addToMonths placed an event; its only reason to leave one out or move it is the date. */
function countPlaced(coverage: Coverage, placed: Placed): void {
  if (placed === 'excluded') {
    coverage.excluded++;
    coverage.excludedFor.date++;
  } else if (placed === 'approximate') {
    coverage.approximate++;
    coverage.approximateFor.date++;
  }
}

/** Events per month, one row per year and scope (season label id), indexed by month ordinal. */
export function tallySeasons(facts: readonly EventFacts[], categories: readonly EventCategory[], policy: ImprecisionPolicy): GroupTally & { years: Float64Array } {
  const tally = { coverage: emptyCoverage(policy), rows: slots(), order: [] as number[], years: new Float64Array(labelCount()) };
  const { coverage, rows, order, years } = tally;
  const counted = categoryBits(categories);
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    coverage.total++;
    if ((f.category & counted) === 0) {
      coverage.notApplicable++;
      continue;
    }
    let row = rows[f.season];
    if (row === undefined) {
      rows[f.season] = row = new BucketRow();
      years[f.season] = f.year;
      order.push(f.season);
    }
    // Unknown scope (every imported event) is a line of its own, not an imprecision.
    countPlaced(coverage, addToMonths(row, f, policy, 1));
  }
  return tally;
}
