import { z } from 'zod';
import type { Event } from '../../domain/event';
import { eventMatches, EventFilter } from '../../domain/filters';
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
 * Current values of many facts in one pass over the events (a report's 20 facts against 100k
 * events is one walk, not twenty). A value is undefined when a series or point is not in the case.
 */
export function computeFacts(specs: readonly FactSpec[], events: readonly Event[], series: readonly Series[]): Array<number | undefined> {
  const values: Array<number | undefined> = specs.map((spec) => (spec.measure === 'series' ? seriesValue(spec, series) : 0));
  const counted = specs.flatMap((spec, i) => (spec.measure === 'series' ? [] : [{ i, spec }]));
  if (counted.length === 0) return values;
  const sums = new Float64Array(specs.length);
  for (const event of events) {
    for (const { i, spec } of counted) {
      if (!eventMatches(event, spec.filter)) continue;
      if (spec.measure === 'events') sums[i]! += 1;
      else sums[i]! += (spec.bound === 'max' ? event.fatalities?.max : event.fatalities?.min) ?? 0;
    }
  }
  for (const { i } of counted) values[i] = sums[i];
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
