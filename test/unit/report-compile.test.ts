import { describe, expect, it } from 'vitest';
import { cslNoteFormatter } from '../../src/main/services/report/csl-notes';
import type { Marking } from '../../src/shared/domain/marking';
import type { Source } from '../../src/shared/domain/source';
import type { BodyNode, WrittenReport } from '../../src/shared/domain/written-report';
import { compileWrittenReport, type CompileOptions } from '../../src/shared/report/authoring/compile';
import type { LiveNodeCompiler } from '../../src/shared/report/authoring/live-nodes';
import type { ReportDocument } from '../../src/shared/report/document';
import type { ReportInput } from '../../src/shared/report/select';
import { plainSource } from '../helpers/store';

const source = (id: string, title: string, marking: Marking, authors: string[]): Source => ({ ...plainSource(id, title), authors, marking, kind: 'news-report', outlet: 'Example Daily', date: { value: '2023-04-02', precision: 'day' } });
const GREEN_SOURCE = source('source--green', 'Open Reporting on the Valley', 'TLP:GREEN', ['Doe, Jane']);
const AMBER_SOURCE = source('source--amber', 'Liaison Readout Kestrel', 'TLP:AMBER', ['Roe, Richard']);
const input: ReportInput = { caseName: 'Case', events: [], actors: [], sources: [GREEN_SOURCE, AMBER_SOURCE], series: [] };

const text = (t: string, marks?: BodyNode['marks']): BodyNode => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const cite = (recordId: string, locator: string | null = null): BodyNode => ({ type: 'citation', attrs: { recordId, kind: 'sources', locator, label: recordId === AMBER_SOURCE.id ? AMBER_SOURCE.title : '' } });
const para = (content: BodyNode[], marking?: Marking, dir?: string): BodyNode => ({ type: 'paragraph', attrs: { ...(marking ? { marking } : {}), ...(dir ? { dir } : {}) }, content });

function report(content: BodyNode[], marking: Marking = 'TLP:GREEN'): WrittenReport {
  return { id: 'report--1', title: 'Valley assessment', authors: ['A. Analyst'], date: '2026-03-01', marking, status: 'draft', citationStyle: 'chicago-fullnote-bibliography', body: { type: 'doc', content } };
}

function compile(r: WrittenReport, options: Partial<CompileOptions> = {}): ReportDocument {
  const result = compileWrittenReport(r, input, { maxMarking: 'TLP:GREEN', withheld: 'mark', noteMode: 'endnotes', ...options }, cslNoteFormatter(input, r.citationStyle));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const BODY = [
  para([text('Open claim one.'), cite(GREEN_SOURCE.id, '3')]),
  para([text('Kestrel says the cell moved north.'), cite(AMBER_SOURCE.id)], 'TLP:AMBER'),
  para([text('A green claim resting on liaison.'), cite(AMBER_SOURCE.id, '7'), text(' and open press.'), cite(GREEN_SOURCE.id)]),
];

describe('a written report compiled at a maximum marking', () => {
  it('leaves out an AMBER paragraph, lists it by kind and place only, and keeps its text out of the tree', () => {
    const doc = compile(report(BODY));
    const all = JSON.stringify(doc.blocks) + JSON.stringify(doc.footnotes) + JSON.stringify(doc.bibliography) + JSON.stringify(doc.meta);
    expect(all).not.toContain('Kestrel');
    expect(doc.leftOut.find((l) => l.collection === 'blocks')).toMatchObject({ title: 'Paragraph 2 (TLP:AMBER)', marking: 'TLP:AMBER' });
    expect(JSON.stringify(doc.leftOut)).not.toContain('Kestrel');
  });

  it('withholds the citation of an AMBER source from a GREEN paragraph: the note reads "[withheld]", numbered in order after the cut', () => {
    const doc = compile(report(BODY));
    expect(doc.footnotes.map((f) => f.n)).toEqual([1, 2, 3]);
    expect(doc.footnotes[1]).toEqual({ n: 2, text: '[withheld]', sourceId: '' });
    expect(doc.footnotes[0]?.text).toContain('Open Reporting on the Valley');
    expect(doc.footnotes[2]?.text).toContain('Doe');
    expect(JSON.stringify(doc)).not.toContain('Liaison Readout');
    expect(JSON.stringify(doc)).not.toContain('Roe');
    expect(doc.bibliography?.entries).toHaveLength(1);
    expect(doc.leftOut.filter((l) => l.collection === 'citations')).toHaveLength(1);
  });

  it('drops the withheld note marker when asked, and renumbers the notes that remain', () => {
    const doc = compile(report(BODY), { withheld: 'drop' });
    expect(doc.footnotes.map((f) => [f.n, f.sourceId])).toEqual([[1, GREEN_SOURCE.id], [2, GREEN_SOURCE.id]]);
    const third = doc.blocks.filter((b) => b.type === 'paragraph')[1];
    expect(third?.type === 'paragraph' && third.runs.filter((r) => 'footnote' in r)).toEqual([{ footnote: 2 }]);
  });

  it('at TLP:AMBER keeps everything and numbers every citation', () => {
    const doc = compile(report(BODY), { maxMarking: 'TLP:AMBER' });
    expect(doc.leftOut).toEqual([]);
    expect(doc.footnotes).toHaveLength(4);
    expect(doc.marking).toBe('TLP:AMBER');
    expect(JSON.stringify(doc.footnotes)).toContain('Liaison Readout Kestrel');
  });

  it('refuses a report whose overall marking is above the maximum (its title and front matter carry it)', () => {
    const result = compileWrittenReport(report(BODY, 'TLP:AMBER'), input, { maxMarking: 'TLP:GREEN', withheld: 'mark', noteMode: 'footnotes' }, cslNoteFormatter(input, 'chicago-fullnote-bibliography'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toContain('TLP:AMBER');
  });

  it('keeps direction, emphasis, quotations and lists', () => {
    const doc = compile(
      report([
        para([text('د ولايت خبرې'), text(' emphasised', [{ type: 'italic' }])]),
        { type: 'blockquote', content: [para([text('Quoted words.')])] },
        { type: 'orderedList', content: [{ type: 'listItem', content: [para([text('first')])] }, { type: 'listItem', content: [para([text('second')])] }] },
        { type: 'pageBreak' },
      ]),
    );
    const [p, q, l, br] = doc.blocks.slice(2);
    expect(p).toMatchObject({ type: 'paragraph', dir: 'rtl', runs: [{ text: 'د ولايت خبرې' }, { text: ' emphasised', em: true }] });
    expect(q).toMatchObject({ type: 'paragraph', quote: true });
    expect(l).toMatchObject({ type: 'list', ordered: true, items: [[{ text: 'first' }], [{ text: 'second' }]] });
    expect(br).toEqual({ type: 'page-break' });
  });

  it('numbers figures after the cut and lists a node nobody compiles', () => {
    const figure: LiveNodeCompiler = { block: (node, ctx) => ({ blocks: [{ type: 'paragraph', role: 'caption', runs: [{ text: `Figure ${ctx.figureNumber(String(node.attrs?.['id']))}` }] }], leftOut: [] }) };
    const figureRef: LiveNodeCompiler = { inline: (node, ctx) => [{ text: `Figure ${ctx.figureNumber(String(node.attrs?.['figureId']))}` }] };
    const doc = compile(
      report([
        { type: 'figure' as never, attrs: { id: 'f1', marking: 'TLP:AMBER' } },
        { type: 'figure' as never, attrs: { id: 'f2' } },
        para([text('See '), { type: 'figureRef' as never, attrs: { figureId: 'f2' } }, text('.'), { type: 'fact' as never, attrs: {} }]),
      ]),
      { compilers: { figure, figureRef } },
    );
    const texts = doc.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.runs.map((r) => ('text' in r ? r.text : '')).join('')] : []));
    expect(texts).toEqual(['Figure 1', 'See Figure 1.']);
    expect(doc.leftOut.map((l) => l.title)).toEqual(['Figure 1 (TLP:AMBER)', 'Fact block in Paragraph 1']);
  });
});
