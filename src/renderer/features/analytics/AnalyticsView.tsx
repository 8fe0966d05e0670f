import { useMemo } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import type { Event } from '../../../shared/domain/event';
import type { Series } from '../../../shared/domain/series';
import { all, useRecords } from '../../app/useRecords';
import { EmptyState } from '../../components/EmptyState';
import { formatPartialDate, humanize } from '../../components/format';
import { LoadState } from '../../components/LoadState';
import { countByCategory, countByYear, imprecision } from './aggregate';
import { CountCard } from './CountCard';

/** The Analytics view: event counts by category and year, and the case's sourced series. */
export function AnalyticsView() {
  const events = useRecords('records:events');
  const series = useRecords('records:series');
  const actors = useRecords('records:actors');
  return (
    <LoadState loadable={all(events, series, actors)} what="the figures">
      {([eventList, seriesList, actorList]) =>
        eventList.length === 0 && seriesList.length === 0 ? (
          <EmptyState icon="timeline-bar-chart" title="Nothing to analyse yet" description="This case has no events and no series. Counts and charts appear here once it does." />
        ) : (
          <AnalyticsBoard events={eventList} series={seriesList} actors={actorList} />
        )
      }
    </LoadState>
  );
}

interface AnalyticsBoardProps {
  /** Every event of the case. */
  events: readonly Event[];
  /** Every series of the case. */
  series: readonly Series[];
  /** Every actor, to name the actor a series is about. */
  actors: readonly Actor[];
}

function AnalyticsBoard({ events, series, actors }: AnalyticsBoardProps) {
  const byCategory = useMemo(() => countByCategory(events), [events]);
  const byYear = useMemo(() => countByYear(events), [events]);
  const vague = useMemo(() => imprecision(events), [events]);
  const actorName = (id: string | undefined) => (id ? actors.find((a) => a.id === id)?.name : undefined);

  return (
    <div className="cf-board">
      {events.length > 0 && (
        <>
          <CountCard title="Events by category" labelHeader="Category" valueHeader="Events" bars={byCategory} />
          <CountCard
            title="Events by year"
            labelHeader="Year"
            valueHeader="Events"
            bars={byYear}
            note={`Each event counts in the year of its date. ${vague.month} event(s) are known only to the month and ${vague.year} only to the year; they still belong to one year, so none is left out.`}
          />
        </>
      )}
      {series.map((s) => {
        const about = actorName(s.actorId);
        return (
          <CountCard
            key={s.id}
            title={s.title}
            subtitle={s.unit ? `${s.measure} (${s.unit})` : s.measure}
            labelHeader="Period"
            valueHeader={s.unit ? humanize(s.unit) : 'Value'}
            bars={s.points.map((p) => ({ label: p.label ? `${formatPartialDate(p.period)} · ${p.label}` : formatPartialDate(p.period), value: p.value }))}
            note={`Sourced series${about ? ` about ${about}` : ''}; ${s.citations.length} citation(s). Figures as the sources give them.`}
          />
        );
      })}
      {series.length === 0 && <p className="cf-muted cf-pad">This case has no sourced series (aggregate figures such as claimed attacks per year).</p>}
    </div>
  );
}
