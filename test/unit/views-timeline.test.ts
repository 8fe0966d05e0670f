import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCase } from '../../bench/generate';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import { emptyCase, type CaseDocument } from '../../src/shared/domain/case';
import { columnMask, eventColumns } from '../../src/shared/domain/event-columns';
import { EVENT_CATEGORIES, type Event } from '../../src/shared/domain/event';
import { eventMatches, TIMELINE_GROUPINGS, type EventFilter, type TimelineGrouping } from '../../src/shared/domain/filters';
import { TLP_LEVELS } from '../../src/shared/domain/marking';
import { partialDate } from '../../src/shared/domain/partial-date';
import { TIMELINE_ITEM_LIMIT } from '../../src/shared/ipc/bounds';
import { tilesCovering, tileSpan, unitForWindow, UNIT_MS } from '../../src/shared/timeline/buckets';
import { aggregateDensity, densityBars } from '../../src/shared/timeline/density';
import { perpetratorOf } from '../../src/shared/timeline/perpetrator';
import { orderByStart } from '../../src/shared/timeline/placed';
import { placeDate } from '../../src/shared/timeline/placement';
import { TimelineIndex } from '../../src/shared/timeline/window-index';

const DOC = generateCase({ events: 3_000, actors: 40, seed: 5 });
// Edge cases the filters treat specially: an empty province and attack type, no fatalities, an old year.
DOC.events.push(
  { ...DOC.events[0]!, id: 'event--edge-1', location: { country: 'AF', admin1: '', geoPrecision: 'country' }, attackType: '', date: partialDate('2015'), fatalities: undefined } as Event,
  { ...DOC.events[1]!, id: 'event--edge-2', date: partialDate('0099-02'), marking: 'TLP:RED' },
  // ACLED-coded events (issue 18): the columns leave their fields to eventMatches.
  { ...DOC.events[2]!, id: 'event--edge-3', category: 'riot', location: { country: 'AF', admin1: 'Kabul', admin3: 'Hodan', geoPrecision: 'exact' }, acled: { eventType: 'Riots', interaction: 57, civilianTargeting: true } },
  { ...DOC.events[3]!, id: 'event--edge-4', category: 'battle', acled: { eventType: 'Battles', interaction: 12, civilianTargeting: false } },
);

const filterArb: fc.Arbitrary<EventFilter> = fc.record(
  {
    from: fc.constantFrom('2014', '2016-03', '2019-06-15', '2024').map((v) => partialDate(v)),
    to: fc.constantFrom('2015', '2018-12', '2020-02-29', '2025-01-01').map((v) => partialDate(v)),
    countries: fc.subarray(['AF', 'PK', 'TJ', 'RU', 'XX']),
    provinces: fc.subarray(['Nangarhar', 'Kabul', 'Balochistan', '', 'Nowhere']),
    categories: fc.subarray([...EVENT_CATEGORIES]),
    attackTypes: fc.subarray(['IED', 'VBIED', 'armed assault', '']),
    targetTypes: fc.subarray(['civilians', 'security forces']),
    scopes: fc.subarray(['internal', 'external', 'unknown'] as const),
    maxMarking: fc.constantFrom(...TLP_LEVELS),
    minFatalities: fc.integer({ min: 0, max: 60 }),
    responsibilityKinds: fc.subarray(['claimed', 'attributed', 'suspected', 'denied'] as const),
    actorIds: fc.subarray(DOC.actors.slice(0, 5).map((a) => a.id)),
    text: fc.constantFrom('kabul', 'attack in', 'differ', 'Peshawar zzz'),
    acledEventTypes: fc.subarray(['Riots', 'Battles']),
    interactions: fc.subarray([12, 57]),
    civilianTargeting: fc.boolean(),
    admin3s: fc.subarray(['Hodan', 'Nowhere']),
  },
  { requiredKeys: [] },
);

describe('event columns', () => {
  it('select exactly the events eventMatches selects, for any filter (property)', () => {
    const columns = eventColumns(DOC.events);
    fc.assert(
      fc.property(filterArb, (filter) => {
        const mask = columnMask(columns, DOC.events, filter);
        const expected = DOC.events.map((e) => (eventMatches(e, filter) ? 1 : 0));
        expect([...mask]).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('TimelineIndex', () => {
  const columns = eventColumns(DOC.events);
  const index = TimelineIndex.of(orderByStart(columns));
  const groups = new Int32Array(index.count).map((_, i) => columns.category[index.positions[i]!]!);
  const input = { starts: [...index.starts], ends: [...index.ends], points: [...index.letters].map((l) => (l === 100 || l === 68 ? 1 : 0)), groups: [...groups] };

  it('counts density as aggregateDensity does, for whole buckets, at every zoom level', () => {
    for (const unit of ['day', 'week', 'month', 'quarter', 'year', 'decade'] as const) {
      for (const tile of tilesCovering(Date.UTC(2019, 0, 1), Date.UTC(2019, 0, 1) + UNIT_MS[unit] * 40, unit)) {
        const { from, to } = tileSpan(tile, unit);
        // aggregateDensity leaves out events starting after `to`; whole buckets need `to` on a bucket's edge.
        const ours = index.density(groups, EVENT_CATEGORIES.length, unit, from, to).filter((b) => b.end <= to);
        const theirs = aggregateDensity(input, unit, from, to).filter((b) => b.end <= to);
        expect(ours.map((b) => [b.group, b.start, b.end, b.exact])).toEqual(theirs.map((b) => [b.group, b.start, b.end, b.exact]));
        ours.forEach((b, i) => expect(b.spread).toBeCloseTo(theirs[i]!.spread, 9));
      }
    }
  });

  it('lists the events overlapping a window in start order, and counts them', () => {
    const from = Date.UTC(2020, 4, 1);
    const to = Date.UTC(2020, 5, 1);
    const expected = DOC.events
      .map((e, position) => ({ e, position, placed: placeDate(e.date) }))
      .filter(({ placed }) => placed.start < to && placed.end > from)
      .sort((a, b) => a.placed.start - b.placed.start || a.position - b.position);
    const found = index.overlapping(from, to, 10);
    expect(found.total).toBe(expected.length);
    expect(found.indexes.map((i) => DOC.events[index.positions[i]!]!.id)).toEqual(expected.slice(0, 10).map((x) => x.e.id));
  });

  it('pages through a window: every event once, in order, the total unchanged', () => {
    const from = Date.UTC(2000, 0, 1);
    const to = Date.UTC(2030, 0, 1);
    const all = index.overlapping(from, to, index.count);
    expect(all.total).toBeGreaterThan(7);
    const paged: number[] = [];
    for (let offset = 0; offset < all.total; offset += 3) {
      const page = index.overlapping(from, to, 3, Infinity, offset);
      expect(page.total).toBe(all.total);
      paged.push(...page.indexes);
    }
    expect(paged).toEqual(all.indexes);
    expect(index.overlapping(from, to, 3, Infinity, all.total).indexes).toEqual([]);
  });
});

/** The timeline as the renderer worked it out before, from every event: the reference the channels must agree with. */
function reference(doc: CaseDocument, filter: EventFilter, grouping: TimelineGrouping) {
  const events = doc.events.filter((e) => eventMatches(e, filter));
  const key = (e: Event): string =>
    grouping === 'none' ? '' : grouping === 'country' ? e.location.country : grouping === 'admin1' ? (e.location.admin1 ?? '') : grouping === 'perpetrator' ? perpetratorOf(e) : e.category;
  const counts = new Map<string, number>();
  for (const e of events) counts.set(key(e), (counts.get(key(e)) ?? 0) + 1);
  const rows = [...counts.entries()].sort((a, b) =>
    grouping === 'category' ? EVENT_CATEGORIES.indexOf(a[0] as Event['category']) - EVENT_CATEGORIES.indexOf(b[0] as Event['category']) : b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  const rowOf = new Map(rows.map(([k], i) => [k, i]));
  const placed = events.map((e, i) => ({ e, i, ...placeDate(e.date), group: rowOf.get(key(e))! })).sort((a, b) => a.start - b.start || a.i - b.i);
  return { events, rows: rows.map(([k, count]) => ({ key: k, count })), placed };
}

describe('timeline channels (timeline:summary, timeline:window, timeline:list)', () => {
  const views = new CaseViews(new CaseService({ user: 'test' }));
  const filters: EventFilter[] = [{}, { countries: ['AF'], maxMarking: 'TLP:AMBER' }, { text: 'bombing' }, { categories: ['arrest'], from: partialDate('2019'), to: partialDate('2020') }];

  it('summarise as before: counts, imprecise events, rows busiest first, extent', async () => {
    for (const filter of filters) {
      for (const grouping of TIMELINE_GROUPINGS) {
        const ref = reference(DOC, filter, grouping);
        const summary = await views.timeline.summary(DOC, { filter, grouping });
        expect(summary.count).toBe(ref.events.length);
        // The total stops at the filter's marking (it must not count what lies above it).
        expect(summary.total).toBe(DOC.events.filter((e) => !filter.maxMarking || eventMatches(e, { maxMarking: filter.maxMarking })).length);
        expect(summary.imprecise).toBe(ref.events.filter((e) => e.date.precision !== 'day').length);
        expect(summary.rows.map((r) => ({ key: r.key, count: r.count }))).toEqual(ref.rows);
        expect(summary.extent).toEqual(ref.placed.length ? { start: ref.placed[0]!.start, end: Math.max(...ref.placed.map((p) => p.end)) } : null);
      }
    }
  });

  it('answer a narrow window with its events, and a wide one with density that adds up to the events in it', async () => {
    for (const filter of filters) {
      const ref = reference(DOC, filter, 'category');
      const narrow = { from: Date.UTC(2021, 2, 1), to: Date.UTC(2021, 2, 3) };
      const margin = (narrow.to - narrow.from) / 4;
      const near = ref.placed.filter((p) => p.start < narrow.to + margin && p.end > narrow.from - margin);
      const answer = await views.timeline.window(DOC, { filter, grouping: 'category' }, narrow.from, narrow.to);
      if (near.length <= TIMELINE_ITEM_LIMIT) {
        expect(answer.mode).toBe('events');
        if (answer.mode === 'events') expect(answer.items.map((i) => [i.id, i.group])).toEqual(near.map((p) => [p.e.id, p.group]));
      }

      const wide = { from: Date.UTC(2014, 0, 1), to: Date.UTC(2026, 0, 1) };
      const density = await views.timeline.window(DOC, { filter, grouping: 'category' }, wide.from, wide.to);
      const m = (wide.to - wide.from) / 4;
      if (ref.placed.length > TIMELINE_ITEM_LIMIT) {
        expect(density.mode).toBe('density');
        const unit = unitForWindow(wide.to - wide.from, 24);
        const input = { starts: ref.placed.map((p) => p.start), ends: ref.placed.map((p) => p.end), points: ref.placed.map((p) => (p.kind === 'point' ? 1 : 0)), groups: ref.placed.map((p) => p.group) };
        const expected = densityBars(aggregateDensity(input, unit), wide.from - m, wide.to + m, true, 160);
        if (density.mode === 'density') {
          expect(density.bars.map((b) => [b.group, b.start, b.exact])).toEqual(expected.map((b) => [b.group, b.start, b.exact]));
          density.bars.forEach((b, i) => expect(b.spread).toBeCloseTo(expected[i]!.spread, 9));
        }
      }
    }
  });

  it('list a window’s first events in date order with the total', async () => {
    const filter = { countries: ['PK'] };
    const ref = reference(DOC, filter, 'none');
    const from = Date.UTC(2018, 0, 1);
    const to = Date.UTC(2019, 0, 1);
    const inView = ref.placed.filter((p) => p.start < to && p.end > from);
    const listed = await views.timeline.list(DOC, { filter, grouping: 'none' }, from, to, 200);
    expect(listed.total).toBe(inView.length);
    expect(listed.items.map((i) => i.id)).toEqual(inView.slice(0, 200).map((p) => p.e.id));
    expect(listed.items[0]).toMatchObject({ title: inView[0]!.e.title, letter: expect.stringMatching(/^[dmyDMY]$/) });
  });

  it('an empty case has no extent and draws nothing', async () => {
    const empty = emptyCase('case--empty', 'Empty', '2025-01-01T00:00:00.000Z');
    expect(await views.timeline.summary(empty, { filter: {}, grouping: 'category' })).toEqual({ count: 0, total: 0, imprecise: 0, rows: [], extent: null });
    expect(await views.timeline.window(empty, { filter: {}, grouping: 'category' }, 0, 1e12)).toEqual({ mode: 'events', items: [] });
  });
});
