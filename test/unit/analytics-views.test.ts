import { describe, expect, it } from 'vitest';
import { DEFAULT_CHART_SETTINGS } from '../../src/shared/analytics/dashboard';
import { MAP_SCOPES } from '../../src/shared/analytics/map-model';
import { mapSvg } from '../../src/shared/analytics/svg';
import { analyticsCharts, filterViewRecords, mapViewModel } from '../../src/shared/analytics/views';
import type { Event } from '../../src/shared/domain/event';
import { seriesMatching, type EventFilter } from '../../src/shared/domain/filters';
import { partialDate } from '../../src/shared/domain/partial-date';
import type { Series } from '../../src/shared/domain/series';
import { chartSvgForExport } from '../../src/renderer/features/analytics/export-image';
import { FIXTURE_EVENTS, FIXTURE_SERIES } from './analytics-fixture';

/** An AMBER event and series whose every text is distinctive, beside the fixture's CLEAR and GREEN records. */
const AMBER_EVENT: Event = {
  id: 'event--amber',
  title: 'Amberevent liaison raid',
  category: 'counter-operation',
  date: partialDate('2022-05-04'),
  location: { country: 'AF', admin1: 'Amberprovince', place: 'Amberplace', lat: 34.5, lon: 69.2, geoPrecision: 'exact' },
  fatalities: { min: 7, max: 9 },
  scope: 'internal',
  tags: [],
  marking: 'TLP:AMBER',
  responsibility: [{ id: 'claim--amber', actorId: 'actor--isk', kind: 'claimed', confidence: 'low', citations: [] }],
  citations: [],
};
const AMBER_SERIES: Series = {
  id: 'series--amber',
  title: 'Amberseries external plots',
  measure: 'Ambermeasure plots',
  unit: 'amberunits',
  actorId: 'actor--isk',
  points: [
    { period: partialDate('2024'), value: 21, label: 'Amberlabel one' },
    { period: partialDate('2024'), value: 3, label: 'Amberlabel two' },
  ],
  marking: 'TLP:AMBER',
  citations: [],
};
const EVENTS = [...FIXTURE_EVENTS, AMBER_EVENT];
const SERIES = [...FIXTURE_SERIES, AMBER_SERIES];

/** The fixture's AMBER event is a counter-operation: the fatality chart must be about them to draw it. */
const SETTINGS = { ...DEFAULT_CHART_SETTINGS, fatalityCategory: 'counter-operation' as const };

describe('analytics and map views cut every record kind they draw at the filter’s marking', () => {
  const atGreen: EventFilter = { maxMarking: 'TLP:GREEN' };

  it('no chart, nor its exported SVG, holds an AMBER event or series', () => {
    const shown = filterViewRecords(EVENTS, SERIES, atGreen);
    expect(shown.series.map((s) => s.id)).toEqual(['series--s1', 'series--s2']);
    const charts = analyticsCharts(shown, SETTINGS);
    expect(charts.map((c) => c.id)).toEqual(['events-by-year-place', 'fatalities-by-province', 'monthly-measures', 'seasonal-pattern', 'series']);
    for (const chart of charts) {
      const drawn = JSON.stringify(chart) + chartSvgForExport(chart);
      expect(drawn, chart.id).not.toMatch(/amber/i);
    }
    // The series chart still draws the GREEN-or-lower series.
    expect(charts[4]!.series.map((s) => s.name)).toEqual(['claimed attacks', 'operations']);
    // Fatalities by province: the AMBER raid's 7–9 deaths are not in Nangarhar's or any other bar.
    expect(charts[1]!.categories.join()).not.toContain('Amberprovince');
  });

  it('at AMBER the same charts do draw them (the cut, not the data, kept them out)', () => {
    const charts = analyticsCharts(filterViewRecords(EVENTS, SERIES, { maxMarking: 'TLP:AMBER' }), SETTINGS);
    expect(JSON.stringify(charts[4])).toContain('Ambermeasure plots');
    expect(charts[1]!.categories.join()).toContain('Amberprovince (AF)');
  });

  it('the map, at either scope, and its SVG hold no AMBER event', () => {
    for (const scope of MAP_SCOPES) {
      const green = mapViewModel(EVENTS, atGreen, scope, 'spread');
      expect(JSON.stringify(green) + mapSvg(green), scope).not.toMatch(/amber/i);
      const amber = mapViewModel(EVENTS, { maxMarking: 'TLP:AMBER' }, scope, 'spread');
      expect(amber.points.map((p) => p.title).join('\n'), scope).toContain('Amberevent liaison raid');
    }
  });
});

describe('seriesMatching', () => {
  it('keeps the series of the filter’s actors, and the points within its dates', () => {
    expect(seriesMatching(SERIES, { actorIds: ['actor--isk'] }).map((s) => s.id)).toEqual(['series--amber']);
    const in2021 = seriesMatching(SERIES, { from: partialDate('2021'), to: partialDate('2022') });
    expect(in2021.map((s) => [s.id, s.points.map((p) => p.period.value)])).toEqual([
      ['series--s1', ['2021']],
      // A total over 2022–2023 overlaps the span, so it is kept whole.
      ['series--s2', ['2022']],
    ]);
    // Nothing cut: the same objects, so per-record caches hold.
    expect(seriesMatching(SERIES, {})[0]).toBe(SERIES[0]);
  });
});
