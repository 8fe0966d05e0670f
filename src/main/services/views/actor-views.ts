import type { Actor } from '../../../shared/domain/actor';
import { actorEvents, actorRelationships, actorSources, roleTies } from '../../../shared/domain/actor-profile';
import type { CaseDocument } from '../../../shared/domain/case';
import type { EventFilter } from '../../../shared/domain/filters';
import { capGraph, linkChartGraph } from '../../../shared/domain/link-chart';
import type { PartialDate } from '../../../shared/domain/partial-date';
import type { Relationship } from '../../../shared/domain/relationship';
import { ANSWER_LIMIT_CHARS, PAGE_LIMIT } from '../../../shared/ipc/bounds';
import { LINK_EDGE_LIMIT, LINK_NODE_LIMIT, LIST_DESCRIPTION_CHARS, type ActorListRow } from '../../../shared/ipc/channels/actors';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { actorNameIndex, type NameIndex } from '../../../shared/names';
import type { FilterMasks } from './filter-masks';
import { keyOf, VersionedCache } from './versioned';

const collator = new Intl.Collator('en');

/**
 * The Actors view's queries, answered where the records are: the actor list a page at a time
 * (sorted once per case version), search by any spelling, an actor's relationships and profile
 * (its events counted over the whole case, the first page listed), and the link chart.
 */
export class ActorViews {
  private readonly sorted = new VersionedCache<readonly Actor[]>(1);
  private readonly names = new VersionedCache<NameIndex>(1);
  private readonly searches = new VersionedCache<ReadonlyArray<{ actor: Actor; matched: string }>>(4);

  constructor(private readonly masks: FilterMasks) {}

  clear(): void {
    this.sorted.clear();
    this.names.clear();
    this.searches.clear();
  }

  /** The case's name index, kept until the case changes. */
  index(doc: CaseDocument): NameIndex {
    return this.names.get(doc, '', () => actorNameIndex(doc.actors));
  }

  list(doc: CaseDocument, get: (id: string) => Actor | undefined, request: { text?: string | undefined; kind?: Actor['kind'] | undefined; offset?: number | undefined; limit?: number | undefined }): ResponseOf<'actors:list'> {
    const offset = request.offset ?? 0;
    const limit = request.limit ?? PAGE_LIMIT;
    const ofKind = (a: Actor) => !request.kind || a.kind === request.kind;
    const text = request.text?.trim() ?? '';
    if (text) {
      // Every match, ranked, kept per case version: a later page does not search again.
      const hits = this.searches.get(doc, keyOf([text, request.kind ?? '']), () =>
        this.index(doc)
          .search(text, Number.POSITIVE_INFINITY)
          .flatMap((hit) => {
            const actor = get(hit.id);
            return actor && ofKind(actor) ? [{ actor, matched: hit.matchedName }] : [];
          }),
      );
      const page = pageOf(hits, offset, limit, (h) => h.actor, (h) => ({ id: h.actor.id, name: h.matched }));
      return { actors: page.rows, matched: page.extras, total: hits.length, all: doc.actors.length, next: page.next };
    }
    const sorted = this.sorted.get(doc, '', () => [...doc.actors].sort((a, b) => collator.compare(a.kind, b.kind) || collator.compare(a.name, b.name)));
    const chosen = request.kind ? sorted.filter(ofKind) : sorted;
    const page = pageOf(chosen, offset, limit, (a) => a, () => null);
    return { actors: page.rows, total: chosen.length, all: doc.actors.length, next: page.next };
  }

  detail(doc: CaseDocument, actor: Actor, get: (id: string) => Actor | undefined): ResponseOf<'actors:detail'> {
    const related = doc.relationships.filter((r) => r.sourceActorId === actor.id || r.targetActorId === actor.id);
    const relationships = related.slice(0, PAGE_LIMIT);
    return { actor, relationships, relationshipsTotal: related.length, names: otherEnds(actor.id, relationships, get) };
  }

  profile(doc: CaseDocument, actor: Actor, get: (id: string) => Actor | undefined): ResponseOf<'actors:profile'> {
    const mine = actorEvents(actor.id, doc.events);
    const links = actorRelationships(actor.id, doc.relationships);
    const nameOf = (id: string) => get(id)?.name ?? id;
    const roles = { perpetrator: 0, target: 0, participant: 0 };
    for (const entry of mine) roles[entry.role]++;
    const shownLinks = links.slice(0, PAGE_LIMIT);
    return {
      actor,
      events: mine.slice(0, PAGE_LIMIT).map((entry) => ({
        id: entry.event.id,
        title: entry.event.title,
        date: entry.event.date,
        category: entry.event.category,
        location: entry.event.location,
        role: entry.role,
        ties: roleTies(entry, actor.id).slice(0, 20),
      })),
      eventsTotal: mine.length,
      roles,
      relationships: shownLinks,
      names: otherEnds(actor.id, shownLinks, get),
      sources: actorSources(actor, links, mine, doc.sources, nameOf)
        .slice(0, PAGE_LIMIT)
        .map((cited) => ({ source: cited.source, supports: cited.supports.slice(0, 50) })),
    };
  }

  async linkChart(doc: CaseDocument, filter: EventFilter, asOf: PartialDate | null, includeNeighbours: boolean, focus: { expand: readonly string[]; focusOnly: boolean } = { expand: [], focusOnly: false }): Promise<ResponseOf<'actors:link-chart'>> {
    const focusOnly = focus.focusOnly && focus.expand.length > 0;
    const events = focusOnly ? [] : await this.masks.events(doc, filter);
    const graph = linkChartGraph({ actors: doc.actors, relationships: doc.relationships, events, filter, asOf, includeNeighbours, expandedIds: focus.expand, focusOnly });
    return capGraph(graph, LINK_NODE_LIMIT, LINK_EDGE_LIMIT, new Set(focus.expand));
  }
}

/** What the rows of one list page may take of an answer (the rest is the totals and slack). */
const PAGE_BUDGET_CHARS = Math.floor(ANSWER_LIMIT_CHARS * 0.75);

/** An actor as a list row: a long description is cut (the whole text comes with `actors:detail`). */
function listRow(actor: Actor): ActorListRow {
  const description = actor.description;
  if (description === undefined || description.length <= LIST_DESCRIPTION_CHARS) return actor;
  return { ...actor, description: `${description.slice(0, LIST_DESCRIPTION_CHARS)}…`, descriptionCut: true };
}

/**
 * Up to `limit` rows from `offset`, stopping before the rows would pass PAGE_BUDGET_CHARS of JSON
 * (actors with many long aliases); at least one row, so paging always moves on.
 */
function pageOf<T, X>(items: readonly T[], offset: number, limit: number, actorOf: (item: T) => Actor, extraOf: (item: T) => X | null): { rows: ActorListRow[]; extras: X[]; next: number | null } {
  const rows: ActorListRow[] = [];
  const extras: X[] = [];
  let used = 0;
  let at = offset;
  for (; at < items.length && rows.length < limit; at++) {
    const row = listRow(actorOf(items[at]!));
    const extra = extraOf(items[at]!);
    const size = JSON.stringify(row).length + (extra === null ? 0 : JSON.stringify(extra).length) + 2;
    if (rows.length > 0 && used + size > PAGE_BUDGET_CHARS) break;
    used += size;
    rows.push(row);
    if (extra !== null) extras.push(extra);
  }
  return { rows, extras, next: at < items.length ? at : null };
}

/** The names of the other ends of an actor's relationships. */
function otherEnds(actorId: string, relationships: readonly Relationship[], get: (id: string) => Actor | undefined): Array<{ id: string; name: string }> {
  const ids = new Set(relationships.map((r) => (r.sourceActorId === actorId ? r.targetActorId : r.sourceActorId)));
  return [...ids].flatMap((id) => {
    const other = get(id);
    return other ? [{ id, name: other.name }] : [];
  });
}
