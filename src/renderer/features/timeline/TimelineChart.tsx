import moment from 'moment';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { DataSet } from 'vis-data';
import { Timeline, type DataGroup, type TimelineOptions } from 'vis-timeline';
import { unitForWindow } from '../../../shared/timeline/buckets';
import type { DensityBucket } from '../../../shared/timeline/density';
import { BUCKET_PREFIX, chartGroups, densityItems, eventItems, type ChartItem } from './chartItems';
import { fullWindow, ITEM_LIMIT, panned, windowAround, zoomed, ZOOM_MAX_MS, ZOOM_MIN_MS, type TimeWindow } from './chartWindow';
import { DensityClient } from './densityClient';
import { eventsInWindow, type TimelineModel } from './model';
import { textElement } from './timelineItems';

export interface TimelineChartProps {
  /** The filtered events, grouped. */
  model: TimelineModel;
  /** Whether rows are drawn (false: one row, no labels). */
  grouped: boolean;
  /** The selected event's id, highlighted. */
  selectedId: string | null;
  /** Called when the analyst selects an event in the chart (null when cleared). */
  onSelect(id: string | null): void;
  /** Called after the visible window settles, with whether density or events are drawn. */
  onWindow(window: TimeWindow, mode: 'density' | 'events'): void;
  /** Bumped by the parent to fit every event into view. */
  fitToken: number;
  /** Bumped by the parent to fit the selected event into view. */
  fitSelectionToken: number;
}

/** Item text and native tooltip from `label`/`tip` with textContent: record text never becomes HTML. */
function itemTemplate(item: unknown): HTMLElement {
  const fields = typeof item === 'object' && item !== null ? (item as { label?: unknown; tip?: unknown }) : {};
  const element = textElement(typeof fields.label === 'string' ? fields.label : '', 'cf-tl-label');
  if (typeof fields.tip === 'string') element.title = fields.tip;
  return element;
}

/** Buckets across the visible window, and most density bars drawn at once. */
const DENSITY_BUCKETS = 24;
const DENSITY_LIMIT = 160;

/**
 * Swaps the chart's items for `next`, touching only what changed: a pan keeps most items, and
 * vis-timeline's cost is per item added or changed.
 */
function replaceItems(set: DataSet<ChartItem, 'id'>, next: ChartItem[]): void {
  const keep = new Set(next.map((i) => i.id));
  const stale = set.getIds().filter((id) => !keep.has(String(id)));
  if (stale.length > 0) set.remove(stale);
  const changed = next.filter((item) => {
    const current = set.get(item.id);
    return !current || current.label !== item.label || current.className !== item.className || current.group !== item.group;
  });
  if (changed.length > 0) set.update(changed);
}

const OPTIONS: TimelineOptions = {
  height: '100%',
  orientation: { axis: 'top', item: 'top' },
  stack: false,
  margin: { item: { horizontal: 2, vertical: 4 }, axis: 6 },
  selectable: true,
  multiselect: false,
  showCurrentTime: false,
  zoomMin: ZOOM_MIN_MS,
  zoomMax: ZOOM_MAX_MS,
  verticalScroll: true,
  horizontalScroll: true,
  zoomKey: 'ctrlKey',
  groupOrder: 'order',
  template: itemTemplate,
  // Dates are calendar dates, not instants: show them in UTC so no time zone shifts a day.
  moment: (date: moment.MomentInput) => moment(date).utc(),
  xss: { disabled: false },
};

/**
 * The vis-timeline. It is never handed more than ITEM_LIMIT items: when the visible window
 * (with half a window either side) holds more events, it shows density per row and bucket,
 * computed in a worker and cached per zoom level.
 */
export function TimelineChart({ model, grouped, selectedId, onSelect, onWindow, fitToken, fitSelectionToken }: TimelineChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<Timeline | null>(null);
  const items = useRef(new DataSet<ChartItem, 'id'>());
  const groups = useRef(new DataSet<DataGroup, 'id'>());
  const density = useRef<DensityClient | null>(null);
  const state = useRef({ model, grouped, mode: 'density' as 'density' | 'events', renderSeq: 0, onSelect, onWindow, selectedId });
  state.current = { ...state.current, model, grouped, onSelect, onWindow, selectedId };

  // vis-timeline reports 'rangechanged' 200 ms after a move (a debounce meant for dragging), so
  // moves made here redraw at once instead of waiting for it.
  const setWindow = (w: TimeWindow) => {
    chart.current?.setWindow(w.start, w.end, { animation: false });
    renderRef.current();
  };

  /** Redraws the items for the current window: events when few enough, density otherwise. */
  const render = () => {
    const timeline = chart.current;
    const client = density.current;
    if (!timeline || !client || !container.current) return;
    const s = state.current;
    const seq = ++s.renderSeq;
    const range = timeline.getWindow();
    const from = range.start.getTime();
    const to = range.end.getTime();
    const margin = (to - from) / 4;
    const near = eventsInWindow(s.model, from - margin, to + margin, ITEM_LIMIT);
    const show = (list: ChartItem[], mode: 'density' | 'events') => {
      if (seq !== s.renderSeq) return;
      if (mode !== s.mode) {
        timeline.setOptions({ stack: mode === 'events' });
        s.mode = mode;
      }
      replaceItems(items.current, list);
      if (mode === 'events' && s.selectedId) timeline.setSelection([s.selectedId]);
      container.current?.setAttribute('data-mode', mode);
      container.current?.setAttribute('data-items', String(list.length));
      s.onWindow({ start: from, end: to }, mode);
    };
    if (near.total <= ITEM_LIMIT) {
      show(eventItems(s.model, near.indexes, s.grouped), 'events');
      return;
    }
    const unit = unitForWindow(to - from, DENSITY_BUCKETS);
    const draw = (buckets: DensityBucket[]) => show(densityItems(buckets, from - margin, to + margin, s.grouped, DENSITY_LIMIT), 'density');
    const cached = client.cached(unit, from - margin, to + margin);
    if (cached) draw(cached);
    else void client.density(unit, from - margin, to + margin).then(draw);
  };
  const renderRef = useRef(render);
  renderRef.current = render;

  useEffect(() => {
    if (!container.current) return;
    const client = new DensityClient();
    density.current = client;
    const timeline = new Timeline(container.current, items.current, OPTIONS);
    timeline.on('select', (properties: { items: Array<string | number> }) => {
      const first = properties.items[0];
      const id = first === undefined ? null : String(first);
      if (id?.startsWith(BUCKET_PREFIX)) {
        const bucket = items.current.get(id);
        timeline.setSelection([]);
        if (bucket?.end) setWindow(windowAround(new Date(bucket.start).getTime(), new Date(bucket.end).getTime()));
        return;
      }
      state.current.onSelect(id);
    });
    timeline.on('rangechanged', () => renderRef.current());
    chart.current = timeline;
    return () => {
      timeline.destroy();
      client.dispose();
      chart.current = null;
      density.current = null;
    };
  }, []);

  // New data or grouping: reload the worker, rebuild the rows, redraw.
  const firstModel = useRef(true);
  useEffect(() => {
    const timeline = chart.current;
    if (!timeline || !density.current) return;
    density.current.load(model);
    items.current.clear();
    groups.current.clear();
    if (grouped) {
      groups.current.add(chartGroups(model));
      timeline.setGroups(groups.current);
    } else {
      timeline.setGroups(null as unknown as DataSet<DataGroup, 'id'>);
    }
    if (firstModel.current && model.count > 0) {
      firstModel.current = false;
      setWindow(fullWindow(model));
    }
    renderRef.current();
  }, [model, grouped]);

  useEffect(() => {
    if (fitToken > 0) setWindow(fullWindow(state.current.model));
  }, [fitToken]);

  useEffect(() => {
    if (fitSelectionToken === 0 || !state.current.selectedId) return;
    const m = state.current.model;
    const i = m.columns.ids.indexOf(state.current.selectedId);
    if (i >= 0) setWindow(windowAround(m.starts[i] ?? 0, m.ends[i] ?? 0));
  }, [fitSelectionToken]);

  useEffect(() => {
    chart.current?.setSelection(selectedId ? [selectedId] : []);
  }, [selectedId]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const timeline = chart.current;
    if (!timeline) return;
    const range = timeline.getWindow();
    const current = { start: range.start.getTime(), end: range.end.getTime() };
    const moves: Record<string, () => TimeWindow> = {
      ArrowLeft: () => panned(current, -0.25),
      ArrowRight: () => panned(current, 0.25),
      '+': () => zoomed(current, 0.5),
      '=': () => zoomed(current, 0.5),
      ArrowUp: () => zoomed(current, 0.5),
      '-': () => zoomed(current, 2),
      ArrowDown: () => zoomed(current, 2),
      '0': () => fullWindow(state.current.model),
      Home: () => fullWindow(state.current.model),
    };
    const move = moves[event.key];
    if (!move || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    setWindow(move());
  };

  return (
    <div
      ref={container}
      className="cf-timeline-chart"
      role="region"
      tabIndex={0}
      aria-label="Timeline chart (arrow keys pan, + and − zoom, 0 fits all)"
      aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown + - 0"
      onKeyDown={onKeyDown}
    />
  );
}
