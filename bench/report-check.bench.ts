/**
 * "Check the draft" at size (issue 14): report_check_100k_ms < 500 — a report with 20 living
 * numbers (event counts and fatality sums under varied filters, and series values), 150
 * citations checked against a 100,000-event case whose event columns main already holds (it
 * builds them once per case version; report_check_columns_build_100k_ms). Beside it: the same
 * check building the columns itself (cold), with 6 figures drawn too, and the baseline
 * report_check_baseline_filter_100k_ms, one `eventMatches` pass of one filter over the same
 * events, so a noisy machine shows in all of them.
 */
import { DEFAULT_CHART_SETTINGS } from '../src/shared/analytics/dashboard';
import { eventColumns } from '../src/shared/domain/event-columns';
import { eventMatches, type EventFilter } from '../src/shared/domain/filters';
import { ReportBody, type BodyNode } from '../src/shared/domain/written-report';
import { checkCaseOf, checkReport } from '../src/shared/report/authoring/check';
import { figureSpec } from '../src/shared/report/authoring/figure-spec';
import { generateCase } from './generate';
import type { BenchContext } from './run';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const year = (v: string) => ({ value: v, precision: 'year' as const });

/** Twenty distinct filters of the kind a report's numbers use: years, categories, places, actors and responsibility, one text search. */
function factFilters(actorIds: readonly string[]): EventFilter[] {
  const years = ['2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024'];
  return [
    ...years.map((v, i): EventFilter => ({ from: year(v), to: year(v), categories: [i % 2 ? 'attack' : 'counter-operation'], countries: i % 3 ? ['AF', 'PK'] : ['AF'] })),
    { categories: ['attack'] },
    { countries: ['AF', 'PK'] },
    { from: year('2019'), to: year('2021') },
    { actorIds: [actorIds[0]!], responsibilityKinds: ['claimed'], from: year('2020'), to: year('2023') },
    { actorIds: [actorIds[1]!], from: year('2021'), to: year('2021') },
    { responsibilityKinds: ['claimed'], categories: ['attack'], from: year('2022'), to: year('2023') },
    { scopes: ['external'], categories: ['attack', 'foiled-plot'] },
    { minFatalities: 5, countries: ['AF'] },
    { text: 'kabul', from: year('2021'), to: year('2022') },
    { categories: ['counter-operation'], from: year('2022'), to: year('2023') },
  ];
}

function reportBody(filters: readonly EventFilter[], sourceIds: readonly string[], seriesIds: readonly string[]): BodyNode {
  const facts: BodyNode[] = [];
  for (let i = 0; i < 20; i++) {
    const filter = filters[i]!;
    const spec = i === 19 && seriesIds.length ? { measure: 'series', seriesId: seriesIds[0], period: '2021' } : i % 2 ? { measure: 'fatalities', filter } : { measure: 'events', filter };
    facts.push({ type: 'fact', attrs: { spec: JSON.stringify(spec), confirmedValue: 1, confirmedAt: '2024-06-01T00:00:00Z', marking: null } });
  }
  const citations: BodyNode[] = Array.from({ length: 150 }, (_, i) => ({ type: 'citation', attrs: { kind: 'sources', recordId: sourceIds[i % sourceIds.length]!, locator: null, label: '' } }));
  const figures: BodyNode[] = (['events-by-year-place', 'fatalities-by-province', 'monthly-measures', 'seasonal-pattern', 'series', 'map'] as const).map((chart, i) => ({
    type: 'figure',
    attrs: { id: `figure--${i}`, spec: JSON.stringify(figureSpec(chart, DEFAULT_CHART_SETTINGS, filters[i]!)), caption: '', sourceLine: '', marking: null },
  }));
  const paragraphs: BodyNode[] = facts.map((f, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `Paragraph ${i} gives ` }, f, ...citations.slice(i * 7, i * 7 + 7)] }));
  return ReportBody.parse({ type: 'doc', content: [...paragraphs.slice(0, 10), ...figures, ...paragraphs.slice(10)] });
}

export default async function reportCheckBench({ log }: BenchContext): Promise<Record<string, number>> {
  log('generating 100,000 events');
  const big = generateCase({ events: 100_000, actors: 2_000, seed: 14 });
  const filters = factFilters(big.actors.map((a) => a.id));
  const body = reportBody(filters, big.sources.map((s) => s.id), big.series.map((s) => s.id));
  const factsOnly: BodyNode = { ...body, content: body.content!.filter((n) => n.type !== 'figure') };
  // Main builds the event columns once per case version, in the background after the case opens (services/views).
  let started = performance.now();
  const tables = { events: big.events, columns: eventColumns(big.events) };
  const columnsMs = performance.now() - started;
  // Warm up once (JIT, map boundaries parsed), as the app has by the time an analyst checks.
  checkReport(body, checkCaseOf(big, tables));
  const warm: number[] = [];
  const cold: number[] = [];
  const whole: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < 5; run++) {
    started = performance.now();
    big.events.filter((e) => eventMatches(e, filters[10]!));
    baseline.push(performance.now() - started);
    started = performance.now();
    const items = checkReport(factsOnly, checkCaseOf(big, tables));
    warm.push(performance.now() - started);
    started = performance.now();
    checkReport(factsOnly, checkCaseOf(big));
    cold.push(performance.now() - started);
    started = performance.now();
    checkReport(body, checkCaseOf(big, tables));
    whole.push(performance.now() - started);
    if (run === 0) log(`${items.length} items listed`);
  }
  return {
    report_check_100k_ms: Math.round(median(warm)),
    report_check_cold_100k_ms: Math.round(median(cold)),
    report_check_with_6_figures_100k_ms: Math.round(median(whole)),
    report_check_columns_build_100k_ms: Math.round(columnsMs),
    report_check_baseline_filter_100k_ms: Math.round(median(baseline)),
  };
}
