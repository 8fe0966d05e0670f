import { computeChart } from '../analytics/dashboard';
import { buildMap } from '../analytics/map-model';
import { markingRank, type Marking } from '../domain/marking';
import { achForReport, achSection } from './ach-section';
import type { Block, ReportDocument } from './document';
import { FootnoteBook } from './footnotes';
import { actorProfiles, bibliography, eventsTable, timeline } from './sections';
import { selectReport, type ReportInput } from './select';
import { reportSize } from './size';
import type { ReportTemplate, SectionKind } from './template';

export type { ReportInput } from './select';

/**
 * A preview's bound: each list, table and the profiles keep their first `rows` items; the rest
 * are still numbered (footnotes) and measured (size), so the preview tells the written report's
 * length and notes, without holding a million rows.
 */
export interface PreviewLimits {
  rows: number;
}

/**
 * Builds the report tree from what `selectReport` selects: the filters and the marking cut come
 * first, so nothing they leave out reaches a chart, table, list or note. With `limits` (the
 * preview), long sections are cut as PreviewLimits says; the writers build the whole report.
 */
export function buildReport(input: ReportInput, template: ReportTemplate, now: Date, limits?: PreviewLimits): ReportDocument {
  const keep = limits?.rows ?? Infinity;
  const selection = selectReport(input, template.maxMarking);
  const { events, actors, sources, series } = selection;
  const ach = template.sections.some((s) => s.kind === 'ach' && s.enabled) ? achForReport(input, template) : { views: [], leftOut: [], sources: [] };
  const leftOut = [...selection.leftOut, ...ach.leftOut];
  const marking = ach.views.reduce<Marking>((m, v) => (markingRank(v.marking) > markingRank(m) ? v.marking : m), selection.marking);
  const book = new FootnoteBook(new Map([...sources, ...ach.sources].map((s) => [s.id, s])));
  const cite = (citations: Parameters<FootnoteBook['cite']>[0]) => book.cite(citations);
  const actorName = new Map(actors.map((a) => [a.id, a.name]));
  const latest = events.slice(-template.timelineLimit);

  const sections = new Map<SectionKind, () => { blocks: Block[]; items: number }>([
    ['title', () => ({ blocks: titlePage(template, input.caseName, marking, leftOut.length, now), items: 1 })],
    ['summary', () => summary(template.summary)],
    ['charts', () => ({ blocks: [{ type: 'heading', level: 1, text: 'Charts' }, ...template.charts.map((id): Block => ({ type: 'chart', chart: computeChart(id, events, series, template.chartSettings) }))], items: template.charts.length })],
    ['map', () => ({ blocks: [{ type: 'heading', level: 1, text: 'Map' }, { type: 'map', map: buildMap(events, template.mapScope, template.chartSettings.policy) }], items: 1 })],
    ['timeline', () => ({ blocks: timeline(latest, cite, events.length, keep), items: latest.length })],
    ['actors', () => ({ blocks: actorProfiles(actors, events, cite, keep), items: actors.length })],
    ['events', () => ({ blocks: eventsTable(events, cite, actorName, keep), items: events.length })],
    ['ach', () => achSection(ach.views, book)],
  ]);
  const enabled = template.sections.filter((s) => s.enabled).map((s) => s.kind);
  const built = new Map<SectionKind, { blocks: Block[]; items: number }>();
  // The sources section lists what the other sections cite, so it is built last.
  for (const kind of enabled) if (kind !== 'sources') built.set(kind, sections.get(kind)!());
  if (enabled.includes('sources')) {
    const cited = book.citedSources();
    built.set('sources', { blocks: bibliography(cited, keep), items: cited.length });
  }
  const ordered = enabled.flatMap((kind) => {
    const section = built.get(kind);
    // A case without matrices (within the marking) has no ACH section at all.
    return section && (kind !== 'ach' || section.blocks.length > 0) ? [{ kind, ...section }] : [];
  });
  return { title: template.title, marking, blocks: ordered.flatMap((s) => s.blocks), footnotes: book.notes, leftOut, size: reportSize(ordered, book.notes) };
}

function titlePage(t: ReportTemplate, caseName: string, marking: Marking, leftOut: number, now: Date): Block[] {
  const lines = [`Case: ${caseName}`, `Prepared ${now.toISOString().slice(0, 10)}${t.author ? ` by ${t.author}` : ''}`, `Maximum marking ${t.maxMarking}; ${leftOut} record(s) above it left out.`];
  return [{ type: 'banner', marking }, { type: 'title', title: t.title, subtitle: t.subtitle, lines }, { type: 'page-break' }];
}

function summary(text: string): { blocks: Block[]; items: number } {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const blocks: Block[] = [{ type: 'heading', level: 1, text: 'Summary' }, ...(paragraphs.length ? paragraphs : ['No summary has been written.']).map((p): Block => ({ type: 'paragraph', runs: [{ text: p }] }))];
  return { blocks, items: paragraphs.length };
}

