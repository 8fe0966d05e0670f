import { describe, expect, it } from 'vitest';
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
});
