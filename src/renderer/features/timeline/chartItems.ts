import type { DataGroup, DataItem } from 'vis-timeline';
import type { TimelineGrouping } from '../../../shared/domain/filters';
import type { TimelineItem, TimelineRow } from '../../../shared/ipc/channels/timeline';
import { itemDate, precisionOf, rowLabel } from './model';
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

/**
 * How each responsibility reads on the chart without colour: a mark before the title (and, on a
 * point, the dot's outline). The legend shows the same marks.
 */
export const RESPONSIBILITY_MARKS = {
  claimed: { mark: '■', words: 'claimed (a group took responsibility)' },
  attributed: { mark: '▲', words: 'attributed (by a government, dataset or analyst)' },
  suspected: { mark: '?', words: 'suspected' },
} as const;

/** Event items: a point for a day-precise event, a hatched range over the month or year otherwise. */
export function eventItems(items: readonly TimelineItem[], grouped: boolean): ChartItem[] {
  return items.map((item) => {
    const precision = precisionOf(item);
    const point = precision === 'day';
    const approximate = item.letter !== item.letter.toLowerCase();
    const held = item.responsibility ? RESPONSIBILITY_MARKS[item.responsibility] : null;
    const base: ChartItem = {
      id: item.id,
      content: '',
      label: held ? `${held.mark} ${item.title}` : item.title,
      tip: `${item.title} — ${itemDate(item)}${point ? '' : ` (known only to the ${precision})`}${held ? ` — responsibility ${held.words}` : ''}`,
      start: new Date(item.start),
      className: `cf-tl-item cf-tl-${item.category}${point ? '' : ' cf-tl-imprecise'}${approximate ? ' cf-tl-approx' : ''}${item.responsibility ? ` cf-tl-resp-${item.responsibility}` : ''}`,
      type: point ? 'point' : 'range',
      ...(point ? {} : { end: new Date(item.end) }),
    };
    if (grouped) base.group = item.group;
    return base;
  });
}

/** Row labels as text elements (never HTML), with the row's event count. */
export function chartGroups(rows: readonly TimelineRow[], grouping: TimelineGrouping): DataGroup[] {
  return rows.map((row, i) => ({ id: i, content: textElement(`${rowLabel(row, grouping)} · ${row.count}`, 'cf-tl-group'), order: i }));
}
