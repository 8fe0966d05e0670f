import { Button, ButtonGroup, Classes, HTMLSelect, NonIdealState } from '@blueprintjs/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TIMELINE_GROUPINGS, type TimelineGrouping } from '../../../shared/domain/filters';
import { LoadState } from '../../components/LoadState';
import { useCaseCall } from '../filters/useCaseCall';
import { useEventFilter } from '../filters/useEventFilter';
import { SourcesDrawer } from '../sources/SourcesDrawer';
import type { TimeWindow } from './chartWindow';
import { EventEditor } from './editor/EventEditor';
import { buildModel, eventsInWindow, type TimelineModel } from './model';
import { SelectedEvent } from './SelectedEvent';
import { TimelineChart } from './TimelineChart';
import { WindowList } from './WindowList';
import './timeline.css';

const LIST_DELAY_MS = 120;

const GROUPING_LABELS: Record<TimelineGrouping, string> = {
  none: 'No rows',
  country: 'Country',
  admin1: 'Province (admin-1)',
  perpetrator: 'Perpetrator',
  category: 'Category',
};

/** The Timeline view: the filtered events on a vis-timeline, the events in view, and the selected event. */
export function TimelineView() {
  const { filter, grouping } = useEventFilter();
  const loaded = useCaseCall('timeline:events', { filter }, JSON.stringify(filter));
  const actors = useCaseCall('records:actors', {}, '', grouping === 'perpetrator');
  // Actor names only label perpetrator rows: other groupings do not wait for, or rebuild on, the actors.
  const names = useMemo(
    () => (grouping === 'perpetrator' ? new Map((actors.state === 'ready' ? actors.value.records : []).map((a) => [a.id, a.name])) : null),
    [actors, grouping],
  );
  const model = useMemo(
    () => (loaded.state === 'ready' ? buildModel(loaded.value.columns, grouping, (id) => names?.get(id) ?? id) : null),
    [loaded, grouping, names],
  );
  return (
    <LoadState loadable={loaded} what="the events">
      {({ total }) => (model ? <TimelineWorkspace model={model} total={total} /> : null)}
    </LoadState>
  );
}

interface TimelineWorkspaceProps {
  /** The filtered events. */
  model: TimelineModel;
  /** Events in the case before filtering. */
  total: number;
}

function TimelineWorkspace({ model, total }: TimelineWorkspaceProps) {
  const { grouping, setGrouping } = useEventFilter();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [fitToken, setFitToken] = useState(0);
  const [fitSelectionToken, setFitSelectionToken] = useState(0);
  const [window, setWindow] = useState<TimeWindow | null>(null);
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [sourcesOpen, setSourcesOpen] = useState(false);
  // The list follows the chart a moment later, so a zoom or pan step only pays for the chart.
  const listTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onWindow = useCallback((next: TimeWindow) => {
    clearTimeout(listTimer.current);
    listTimer.current = setTimeout(() => setWindow(next), LIST_DELAY_MS);
  }, []);
  useEffect(() => () => clearTimeout(listTimer.current), []);
  const inView = useMemo(() => (window ? eventsInWindow(model, window.start, window.end, 200) : { indexes: [], total: 0 }), [model, window]);
  const imprecise = useMemo(() => {
    let n = 0;
    for (let i = 0; i < model.count; i++) if (model.points[i] === 0) n++;
    return n;
  }, [model]);

  return (
    <div className="cf-timeline-layout">
      <div className="cf-toolbar">
        <span className="cf-toolbar-title" data-testid="timeline-count">
          {model.count === total ? `${total} event${total === 1 ? '' : 's'}` : `${model.count} of ${total} events`}
        </span>
        <span className={Classes.TEXT_MUTED}>
          {model.count - imprecise} dated to the day (points) · {imprecise} known only to the month or year (hatched bars over the period)
        </span>
        <span className="cf-spacer" />
        <label className="cf-inline-label">
          Rows{' '}
          <HTMLSelect
            aria-label="Group rows by"
            value={grouping}
            onChange={(e) => setGrouping(e.currentTarget.value as TimelineGrouping)}
            options={TIMELINE_GROUPINGS.map((g) => ({ value: g, label: GROUPING_LABELS[g] }))}
          />
        </label>
        <ButtonGroup variant="minimal">
          <Button icon="zoom-to-fit" text="Fit all" onClick={() => setFitToken((t) => t + 1)} />
          <Button icon="locate" text="Fit to selection" disabled={!selectedId} onClick={() => setFitSelectionToken((t) => t + 1)} />
          <Button icon="book" text="Sources" onClick={() => setSourcesOpen(true)} />
          <Button icon="add" intent="primary" text="New event" onClick={() => setEditing({ id: null })} />
        </ButtonGroup>
      </div>
      <div className="cf-timeline-chart-wrap">
        {model.count === 0 && (
          <NonIdealState className="cf-timeline-empty" icon="timeline-events" title={total === 0 ? 'No events yet' : 'No event matches the filters'} description={total === 0 ? 'Add an event with “New event”.' : 'Remove a filter chip to see more.'} />
        )}
        <TimelineChart model={model} grouped={grouping !== 'none'} selectedId={selectedId} onSelect={setSelectedId} onWindow={onWindow} fitToken={fitToken} fitSelectionToken={fitSelectionToken} />
      </div>
      <div className="cf-timeline-bottom">
        <div className="cf-pane cf-list-pane">
          <WindowList model={model} indexes={inView.indexes} total={inView.total} selectedId={selectedId} onSelect={setSelectedId} />
        </div>
        <aside className="cf-pane cf-details-pane" aria-label="Selected event">
          {selectedId ? (
            <SelectedEvent id={selectedId} onEdit={() => setEditing({ id: selectedId })} />
          ) : (
            <NonIdealState icon="select" title="No event selected" description="Pick an event on the timeline or in the list to see its details." />
          )}
        </aside>
      </div>
      {editing && (
        <EventEditor
          eventId={editing.id}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(null);
            setSelectedId(id);
          }}
        />
      )}
      <SourcesDrawer isOpen={sourcesOpen} onClose={() => setSourcesOpen(false)} />
    </div>
  );
}
