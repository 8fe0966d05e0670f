import { Button, ButtonGroup, Classes, HTMLSelect, NonIdealState } from '@blueprintjs/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TIMELINE_GROUPINGS, type TimelineGrouping } from '../../../shared/domain/filters';
import { TIMELINE_LIST_LIMIT } from '../../../shared/ipc/bounds';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { useOpenCase } from '../../app/caseContext';
import type { Loadable } from '../../app/loadable';
import { LoadState } from '../../components/LoadState';
import { call } from '../../ipc/client';
import { useEventFilter } from '../filters/useEventFilter';
import { SourcesDrawer } from '../sources/SourcesDrawer';
import type { TimeWindow } from './chartWindow';
import { EventEditor } from './editor/EventEditor';
import type { TimelineQuery, TimelineSummary } from './model';
import { ResponsibilityLegend } from './ResponsibilityLegend';
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

/** A summary with the query it answers, so the chart never pairs one filter's rows with another's windows. */
interface Summarised {
  query: TimelineQuery;
  summary: TimelineSummary;
}

/**
 * What the filters select, from main (timeline:summary); reloaded when they or the case change.
 * The previous summary stays on screen while the next one is worked out.
 */
function useSummary(query: TimelineQuery): Loadable<Summarised> {
  const { version } = useOpenCase();
  const [loaded, setLoaded] = useState<Loadable<Summarised>>({ state: 'loading' });
  const key = JSON.stringify(query);
  useEffect(() => {
    let current = true;
    void call('timeline:summary', query).then((result) => {
      if (current) setLoaded(result.ok ? { state: 'ready', value: { query, summary: result.value } } : { state: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
    // `key` stands for the query, which is rebuilt on every render.
  }, [key, version]);
  return loaded;
}

/** The Timeline view: the filtered events on a vis-timeline, the events in view, and the selected event. */
export function TimelineView() {
  const { filter, grouping } = useEventFilter();
  const query = useMemo(() => ({ filter, grouping }), [filter, grouping]);
  const loaded = useSummary(query);
  return (
    <LoadState loadable={loaded} what="the events">
      {(value) => <TimelineWorkspace query={value.query} summary={value.summary} />}
    </LoadState>
  );
}

interface TimelineWorkspaceProps {
  /** The filters and grouping the summary answers. */
  query: TimelineQuery;
  /** What they select. */
  summary: TimelineSummary;
}

type WindowListing = ResponseOf<'timeline:list'>;

function TimelineWorkspace({ query, summary }: TimelineWorkspaceProps) {
  const { grouping, setGrouping } = useEventFilter();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [fitToken, setFitToken] = useState(0);
  const [fitSelectionToken, setFitSelectionToken] = useState(0);
  const [revealToken, setRevealToken] = useState(0);
  const [listing, setListing] = useState<WindowListing>({ items: [], total: 0 });
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [sourcesOpen, setSourcesOpen] = useState(false);
  const [sourceFocus, setSourceFocus] = useState<string | null>(null);
  // The list follows the chart a moment later, so a zoom or pan step only pays for the chart.
  const listTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const listSeq = useRef(0);
  const listWindow = useRef<TimeWindow | null>(null);
  const [listOffset, setListOffset] = useState(0);
  const loadList = useCallback(
    (window: TimeWindow, offset: number) => {
      const seq = ++listSeq.current;
      void call('timeline:list', { ...query, from: window.start, to: window.end, limit: TIMELINE_LIST_LIMIT, offset }).then((result) => {
        if (seq !== listSeq.current || !result.ok) return;
        setListing(result.value);
        setListOffset(offset);
      });
    },
    [query],
  );
  const onWindow = useCallback(
    (next: TimeWindow) => {
      clearTimeout(listTimer.current);
      listWindow.current = next;
      listTimer.current = setTimeout(() => loadList(next, 0), LIST_DELAY_MS);
    },
    [loadList],
  );
  const onListPage = (offset: number) => {
    if (listWindow.current) loadList(listWindow.current, offset);
  };
  useEffect(() => () => clearTimeout(listTimer.current), []);
  const { count, total, imprecise } = summary;

  return (
    <div className="cf-timeline-layout">
      <div className="cf-toolbar">
        <span className="cf-toolbar-title" data-testid="timeline-count">
          {count === total ? `${total} event${total === 1 ? '' : 's'}` : `${count} of ${total} events`}
        </span>
        <span className={Classes.TEXT_MUTED}>
          {count - imprecise} dated to the day (points) · {imprecise} known only to the month or year (hatched bars over the period)
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
          <Button icon="book" text="Sources" onClick={() => { setSourceFocus(null); setSourcesOpen(true); }} />
          <Button icon="add" intent="primary" text="New event" onClick={() => setEditing({ id: null })} />
        </ButtonGroup>
      </div>
      <ResponsibilityLegend />
      <div className="cf-timeline-chart-wrap">
        {count === 0 && (
          <NonIdealState className="cf-timeline-empty" icon="timeline-events" title={total === 0 ? 'No events yet' : 'No event matches the filters'} description={total === 0 ? 'Add an event with “New event”.' : 'Remove a filter chip to see more.'} />
        )}
        <TimelineChart query={query} summary={summary} selectedId={selectedId} onSelect={setSelectedId} onWindow={onWindow} fitToken={fitToken} fitSelectionToken={fitSelectionToken} revealToken={revealToken} />
      </div>
      <div className="cf-timeline-bottom">
        <div className="cf-pane cf-list-pane">
          <WindowList items={listing.items} total={listing.total} offset={listOffset} pageSize={TIMELINE_LIST_LIMIT} onPage={onListPage} selectedId={selectedId} onSelect={setSelectedId} />
        </div>
        <aside className="cf-pane cf-details-pane" aria-label="Selected event">
          {selectedId ? (
            <SelectedEvent id={selectedId} onEdit={() => setEditing({ id: selectedId })} onOpenSource={(id) => { setSourceFocus(id); setSourcesOpen(true); }} />
          ) : (
            <NonIdealState icon="select" title="No event selected" description="Pick an event on the timeline or in the list to see its details." />
          )}
        </aside>
      </div>
      {editing && (
        <EventEditor
          eventId={editing.id}
          {...(query.filter.maxMarking ? { maxMarking: query.filter.maxMarking } : {})}
          onClose={() => setEditing(null)}
          onSaved={(id) => {
            setEditing(null);
            setSelectedId(id);
            setRevealToken((t) => t + 1); // the saved event comes into view
          }}
        />
      )}
      <SourcesDrawer isOpen={sourcesOpen} focusId={sourceFocus} onClose={() => setSourcesOpen(false)} />
    </div>
  );
}
