import { mergedAwayActors } from '../../domain/actor-merge';
import type { CaseDocument } from '../../domain/case';
import type { Event } from '../../domain/event';
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
  exists(kind: CitedKind, id: string): boolean;
  /** Where a record merged away went (actor merges), when it did. */
  mergedInto(kind: CitedKind, id: string): string | undefined;
}

/** The whole case, every marking (the analyst checks what they can see). */
export function checkCaseOf(doc: Pick<CaseDocument, 'events' | 'series' | 'sources' | 'actors' | 'history'>): CheckCase {
  let ids: Record<CitedKind, Set<string>> | null = null;
  const exists = (kind: CitedKind, id: string) => {
    ids ??= Object.fromEntries(CITED_KINDS.map((k) => [k, new Set((doc[k] as ReadonlyArray<{ id: string }>).map((r) => r.id))])) as Record<CitedKind, Set<string>>;
    return ids[kind].has(id);
  };
  let actorsTo: ((id: string) => string) | null = null;
  return {
    events: doc.events,
    series: doc.series,
    exists,
    mergedInto: (kind, id) => {
      if (kind !== 'actors') return undefined;
      actorsTo ??= mergedAwayActors(doc.history, (x) => exists('actors', x));
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

  const walk = (node: BodyNode) => {
    if (node.type === 'fact') {
      const ordinal = ordinals.fact++;
      const parsed = parseFactSpec(node.attrs?.['spec']);
      const confirmed = typeof node.attrs?.['confirmedValue'] === 'number' ? node.attrs['confirmedValue'] : null;
      if (parsed.ok) facts.push({ at: items.length, ordinal, spec: parsed.spec, confirmed });
      items.push(parsed.ok ? null : { kind: 'invalid-fact', node: 'fact', ordinal, message: `Number ${ordinal + 1}: ${parsed.error}.` });
    } else if (node.type === 'citation') {
      items.push(citationItem(node, ordinals.citation++, c));
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

  const values = computeFacts(facts.map((f) => f.spec), c.events, c.series);
  facts.forEach((f, i) => {
    const now = values[i];
    if (f.confirmed === null) items[f.at] = { kind: 'unconfirmed-fact', node: 'fact', ordinal: f.ordinal, message: `Number ${f.ordinal + 1} (now ${formatFactValue(now)}) has not been confirmed.` };
    else if (factChanged(f.confirmed, now)) items[f.at] = { kind: 'stale-fact', node: 'fact', ordinal: f.ordinal, message: `Number ${f.ordinal + 1} was confirmed as ${formatFactValue(f.confirmed)}; the case now gives ${formatFactValue(now)}.` };
  });
  for (const r of refs) {
    if (!figureIds.has(r.figureId)) items[r.at] = { kind: 'dangling-figure-ref', node: 'figureRef', ordinal: r.ordinal, message: `Cross-reference ${r.ordinal + 1} points at a figure the report no longer has.` };
  }
  return items.filter((i): i is CheckItem => i !== null);
}

function citationItem(node: BodyNode, ordinal: number, c: CheckCase): CheckItem | null {
  const kind = stringAttr(node, 'kind') as CitedKind;
  const id = stringAttr(node, 'recordId');
  if (!(CITED_KINDS as readonly string[]).includes(kind)) return { kind: 'broken-citation', node: 'citation', ordinal, message: `Note ${ordinal + 1} cites a record of an unknown kind.` };
  if (c.exists(kind, id)) return null;
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
