import moment from 'moment';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { DataSet } from 'vis-data';
import { Timeline, type DataGroup, type TimelineOptions } from 'vis-timeline';
import { placeDate } from '../../../shared/timeline/placement';
import { showError } from '../../app/toaster';
import { call } from '../../ipc/client';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { chartGroups, eventItems, type ChartItem } from './chartItems';
import { fullWindow, panned, revealed, windowAround, zoomed, ZOOM_MAX_MS, ZOOM_MIN_MS, type TimeWindow } from './chartWindow';
import { DensityLayer } from './DensityLayer';
import { UNGROUPED_BAND, type RowBand } from './densityShapes';
import { DensityTiles } from './densityTiles';
import type { TimelineQuery, TimelineSummary } from './model';
import { textElement } from './timelineItems';
import { makeRowsKeyboardScrollable } from './rowScroller';

export interface TimelineChartProps {
  /** The filters and grouping the summary is for; every window is asked for with them. */
  query: TimelineQuery;
  /** What the filters select: rows and extent. */
  summary: TimelineSummary;
  /** The selected event's id, highlighted. */
  selectedId: string | null;
  /** Called when the analyst selects an event in the chart (null when cleared). */
  onSelect(id: string | null): void;
  /** Called after the visible window is drawn, with whether density or events are drawn. */
  onWindow(window: TimeWindow, mode: 'density' | 'events'): void;
  /** Bumped by the parent to fit every event into view. */
  fitToken: number;
  /** Bumped by the parent to fit the selected event into view. */
  fitSelectionToken: number;
  /** Bumped by the parent to bring the selected event into view (after a save), keeping the zoom when it can. */
  revealToken: number;
}

/** Item text and native tooltip from `label`/`tip` with textContent: record text never becomes HTML. */
function itemTemplate(item: unknown): HTMLElement {
  const fields = typeof item === 'object' && item !== null ? (item as { label?: unknown; tip?: unknown }) : {};
  const element = textElement(typeof fields.label === 'string' ? fields.label : '', 'cf-tl-label');
  if (typeof fields.tip === 'string') element.title = fields.tip;
  return element;
}

/**
 * Swaps the chart's items for `next`, touching only what changed: a pan keeps most items, and
 * vis-timeline's cost is per item added or changed. A changed item is removed and added again
 * rather than updated: see `outOfView`.
 */
function replaceItems(timeline: Timeline, set: DataSet<ChartItem, 'id'>, next: ChartItem[]): void {
  const keep = new Set(next.map((i) => i.id));
  const changed = next.filter((item) => {
    const current = set.get(item.id);
    return !current || current.label !== item.label || current.className !== item.className || current.group !== item.group;
  });
  const redrawn = new Set(changed.map((item) => item.id));
  const gone = set.getIds().filter((id) => !keep.has(String(id)) || redrawn.has(String(id)));
  outOfView(timeline, () => {
    if (gone.length > 0) set.remove(gone);
    if (changed.length > 0) set.add(changed);
  });
}

/**
 * Runs `work` (adding items) while vis-timeline sees no item in view. It draws an item that is
 * added in view at once and measures it, one forced layout per item (160 bars: 160 layouts);
 * items added out of view are drawn by its next redraw (the next frame, which a change asks
 * for anyway), written all at once and then measured all at once, one layout per row. This
 * reaches into vis-timeline 8's range object (`start`/`end`, read by its groups when an item is
 * added); without it the items are still drawn, only slower.
 */
function outOfView(timeline: Timeline, work: () => void): void {
  const range = (timeline as unknown as { range?: { start?: unknown; end?: unknown } }).range;
  if (!range || typeof range.start !== 'number' || typeof range.end !== 'number') return work();
  const { start, end } = range;
  range.start = Number.NaN;
  range.end = Number.NaN;
  try {
    work();
  } finally {
    range.start = start;
    range.end = end;
  }
}

/**
 * Where each row is in vis-timeline's item area, read from the sizes vis-timeline 8 worked out
 * when it last laid out its rows (`itemSet.groups[id].top/height`), so drawing density forces no
 * layout of ours. Ungrouped bars get a fixed band. A row not laid out yet answers null (its bars
 * wait for vis-timeline's next redraw, after which the density layer is placed again).
 */
function rowBand(timeline: Timeline, grouped: boolean, group: number): RowBand | null {
  if (!grouped) return UNGROUPED_BAND;
  const itemSet = (timeline as unknown as { itemSet?: { groups?: Record<string, { top?: unknown; height?: unknown } | undefined> } }).itemSet;
  const row = itemSet?.groups?.[String(group)];
  return row && typeof row.top === 'number' && typeof row.height === 'number' && row.height > 0 ? { top: row.top, height: row.height } : null;
}

/** The window vis-timeline shows now. */
function shownWindow(timeline: Timeline): TimeWindow {
  const range = timeline.getWindow();
  return { start: range.start.getTime(), end: range.end.getTime() };
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

type WindowAnswer = ResponseOf<'timeline:window'>;

/** The density tiles of one filter and grouping, asked of main (timeline:tiles). */
function tilesFor(query: TimelineQuery): DensityTiles {
  return new DensityTiles(async (unit, tiles) => {
    const answer = await call('timeline:tiles', { ...query, unit, tiles });
    return answer.ok ? answer.value.tiles : null;
  }, query.grouping !== 'none');
}

/**
 * The vis-timeline. It is never handed more than TIMELINE_ITEM_LIMIT items: main answers each
 * window with its events when the window (and a quarter of it either side) holds few enough,
 * and with density bars per row and bucket otherwise (timeline:window).
 */
export function TimelineChart({ query, summary, selectedId, onSelect, onWindow, fitToken, fitSelectionToken, revealToken }: TimelineChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<Timeline | null>(null);
  const items = useRef(new DataSet<ChartItem, 'id'>());
  const groups = useRef(new DataSet<DataGroup, 'id'>());
  const layer = useRef<DensityLayer | null>(null);
  const state = useRef({
    query,
    summary,
    mode: 'density' as 'density' | 'events',
    renderSeq: 0,
    onSelect,
    onWindow,
    selectedId,
    tiles: tilesFor(query),
    /** The window last drawn or asked for. */
    asked: null as TimeWindow | null,
  });
  state.current = { ...state.current, query, summary, onSelect, onWindow, selectedId };
  const grouped = query.grouping !== 'none';

  // vis-timeline reports 'rangechanged' 200 ms after a move (a debounce meant for dragging), so
  // moves made here redraw at once instead of waiting for it.
  const setWindow = (w: TimeWindow) => {
    chart.current?.setWindow(w.start, w.end, { animation: false });
    renderRef.current();
  };

  /**
   * Draws the current window: from the density tiles held when they settle it (at once, no round
   * trip), else with what main answers (its events when few enough, density otherwise).
   */
  const render = () => {
    const timeline = chart.current;
    if (!timeline || !container.current) return;
    const s = state.current;
    const seq = ++s.renderSeq;
    const { start: from, end: to } = shownWindow(timeline);
    const { tiles } = s;
    s.asked = { start: from, end: to };
    // A later move (or new filters) asked again, or the chart is gone (another view was chosen
    // while main answered): an answer for this window is stale, and a destroyed chart throws.
    const stale = () => seq !== s.renderSeq || chart.current !== timeline;
    // Events are vis-timeline items; density bars are drawn by the density layer over its item area.
    const draw = (drawn: WindowAnswer) => {
      const list = drawn.mode === 'events' ? eventItems(drawn.items, s.query.grouping !== 'none') : [];
      if (drawn.mode !== s.mode) {
        timeline.setOptions({ stack: drawn.mode === 'events' });
        s.mode = drawn.mode;
      }
      replaceItems(timeline, items.current, list);
      if (drawn.mode === 'density') layer.current?.draw(drawn.bars, { start: from, end: to });
      else layer.current?.clear();
      if (drawn.mode === 'events' && s.selectedId) timeline.setSelection([s.selectedId]);
      container.current?.setAttribute('data-mode', drawn.mode);
      container.current?.setAttribute('data-items', String(drawn.mode === 'events' ? list.length : drawn.bars.length));
      s.onWindow({ start: from, end: to }, drawn.mode);
      tiles.prefetch({ start: from, end: to });
    };
    const ask = () =>
      void call('timeline:window', { ...s.query, from, to }).then((answer) => {
        if (stale()) return;
        if (!answer.ok) return showError('Drawing the timeline', answer.error);
        draw(answer.value);
      });
    const held = tiles.bars(from, to);
    if (held) return draw({ mode: 'density', bars: held });
    const coming = tiles.pending(from, to);
    if (!coming) return ask();
    // The tiles are on their way (asked for after the last draw): waiting for them beats asking again behind them.
    void coming.then(() => {
      if (stale()) return;
      const bars = tiles.bars(from, to);
      if (bars) draw({ mode: 'density', bars });
      else ask();
    });
  };
  const renderRef = useRef(render);
  renderRef.current = render;

  useEffect(() => {
    if (!container.current) return;
    const timeline = new Timeline(container.current, items.current, OPTIONS);
    makeRowsKeyboardScrollable(container.current, 'Timeline rows (scroll with the arrow keys)');
    const itemArea = container.current.querySelector<HTMLElement>('.vis-center .vis-itemset');
    const density = itemArea ? new DensityLayer(itemArea, (group) => rowBand(timeline, state.current.query.grouping !== 'none', group)) : null;
    layer.current = density;
    // After every vis-timeline redraw (a drag, a resize, rows laid out again) the bars follow it.
    timeline.on('changed', () => density?.place(shownWindow(timeline)));
    /** The density bar a vis-timeline pointer event (a hammer.js event) happened on, if any. */
    const barOf = (event: unknown) => {
      const fields = (event ?? {}) as { target?: EventTarget; srcEvent?: { target?: EventTarget } };
      return density?.barAt(fields.target ?? fields.srcEvent?.target) ?? null;
    };
    // A click (a tap, not the end of a drag) on a density bar zooms into its bucket.
    timeline.on('click', (properties: { event?: unknown }) => {
      const bar = barOf(properties.event);
      if (bar) setWindow(windowAround(bar.start, bar.end));
    });
    timeline.on('select', (properties: { items: Array<string | number>; event?: unknown }) => {
      // A tap on a bar zooms (above); it does not clear the selected event.
      if (barOf(properties.event)) return;
      const first = properties.items[0];
      state.current.onSelect(first === undefined ? null : String(first));
    });
    // vis-timeline also reports our own setWindow calls 200 ms later: that window is drawn already.
    timeline.on('rangechanged', () => {
      const range = shownWindow(timeline);
      const asked = state.current.asked;
      if (asked && asked.start === range.start && asked.end === range.end) return;
      renderRef.current();
    });
    chart.current = timeline;
    return () => {
      density?.destroy();
      layer.current = null;
      timeline.destroy();
      chart.current = null;
    };
  }, []);

  // New filters, grouping or data (a new summary): rebuild the rows, redraw.
  const firstSummary = useRef(true);
  useEffect(() => {
    const timeline = chart.current;
    if (!timeline) return;
    items.current.clear();
    layer.current?.clear();
    groups.current.clear();
    state.current.tiles = tilesFor(query);
    state.current.asked = null;
    if (grouped) {
      groups.current.add(chartGroups(summary.rows, query.grouping));
      timeline.setGroups(groups.current);
    } else {
      timeline.setGroups(null as unknown as DataSet<DataGroup, 'id'>);
    }
    if (firstSummary.current && summary.count > 0) {
      firstSummary.current = false;
      setWindow(fullWindow(summary.extent));
      return;
    }
    renderRef.current();
  }, [summary, query, grouped]);

  useEffect(() => {
    if (fitToken > 0) setWindow(fullWindow(state.current.summary.extent));
  }, [fitToken]);

  /** Moves the window to the selected event: `fit` zooms to it, otherwise the zoom is kept when it is sensible. */
  const goToSelected = (fit: boolean) => {
    const id = state.current.selectedId;
    if (!id) return;
    void call('timeline:event', { id }).then((found) => {
      if (!found.ok) return showError('Finding the selected event', found.error);
      const placed = placeDate(found.value.event.date);
      const current = chart.current ? shownWindow(chart.current) : null;
      setWindow(fit || !current ? windowAround(placed.start, placed.end) : revealed(current, placed));
    });
  };

  useEffect(() => {
    if (fitSelectionToken > 0) goToSelected(true);
  }, [fitSelectionToken]);

  useEffect(() => {
    if (revealToken > 0) goToSelected(false);
  }, [revealToken]);

  useEffect(() => {
    chart.current?.setSelection(selectedId ? [selectedId] : []);
  }, [selectedId]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const timeline = chart.current;
    if (!timeline) return;
    const current = shownWindow(timeline);
    const moves: Record<string, () => TimeWindow> = {
      ArrowLeft: () => panned(current, -0.25),
      ArrowRight: () => panned(current, 0.25),
      '+': () => zoomed(current, 0.5),
      '=': () => zoomed(current, 0.5),
      ArrowUp: () => zoomed(current, 0.5),
      '-': () => zoomed(current, 2),
      ArrowDown: () => zoomed(current, 2),
      '0': () => fullWindow(state.current.summary.extent),
      Home: () => fullWindow(state.current.summary.extent),
    };
    // In the row labels, Up and Down scroll the rows (the panel's own scrolling) instead of zooming.
    const inRows = event.target instanceof HTMLElement && event.target.classList.contains('vis-left');
    if (inRows && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) return;
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
