import type { DataGroup, DataItem } from 'vis-timeline';
import type { DensityBucket } from '../../../shared/timeline/density';
import { bucketTotal } from '../../../shared/timeline/density';
import { formatPartialDate } from '../../components/format';
import type { TimelineModel } from './model';
import { textElement } from './timelineItems';

/**
 * An item handed to vis-timeline. `content` stays empty: the chart's template builds the visible
 * text (and the native tooltip) from `label` and `tip` with textContent, never as HTML.
 */
export interface ChartItem extends DataItem {
  id: string;
  label: string;
  tip: string;
}

/** Density buckets carry this id prefix; selecting one zooms into it. */
export const BUCKET_PREFIX = 'bucket:';

const PRECISION_NAMES: Record<string, string> = { d: 'day', m: 'month', y: 'year' };

/** The partial date of event i, rebuilt from its projection for tooltips. */
function dateText(model: TimelineModel, i: number): string {
  const letter = model.columns.precisions.charAt(i);
  const precision = PRECISION_NAMES[letter.toLowerCase()] ?? 'day';
  const iso = new Date(model.starts[i] ?? 0).toISOString();
  const value = precision === 'year' ? iso.slice(0, 4) : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
  return formatPartialDate({ value, precision: precision as 'day', approximate: letter !== letter.toLowerCase() });
}

/** Event items: a point for a day-precise event, a hatched range over the month or year otherwise. */
export function eventItems(model: TimelineModel, indexes: readonly number[], grouped: boolean): ChartItem[] {
  return indexes.map((i) => {
    const title = model.columns.titles[i] ?? '';
    const category = model.columns.categories[i] ?? 'attack';
    const point = model.points[i] === 1;
    const approximate = model.columns.precisions.charAt(i) !== model.columns.precisions.charAt(i).toLowerCase();
    const base: ChartItem = {
      id: model.columns.ids[i] ?? String(i),
      content: '',
      label: title,
      tip: `${title} — ${dateText(model, i)}${point ? '' : ` (known only to the ${PRECISION_NAMES[model.columns.precisions.charAt(i).toLowerCase()]})`}`,
      start: new Date(model.starts[i] ?? 0),
      className: `cf-tl-item cf-tl-${category}${point ? '' : ' cf-tl-imprecise'}${approximate ? ' cf-tl-approx' : ''}`,
      type: point ? 'point' : 'range',
      ...(point ? {} : { end: new Date(model.ends[i] ?? 0) }),
    };
    if (grouped) base.group = model.groupIndex[i] ?? 0;
    return base;
  });
}

/** Density items for the buckets overlapping [from, to): one bar per row and bucket, shaded by count. */
export function densityItems(buckets: readonly DensityBucket[], from: number, to: number, grouped: boolean, limit: number): ChartItem[] {
  // Rows are numbered busiest first: when there are too many bars, the quietest rows go without.
  const inView = buckets.filter((b) => b.start < to && b.end > from && (grouped || b.group >= 0));
  if (!grouped) inView.splice(0, inView.length, ...mergeRows(inView));
  if (inView.length > limit) {
    inView.sort((a, b) => a.group - b.group || a.start - b.start);
    inView.length = limit;
  }
  return inView.map((b) => {
    const total = bucketTotal(b);
    // Absolute shades (1, 10, 100, 1,000, 10,000+ events) so a bar keeps its shade while panning.
    const level = Math.min(5, 1 + Math.floor(Math.log10(Math.max(1, total))));
    const imprecise = Math.round(b.spread);
    const item: ChartItem = {
      id: `${BUCKET_PREFIX}${b.group}:${b.start}`,
      content: '',
      label: String(total),
      tip: `${total} event${total === 1 ? '' : 's'}${imprecise > 0 ? `, of which about ${imprecise} known only to the month or year` : ''} — click to zoom in`,
      start: new Date(b.start),
      end: new Date(b.end),
      type: 'range',
      className: `cf-density cf-density-${level}`,
    };
    if (grouped) item.group = b.group;
    return item;
  });
}

/** One bucket per time span: the rows' buckets added together (for the ungrouped chart). */
function mergeRows(buckets: readonly DensityBucket[]): DensityBucket[] {
  const byStart = new Map<number, DensityBucket>();
  for (const b of buckets) {
    const current = byStart.get(b.start);
    if (current) {
      current.exact += b.exact;
      current.spread += b.spread;
    } else byStart.set(b.start, { ...b, group: 0 });
  }
  return [...byStart.values()];
}

/** Row labels as text elements (never HTML), with the row's event count. */
export function chartGroups(model: TimelineModel): DataGroup[] {
  return model.groups.map((g) => ({ id: g.id, content: textElement(`${g.label} · ${g.count}`, 'cf-tl-group'), order: g.id }));
}
