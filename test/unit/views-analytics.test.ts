import { describe, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import { DEFAULT_CHART_SETTINGS, type ChartSettings } from '../../src/shared/analytics/dashboard';
import { MAP_SCOPES } from '../../src/shared/analytics/map-model';
import { analyticsCharts, filterViewRecords, mapViewModel } from '../../src/shared/analytics/views';
import { emptyCase, type CaseDocument } from '../../src/shared/domain/case';
import type { EventFilter } from '../../src/shared/domain/filters';
import { partialDate } from '../../src/shared/domain/partial-date';
import { FIXTURE_EVENTS, FIXTURE_SERIES, RED_EVENT } from './analytics-fixture';

function fixtureCase(): CaseDocument {
  const doc = emptyCase('case--views', 'Views', '2025-01-01T00:00:00.000Z');
  doc.events = [...FIXTURE_EVENTS, RED_EVENT];
  doc.series = [...FIXTURE_SERIES];
  return doc;
}

const FILTERS: EventFilter[] = [
  {},
  { maxMarking: 'TLP:GREEN' },
  { maxMarking: 'TLP:CLEAR' },
  { countries: ['AF'] },
  { categories: ['counter-operation'], minFatalities: 5 },
  { from: partialDate('2021-03'), to: partialDate('2022') },
  { actorIds: ['actor--isk'] },
  { text: 'attack', scopes: ['internal'] },
];

const SETTINGS: ChartSettings[] = [
  DEFAULT_CHART_SETTINGS,
  { ...DEFAULT_CHART_SETTINGS, policy: 'exclude', placeBy: 'province', fatalityCategory: 'attack' },
  { ...DEFAULT_CHART_SETTINGS, policy: 'first', measureA: { category: 'attack', value: 'fatalities' }, seriesIds: ['series--s2'] },
];

describe('analytics in main (analytics:charts, analytics:map)', () => {
  it('draws the same charts as the view computed from every record before, under every filter and setting', async () => {
    const doc = fixtureCase();
    const views = new CaseViews(new CaseService({ user: 'test' }));
    for (const filter of FILTERS) {
      for (const settings of SETTINGS) {
        const answer = await views.analytics.charts(doc, filter, settings);
        const before = analyticsCharts(filterViewRecords(doc.events, doc.series, filter), settings);
        expect(answer.charts, JSON.stringify([filter, settings.policy])).toEqual(before);
        expect(answer.shown).toBe(doc.events.filter((e) => filterViewRecords([e], [], filter).events.length === 1).length);
        expect(answer.total).toBe(filterViewRecords(doc.events, [], filter.maxMarking ? { maxMarking: filter.maxMarking } : {}).events.length);
        expect(answer.series.map((s) => s.id)).toEqual(filterViewRecords([], doc.series, filter).series.map((s) => s.id));
      }
    }
  });

  it('draws the same map as before at both scopes and every policy', async () => {
    const doc = fixtureCase();
    const views = new CaseViews(new CaseService({ user: 'test' }));
    for (const filter of FILTERS) {
      for (const scope of MAP_SCOPES) {
        for (const policy of ['exclude', 'spread', 'first'] as const) {
          expect(await views.analytics.map(doc, filter, scope, policy), JSON.stringify([filter, scope, policy])).toEqual(mapViewModel(doc.events, filter, scope, policy));
        }
      }
    }
  });

  it('follows edits: a changed or removed event changes the next answer', async () => {
    const doc = fixtureCase();
    const views = new CaseViews(new CaseService({ user: 'test' }));
    const before = await views.analytics.charts(doc, {}, DEFAULT_CHART_SETTINGS);
    expect(before.shown).toBe(7);
    // As CaseIndex applies an edit: the record replaced in place, and an entry added to the history.
    doc.events[0] = { ...doc.events[0]!, category: 'arrest' };
    doc.events.pop();
    doc.history.push({ seq: 1, at: '2025-01-02T00:00:00.000Z', by: 'test', kind: 'edit', summary: 'edit', changes: [] });
    const after = await views.analytics.charts(doc, {}, DEFAULT_CHART_SETTINGS);
    expect(after.shown).toBe(6);
    expect(after.charts).toEqual(analyticsCharts(filterViewRecords(doc.events, doc.series, {}), DEFAULT_CHART_SETTINGS));
  });
});
