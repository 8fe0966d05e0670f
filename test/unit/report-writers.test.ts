import { strFromU8, unzipSync } from 'fflate';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/main/services/report/pdf';
import { chartSvg } from '../../src/main/services/report/chart-svg';
import type { ChartData } from '../../src/shared/analytics/chart-data';
import { emptyCoverage } from '../../src/shared/analytics/imprecision';
import { writeReport } from '../../src/main/services/report/report-service';
import { emptyCase, type CaseDocument } from '../../src/shared/domain/case';
import { builtInTemplate, type ReportTemplate } from '../../src/shared/report/template';
import { FIXTURE_ACTORS, FIXTURE_EVENTS, FIXTURE_SERIES, FIXTURE_SOURCES, RED_EVENT } from './analytics-fixture';

const LEFT_OUT = ['E7 Secret informant meeting', 'Red Informant', 'Amber liaison note'];
const doc: CaseDocument = { ...emptyCase('case--fixture', 'Fixture case', '2025-01-01T00:00:00.000Z'), events: [...FIXTURE_EVENTS, RED_EVENT], actors: FIXTURE_ACTORS, sources: FIXTURE_SOURCES, series: FIXTURE_SERIES };
const template: ReportTemplate = { ...builtInTemplate('full', 'Fixture case'), summary: 'Analyst judgement: attacks moved abroad.' };
const now = new Date('2025-01-02T00:00:00Z');

describe('HTML report', () => {
  let html = '';
  beforeAll(async () => {
    html = (await writeReport(doc, template, 'html', { now })).bytes.toString('utf8');
  });

  it('is self-contained: charts and map inline as SVG, no outside request', () => {
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(6); // five charts and the map
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?(https?:)?\/\//i);
    // url(#id) is the SVG's own clip paths, url(data:font/ttf…) the embedded fonts; any other url( would be a request.
    expect(html).not.toMatch(/url\((?!['"]?#|data:font\/ttf;base64,)|@import|<script|<link|<img|<iframe|<object/i);
    expect(html).toContain("default-src 'none'");
  });

  it('has the summary, numbered notes and leaves the marked-out records out', () => {
    expect(html).toContain('Analyst judgement: attacks moved abroad.');
    expect(html).toContain('<li id="fn-1">Source B wire.');
    expect(html).toContain('<sup><a href="#fn-2" id="ref-2">2</a></sup>');
    for (const gone of LEFT_OUT) expect(html).not.toContain(gone);
  });
});

describe('Markdown report', () => {
  it('writes footnotes and chart numbers as tables', async () => {
    const md = (await writeReport(doc, template, 'md', { now })).bytes.toString('utf8');
    expect(md).toContain('[^1]: Source B wire.');
    expect(md).toMatch(/E3 Bajaur attack \(Khyber Pakhtunkhwa, PK\)\[\^1\]/);
    expect(md).toContain('| Year | AF | PK | RU |');
    for (const gone of LEFT_OUT) expect(md).not.toContain(gone);
  });
});

describe('DOCX report', () => {
  it('is a Word document with headings, tables, chart images and real footnotes', async () => {
    const { bytes } = await writeReport(doc, template, 'docx', { now });
    const files = unzipSync(new Uint8Array(bytes));
    const body = strFromU8(files['word/document.xml']!);
    const notes = strFromU8(files['word/footnotes.xml']!);
    expect(body).toContain('w:val="Heading1"');
    expect(body).toContain('<w:tbl>');
    expect(body).toMatch(/<w:footnoteReference w:id="1"\/>/);
    expect(notes).toContain('Source B wire.');
    const images = Object.keys(files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'));
    expect(images).toHaveLength(6);
    expect(Buffer.from(files[images[0]!]!).subarray(1, 4).toString('latin1')).toBe('PNG');
    for (const gone of LEFT_OUT) expect(body + notes).not.toContain(gone);
  });

  it('carries the marking in the header and footer of every page, with "Page N of M"', async () => {
    const { bytes } = await writeReport(doc, template, 'docx', { now });
    const files = unzipSync(new Uint8Array(bytes));
    const body = strFromU8(files['word/document.xml']!);
    const rels = strFromU8(files['word/_rels/document.xml.rels']!);
    // One section, whose default header and footer apply to every page (no different first page).
    expect(body.match(/<w:sectPr/g)).toHaveLength(1);
    expect(body).not.toContain('<w:titlePg');
    const part = (type: 'header' | 'footer') => {
      const id = new RegExp(`<w:${type}Reference w:type="default" r:id="(\\w+)"`).exec(body)?.[1];
      const target = id && new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      return target ? strFromU8(files[`word/${target}`]!) : '';
    };
    const text = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => m[1] ?? `{${(m[2] ?? '').trim()}}`).join('');
    expect(text(part('header'))).toBe('TLP:GREEN');
    expect(text(part('footer'))).toBe('TLP:GREEN · Page {PAGE} of {NUMPAGES}');
  });
});

describe.skipIf(!findChromium())('PDF report (headless Chromium)', () => {
  it('holds the report text and not the marked-out records', async () => {
    const { bytes } = await writeReport(doc, template, 'pdf', { now });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parsed = await new PDFParse({ data: new Uint8Array(bytes) }).getText();
    const text = parsed.text.replace(/\s+/g, ' ');
    expect(text).toContain('Analyst judgement: attacks moved abroad.');
    expect(text).toContain('E6 Concert hall attack');
    expect(text).toContain('TLP:GREEN');
    for (const gone of LEFT_OUT) expect(text).not.toContain(gone);
  }, 60_000);

  it('carries the marking at the top and bottom of every page with "Page N of M", and is about as long as the builder said', async () => {
    const { bytes, document } = await writeReport(doc, template, 'pdf', { now });
    const parsed = await new PDFParse({ data: new Uint8Array(bytes) }).getText();
    expect(parsed.total).toBeGreaterThan(2);
    for (const page of parsed.pages) {
      const lines = page.text.split('\n').map((l) => l.trim()).filter(Boolean);
      expect(lines.filter((l) => l === 'TLP:GREEN').length, `page ${page.num}: ${lines.join(' | ')}`).toBeGreaterThanOrEqual(1);
      expect(lines, `page ${page.num}`).toContain(`TLP:GREEN · Page ${page.num} of ${parsed.total}`);
    }
    expect(Math.abs(document.size.pages - parsed.total), `estimated ${document.size.pages}, printed ${parsed.total}`).toBeLessThanOrEqual(Math.max(2, parsed.total * 0.35));
  }, 60_000);
});

describe('adjacent note markers', () => {
  // E3 cites two sources, so its line ends with two note markers side by side.
  const twoNotes: CaseDocument = { ...doc, events: doc.events.map((e) => (e.id === 'event--e3' ? { ...e, citations: [{ sourceId: 'source--b', credibility: 3 }, { sourceId: 'source--a', credibility: 2 }] } : e)) };
  const brief = template;
  const textOf = (html: string) => html.replace(/<[^>]+>/g, '');

  it('are kept apart in HTML and PDF (notes 1 and 2 do not print as "12")', async () => {
    const html = (await writeReport(twoNotes, brief, 'html', { now })).bytes.toString('utf8');
    const line = textOf(html).split('\n').find((l) => l.includes('E3 Bajaur attack'))!;
    expect(line).toMatch(/E3 Bajaur attack.*1,2/);
  });

  it('are kept apart in Markdown and DOCX', async () => {
    const md = (await writeReport(twoNotes, brief, 'md', { now })).bytes.toString('utf8');
    expect(md).toMatch(/E3 Bajaur attack[^\n]*\[\^1\],\[\^2\]/);
    const body = strFromU8(unzipSync(new Uint8Array((await writeReport(twoNotes, brief, 'docx', { now })).bytes))['word/document.xml']!);
    expect(body).toMatch(/<w:footnoteReference w:id="1"\/><\/w:r><w:r>(?:(?!<w:footnoteReference).)*<w:t[^>]*>,<\/w:t><\/w:r><w:r>(?:(?!<w:t).)*<w:footnoteReference w:id="2"\/>/);
  });
});

describe('Markdown map table', () => {
  it('lists provinces, not shapes: a province drawn as two shapes (Parwan) is one row', async () => {
    const parwan: CaseDocument = { ...doc, events: [...doc.events, { ...doc.events[0]!, id: 'event--parwan', title: 'Parwan attack', location: { country: 'AF', admin1: 'Parwan', geoPrecision: 'admin1' } }] };
    const md = (await writeReport(parwan, { ...template, mapScope: 'af-pk' }, 'md', { now })).bytes.toString('utf8');
    // One row (its own event, plus its share of country-only events where the template spreads them).
    expect(md.match(/^\| Parwan \| [^|]+ \|$/gm)).toEqual([expect.stringMatching(/^\| Parwan \| ≈?1(\.\d+)? \|$/)]);
  });
});

describe('static chart legend', () => {
  it('shows every series, not the page arrows of a scrolling legend ("1/3 ▶")', () => {
    const names = Array.from({ length: 11 }, (_, i) => `Province number ${i + 1} (AF)`);
    const chart: ChartData = { id: 'events-by-year-place', title: 'Events per year by province', kind: 'stacked-bar', xLabel: 'Year', yLabel: 'Events', categories: ['2021', '2022'], series: names.map((name, i) => ({ name, values: [i, 1] })), coverage: emptyCoverage('exclude') };
    const svg = chartSvg(chart);
    expect(svg).not.toMatch(/>\s*\d+\/\d+\s*</);
    for (const name of names) expect(svg).toContain(`>${name}<`);
  });
});

describe('spread values in Markdown tables', () => {
  it('keep totals exact (one year-only event is 1, not 12 × 0.1 = 1.2) and say the values are estimates', async () => {
    const oneYearOnly: CaseDocument = { ...doc, events: [{ ...doc.events[0]!, id: 'event--y', title: 'Year-only attack', date: { value: '2021', precision: 'year' } }] };
    const spread: ReportTemplate = { ...template, charts: ['monthly-measures'], chartSettings: { ...template.chartSettings, policy: 'spread' } };
    const md = (await writeReport(oneYearOnly, spread, 'md', { now })).bytes.toString('utf8');
    const table = md.slice(md.indexOf('| Month |'));
    expect(table).toMatch(/^\| Total \| 1 \|/m);
    expect(table).toMatch(/estimates/);
  });
});
