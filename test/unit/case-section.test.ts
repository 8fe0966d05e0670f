import { describe, expect, it } from 'vitest';
import type { Citation } from '../../src/shared/domain/citation';
import { WrittenReport, type BodyNode } from '../../src/shared/domain/written-report';
import { caseSectionCompiler, caseSectionSettingsText, compileCaseSection, parseCaseSection, type CaseSectionKind } from '../../src/shared/report/authoring/case-section';
import { LIVE_NODE_COMPILERS } from '../../src/shared/report/authoring/live-node-compilers';
import type { LiveNodeContext } from '../../src/shared/report/authoring/live-nodes';
import { buildReport } from '../../src/shared/report/build';
import type { Block, Run } from '../../src/shared/report/document';
import { FootnoteBook } from '../../src/shared/report/footnotes';
import { selectReport } from '../../src/shared/report/select';
import { builtInTemplate, type SectionKind } from '../../src/shared/report/template';
import type { ReportInput } from '../../src/shared/report/select';
import { FIXTURE_ACTORS, FIXTURE_EVENTS, FIXTURE_SERIES, FIXTURE_SOURCES, RED_EVENT } from './analytics-fixture';

const REPORT_INPUT: ReportInput = { caseName: 'Fixture case', events: [...FIXTURE_EVENTS, RED_EVENT], actors: FIXTURE_ACTORS, sources: FIXTURE_SOURCES, series: FIXTURE_SERIES };
const NOW = new Date('2025-01-02T00:00:00Z');
const text = (value: unknown) => JSON.stringify(value);

/** A report compiler's context whose notes are a FootnoteBook over the case's sources, as the case report numbers them. */
function bookContext(maxMarking: LiveNodeContext['maxMarking'] = 'TLP:GREEN') {
  const book = new FootnoteBook(new Map(selectReport(REPORT_INPUT, maxMarking).sources.map((s) => [s.id, s])));
  const calls: Array<{ recordId: string; locator?: string }[]> = [];
  const ctx: LiveNodeContext = {
    input: REPORT_INPUT,
    maxMarking,
    now: NOW,
    figureNumber: () => undefined,
    cite(citations) {
      calls.push([...citations]);
      return book.cite(citations.map((c): Citation => ({ sourceId: c.recordId, credibility: 3, ...(c.locator ? { locator: c.locator } : {}) })));
    },
  };
  return { ctx, book, calls };
}

const node = (kind: string, settings?: object | string): BodyNode => ({ type: 'caseSection', attrs: { kind, settings: typeof settings === 'string' ? settings : settings ? JSON.stringify(settings) : '' } });

/** The case report with only this section, from the same input and marking. */
function caseReportSection(kind: SectionKind): Block[] {
  const template = builtInTemplate('default', 'Fixture case');
  return buildReport(REPORT_INPUT, { ...template, sections: [{ kind, enabled: true }] }, NOW).blocks;
}

describe('the caseSection block of a written report', () => {
  it('is registered as a live node and allowed in a report body', () => {
    expect(LIVE_NODE_COMPILERS['caseSection']).toBe(caseSectionCompiler);
    const report = { id: 'report--a', title: 'R', authors: [], date: '2025-01-02', marking: 'TLP:GREEN', status: 'draft', citationStyle: 'chicago-fullnote-bibliography', body: { type: 'doc', content: [node('events', { limit: 5 })] } };
    expect(WrittenReport.safeParse(report).success).toBe(true);
  });

  it.each([['events'], ['timeline'], ['actors']] as Array<[CaseSectionKind & SectionKind]>)('%s: the blocks and note numbers the case report makes', (kind) => {
    const { ctx } = bookContext();
    const compiled = caseSectionCompiler.block!(node(kind), ctx);
    expect(compiled.blocks).toEqual(caseReportSection(kind));
    expect(compiled.blocks.length).toBeGreaterThan(1);
  });

  it('cites through the report: every note marker is what ctx.cite answered, in reading order', () => {
    const { ctx, calls } = bookContext();
    // A citation before the section takes note 1; the section's notes follow it.
    ctx.cite([{ recordId: 'source--b' }]);
    const { blocks } = caseSectionCompiler.block!(node('timeline'), ctx);
    expect(calls.slice(1).flat().map((c) => c.recordId)).toContain('source--a');
    const markers = blocks.flatMap((b) => (b.type === 'list' ? b.items.flat() : [])).flatMap((r: Run) => ('footnote' in r ? [r.footnote] : []));
    // Source B is already note 1; Source A, first cited in the section, is note 2 (p. 3) and 3 (p. 1).
    expect(markers).toEqual([1, 2, 2, 1]);
  });

  it('leaves out records above the export’s maximum marking, and says which', () => {
    const { ctx } = bookContext('TLP:GREEN');
    const events = caseSectionCompiler.block!(node('events'), ctx);
    expect(text(events.blocks)).not.toContain('E7 Secret informant meeting');
    expect(events.leftOut.map((l) => l.title)).toEqual(['E7 Secret informant meeting']);
    const sources = caseSectionCompiler.block!(node('sources'), ctx);
    expect(text(sources.blocks)).not.toContain('Amber liaison note');
    expect(sources.leftOut.map((l) => l.title)).toEqual(['Amber liaison note']);
    const red = caseSectionCompiler.block!(node('events'), { ...bookContext('TLP:RED').ctx });
    expect(text(red.blocks)).toContain('E7 Secret informant meeting');
  });

  it('follows its settings: filter, limit (the latest events), heading', () => {
    const { ctx } = bookContext();
    const attacks = caseSectionCompiler.block!(node('events', { filter: { categories: ['counter-operation'] }, heading: 'Raids' }), ctx).blocks;
    expect(attacks[0]).toEqual({ type: 'heading', level: 1, text: 'Raids' });
    const table = attacks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.map((r) => text(r[1]))).toEqual([expect.stringContaining('E5 Raids'), expect.stringContaining('E4 Raid in Nangarhar')]);
    const latestTwo = caseSectionCompiler.block!(node('timeline', { limit: 2, heading: '' }), ctx).blocks;
    expect(latestTwo[0]).toEqual({ type: 'paragraph', runs: [{ text: 'The latest 2 of 6 events.' }] });
    const sources = compileCaseSection('sources', { limit: 1 }, REPORT_INPUT, 'TLP:GREEN', () => []);
    expect(sources.items).toBe(1);
    expect(text(sources.blocks)).toContain('Source A report');
    expect(text(sources.blocks)).not.toContain('Source B wire');
  });

  it('bounds a preview as the case report’s preview does', () => {
    const preview = compileCaseSection('events', {}, REPORT_INPUT, 'TLP:RED', () => [], 2);
    const table = preview.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && [table.rows.length, table.more?.count]).toEqual([2, 5]);
    expect(preview.items).toBe(7);
  });

  it('refuses attributes it cannot trust, and compiles them to a visible note instead of failing the export', () => {
    expect(parseCaseSection({ kind: 'ach' })).toMatchObject({ ok: false });
    expect(parseCaseSection({ kind: 'events', settings: '{not json' })).toEqual({ ok: false, reason: 'its settings are not readable' });
    expect(parseCaseSection({ kind: 'events', settings: JSON.stringify({ script: 'x' }) })).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid/) });
    expect(parseCaseSection({ kind: 'events', settings: JSON.stringify({ limit: 0 }) })).toMatchObject({ ok: false });
    expect(parseCaseSection({ kind: 'events', settings: 'x'.repeat(2_001) })).toEqual({ ok: false, reason: 'its settings are too long' });
    expect(parseCaseSection({ kind: 'actors' })).toEqual({ ok: true, kind: 'actors', settings: {} });
    const { blocks, leftOut } = caseSectionCompiler.block!(node('events', '{not json'), bookContext().ctx);
    expect(leftOut).toEqual([]);
    expect(text(blocks)).toContain('could not be built: its settings are not readable');
    expect(caseSectionSettingsText({ filter: { text: 'a'.repeat(500), provinces: Array.from({ length: 200 }, (_, i) => `Province ${i}`) } })).toMatchObject({ ok: false });
    expect(caseSectionSettingsText({ limit: 5 })).toEqual({ ok: true, text: '{"limit":5}' });
  });
});
