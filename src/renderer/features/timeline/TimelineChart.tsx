import moment from 'moment';
import { useEffect, useRef } from 'react';
import { DataSet } from 'vis-data';
import { Timeline, type DataGroup, type TimelineOptions } from 'vis-timeline';
import type { Event } from '../../../shared/domain/event';
import { categoryGroups, compareGroups, eventItem, textElement, type EventItem } from './timelineItems';

export interface TimelineChartProps {
  /** The events to draw. */
  events: readonly Event[];
  /** The selected event's id, highlighted and scrolled into view. */
  selectedId: string | null;
  /** Called when the analyst selects an item in the chart (null when the selection is cleared). */
  onSelect(id: string | null): void;
  /** Bumped by the parent to fit every item into view. */
  fitToken: number;
}

const DAY_MS = 24 * 3600 * 1000;

/** Builds each item's visible text from its label; vis-timeline gets an element, never HTML. */
function itemTemplate(item: unknown): HTMLElement {
  const label = typeof item === 'object' && item !== null && 'label' in item && typeof item.label === 'string' ? item.label : '';
  return textElement(label, 'cf-tl-label');
}

const OPTIONS: TimelineOptions = {
  height: '100%',
  orientation: { axis: 'top', item: 'top' },
  stack: true,
  margin: { item: { horizontal: 4, vertical: 4 }, axis: 6 },
  selectable: true,
  multiselect: false,
  showCurrentTime: false,
  zoomMin: 7 * DAY_MS,
  zoomMax: 40 * 365 * DAY_MS,
  verticalScroll: true,
  horizontalScroll: true,
  zoomKey: 'ctrlKey',
  groupOrder: compareGroups,
  template: itemTemplate,
  // Dates are calendar dates, not instants: show them in UTC so no time zone shifts a day.
  moment: (date: moment.MomentInput) => moment(date).utc(),
  xss: { disabled: false },
};

/** The vis-timeline of the case's events, with one lane per category. */
export function TimelineChart({ events, selectedId, onSelect, fitToken }: TimelineChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const timeline = useRef<Timeline | null>(null);
  const items = useRef(new DataSet<EventItem, 'id'>());
  const groups = useRef(new DataSet<DataGroup, 'id'>());
  const onSelectRef = useRef(onSelect);
  /** The id the chart itself selected last: no need to scroll the chart to it. */
  const chartSelection = useRef<string | null>(null);
  onSelectRef.current = onSelect;

  useEffect(() => {
    if (!container.current) return;
    const chart = new Timeline(container.current, items.current, groups.current, OPTIONS);
    chart.on('select', (properties: { items: Array<string | number> }) => {
      const first = properties.items[0];
      chartSelection.current = first === undefined ? null : String(first);
      onSelectRef.current(chartSelection.current);
    });
    timeline.current = chart;
    return () => {
      chart.destroy();
      timeline.current = null;
    };
  }, []);

  useEffect(() => {
    const next = events.map(eventItem);
    const keep = new Set(next.map((i) => i.id));
    items.current.remove(items.current.getIds().filter((id) => !keep.has(String(id))));
    items.current.update(next);
    const lanes = categoryGroups(events);
    const laneIds = new Set(lanes.map((g) => g.id));
    groups.current.remove(groups.current.getIds().filter((id) => !laneIds.has(id)));
    groups.current.update(lanes);
  }, [events]);

  // Fit when the first events arrive and whenever the parent asks; not on every edit, which
  // would throw away the analyst's zoom.
  const hasEvents = events.length > 0;
  useEffect(() => {
    if (hasEvents) timeline.current?.fit({ animation: false });
  }, [fitToken, hasEvents]);

  useEffect(() => {
    const chart = timeline.current;
    if (!chart) return;
    chart.setSelection(selectedId ? [selectedId] : []);
    if (selectedId && selectedId !== chartSelection.current && items.current.get(selectedId)) {
      chart.focus(selectedId, { zoom: false, animation: { duration: 300, easingFunction: 'easeInOutQuad' } });
    }
  }, [selectedId]);

  return <div ref={container} className="cf-timeline-chart" role="region" aria-label="Timeline chart" />;
}
