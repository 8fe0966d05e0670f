import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/domain/actor';
import { partialDate } from '../../src/shared/domain/partial-date';
import type { Series } from '../../src/shared/domain/series';
import { buildReport, type ReportInput } from '../../src/shared/report/build';
import type { Block } from '../../src/shared/report/document';
import { builtInTemplate } from '../../src/shared/report/template';
import { FIXTURE_ACTORS, FIXTURE_EVENTS, FIXTURE_SERIES, FIXTURE_SOURCES, RED_EVENT } from './analytics-fixture';

export const REPORT_INPUT: ReportInput = { caseName: 'Fixture case', events: [...FIXTURE_EVENTS, RED_EVENT], actors: FIXTURE_ACTORS, sources: FIXTURE_SOURCES, series: FIXTURE_SERIES };
const NOW = new Date('2025-01-02T00:00:00Z');

const headings = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'heading' && b.level === 1 ? [b.text] : []));
const text = (value: unknown) => JSON.stringify(value);

describe('report model', () => {
  it('leaves out every record above the maximum marking and says why', () => {
    const doc = buildReport(REPORT_INPUT, builtInTemplate('default', 'Fixture case'), NOW);
    expect(doc.leftOut.map((l) => [l.collection, l.title, l.reason])).toEqual([
      ['events', 'E7 Secret informant meeting', "marked TLP:RED, above the report's maximum TLP:GREEN"],
      ['actors', 'Red Informant', "marked TLP:RED, above the report's maximum TLP:GREEN"],
      ['sources', 'Amber liaison note', "marked TLP:AMBER, above the report's maximum TLP:GREEN"],
    ]);
    const all = text(doc.blocks) + text(doc.footnotes);
    for (const gone of ['E7 Secret informant meeting', 'Red Informant', 'Amber liaison note']) expect(all).not.toContain(gone);
    // The banner carries the most restrictive marking of what the report does contain.
    expect(doc.marking).toBe('TLP:GREEN');
    expect(doc.blocks[0]).toEqual({ type: 'banner', marking: 'TLP:GREEN' });
  });

  it('numbers footnotes by first citation, one number per source and locator', () => {
    const doc = buildReport(REPORT_INPUT, builtInTemplate('default', 'Fixture case'), NOW);
    expect(doc.footnotes.map((f) => [f.n, f.text])).toEqual([
      [1, 'Source B wire.'],
      [2, 'A. Author. Source A report. CTC Sentinel, May 2024, p. 3.'],
      [3, 'A. Author. Source A report. CTC Sentinel, May 2024, p. 1.'],
    ]);
    // Oldest first by the start of each date's span: E3 (2021), E2 (March 2021), E1 (15 March 2021), E5, E4, E6.
    const timeline = doc.blocks.find((b) => b.type === 'list' && !b.ordered);
    expect(timeline?.type === 'list' && timeline.items.map((item) => item.filter((r) => 'footnote' in r))).toEqual([[{ footnote: 1 }], [{ footnote: 2 }], [{ footnote: 2 }], [], [], [{ footnote: 1 }]]);
    const sources = doc.blocks.find((b) => b.type === 'list' && b.ordered);
    expect(sources?.type === 'list' && sources.items.map((i) => text(i))).toEqual([expect.stringContaining('Source B wire'), expect.stringContaining('Source A report')]);
  });

  it('names targets and participants in the events table, cites their sources, and never names an actor above the marking', () => {
    const events = REPORT_INPUT.events.map((e) =>
      e.id === 'event--e4'
        ? { ...e, participants: [{ actorId: 'actor--isk', role: 'target' as const, citations: [{ sourceId: 'source--b', credibility: 3, locator: 'raid report' }] }, { actorId: 'actor--secret', role: 'participant' as const, citations: [] }] }
        : e,
    );
    const doc = buildReport({ ...REPORT_INPUT, events }, builtInTemplate('default', 'Fixture case'), NOW);
    const table = doc.blocks.find((b) => b.type === 'table');
    const row = table?.type === 'table' ? table.rows.find((r) => text(r).includes('E4 Raid in Nangarhar')) : undefined;
    expect(text(row?.[5])).toContain('target: Islamic State Khorasan');
    expect(text(doc.blocks) + text(doc.footnotes)).not.toContain('Red Informant');
    expect(doc.footnotes.map((f) => f.text)).toContain('Source B wire, raid report.');
    // The actor's profile says what part it plays in the report's events: claimed E1, E2, E6; target of E4.
    const profile = doc.blocks.slice(doc.blocks.findIndex((b) => b.type === 'heading' && b.text === 'Islamic State Khorasan'));
    expect(text(profile)).toContain("In this report's events: perpetrator in 3, target in 1.");
  });

  it('follows the chosen section order and drops unticked sections', () => {
    const template = builtInTemplate('default', 'Fixture case');
    template.sections = [
      { kind: 'sources', enabled: true },
      { kind: 'events', enabled: true },
      { kind: 'summary', enabled: true },
      { kind: 'charts', enabled: false },
    ];
    template.summary = 'First paragraph.\n\nSecond paragraph.';
    const doc = buildReport(REPORT_INPUT, template, NOW);
    expect(headings(doc.blocks)).toEqual(['Sources', 'Events', 'Summary']);
    expect(doc.blocks.filter((b) => b.type === 'paragraph').slice(-2)).toEqual([
      { type: 'paragraph', runs: [{ text: 'First paragraph.' }] },
      { type: 'paragraph', runs: [{ text: 'Second paragraph.' }] },
    ]);
    // The bibliography still lists the sources the later events table cites.
    const sources = doc.blocks.find((b) => b.type === 'list');
    expect(sources?.type === 'list' && sources.items).toHaveLength(2);
  });

  it('feeds charts only with what is within the marking, and applies the shared filter', () => {
    const template = { ...builtInTemplate('default', 'Fixture case'), maxMarking: 'TLP:CLEAR' as const };
    const doc = buildReport({ ...REPORT_INPUT, filter: { countries: ['AF', 'PK', 'RU'] } }, template, NOW);
    const chart = doc.blocks.find((b) => b.type === 'chart' && b.chart.id === 'events-by-year-place');
    // CLEAR events: E1, E2 (AF 2021), E5 (AF 2022), E6 (RU 2024).
    expect(chart?.type === 'chart' && chart.chart.series.map((s) => [s.name, s.values])).toEqual([
      ['AF', [2, 1, 0, 0]],
      ['RU', [0, 0, 0, 1]],
    ]);
  });

  it('lists in every section only what the report’s filters select: profiles of the actors its events name or the filter picks, their sources, their series', () => {
    // Imported with another file: no selected event names them.
    const fmf: Actor = { id: 'actor--fmf', kind: 'organisation', name: '#FeesMustFall', aliases: [], roles: [], nationality: [], tags: [], marking: 'TLP:CLEAR', citations: [{ sourceId: 'source--b', credibility: 3, locator: 'FMF locator' }] };
    const picked: Actor = { id: 'actor--picked', kind: 'person', name: 'Picked Person', aliases: [], roles: [], nationality: [], tags: [], marking: 'TLP:CLEAR', citations: [] };
    const fmfSeries: Series = { id: 'series--fmf', title: 'FMF protests', measure: 'FMF protests', unit: 'protests', actorId: 'actor--fmf', points: [{ period: partialDate('2021'), value: 9 }], marking: 'TLP:CLEAR', citations: [] };
    const iskSeries: Series = { id: 'series--isk', title: 'ISK claims', measure: 'ISK claims', unit: 'attacks', actorId: 'actor--isk', points: [{ period: partialDate('2020'), value: 80 }, { period: partialDate('2021'), value: 350 }], marking: 'TLP:CLEAR', citations: [] };
    const input: ReportInput = { ...REPORT_INPUT, actors: [...FIXTURE_ACTORS, fmf, picked], series: [...FIXTURE_SERIES, fmfSeries, iskSeries] };
    const template = builtInTemplate('full', 'Fixture case');
    const profiles = (blocks: Block[]) => {
      const from = blocks.findIndex((b) => b.type === 'heading' && b.text === 'Actor profiles');
      return blocks.slice(from + 1).filter((b) => b.type === 'heading' && b.level === 2).map((b) => (b.type === 'heading' ? b.text : ''));
    };
    const seriesNames = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'chart' && b.chart.id === 'series' ? b.chart.series.map((s) => s.name) : []));

    // The whole case: everything within the marking.
    const whole = buildReport(input, template, NOW);
    expect(profiles(whole.blocks)).toEqual(['#FeesMustFall', 'Islamic State Khorasan', 'Picked Person']);

    // Filtered to ISK and one picked actor: only the actors its events name and the one picked.
    const filtered = buildReport({ ...input, filter: { actorIds: ['actor--isk', 'actor--picked'] } }, template, NOW);
    expect(profiles(filtered.blocks)).toEqual(['Islamic State Khorasan', 'Picked Person']);
    expect(text(filtered.blocks) + text(filtered.footnotes)).not.toContain('FMF');
    expect(seriesNames(filtered.blocks)).toEqual(['ISK claims']);

    // A date filter keeps the events and series points of its span only.
    const in2021 = buildReport({ ...input, filter: { from: partialDate('2021'), to: partialDate('2021') } }, template, NOW);
    const seriesChart = in2021.blocks.find((b) => b.type === 'chart' && b.chart.id === 'series');
    expect(seriesChart?.type === 'chart' && seriesChart.chart.categories).toEqual(['2021']);
    expect(profiles(in2021.blocks)).toEqual(['Islamic State Khorasan']);
  });

  it('says how long each section is, and the whole report, before anything is written', () => {
    const doc = buildReport(REPORT_INPUT, { ...builtInTemplate('full', 'Fixture case'), summary: 'One.\n\nTwo.' }, NOW);
    expect(doc.size.sections.map((s) => [s.kind, s.items])).toEqual([
      ['title', 1],
      ['summary', 2],
      ['charts', 5],
      ['map', 1],
      ['timeline', 6],
      ['actors', 1],
      ['events', 6],
      ['sources', 2],
    ]);
    expect(doc.size.sections.find((s) => s.kind === 'timeline')?.label).toBe('6 events');
    expect(doc.size.sections.find((s) => s.kind === 'sources')?.label).toBe('2 sources, 3 notes');
    expect(doc.size.sections.find((s) => s.kind === 'title')?.pages).toBe(1);
    // Whole pages for the report; the sections' tenths add up to it.
    const sum = doc.size.sections.reduce((total, s) => total + s.pages, 0);
    expect(doc.size.pages).toBeGreaterThanOrEqual(Math.floor(sum));
    expect(doc.size.pages).toBeLessThanOrEqual(Math.ceil(sum) + 1);
    // The PDF test (report-writers) checks the estimate against the printed page count.
  });
});
