import type { Actor, ActorKind } from './actor';
import { participantsOf, type Event } from './event';
import { eventMatches, type EventFilter } from './filters';
import { isWithinMarking } from './marking';
import { partialDateSpan, type PartialDate } from './partial-date';
import type { Relationship } from './relationship';

/** Pure: which actors and relationships the link chart shows. No DOM, so benches and tests use it too. */

export interface LinkChartInput {
  actors: readonly Actor[];
  relationships: readonly Relationship[];
  events: readonly Event[];
  /** The shared filters: with any set, the chart shows the actors named in matching events' claims. */
  filter: EventFilter;
  /** Show only relationships in force on this date; null shows every relationship. */
  asOf: PartialDate | null;
  /** With filters set, also show actors one relationship away from the actors they select. */
  includeNeighbours: boolean;
  /** Actors the analyst expanded: the chart adds them and every actor one relationship away. */
  expandedIds?: readonly string[];
  /** Show only the expanded actors and their neighbours, not what the filters select (a focus actor's network). */
  focusOnly?: boolean;
}

export interface ChartNode {
  id: string;
  label: string;
  kind: ActorKind;
  /** How many of its neighbours the chart leaves out (expanding the node shows them). */
  hidden?: number;
}

export interface ChartEdge {
  id: string;
  source: string;
  target: string;
  type: string;
}

export interface ChartGraph {
  nodes: ChartNode[];
  edges: ChartEdge[];
}

/** True when the relationship is in force at some time within the date `asOf` stands for. */
export function relationshipValidAt(rel: Relationship, asOf: PartialDate): boolean {
  const at = partialDateSpan(asOf);
  if (rel.from && partialDateSpan(rel.from).start >= at.end) return false;
  if (rel.to && partialDateSpan(rel.to).end <= at.start) return false;
  return true;
}

export function linkChartGraph(input: LinkChartInput): ChartGraph {
  const { filter } = input;
  const allowed = (marking: Actor['marking']) => !filter.maxMarking || isWithinMarking(marking, filter.maxMarking);
  const allowedIds = new Set(input.actors.filter((a) => allowed(a.marking)).map((a) => a.id));
  // A relationship with an end above the marking is above it too (as the exchange and report cuts
  // hold): neither it nor the way through it to that actor's neighbours shows.
  const rels = input.relationships.filter(
    (r) => allowed(r.marking) && (!filter.maxMarking || (allowedIds.has(r.sourceActorId) && allowedIds.has(r.targetActorId))) && (!input.asOf || relationshipValidAt(r, input.asOf)),
  );
  const filtered = Object.keys(filter).some((k) => k !== 'maxMarking');
  let included: Set<string>;
  if (input.focusOnly && input.expandedIds && input.expandedIds.length > 0) {
    included = new Set();
  } else if (!filtered) {
    included = new Set(input.actors.map((a) => a.id));
  } else {
    included = new Set(filter.actorIds ?? []);
    for (const event of input.events) {
      if (!eventMatches(event, filter)) continue;
      for (const claim of event.responsibility) {
        included.add(claim.actorId);
        if (claim.byActorId) included.add(claim.byActorId);
      }
      for (const part of participantsOf(event)) included.add(part.actorId);
    }
    if (input.includeNeighbours) addNeighbours(included, new Set(included), rels);
  }
  if (input.expandedIds && input.expandedIds.length > 0) {
    const expanded = new Set(input.expandedIds);
    for (const id of expanded) included.add(id);
    addNeighbours(included, expanded, rels);
  }
  const visible = input.actors.filter((a) => included.has(a.id) && allowed(a.marking));
  const shown = new Set(visible.map((a) => a.id));
  const hiddenNeighbours = new Map<string, Set<string>>();
  const edges: ChartEdge[] = [];
  for (const r of rels) {
    if (r.sourceActorId === r.targetActorId) continue;
    const [a, b] = [r.sourceActorId, r.targetActorId];
    if (shown.has(a) && shown.has(b)) edges.push({ id: r.id, source: a, target: b, type: r.type });
    else if (shown.has(a) && allowedIds.has(b)) addTo(hiddenNeighbours, a, b);
    else if (shown.has(b) && allowedIds.has(a)) addTo(hiddenNeighbours, b, a);
  }
  const nodes = visible.map((a) => {
    const hidden = hiddenNeighbours.get(a.id)?.size ?? 0;
    return { id: a.id, label: a.name, kind: a.kind, ...(hidden > 0 ? { hidden } : {}) };
  });
  return { nodes, edges };
}

/** Adds to `included` every actor one relationship away from a `seeds` actor. */
function addNeighbours(included: Set<string>, seeds: ReadonlySet<string>, rels: readonly Relationship[]): void {
  for (const r of rels) {
    if (seeds.has(r.sourceActorId)) included.add(r.targetActorId);
    if (seeds.has(r.targetActorId)) included.add(r.sourceActorId);
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

/** A graph cut to what a chart can lay out, with how much was left out. */
export interface CappedGraph extends ChartGraph {
  /** Actors and relationships the filters select, before the cut. */
  totalNodes: number;
  totalEdges: number;
}

/**
 * Keeps the `nodeLimit` actors with the most relationships in the chart (ties by name) and the
 * relationships between them, at most `edgeLimit`: a force layout of a hundred thousand actors
 * helps nobody, and the filters narrow the chart to the rest. `pinned` actors (those the analyst
 * expanded) stay whatever their degree.
 */
export function capGraph(graph: ChartGraph, nodeLimit: number, edgeLimit: number, pinned: ReadonlySet<string> = new Set()): CappedGraph {
  const totals = { totalNodes: graph.nodes.length, totalEdges: graph.edges.length };
  if (graph.nodes.length <= nodeLimit && graph.edges.length <= edgeLimit) return { ...graph, ...totals };
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  // An expanded actor's neighbours come right after it: expanding is asking to see them.
  const nextToPinned = new Set<string>();
  for (const e of graph.edges) {
    if (pinned.has(e.source)) nextToPinned.add(e.target);
    if (pinned.has(e.target)) nextToPinned.add(e.source);
  }
  const rank = (id: string) => (pinned.has(id) ? Number.MAX_SAFE_INTEGER : nextToPinned.has(id) ? Number.MAX_SAFE_INTEGER - 1 : (degree.get(id) ?? 0));
  const chosen = [...graph.nodes].sort((a, b) => rank(b.id) - rank(a.id) || a.label.localeCompare(b.label)).slice(0, nodeLimit);
  const kept = new Set(chosen.map((n) => n.id));
  // Neighbours the cut left out count as hidden too, so "Show neighbours" stays offered.
  const cutNeighbours = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    if (kept.has(e.source) && !kept.has(e.target)) addTo(cutNeighbours, e.source, e.target);
    if (kept.has(e.target) && !kept.has(e.source)) addTo(cutNeighbours, e.target, e.source);
  }
  const nodes = chosen.map((n) => {
    const hidden = (n.hidden ?? 0) + (cutNeighbours.get(n.id)?.size ?? 0);
    return hidden > 0 ? { ...n, hidden } : n;
  });
  const edges = graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target)).slice(0, edgeLimit);
  return { nodes, edges, ...totals };
}
