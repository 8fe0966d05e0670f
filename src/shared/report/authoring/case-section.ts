import { z } from 'zod';
import { EventFilter } from '../../domain/filters';
import type { Marking } from '../../domain/marking';
import type { BodyNode } from '../../domain/written-report';
import type { Block, LeftOut, Run } from '../document';
import { actorProfiles, bibliography, eventsTable, timeline, type CiteRuns } from '../sections';
import { selectReport, type ReportInput } from '../select';
import type { CompiledLive, LiveNodeCompiler, LiveNodeContext } from './live-nodes';

/**
 * The case-report sections as a block of a written report (issue 14, point 7): node `caseSection`
 * with attributes `kind` and `settings` (JSON text: an event filter, a limit, a heading). It
 * compiles to the very blocks the case report builds (../sections.ts), from the case as the
 * export may show it, and cites through the report's own note numbering.
 */

export const CASE_SECTION_KINDS = ['events', 'timeline', 'actors', 'sources'] as const;
export const CaseSectionKind = z.enum(CASE_SECTION_KINDS);
export type CaseSectionKind = z.infer<typeof CaseSectionKind>;

export const CASE_SECTION_LABELS: Record<CaseSectionKind, string> = {
  events: 'Events table',
  timeline: 'Timeline excerpt',
  actors: 'Actor profiles',
  sources: 'Sources list',
};

/** Most characters of the `settings` attribute (a body attribute holds at most 2,000). */
export const CASE_SECTION_SETTINGS_MAX = 2_000;
/** The timeline excerpt's length when no limit is set (the case report's default). */
export const DEFAULT_TIMELINE_LIMIT = 25;

export const CaseSectionSettings = z
  .object({
    /** Which events (and so which actors and sources) the section shows; absent: the whole case. */
    filter: EventFilter.optional(),
    /** Most rows: the latest events (events, timeline), the first actors or sources by name. */
    limit: z.number().int().min(1).max(10_000).optional(),
    /** The section's heading in place of the default; "" writes none. */
    heading: z.string().max(200).optional(),
  })
  .strict();
export type CaseSectionSettings = z.infer<typeof CaseSectionSettings>;

export type ParsedCaseSection = { ok: true; kind: CaseSectionKind; settings: CaseSectionSettings } | { ok: false; reason: string };

/** The node's attributes, checked: a hand-edited or older body may hold anything. */
export function parseCaseSection(attrs: BodyNode['attrs']): ParsedCaseSection {
  const kind = CaseSectionKind.safeParse(attrs?.['kind']);
  if (!kind.success) return { ok: false, reason: `it names no known section (${JSON.stringify(attrs?.['kind'] ?? null)})` };
  const text = attrs?.['settings'];
  if (text === undefined || text === null || text === '') return { ok: true, kind: kind.data, settings: {} };
  if (typeof text !== 'string' || text.length > CASE_SECTION_SETTINGS_MAX) return { ok: false, reason: 'its settings are too long' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'its settings are not readable' };
  }
  const settings = CaseSectionSettings.safeParse(json);
  if (!settings.success) return { ok: false, reason: `its settings are not valid (${settings.error.issues[0]?.path.join('.') || 'settings'}: ${settings.error.issues[0]?.message})` };
  return { ok: true, kind: kind.data, settings: settings.data };
}

/** The attribute text for settings, or an error when it would not fit in a body attribute. */
export function caseSectionSettingsText(settings: CaseSectionSettings): { ok: true; text: string } | { ok: false; reason: string } {
  const text = JSON.stringify(CaseSectionSettings.parse(settings));
  return text.length <= CASE_SECTION_SETTINGS_MAX ? { ok: true, text } : { ok: false, reason: `the settings take ${text.length} characters; at most ${CASE_SECTION_SETTINGS_MAX} fit (narrow the filter)` };
}

const LEFT_OUT_OF: Record<CaseSectionKind, LeftOut['collection']> = { events: 'events', timeline: 'events', actors: 'actors', sources: 'sources' };

/**
 * One section's blocks. `keep` bounds a preview (the editor's node view) as PreviewLimits does
 * for the case report; an export passes none.
 */
export function compileCaseSection(kind: CaseSectionKind, settings: CaseSectionSettings, input: ReportInput, maxMarking: Marking, cite: CiteRuns, keep = Infinity): CompiledLive & { items: number } {
  const selection = selectReport({ ...input, filter: settings.filter ?? {} }, maxMarking);
  const limit = settings.limit ?? (kind === 'timeline' ? DEFAULT_TIMELINE_LIMIT : Infinity);
  const byName = <T>(list: readonly T[], name: (t: T) => string) => [...list].sort((a, b) => name(a).localeCompare(name(b))).slice(0, limit);
  let blocks: Block[];
  let items: number;
  if (kind === 'timeline' || kind === 'events') {
    const latest = limit < selection.events.length ? selection.events.slice(-limit) : selection.events;
    items = latest.length;
    blocks = kind === 'timeline' ? timeline(latest, cite, selection.events.length, keep) : eventsTable(latest, cite, new Map(selection.actors.map((a) => [a.id, a.name])), keep);
  } else if (kind === 'actors') {
    const actors = byName(selection.actors, (a) => a.name);
    items = actors.length;
    blocks = actorProfiles(actors, selection.events, cite, keep);
  } else {
    const sources = byName(selection.sources, (s) => s.title);
    items = sources.length;
    blocks = bibliography(sources, keep);
  }
  return { blocks: withHeading(blocks, settings.heading), leftOut: selection.leftOut.filter((l) => l.collection === LEFT_OUT_OF[kind]), items };
}

/** The builders open with their level-1 heading; a set heading replaces it, "" drops it. */
function withHeading(blocks: Block[], heading: string | undefined): Block[] {
  if (heading === undefined || blocks[0]?.type !== 'heading') return blocks;
  const text = heading.trim();
  return text ? [{ ...blocks[0], text }, ...blocks.slice(1)] : blocks.slice(1);
}

/** The report's citations of sources, numbered with the report's notes. */
export function citeThrough(ctx: Pick<LiveNodeContext, 'cite'>): CiteRuns {
  return (citations) => ctx.cite(citations.map((c) => (c.locator ? { recordId: c.sourceId, locator: c.locator } : { recordId: c.sourceId })));
}

export const caseSectionCompiler: LiveNodeCompiler = {
  block(node, ctx) {
    const parsed = parseCaseSection(node.attrs);
    if (!parsed.ok) return { blocks: [{ type: 'paragraph', runs: [{ text: `[A case section could not be built: ${parsed.reason}. Remove it and insert it again.]` }] }], leftOut: [] };
    const { blocks, leftOut } = compileCaseSection(parsed.kind, parsed.settings, ctx.input, ctx.maxMarking, citeThrough(ctx));
    return { blocks, leftOut };
  },
};

/** Rows a node view shows of its section. */
export const CASE_SECTION_PREVIEW_ROWS = 5;

/** A section's blocks as a few lines of plain text, for the editor's compact preview. */
export function previewLines(blocks: readonly Block[], max = CASE_SECTION_PREVIEW_ROWS): string[] {
  const plain = (runs: readonly Run[]) => runs.map((r) => ('text' in r ? r.text : '')).join('').trim();
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.type === 'table') lines.push(...block.rows.map((row) => row.map(plain).filter(Boolean).slice(0, 3).join(' · ')));
    else if (block.type === 'list') lines.push(...block.items.map(plain));
    else if (block.type === 'heading' && block.level === 2) lines.push(block.text);
  }
  return lines.slice(0, max);
}
