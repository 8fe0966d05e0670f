import { describe, expect, it } from 'vitest';
import { computeBuilderChart } from '../../src/shared/analytics/builder';
import { ChartDataSchema } from '../../src/shared/analytics/schemas';
import { plainEvent } from '../helpers/records';

/**
 * A case whose dates span centuries (a mistyped year such as 0216 among 2016's events) or a stack
 * by month over decades must still give an answer the channel can send (ChartDataSchema's bounds:
 * 5,000 categories, 200 series) that says why nothing is drawn, not a megabyte the IPC refuses.
 */
describe('chart builder: more groups than a chart can draw', () => {
  const at = (id: string, value: string, country = 'SO') => plainEvent(id, id, { date: { value, precision: 'day' }, location: { country, geoPrecision: 'country' } });

  it('a month axis across centuries answers within the schema and says what to narrow', () => {
    const chart = computeBuilderChart({ measure: 'events', dimension: 'month', stackBy: 'country', policy: 'spread' }, [at('event--typo', '0216-03-01'), at('event--1', '2016-03-01', 'KE')], []);
    expect(ChartDataSchema.safeParse(chart).success).toBe(true);
    expect(chart.categories).toEqual([]);
    expect(chart.subtitle).toMatch(/21,601 along the axis by month.*narrow the dates/);
  });

  it('stacking by month over decades answers within the schema', () => {
    const events = Array.from({ length: 30 * 12 }, (_, i) => at(`event--${i}`, `${1995 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`));
    const chart = computeBuilderChart({ measure: 'events', dimension: 'country', stackBy: 'month', policy: 'spread' }, events, []);
    expect(ChartDataSchema.safeParse(chart).success).toBe(true);
  });
});
