import { Button, Classes, InputGroup, NonIdealState } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import type { Event } from '../../../shared/domain/event';
import { all, useRecords } from '../../app/useRecords';
import { EmptyState } from '../../components/EmptyState';
import { formatPlace } from '../../components/format';
import { LoadState } from '../../components/LoadState';
import { EventDetails } from './EventDetails';
import { EventList } from './EventList';
import { TimelineChart } from './TimelineChart';
import { precisionCounts, sortEvents } from './timelineItems';

/** The Timeline view: the case's events on a vis-timeline, a list, and the selected event. */
export function TimelineView() {
  const events = useRecords('records:events');
  const actors = useRecords('records:actors');
  return (
    <LoadState loadable={all(events, actors)} what="the events">
      {([eventList, actorList]) =>
        eventList.length === 0 ? (
          <EmptyState icon="timeline-events" title="No events yet" description="This case has no events. Events you add or import appear here on a timeline." />
        ) : (
          <TimelineWorkspace events={eventList} actors={actorList} />
        )
      }
    </LoadState>
  );
}

interface TimelineWorkspaceProps {
  /** Every event of the case. */
  events: readonly Event[];
  /** Every actor, to name responsibility claims. */
  actors: readonly Actor[];
}

function matches(event: Event, needle: string): boolean {
  return event.title.toLowerCase().includes(needle) || formatPlace(event.location).toLowerCase().includes(needle);
}

function TimelineWorkspace({ events, actors }: TimelineWorkspaceProps) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [fitToken, setFitToken] = useState(0);
  const sorted = useMemo(() => sortEvents(events), [events]);
  const actorsById = useMemo(() => new Map(actors.map((a) => [a.id, a])), [actors]);
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => (needle ? sorted.filter((e) => matches(e, needle)) : sorted), [sorted, needle]);
  const selected = selectedId ? events.find((e) => e.id === selectedId) : undefined;
  const precision = useMemo(() => precisionCounts(events), [events]);

  return (
    <div className="cf-timeline-layout">
      <div className="cf-toolbar">
        <span className="cf-toolbar-title">
          {events.length} event{events.length === 1 ? '' : 's'}
        </span>
        <span className={Classes.TEXT_MUTED}>
          {precision.day} dated to the day (points) · {precision.month} to the month and {precision.year} to the year (bars over the whole period)
        </span>
        <span className="cf-spacer" />
        <span className={Classes.TEXT_MUTED}>Drag to pan · Ctrl+wheel to zoom</span>
        <Button variant="minimal" icon="zoom-to-fit" text="Fit all" onClick={() => setFitToken((t) => t + 1)} />
      </div>
      <div className="cf-timeline-chart-wrap">
        <TimelineChart events={shown} selectedId={selectedId} onSelect={setSelectedId} fitToken={fitToken} />
      </div>
      <div className="cf-timeline-bottom">
        <div className="cf-pane cf-list-pane">
          <InputGroup
            leftIcon="search"
            placeholder="Filter by title or place"
            aria-label="Filter events"
            value={filter}
            onValueChange={setFilter}
            type="search"
            className="cf-filter"
          />
          {shown.length === 0 ? (
            <p className={`${Classes.TEXT_MUTED} cf-pad`}>No event matches “{filter}”.</p>
          ) : (
            <EventList events={shown} selectedId={selectedId} onSelect={setSelectedId} />
          )}
        </div>
        <aside className="cf-pane cf-details-pane" aria-label="Selected event">
          {selected ? (
            <EventDetails event={selected} actors={actorsById} />
          ) : (
            <NonIdealState icon="select" title="No event selected" description="Pick an event on the timeline or in the list to see its details." />
          )}
        </aside>
      </div>
    </div>
  );
}
