import { EVENT_CATEGORIES } from '../../../shared/domain/event';
import type { TimelineGrouping } from '../../../shared/domain/filters';
import { TIMELINE_ROW_LIMIT } from '../../../shared/ipc/bounds';
import type { TimelineRow } from '../../../shared/ipc/channels/timeline';
import { perpetratorOf } from '../../../shared/timeline/perpetrator';
import type { TimelineIndex } from '../../../shared/timeline/window-index';
import type { CaseTables } from './case-data';

/** Every event's row key under one grouping, as a number per event (case order) and the keys they stand for. */
export interface RowCodes {
  codes: Int32Array;
  keys: string[];
}

/** The rows of one grouping for one filter: each selected event's row (index order) and the rows in order. */
export interface Rows {
  groups: Int32Array;
  rows: TimelineRow[];
}

/** Row keys per event: the columns' own codes for country, province and category; perpetrators worked out once. */
export function rowCodes(tables: CaseTables, grouping: TimelineGrouping): RowCodes {
  const { columns } = tables;
  switch (grouping) {
    case 'none':
      return { codes: new Int32Array(columns.count), keys: [''] };
    case 'country':
      return { codes: columns.country, keys: columns.dictionaries.country.values };
    case 'admin1':
      return { codes: columns.admin1, keys: columns.dictionaries.admin1.values };
    case 'category':
      return { codes: Int32Array.from(columns.category), keys: [...EVENT_CATEGORIES] };
    case 'perpetrator': {
      const keys = [''];
      const known = new Map<string, number>([['', 0]]);
      const codes = new Int32Array(columns.count);
      tables.events.forEach((event, i) => {
        const key = perpetratorOf(event);
        let code = known.get(key);
        if (code === undefined) {
          code = keys.length;
          keys.push(key);
          known.set(key, code);
        }
        codes[i] = code;
      });
      return { codes, keys };
    }
  }
}

/**
 * Each event's row and the rows in order: categories in the domain's order, other groupings
 * busiest first (ties by key). Past TIMELINE_ROW_LIMIT rows, the quietest share the last row.
 */
export function rowsOf(index: TimelineIndex, { codes, keys }: RowCodes, grouping: TimelineGrouping, actorName: (id: string) => string | undefined): Rows {
  const counts = new Int32Array(keys.length);
  for (let i = 0; i < index.count; i++) counts[codes[index.positions[i]!]!]!++;
  const used: number[] = [];
  for (let code = 0; code < keys.length; code++) if (counts[code]! > 0) used.push(code);
  if (grouping === 'category') used.sort((a, b) => a - b);
  else used.sort((a, b) => counts[b]! - counts[a]! || keys[a]!.localeCompare(keys[b]!));
  const kept = used.length > TIMELINE_ROW_LIMIT ? TIMELINE_ROW_LIMIT - 1 : used.length;
  const rowOf = new Int32Array(keys.length);
  used.forEach((code, order) => (rowOf[code] = Math.min(order, kept)));
  const groups = new Int32Array(index.count);
  for (let i = 0; i < index.count; i++) groups[i] = rowOf[codes[index.positions[i]!]!]!;
  const rows: TimelineRow[] = used.slice(0, kept).map((code) => {
    const key = keys[code]!;
    return { key, count: counts[code]!, ...(grouping === 'perpetrator' && key ? { name: actorName(key) ?? key } : {}) };
  });
  if (kept < used.length) {
    const rest = used.slice(kept);
    rows.push({ key: '', count: rest.reduce((sum, code) => sum + counts[code]!, 0), others: rest.length });
  }
  return { groups, rows };
}
