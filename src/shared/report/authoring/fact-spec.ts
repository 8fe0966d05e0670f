import { z } from 'zod';
import type { Event } from '../../domain/event';
import { columnMask, eventColumns, type EventColumns } from '../../domain/event-columns';
import { EventFilter } from '../../domain/filters';
import { Id } from '../../domain/ids';
import type { Series } from '../../domain/series';

const PeriodValue = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a period looks like 2021, 2021-03 or 2021-03-22');

/**
 * A fact's `spec` attribute (a JSON string in the body): what the living number counts. Events
 * under a filter (how many, or their fatalities), or one sourced series value, picked by its
 * period (and its label where a series has several points for one period).
 */
export const FactSpec = z.discriminatedUnion('measure', [
  z.object({ measure: z.literal('events'), filter: EventFilter }).strict(),
  /** Fatalities summed over the events; `bound` picks each event's lower (default) or upper count. */
  z.object({ measure: z.literal('fatalities'), filter: EventFilter, bound: z.enum(['min', 'max']).optional() }).strict(),
  z.object({ measure: z.literal('series'), seriesId: Id, period: PeriodValue, until: PeriodValue.optional(), label: z.string().max(300).optional() }).strict(),
]);
export type FactSpec = z.infer<typeof FactSpec>;

/** The attributes of a `fact` node. */
export interface FactAttrs {
  spec: string;
  /** The value the analyst confirmed, and when; null until confirmed. */
  confirmedValue: number | null;
  confirmedAt: string | null;
  marking: string | null;
}

export function parseFactSpec(json: unknown): { ok: true; spec: FactSpec } | { ok: false; error: string } {
  if (typeof json !== 'string') return { ok: false, error: 'the number has no definition' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, error: 'the number’s definition is not valid JSON' };
  }
  const parsed = FactSpec.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `the number’s definition is not valid (${parsed.error.issues[0]?.path.join('.') || 'spec'}: ${parsed.error.issues[0]?.message})` };
  return { ok: true, spec: parsed.data };
}

/** A series value, or undefined when the case has no such series or point. */
function seriesValue(spec: Extract<FactSpec, { measure: 'series' }>, series: readonly Series[]): number | undefined {
  const s = series.find((x) => x.id === spec.seriesId);
  const point = s?.points.find((p) => p.period.value === spec.period && p.until?.value === spec.until && (spec.label === undefined || p.label === spec.label));
  return point?.value;
}

/**
 * Current values of many facts. Each distinct filter is one pass over the case's event columns
 * (shared/domain/event-columns.ts: typed arrays, with `eventMatches` only for what they do not
 * hold), so a report's 20 facts against 100k events stay well under a second. `columns` may be
 * passed by a caller that holds them already (main keeps them per case version). A value is
 * undefined when a series or point is not in the case.
 */
export function computeFacts(specs: readonly FactSpec[], events: readonly Event[], series: readonly Series[], columns?: EventColumns): Array<number | undefined> {
  const values: Array<number | undefined> = specs.map((spec) => (spec.measure === 'series' ? seriesValue(spec, series) : 0));
  if (!specs.some((spec) => spec.measure !== 'series')) return values;
  const cols = columns ?? eventColumns(events);
  const masks = new Map<string, Uint8Array>();
  specs.forEach((spec, i) => {
    if (spec.measure === 'series') return;
    const key = JSON.stringify(spec.filter);
    let mask = masks.get(key);
    if (!mask) masks.set(key, (mask = columnMask(cols, events, spec.filter)));
    let sum = 0;
    if (spec.measure === 'events') {
      for (let e = 0; e < mask.length; e++) sum += mask[e]!;
    } else {
      for (let e = 0; e < mask.length; e++) if (mask[e]) sum += (spec.bound === 'max' ? events[e]!.fatalities?.max : events[e]!.fatalities?.min) ?? 0;
    }
    values[i] = sum;
  });
  return values;
}

/** A value as the text shows it: whole numbers with thousands separators, others with one decimal. */
export function formatFactValue(value: number | undefined): string {
  if (value === undefined) return '[no value]';
  const rounded = Math.round(value * 10) / 10;
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** True when a confirmed value no longer holds: the current value differs to the tenth the text shows, or is gone. */
export function factChanged(confirmed: number | null, current: number | undefined): boolean {
  if (confirmed === null) return false;
  return current === undefined || Math.round(confirmed * 10) !== Math.round(current * 10);
}
