import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { WrittenReport, type BodyNode } from '../../src/shared/domain/written-report';
import { nodesOfTypes } from '../../src/shared/report/authoring/body-walk';
import { checkCaseOf, checkReport } from '../../src/shared/report/authoring/check';
import { computeFacts, parseFactSpec } from '../../src/shared/report/authoring/fact-spec';
import { parseFigureSpec } from '../../src/shared/report/authoring/figure-spec';
import draft from '../../src/main/demo/isk-report.json';

const doc = buildDemoCase('2024-06-01T00:00:00.000Z');
const report = doc.reports[0]!;
const nodes = nodesOfTypes(report.body, ['citation', 'fact', 'figure', 'figureRef', 'paragraph']);
const of = (type: string) => (nodes.get(type) ?? []).map((v) => v.node);

function textOf(node: BodyNode): string {
  return (node.text ?? '') + (node.content ?? []).map(textOf).join(' ');
}

describe('the demo case’s drafted report', () => {
  it('is in the demo case and valid under the domain schema', () => {
    expect(doc.reports).toHaveLength(1);
    expect(WrittenReport.safeParse(draft).success).toBe(true);
    expect(report.status).toBe('draft');
  });

  it('cites the case’s sources at least 25 times, every citation resolving to a record of the case', () => {
    const citations = of('citation');
    const sources = new Set(doc.sources.map((s) => s.id));
    const sourceCitations = citations.filter((c) => c.attrs?.['kind'] === 'sources');
    expect(sourceCitations.length).toBeGreaterThanOrEqual(25);
    for (const c of sourceCitations) expect(sources.has(c.attrs?.['recordId'] as string)).toBe(true);
    const events = new Set(doc.events.map((e) => e.id));
    for (const c of citations.filter((x) => x.attrs?.['kind'] === 'events')) expect(events.has(c.attrs?.['recordId'] as string)).toBe(true);
  });

  it('has four figures with valid specs, each referred to in the text', () => {
    const figures = of('figure');
    expect(figures).toHaveLength(4);
    for (const f of figures) expect(parseFigureSpec(f.attrs?.['spec']).ok).toBe(true);
    expect(new Set(of('figureRef').map((r) => r.attrs?.['figureId']))).toEqual(new Set(figures.map((f) => f.attrs?.['id'])));
  });

  it('its living numbers give the article’s figures from the case now', () => {
    const specs = of('fact').map((f) => parseFactSpec(f.attrs?.['spec'])).map((p) => (p.ok ? p.spec : expect.fail('invalid fact')));
    const values = computeFacts(specs, doc.events, doc.series);
    for (const n of [83, 353, 217, 45, 75, 174, 163]) expect(values).toContain(n);
    expect(values).not.toContain(undefined);
  });

  it('passes "Check the draft" with nothing to list', () => {
    expect(checkReport(report.body, checkCaseOf(doc))).toEqual([]);
  });

  it('holds one TLP:AMBER paragraph and cites a TLP:AMBER source', () => {
    expect(of('paragraph').filter((p) => p.attrs?.['marking'] === 'TLP:AMBER')).toHaveLength(1);
    const amber = new Set(doc.sources.filter((s) => s.marking === 'TLP:AMBER').map((s) => s.id));
    expect(of('citation').some((c) => amber.has(c.attrs?.['recordId'] as string))).toBe(true);
  });

  // The seed article sits beside the checkout when it is there; the report must be in our own words.
  const seed = resolve(__dirname, '../../../shared/seed/isk-threat-mapping-2020-2024.txt');
  it.skipIf(!existsSync(seed))('repeats no run of twelve words from the seed article', () => {
    const words = (t: string) => t.toLowerCase().replace(/’/g, "'").match(/[a-z0-9]+/g) ?? [];
    const article = words(readFileSync(seed, 'utf8'));
    const runs = new Set(article.slice(0, -11).map((_, i) => article.slice(i, i + 12).join(' ')));
    const ours = words([textOf(report.body), ...of('figure').map((f) => `${f.attrs?.['caption']} ${f.attrs?.['sourceLine']}`)].join(' '));
    const copied = ours.slice(0, -11).map((_, i) => ours.slice(i, i + 12).join(' ')).filter((r) => runs.has(r));
    expect(copied).toEqual([]);
  });
});
