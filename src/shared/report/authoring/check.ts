import { mergedAwayActors } from '../../domain/actor-merge';
import type { CaseDocument } from '../../domain/case';
import type { Event } from '../../domain/event';
import type { EventColumns } from '../../domain/event-columns';
import type { Series } from '../../domain/series';
import { CITED_KINDS, type BodyNode, type CitedKind } from '../../domain/written-report';
import { stringAttr } from './body-walk';
import { computeFacts, factChanged, formatFactValue, parseFactSpec, type FactSpec } from './fact-spec';
import { computeFigure, figureIsEmpty, parseFigureSpec } from './figure-spec';

/** What "Check the draft" finds: a number that moved, a citation that lost its record, a figure with nothing to draw. */
export const CHECK_KINDS = ['stale-fact', 'unconfirmed-fact', 'invalid-fact', 'broken-citation', 'empty-figure', 'invalid-figure', 'dangling-figure-ref'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export interface CheckItem {
  kind: CheckKind;
  /** The node's type and its place among nodes of that type in reading order (the editor jumps to it). */
  node: 'fact' | 'citation' | 'figure' | 'figureRef';
  ordinal: number;
  message: string;
}

/** The case as the check reads it: the records facts and figures are computed from, and which cited records still exist. */
export interface CheckCase {
  events: readonly Event[];
  series: readonly Series[];
  /** The columns of `events`, when the caller holds them (main keeps them per case version). */
  columns?: EventColumns;
  /** Which of `ids` the case holds (a report cites a few hundred records of a case that may hold a million). */
  existing(kind: CitedKind, ids: ReadonlySet<string>): Set<string>;
  /** Where a record merged away went (actor merges), when it did. */
  mergedInto(kind: CitedKind, id: string): string | undefined;
}

/** The whole case, every marking (the analyst checks what they can see); `tables` are its events' columns when the caller holds them. */
export function checkCaseOf(doc: Pick<CaseDocument, 'events' | 'series' | 'sources' | 'actors' | 'history'>, tables?: { events: readonly Event[]; columns: EventColumns }): CheckCase {
  const existing = (kind: CitedKind, ids: ReadonlySet<string>) => {
    const found = new Set<string>();
    if (ids.size === 0) return found;
    for (const r of doc[kind] as ReadonlyArray<{ id: string }>) if (ids.has(r.id)) found.add(r.id);
    return found;
  };
  let actorsTo: ((id: string) => string) | null = null;
  return {
    events: tables?.events ?? doc.events,
    ...(tables ? { columns: tables.columns } : {}),
    series: doc.series,
    existing,
    mergedInto: (kind, id) => {
      if (kind !== 'actors') return undefined;
      actorsTo ??= mergedAwayActors(doc.history, (x) => doc.actors.some((a) => a.id === x));
      const to = actorsTo(id);
      return to === id ? undefined : to;
    },
  };
}

const KIND_WORD: Record<CitedKind, string> = { sources: 'source', events: 'event', actors: 'actor' };

/**
 * "Check the draft" (docs/report-authoring.md), in reading order: facts whose value changed since
 * they were confirmed (or were never confirmed), citations whose record was deleted or merged,
 * figures whose data is now empty, and cross-references to a figure the report no longer has.
 * Facts are computed together in one pass over the events.
 */
export function checkReport(body: BodyNode, c: CheckCase): CheckItem[] {
  const items: Array<CheckItem | null> = [];
  const ordinals = { fact: 0, citation: 0, figure: 0, figureRef: 0 };
  const facts: Array<{ at: number; ordinal: number; spec: FactSpec; confirmed: number | null }> = [];
  const refs: Array<{ at: number; ordinal: number; figureId: string }> = [];
  const figureIds = new Set<string>();
  const citations: Array<{ at: number; ordinal: number; node: BodyNode }> = [];

  const walk = (node: BodyNode) => {
    if (node.type === 'fact') {
      const ordinal = ordinals.fact++;
      const parsed = parseFactSpec(node.attrs?.['spec']);
      const confirmed = typeof node.attrs?.['confirmedValue'] === 'number' ? node.attrs['confirmedValue'] : null;
      if (parsed.ok) facts.push({ at: items.length, ordinal, spec: parsed.spec, confirmed });
      items.push(parsed.ok ? null : { kind: 'invalid-fact', node: 'fact', ordinal, message: `Number ${ordinal + 1}: ${parsed.error}.` });
    } else if (node.type === 'citation') {
      citations.push({ at: items.length, ordinal: ordinals.citation++, node });
      items.push(null);
    } else if (node.type === 'figure') {
      const ordinal = ordinals.figure++;
      figureIds.add(stringAttr(node, 'id'));
      items.push(figureItem(node, ordinal, c));
    } else if (node.type === 'figureRef') {
      refs.push({ at: items.length, ordinal: ordinals.figureRef++, figureId: stringAttr(node, 'figureId') });
      items.push(null);
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(body);

  const values = computeFacts(facts.map((f) => f.spec), c.events, c.series, c.columns);
  facts.forEach((f, i) => {
    const now = values[i];
    if (f.confirmed === null) items[f.at] = { kind: 'unconfirmed-fact', node: 'fact', ordinal: f.ordinal, message: `Number ${f.ordinal + 1} (now ${formatFactValue(now)}) has not been confirmed.` };
    else if (factChanged(f.confirmed, now)) items[f.at] = { kind: 'stale-fact', node: 'fact', ordinal: f.ordinal, message: `Number ${f.ordinal + 1} was confirmed as ${formatFactValue(f.confirmed)}; the case now gives ${formatFactValue(now)}.` };
  });
  const cited = new Map<CitedKind, Set<string>>(CITED_KINDS.map((k) => [k, new Set()]));
  for (const { node } of citations) cited.get(stringAttr(node, 'kind') as CitedKind)?.add(stringAttr(node, 'recordId'));
  const held = new Map(CITED_KINDS.map((k) => [k, c.existing(k, cited.get(k)!)]));
  for (const { at, ordinal, node } of citations) items[at] = citationItem(node, ordinal, (kind, id) => held.get(kind)?.has(id) === true, c);
  for (const r of refs) {
    if (!figureIds.has(r.figureId)) items[r.at] = { kind: 'dangling-figure-ref', node: 'figureRef', ordinal: r.ordinal, message: `Cross-reference ${r.ordinal + 1} points at a figure the report no longer has.` };
  }
  return items.filter((i): i is CheckItem => i !== null);
}

function citationItem(node: BodyNode, ordinal: number, exists: (kind: CitedKind, id: string) => boolean, c: CheckCase): CheckItem | null {
  const kind = stringAttr(node, 'kind') as CitedKind;
  const id = stringAttr(node, 'recordId');
  if (!(CITED_KINDS as readonly string[]).includes(kind)) return { kind: 'broken-citation', node: 'citation', ordinal, message: `Note ${ordinal + 1} cites a record of an unknown kind.` };
  if (exists(kind, id)) return null;
  const label = stringAttr(node, 'label') || id;
  const into = c.mergedInto(kind, id);
  const what = into ? `was merged into another ${KIND_WORD[kind]} (${into}); cite that one instead` : 'was deleted from the case; cite another record or remove the note';
  return { kind: 'broken-citation', node: 'citation', ordinal, message: `Note ${ordinal + 1}: the ${KIND_WORD[kind]} “${label}” ${what}.` };
}

function figureItem(node: BodyNode, ordinal: number, c: CheckCase): CheckItem | null {
  const parsed = parseFigureSpec(node.attrs?.['spec']);
  if (!parsed.ok) return { kind: 'invalid-figure', node: 'figure', ordinal, message: `Figure ${ordinal + 1}: ${parsed.error}.` };
  if (!figureIsEmpty(computeFigure(parsed.spec, c.events, c.series))) return null;
  return { kind: 'empty-figure', node: 'figure', ordinal, message: `Figure ${ordinal + 1} has nothing to draw: its filter selects no data in the case now.` };
}
