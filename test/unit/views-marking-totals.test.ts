import { describe, expect, it } from 'vitest';
import { viewsHandlers } from '../../src/main/ipc/handlers/views';
import type { HandlerContext } from '../../src/main/ipc/handlers/context';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import { DEFAULT_CHART_SETTINGS } from '../../src/shared/analytics/dashboard';
import type { CaseDocument } from '../../src/shared/domain/case';
import type { EventFilter } from '../../src/shared/domain/filters';
import type { Series } from '../../src/shared/domain/series';
import { plainEvent } from '../helpers/records';
import { newCase } from '../helpers/store';

/** A case with one GREEN and two AMBER events, and a GREEN and an AMBER series. */
function markedCase(): CaseDocument {
  const doc = newCase('Marking totals');
  doc.events.push(
    plainEvent('event--green', 'Green attack', { marking: 'TLP:GREEN', location: { country: 'AF', admin1: 'Kabul', place: 'Kabul', geoPrecision: 'exact' }, attackType: 'bombing', targetType: 'police' }),
    plainEvent('event--amber1', 'Amber covert op', { marking: 'TLP:AMBER', attackType: 'amber-only-attack-type', targetType: 'amber-only-target', location: { country: 'TJ', admin1: 'Sughd Secret Province', place: 'x', geoPrecision: 'exact' } }),
    plainEvent('event--amber2', 'Amber second op', { marking: 'TLP:AMBER' }),
  );
  const series = (id: string, marking: Series['marking']): Series => ({ id, title: id, measure: 'attacks', unit: 'attacks', points: [], marking, citations: [] });
  doc.series.push(series('series--green', 'TLP:GREEN'), series('series--amber', 'TLP:AMBER'));
  return doc;
}

function facetsOf(doc: CaseDocument, views: CaseViews, request: Record<string, unknown>) {
  const cases = { document: doc } as unknown as CaseService;
  const handler = viewsHandlers({ cases } as unknown as HandlerContext, views)['timeline:facets'] as (q: unknown) => Promise<{ ok: boolean; value?: unknown }>;
  return handler(request);
}

describe('every total respects the filter’s marking', () => {
  const green: EventFilter = { maxMarking: 'TLP:GREEN' };

  it('the timeline summary counts only the events within the marking as the case’s total', async () => {
    const doc = markedCase();
    const views = new CaseViews(new CaseService({ user: 't' }));
    const summary = await views.timeline.summary(doc, { filter: green, grouping: 'none' });
    expect({ count: summary.count, total: summary.total }).toEqual({ count: 1, total: 1 });
    const all = await views.timeline.summary(doc, { filter: {}, grouping: 'none' });
    expect({ count: all.count, total: all.total }).toEqual({ count: 3, total: 3 });
  });

  it('the analytics totals (events and series) count nothing above the marking', async () => {
    const doc = markedCase();
    const views = new CaseViews(new CaseService({ user: 't' }));
    const charts = await views.analytics.charts(doc, { ...green, countries: ['AF'] }, DEFAULT_CHART_SETTINGS);
    expect({ shown: charts.shown, total: charts.total, seriesTotal: charts.seriesTotal }).toEqual({ shown: 1, total: 1, seriesTotal: 1 });
    const amber = await views.analytics.charts(doc, { maxMarking: 'TLP:AMBER' }, DEFAULT_CHART_SETTINGS);
    expect({ total: amber.total, seriesTotal: amber.seriesTotal }).toEqual({ total: 3, seriesTotal: 2 });
  });

  it('the filter pickers offer no value found only in events above the marking', async () => {
    const doc = markedCase();
    const views = new CaseViews(new CaseService({ user: 't' }));
    const capped = await facetsOf(doc, views, { maxMarking: 'TLP:GREEN' });
    expect(capped).toMatchObject({ ok: true, value: { countries: ['AF'], provinces: ['Kabul'], attackTypes: ['bombing'], targetTypes: ['police'], acledEventTypes: [], interactions: [] } });
    const open = await facetsOf(doc, views, {});
    expect((open.value as { countries: string[] }).countries).toEqual(['AF', 'RU', 'TJ']);
  });
});
