import { Checkbox, FormGroup, HTMLSelect, Tag } from '@blueprintjs/core';
import { useState } from 'react';
import type { ChartId } from '../../../shared/analytics/chart-data';
import { DEFAULT_CHART_SETTINGS, type ChartSettings } from '../../../shared/analytics/dashboard';
import type { EventFilter } from '../../../shared/domain/filters';
import { figureSpec } from '../../../shared/report/authoring/figure-spec';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { EmptyState } from '../../components/EmptyState';
import { LoadState } from '../../components/LoadState';
import { useCaseCall } from '../filters/useCaseCall';
import { useEventFilter } from '../filters/useEventFilter';
import './analytics.css';
import { ChartBuilder } from './ChartBuilder';
import { ChartCard } from './ChartCard';
import { CategorySelect, MeasureSelect, PolicySelect } from './ChartControls';

/**
 * The Analytics view: a chart builder, four preset charts of the case's events, and charts of
 * its sourced series. Main computes them from what the shared filters select (its marking included)
 * and sends only the charts' numbers (analytics:charts).
 */
export function AnalyticsView() {
  const { filter } = useEventFilter();
  const [settings, setSettings] = useState<ChartSettings>(DEFAULT_CHART_SETTINGS);
  const loaded = useCaseCall('analytics:charts', { filter, settings }, JSON.stringify([filter, settings]));
  return (
    <LoadState loadable={loaded} what="the figures">
      {(answer) =>
        answer.total === 0 && answer.seriesTotal === 0 ? (
          <EmptyState icon="timeline-bar-chart" title="Nothing to analyse yet" description="This case has no events and no series. Charts appear here once it does." />
        ) : (
          <AnalyticsBoard answer={answer} settings={settings} onSettings={setSettings} filter={filter} />
        )
      }
    </LoadState>
  );
}

interface AnalyticsBoardProps {
  /** The charts main drew for the filters and settings in force. */
  answer: ResponseOf<'analytics:charts'>;
  /** The view's choices. */
  settings: ChartSettings;
  /** Called with changed choices. */
  onSettings(update: (current: ChartSettings) => ChartSettings): void;
  /** The shared filters in force (the chart builder draws from them, and a figure added to a report keeps them). */
  filter: EventFilter;
}

function AnalyticsBoard({ answer, settings, onSettings, filter }: AnalyticsBoardProps) {
  const filtered = Object.keys(filter).length > 0;
  const figure = (chart: ChartId) => () => figureSpec(chart, settings, filter);
  const set = (patch: Partial<ChartSettings>) => onSettings((s) => ({ ...s, ...patch }));
  const [place, fatalities, monthly, seasonal, fromSeries] = answer.charts;
  const charts = { place: place!, fatalities: fatalities!, monthly: monthly!, seasonal: seasonal!, series: fromSeries! };
  const shown = { series: answer.series };

  return (
    <div className="cf-analytics">
      <div className="cf-analytics-toolbar">
        <PolicySelect value={settings.policy} onChange={(policy) => set({ policy })} />
        <Tag minimal intent={filtered ? 'primary' : 'none'}>
          {filtered ? `${answer.shown} of ${answer.total} events pass the filters` : `${answer.total} events`}
        </Tag>
      </div>
      <div className="cf-board">
        <ChartBuilder filter={filter} policy={settings.policy} series={answer.series} />
        <ChartCard
          chart={charts.place}
          figure={figure('events-by-year-place')}
          controls={
            <FormGroup label="Stack by" inline>
              <HTMLSelect aria-label="Stack by" value={settings.placeBy} onChange={(e) => set({ placeBy: e.currentTarget.value as ChartSettings['placeBy'] })} options={[{ value: 'country', label: 'Country' }, { value: 'province', label: 'Province' }]} />
            </FormGroup>
          }
        />
        <ChartCard chart={charts.fatalities} figure={figure('fatalities-by-province')} controls={<CategorySelect label="Category" value={settings.fatalityCategory} onChange={(fatalityCategory) => set({ fatalityCategory })} />} />
        <ChartCard
          chart={charts.monthly}
          figure={figure('monthly-measures')}
          controls={
            <>
              <MeasureSelect label="First measure" value={settings.measureA} onChange={(measureA) => set({ measureA })} />
              <MeasureSelect label="Second measure" value={settings.measureB} onChange={(measureB) => set({ measureB })} />
            </>
          }
        />
        <ChartCard chart={charts.seasonal} figure={figure('seasonal-pattern')} />
        {shown.series.length > 0 && (
          <ChartCard
            chart={charts.series}
            figure={figure('series')}
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
