import type { Actor } from '../domain/actor';
import { actorRoleIn, type EventRole } from '../domain/actor-roles';
import type { Citation } from '../domain/citation';
import { participantsOf, type Event } from '../domain/event';
import type { Source } from '../domain/source';
import type { Block, Run } from './document';
import { sourceLine } from './footnotes';
import { formatDate, humanizeWord } from './format';
import { blocksLines, listItemLines, tableRowLines } from './size';

/**
 * The case-report sections made from records: the timeline excerpt, actor profiles, the events
 * table and the sources list. The case report (build.ts) and the `caseSection` block of a written
 * report (authoring/case-section.ts) both build them here; each numbers its notes its own way
 * through `cite`. `keep` bounds a preview (build.ts PreviewLimits): later items are measured, not kept.
 */
export type CiteRuns = (citations: readonly Citation[]) => Run[];

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

/** The latest events, oldest first, out of `total` (said in the intro). */
export function timeline(events: readonly Event[], cite: CiteRuns, total: number, keep: number): Block[] {
  const intro = events.length < total ? `The latest ${events.length} of ${total} events.` : `All ${total} events, oldest first.`;
  return [
    { type: 'heading', level: 1, text: 'Timeline' },
    { type: 'paragraph', runs: [{ text: intro }] },
    listBlock(false, events.length, (i) => { const e = events[i]!; return [{ text: `${formatDate(e.date)} — `, strong: true }, { text: `${e.title} (${place(e)})` }, ...cite(eventCitations(e))]; }, keep),
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

/** A profile per actor by name, with its roles in `events`. */
export function actorProfiles(actors: readonly Actor[], events: readonly Event[], cite: CiteRuns, keep: number): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 1, text: 'Actor profiles' }];
  const roles = roleCounts(events);
  const sorted = [...actors].sort((x, y) => x.name.localeCompare(y.name));
  let hiddenLines = 0;
  sorted.forEach((a, i) => {
    const profile = actorProfile(a, roles, cite);
    if (i < keep) blocks.push(...profile);
    else hiddenLines += blocksLines(profile);
  });
  if (sorted.length > keep) blocks.push({ type: 'omitted', text: `… and ${sorted.length - keep} more profiles in the written report.`, lines: hiddenLines });
  return blocks;
}

function actorProfile(a: Actor, roles: ReadonlyMap<string, RoleCounts>, cite: CiteRuns): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 2, text: a.name }];
  const facts = [humanizeWord(a.kind), a.status ? `status: ${a.status.value}` : null, a.roles.length ? `roles: ${a.roles.join(', ')}` : null].filter(Boolean).join('; ');
  blocks.push({ type: 'paragraph', runs: [{ text: `${facts}.` }, ...cite([...a.citations, ...(a.status?.citations ?? [])])] });
  if (a.aliases.length) {
    blocks.push({ type: 'paragraph', runs: [{ text: 'Also known as: ', strong: true }, ...a.aliases.flatMap((al, i): Run[] => [{ text: `${i ? '; ' : ''}${al.name}${al.transliteration ? ` (${al.transliteration})` : ''} [${al.language}]` }, ...cite(al.citations)])] });
  }
  if (a.description) blocks.push({ type: 'paragraph', runs: [{ text: a.description }] });
  const line = rolesLine(roles.get(a.id));
  if (line) blocks.push({ type: 'paragraph', runs: [{ text: line }] });
  return blocks;
}

/** One row per event: date, title (cited), category, place, fatalities, responsibility and targets among `actorName`. */
export function eventsTable(events: readonly Event[], cite: CiteRuns, actorName: ReadonlyMap<string, string>, keep: number): Block[] {
  const row = (e: Event): Run[][] => {
    const claims = [
      ...e.responsibility.filter((c) => actorName.has(c.actorId)).map((c) => `${c.kind} by/for ${actorName.get(c.actorId)}`),
      ...participantsOf(e).filter((p) => actorName.has(p.actorId)).map((p) => `${p.role}: ${actorName.get(p.actorId)}`),
    ];
    const deaths = e.fatalities ? (e.fatalities.min === e.fatalities.max ? String(e.fatalities.min) : `${e.fatalities.min}–${e.fatalities.max}`) : '';
    return [[{ text: formatDate(e.date) }], [{ text: e.title }, ...cite(eventCitations(e))], [{ text: humanizeWord(e.category) }], [{ text: place(e) }], [{ text: deaths }], [{ text: claims.join('; ') }]];
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

/** The sources, numbered, with kind, reliability, marking and URL. */
export function bibliography(sources: readonly Source[], keep: number): Block[] {
  return [
    { type: 'heading', level: 1, text: 'Sources' },
    sources.length === 0
      ? { type: 'paragraph', runs: [{ text: 'No source is cited in this report.' }] }
      : listBlock(true, sources.length, (i) => { const s = sources[i]!; return [{ text: `${sourceLine(s)}. ${humanizeWord(s.kind)}; reliability ${s.reliability}; ${s.marking}.${s.url ? ` ${s.url}` : ''}` }]; }, keep),
  ];
}
