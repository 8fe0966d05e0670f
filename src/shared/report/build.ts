import { computeChart } from '../analytics/dashboard';
import { buildMap } from '../analytics/map-model';
import type { Actor } from '../domain/actor';
import { actorRoleIn, type EventRole } from '../domain/actor-roles';
import { participantsOf, type Event } from '../domain/event';
import { markingRank, type Marking } from '../domain/marking';
import type { Source } from '../domain/source';
import { achForReport, achSection } from './ach-section';
import type { Block, ReportDocument, Run } from './document';
import { FootnoteBook, sourceLine } from './footnotes';
import { formatDate, humanizeWord } from './format';
import { selectReport, type ReportInput } from './select';
import { blocksLines, listItemLines, reportSize, tableRowLines } from './size';
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
  const actorName = new Map(actors.map((a) => [a.id, a.name]));
  const latest = events.slice(-template.timelineLimit);

  const sections = new Map<SectionKind, () => { blocks: Block[]; items: number }>([
    ['title', () => ({ blocks: titlePage(template, input.caseName, marking, leftOut.length, now), items: 1 })],
    ['summary', () => summary(template.summary)],
    ['charts', () => ({ blocks: [{ type: 'heading', level: 1, text: 'Charts' }, ...template.charts.map((id): Block => ({ type: 'chart', chart: computeChart(id, events, series, template.chartSettings) }))], items: template.charts.length })],
    ['map', () => ({ blocks: [{ type: 'heading', level: 1, text: 'Map' }, { type: 'map', map: buildMap(events, template.mapScope, template.chartSettings.policy) }], items: 1 })],
    ['timeline', () => ({ blocks: timeline(latest, book, events.length, keep), items: latest.length })],
    ['actors', () => ({ blocks: actorProfiles(actors, events, book, keep), items: actors.length })],
    ['events', () => ({ blocks: eventsTable(events, book, actorName, keep), items: events.length })],
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

function eventCitations(e: Event) {
  return [...e.citations, ...e.responsibility.flatMap((c) => c.citations), ...participantsOf(e).flatMap((p) => p.citations)];
}

function place(e: Event): string {
  return [e.location.place, e.location.admin1, e.location.country].filter(Boolean).join(', ');
}

/** A list of which only the first `keep` items are kept; the others are measured. */
function listBlock(ordered: boolean, count: number, item: (i: number) => Run[], keep: number): Block {
  const items: Run[][] = [];
  let hidden = 0;
  for (let i = 0; i < count; i++) {
    const runs = item(i);
    if (i < keep) items.push(runs);
    else hidden += listItemLines(runs);
  }
  return { type: 'list', ordered, items, ...(count > keep ? { more: { count: count - keep, lines: hidden } } : {}) };
}

function timeline(events: readonly Event[], book: FootnoteBook, total: number, keep: number): Block[] {
  const intro = events.length < total ? `The latest ${events.length} of ${total} events.` : `All ${total} events, oldest first.`;
  return [
    { type: 'heading', level: 1, text: 'Timeline' },
    { type: 'paragraph', runs: [{ text: intro }] },
    listBlock(false, events.length, (i) => { const e = events[i]!; return [{ text: `${formatDate(e.date)} — `, strong: true }, { text: `${e.title} (${place(e)})` }, ...book.cite(eventCitations(e))]; }, keep),
  ];
}

type RoleCounts = Record<EventRole, number>;

/** Per actor, in how many of the report's events it is perpetrator, target or participant; one pass over the events. */
function roleCounts(events: readonly Event[]): Map<string, RoleCounts> {
  const out = new Map<string, RoleCounts>();
  for (const e of events) {
    const named = new Set([...e.responsibility.flatMap((c) => (c.byActorId ? [c.actorId, c.byActorId] : [c.actorId])), ...participantsOf(e).map((p) => p.actorId)]);
    for (const actorId of named) {
      const role = actorRoleIn(e, actorId);
      if (!role) continue;
      const counts = out.get(actorId) ?? { perpetrator: 0, target: 0, participant: 0 };
      counts[role]++;
      out.set(actorId, counts);
    }
  }
  return out;
}

/** "In this report's events: perpetrator in 12, target in 3." */
function rolesLine(counts: RoleCounts | undefined): string | null {
  const parts = (['perpetrator', 'target', 'participant'] as const).filter((r) => (counts?.[r] ?? 0) > 0).map((r) => `${r} in ${counts?.[r]}`);
  return parts.length ? `In this report's events: ${parts.join(', ')}.` : null;
}

function actorProfiles(actors: readonly Actor[], events: readonly Event[], book: FootnoteBook, keep: number): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 1, text: 'Actor profiles' }];
  const roles = roleCounts(events);
  const sorted = [...actors].sort((x, y) => x.name.localeCompare(y.name));
  let hiddenLines = 0;
  sorted.forEach((a, i) => {
    const profile = actorProfile(a, roles, book);
    if (i < keep) blocks.push(...profile);
    else hiddenLines += blocksLines(profile);
  });
  if (sorted.length > keep) blocks.push({ type: 'omitted', text: `… and ${sorted.length - keep} more profiles in the written report.`, lines: hiddenLines });
  return blocks;
}

function actorProfile(a: Actor, roles: ReadonlyMap<string, RoleCounts>, book: FootnoteBook): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 2, text: a.name }];
  const facts = [humanizeWord(a.kind), a.status ? `status: ${a.status.value}` : null, a.roles.length ? `roles: ${a.roles.join(', ')}` : null].filter(Boolean).join('; ');
  blocks.push({ type: 'paragraph', runs: [{ text: `${facts}.` }, ...book.cite([...a.citations, ...(a.status?.citations ?? [])])] });
  if (a.aliases.length) {
    blocks.push({ type: 'paragraph', runs: [{ text: 'Also known as: ', strong: true }, ...a.aliases.flatMap((al, i): Run[] => [{ text: `${i ? '; ' : ''}${al.name}${al.transliteration ? ` (${al.transliteration})` : ''} [${al.language}]` }, ...book.cite(al.citations)])] });
  }
  if (a.description) blocks.push({ type: 'paragraph', runs: [{ text: a.description }] });
  const line = rolesLine(roles.get(a.id));
  if (line) blocks.push({ type: 'paragraph', runs: [{ text: line }] });
  return blocks;
}

function eventsTable(events: readonly Event[], book: FootnoteBook, actorName: ReadonlyMap<string, string>, keep: number): Block[] {
  const row = (e: Event): Run[][] => {
    const claims = [
      ...e.responsibility.filter((c) => actorName.has(c.actorId)).map((c) => `${c.kind} by/for ${actorName.get(c.actorId)}`),
      ...participantsOf(e).filter((p) => actorName.has(p.actorId)).map((p) => `${p.role}: ${actorName.get(p.actorId)}`),
    ];
    const deaths = e.fatalities ? (e.fatalities.min === e.fatalities.max ? String(e.fatalities.min) : `${e.fatalities.min}–${e.fatalities.max}`) : '';
    return [[{ text: formatDate(e.date) }], [{ text: e.title }, ...book.cite(eventCitations(e))], [{ text: humanizeWord(e.category) }], [{ text: place(e) }], [{ text: deaths }], [{ text: claims.join('; ') }]];
  };
  const rows: Run[][][] = [];
  let hidden = 0;
  events.forEach((e, i) => {
    const cells = row(e);
    if (i < keep) rows.push(cells);
    else hidden += tableRowLines(cells);
  });
  const more = events.length > keep ? { more: { count: events.length - keep, lines: hidden } } : {};
  return [{ type: 'heading', level: 1, text: 'Events' }, { type: 'table', caption: `${events.length} events`, header: ['Date', 'Event', 'Category', 'Place', 'Fatalities', 'Responsibility and targets'], rows, ...more }];
}

function bibliography(sources: readonly Source[], keep: number): Block[] {
  return [
    { type: 'heading', level: 1, text: 'Sources' },
    sources.length === 0
      ? { type: 'paragraph', runs: [{ text: 'No source is cited in this report.' }] }
      : listBlock(true, sources.length, (i) => { const s = sources[i]!; return [{ text: `${sourceLine(s)}. ${humanizeWord(s.kind)}; reliability ${s.reliability}; ${s.marking}.${s.url ? ` ${s.url}` : ''}` }]; }, keep),
  ];
}
