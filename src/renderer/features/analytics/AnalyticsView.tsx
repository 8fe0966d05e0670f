import { Checkbox, FormGroup, HTMLSelect, Tag } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import { DEFAULT_CHART_SETTINGS, type ChartSettings } from '../../../shared/analytics/dashboard';
import { analyticsCharts, filterViewRecords } from '../../../shared/analytics/views';
import type { Event } from '../../../shared/domain/event';
import type { Series } from '../../../shared/domain/series';
import { all, useRecords } from '../../app/useRecords';
import { EmptyState } from '../../components/EmptyState';
import { LoadState } from '../../components/LoadState';
import { useEventFilter } from '../filters/useEventFilter';
import './analytics.css';
import { ChartCard } from './ChartCard';
import { CategorySelect, MeasureSelect, PolicySelect } from './ChartControls';

/** The Analytics view: the article's four figures from the case's events, and charts of its sourced series. */
export function AnalyticsView() {
  const events = useRecords('records:events');
  const series = useRecords('records:series');
  return (
    <LoadState loadable={all(events, series)} what="the figures">
      {([eventList, seriesList]) =>
        eventList.length === 0 && seriesList.length === 0 ? (
          <EmptyState icon="timeline-bar-chart" title="Nothing to analyse yet" description="This case has no events and no series. Charts appear here once it does." />
        ) : (
          <AnalyticsBoard events={eventList} series={seriesList} />
        )
      }
    </LoadState>
  );
}

interface AnalyticsBoardProps {
  /** Every event of the case (the shared filters are applied here). */
  events: readonly Event[];
  /** Every series of the case (the shared filters are applied here too). */
  series: readonly Series[];
}

function AnalyticsBoard({ events, series }: AnalyticsBoardProps) {
  const { filter } = useEventFilter();
  const [settings, setSettings] = useState<ChartSettings>(DEFAULT_CHART_SETTINGS);
  const set = (patch: Partial<ChartSettings>) => setSettings((s) => ({ ...s, ...patch }));
  // Events and series alike pass the shared filter, its marking included: nothing above it is drawn, listed or exported.
  const shown = useMemo(() => filterViewRecords(events, series, filter), [events, series, filter]);
  const charts = useMemo(() => {
    // All at once: the events' chart facts are looked up once for the five charts.
    const [place, fatalities, monthly, seasonal, fromSeries] = analyticsCharts(shown, settings);
    return { place: place!, fatalities: fatalities!, monthly: monthly!, seasonal: seasonal!, series: fromSeries! };
  }, [shown, settings]);
  const filtered = Object.keys(filter).length > 0;

  return (
    <div className="cf-analytics">
      <div className="cf-analytics-toolbar">
        <PolicySelect value={settings.policy} onChange={(policy) => set({ policy })} />
        <Tag minimal intent={filtered ? 'primary' : 'none'}>
          {filtered ? `${shown.events.length} of ${events.length} events pass the filters` : `${events.length} events`}
        </Tag>
      </div>
      <div className="cf-board">
        <ChartCard
          chart={charts.place}
          controls={
            <FormGroup label="Stack by" inline>
              <HTMLSelect aria-label="Stack by" value={settings.placeBy} onChange={(e) => set({ placeBy: e.currentTarget.value as ChartSettings['placeBy'] })} options={[{ value: 'country', label: 'Country' }, { value: 'province', label: 'Province' }]} />
            </FormGroup>
          }
        />
        <ChartCard chart={charts.fatalities} controls={<CategorySelect label="Category" value={settings.fatalityCategory} onChange={(fatalityCategory) => set({ fatalityCategory })} />} />
        <ChartCard
          chart={charts.monthly}
          controls={
            <>
              <MeasureSelect label="First measure" value={settings.measureA} onChange={(measureA) => set({ measureA })} />
              <MeasureSelect label="Second measure" value={settings.measureB} onChange={(measureB) => set({ measureB })} />
            </>
          }
        />
        <ChartCard chart={charts.seasonal} />
        {shown.series.length > 0 && (
          <ChartCard
            chart={charts.series}
            controls={
              <div role="group" aria-label="Series shown">
                {shown.series.map((s) => (
                  <Checkbox
                    key={s.id}
                    inline
                    label={s.title}
                    checked={settings.seriesIds.length === 0 || settings.seriesIds.includes(s.id)}
                    onChange={(e) => {
                      const current = settings.seriesIds.length === 0 ? shown.series.map((x) => x.id) : settings.seriesIds;
                      const next = e.currentTarget.checked ? [...current, s.id] : current.filter((id) => id !== s.id);
                      set({ seriesIds: next.length === shown.series.length && shown.series.every((x) => next.includes(x.id)) ? [] : next.length === 0 ? ['none'] : next });
                    }}
                  />
                ))}
              </div>
            }
          />
        )}
      </div>
    </div>
  );
}
