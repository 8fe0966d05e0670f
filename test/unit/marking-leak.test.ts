import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt } from '../../src/main/services/exchange/age-stream';
import { casefileBytes, type CaseFiles } from '../../src/main/services/exchange/casefile-write';
import { matrixCsv, matrixXlsx } from '../../src/main/services/ach-export';
import { newVersionHasher } from '../../src/main/services/exchange/hashing';
import { newIdentity, type OwnIdentity } from '../../src/main/services/exchange/identity';
import { chartSvg } from '../../src/main/services/report/chart-svg';
import { findChromium } from '../../src/main/services/report/pdf';
import { reportPreview, reportSummary } from '../../src/main/services/report/report-preview';
import { render, type ReportFormat } from '../../src/main/services/report/report-service';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import { listLookup } from '../../src/shared/ach/lookup';
import { matrixAt } from '../../src/shared/ach/product';
import { matrixSvg } from '../../src/shared/ach/svg';
import { DEFAULT_CHART_SETTINGS } from '../../src/shared/analytics/dashboard';
import { MAP_SCOPES } from '../../src/shared/analytics/map-model';
import { mapSvg } from '../../src/shared/analytics/svg';
import type { CaseDocument } from '../../src/shared/domain/case';
import { TIMELINE_GROUPINGS, type EventFilter } from '../../src/shared/domain/filters';
import type { Marking } from '../../src/shared/domain/marking';
import { RECORDS_PART, canonicalJson, caseStixExport, type PayloadLine } from '../../src/shared/exchange';
import type { AnyRecord } from '../../src/shared/domain/collections';
import { buildReport } from '../../src/shared/report/build';
import type { ReportDocument } from '../../src/shared/report/document';
import { builtInTemplate, type ReportTemplate } from '../../src/shared/report/template';
import { untar } from '../helpers/tar-read';
import { filterFor, leakCase, leakCut, leaksIn, tokensAbove, type LeakCase, type LeakCut } from '../helpers/leak-case';


/** The case's files as a blob store would give them: the exported file carries what the selection lets through. */
function filesOf(c: LeakCase): CaseFiles {
  return {
    async *read(sha256) {
      const bytes = c.files.get(sha256);
      if (!bytes) throw new Error(`no file ${sha256}`);
      yield bytes;
    },
    stat: async (sha256) => {
      const bytes = c.files.get(sha256);
      return bytes ? { size: bytes.length } : null;
    },
  };
}

/**
 * The "done when": random cases at every marking, exported through every path, and no
 * text of a record above the cut in what comes out. Runs: CASEFILE_PROPERTY_RUNS (default 20;
 * DOCX and PDF, which take seconds each, a sixth of it, at least 2).
 */
const RUNS = Number(process.env['CASEFILE_PROPERTY_RUNS'] ?? 20);
const SLOW_RUNS = Math.max(2, Math.round(RUNS / 6));
const NOW = new Date('2025-01-02T00:00:00Z');

function reportTemplate(doc: CaseDocument, max: Marking): ReportTemplate {
  return { ...builtInTemplate('full', doc.name), maxMarking: max, summary: 'Analyst words.' };
}

function report(c: LeakCase, cut: LeakCut): { doc: ReportDocument; filter: EventFilter } {
  const filter = filterFor(cut, c.doc);
  return { doc: buildReport({ caseName: c.doc.name, ...c.doc, filter }, reportTemplate(c.doc, cut.max), NOW), filter };
}

/** The report tree as the preview shows it and the writers read it, without the analyst's left-out list (which never leaves). */
function treeText(doc: ReportDocument): string {
  return JSON.stringify({ ...doc, leftOut: [] });
}

async function written(doc: ReportDocument, format: ReportFormat): Promise<string> {
  const bytes = await render(doc, format, async () => Buffer.alloc(0));
  if (format === 'docx') {
    const files = unzipSync(new Uint8Array(bytes));
    return Object.entries(files)
      .filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels'))
      .map(([, data]) => strFromU8(data).replace(/<[^>]+>/g, ''))
      .join('\n');
  }
  return bytes.toString('utf8');
}

/** The views' queries in main, as the app's IPC handlers answer them. */
const views = new CaseViews(new CaseService({ user: 'leak test' }));

/** What the Analytics view draws and exports (SVG, PNG and copy are drawn from these charts): analytics:charts, with the filter's marking as the cut. */
async function analyticsView(doc: CaseDocument, filter: EventFilter) {
  return (await views.analytics.charts(doc, filter, DEFAULT_CHART_SETTINGS)).charts;
}

/** What the Map view draws and exports, at both scopes: analytics:map. */
async function mapView(doc: CaseDocument, filter: EventFilter) {
  return Promise.all(MAP_SCOPES.map((scope) => views.analytics.map(doc, filter, scope, 'spread')));
}

/** What "Copy summary as Markdown" puts on the clipboard: report:summary, made in main. */
function clipboardSummary(doc: CaseDocument, template: ReportTemplate, filter: EventFilter): string {
  return reportSummary(doc, template.maxMarking, filter, NOW);
}

const noLeak = (output: string, c: LeakCase, max: Marking, what: string) => expect(leaksIn(output, tokensAbove(c, max)), `${what} at ${max}`).toEqual([]);

describe('nothing above the cut leaves, whatever the case (property)', () => {
  let identity: OwnIdentity;
  beforeAll(async () => {
    identity = await newIdentity('Leak tester');
  });

  it('report: the preview tree, HTML, Markdown, and the charts and map as drawn into every format', async () => {
    await fc.assert(
      fc.asyncProperty(leakCase, leakCut, async (c, cut) => {
        const { doc } = report(c, cut);
        noLeak(treeText(doc), c, cut.max, 'report tree');
        for (const format of ['html', 'md'] as const) noLeak(await written(doc, format), c, cut.max, format);
        for (const block of doc.blocks) {
          if (block.type === 'chart') noLeak(chartSvg(block.chart), c, cut.max, `report chart ${block.chart.id}`);
          if (block.type === 'map') noLeak(mapSvg(block.map), c, cut.max, 'report map');
        }
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  // DOCX rasterises each chart (seconds per report): fewer runs; its drawings are the SVGs checked above.
  it('report: DOCX, every XML part (body, notes, header, footer, properties)', async () => {
    await fc.assert(
      fc.asyncProperty(leakCase, leakCut, async (c, cut) => {
        noLeak(await written(report(c, cut).doc, 'docx'), c, cut.max, 'docx');
      }),
      { numRuns: SLOW_RUNS },
    );
  }, 300_000);

  it.skipIf(!findChromium())('report: PDF (fewer runs, it is slow)', async () => {
    const { chromiumPrinter } = await import('../../src/main/services/report/pdf');
    await fc.assert(
      fc.asyncProperty(leakCase, leakCut, async (c, cut) => {
        const { doc } = report(c, cut);
        const bytes = await render(doc, 'pdf', chromiumPrinter);
        const text = (await new PDFParse({ data: new Uint8Array(bytes) }).getText()).text;
        noLeak(text, c, cut.max, 'pdf');
      }),
      { numRuns: SLOW_RUNS },
    );
  }, 300_000);

  it('STIX bundle', () => {
    fc.assert(
      fc.property(leakCase, leakCut, (c, cut) => {
        // The CLI's export: the records as selected, and the case's own description.
        const filter = filterFor(cut, c.doc);
        noLeak(JSON.stringify(caseStixExport(c.doc, cut.max, Object.keys(filter).length ? filter : undefined, NOW.toISOString()).bundle), c, cut.max, 'stix');
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('.casefile: decrypted, unpacked and decompressed, every part', async () => {
    await fc.assert(
      fc.asyncProperty(leakCase, leakCut, async (c, cut) => {
        const filter = filterFor(cut, c.doc);
        const { bytes } = await casefileBytes({ doc: c.doc, files: filesOf(c), identity, sequence: 1, maxMarking: cut.max, ...(Object.keys(filter).length ? { filter } : {}), to: { recipients: [identity.ageRecipient] }, now: NOW });
        const parts = await untar(await ageDecrypt(bytes, { identities: [identity.ageIdentity] }));
        const text = [...parts.entries()]
          .map(([name, data]) => (name.endsWith('.gz') ? gunzipSync(data).toString('utf8') : Buffer.from(data).toString('utf8')))
          .join('\n');
        noLeak(text, c, cut.max, '.casefile');
        // No listed version hash is of a version holding text above the cut: a receiver could confirm a guess by hashing it.
        const lines = gunzipSync(parts.get(RECORDS_PART) as Uint8Array).toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as PayloadLine);
        const listed = new Set(lines.flatMap((l) => l.versions));
        // The files do travel where the cut allows: a whole-case export carries the file of every source it carries.
        const carried = new Set(lines.flatMap((l) => (l.kind === 'record' && l.collection === 'sources' ? [(l.record as { attachment?: { sha256: string } }).attachment?.sha256 ?? ''] : [])));
        if (Object.keys(filter).length === 0) expect(new Set([...parts.keys()].filter((p) => p.startsWith('attachments/')).map((p) => p.slice(12)))).toEqual(carried);
        const withheld = tokensAbove(c, cut.max);
        const hash = newVersionHasher();
        for (const change of c.doc.history.flatMap((e) => e.changes)) {
          for (const version of [change.before, change.op === 'put' ? change.after : null]) {
            if (!version || leaksIn(canonicalJson(version), withheld).length === 0) continue;
            expect(listed.has(hash(version as AnyRecord)), `hash of ${change.collection} ${change.id} (holds ${leaksIn(canonicalJson(version), withheld)[0]}) at ${cut.max}`).toBe(false);
          }
        }
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('analytics and map views: what main sends them and their SVG exports, cut at the filter’s marking', async () => {
    await fc.assert(
      fc.asyncProperty(leakCase, leakCut, async (c, cut) => {
        const filter: EventFilter = { ...filterFor(cut, c.doc), maxMarking: cut.max };
        for (const chart of await analyticsView(c.doc, filter)) {
          noLeak(JSON.stringify(chart), c, cut.max, `analytics chart ${chart.id}`);
          noLeak(chartSvg(chart), c, cut.max, `analytics chart ${chart.id} SVG`);
        }
        for (const map of await mapView(c.doc, filter)) noLeak(JSON.stringify(map) + mapSvg(map), c, cut.max, `map ${map.title}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('timeline: what main sends it (summary rows, window events and density, the list), at every grouping, cut at the filter’s marking', async () => {
    await fc.assert(
      fc.asyncProperty(leakCase, leakCut, async (c, cut) => {
        const filter: EventFilter = { ...filterFor(cut, c.doc), maxMarking: cut.max };
        for (const grouping of TIMELINE_GROUPINGS) {
          const query = { filter, grouping };
          const summary = await views.timeline.summary(c.doc, query);
          noLeak(JSON.stringify(summary), c, cut.max, `timeline summary by ${grouping}`);
          // A window wide enough for density, and one narrow enough for events.
          for (const [from, to] of [[Date.UTC(2000, 0, 1), Date.UTC(2040, 0, 1)], [Date.UTC(2018, 0, 1), Date.UTC(2026, 0, 1)]] as const) {
            noLeak(JSON.stringify(await views.timeline.window(c.doc, query, from, to)), c, cut.max, `timeline window by ${grouping}`);
            noLeak(JSON.stringify(await views.timeline.list(c.doc, query, from, to, 200)), c, cut.max, `timeline list by ${grouping}`);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('link chart: what actors:link-chart sends (nodes and relationships), with and without neighbours, cut at the filter’s marking', async () => {
    await fc.assert(
      fc.asyncProperty(leakCase, leakCut, async (c, cut) => {
        const filter: EventFilter = { ...filterFor(cut, c.doc), maxMarking: cut.max };
        for (const neighbours of [true, false]) noLeak(JSON.stringify(await views.actors.linkChart(c.doc, filter, null, neighbours)), c, cut.max, `link chart (neighbours ${neighbours})`);
      }),
      { numRuns: RUNS },
    );
  });

  it('report preview: what report:preview sends the builder (cut sections, notes, left-out count only)', () => {
    fc.assert(
      fc.property(leakCase, leakCut, (c, cut) => {
        const preview = reportPreview(c.doc, reportTemplate(c.doc, cut.max), filterFor(cut, c.doc), NOW);
        noLeak(JSON.stringify({ ...preview, leftOut: [] }), c, cut.max, 'report preview');
      }),
      { numRuns: RUNS },
    );
  });

  it('ACH: every matrix alone as CSV, XLSX (its XML) and SVG, cut at the export’s marking', async () => {
    await fc.assert(
      fc.asyncProperty(leakCase, leakCut, async (c, cut) => {
        const lookup = listLookup(c.doc);
        for (const matrix of c.doc.matrices) {
          const view = matrixAt(matrix, c.doc.matrixRows, lookup, cut.max);
          if (!view) continue;
          noLeak(matrixCsv(view).toString('utf8'), c, cut.max, `ACH ${matrix.id} CSV`);
          noLeak(matrixSvg(view).svg, c, cut.max, `ACH ${matrix.id} SVG`);
          const xml = Object.values(unzipSync(new Uint8Array(await matrixXlsx(view)))).map((d) => strFromU8(d)).join('\n');
          noLeak(xml, c, cut.max, `ACH ${matrix.id} XLSX`);
        }
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('clipboard: "Copy summary as Markdown" at the report’s marking', () => {
    fc.assert(
      fc.property(leakCase, leakCut, (c, cut) => {
        const filter = filterFor(cut, c.doc);
        noLeak(clipboardSummary(c.doc, reportTemplate(c.doc, cut.max), filter), c, cut.max, 'clipboard summary');
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
