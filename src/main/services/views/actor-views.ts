import type { Actor } from '../../../shared/domain/actor';
import { actorEvents, actorRelationships, actorSources, roleTies } from '../../../shared/domain/actor-profile';
import type { CaseDocument } from '../../../shared/domain/case';
import type { EventFilter } from '../../../shared/domain/filters';
import { capGraph, linkChartGraph } from '../../../shared/domain/link-chart';
import type { PartialDate } from '../../../shared/domain/partial-date';
import type { Relationship } from '../../../shared/domain/relationship';
import { PAGE_LIMIT } from '../../../shared/ipc/bounds';
import { LINK_EDGE_LIMIT, LINK_NODE_LIMIT } from '../../../shared/ipc/channels/actors';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { actorNameIndex, type NameIndex } from '../../../shared/names';
import type { FilterMasks } from './filter-masks';
import { VersionedCache } from './versioned';

const collator = new Intl.Collator('en');

/**
 * The Actors view's queries, answered where the records are: the actor list a page at a time
 * (sorted once per case version), search by any spelling, an actor's relationships and profile
 * (its events counted over the whole case, the first page listed), and the link chart.
 */
export class ActorViews {
  private readonly sorted = new VersionedCache<readonly Actor[]>(1);
  private readonly names = new VersionedCache<NameIndex>(1);

  constructor(private readonly masks: FilterMasks) {}

  clear(): void {
    this.sorted.clear();
    this.names.clear();
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
      // As the view always did: the 500 best matches, then the kind.
      const hits = this.index(doc)
        .search(text, PAGE_LIMIT)
        .flatMap((hit) => {
          const actor = get(hit.id);
          return actor && ofKind(actor) ? [{ actor, matched: hit.matchedName }] : [];
        });
      const page = hits.slice(offset, offset + limit);
      return { actors: page.map((h) => h.actor), matched: page.map((h) => ({ id: h.actor.id, name: h.matched })), total: hits.length, all: doc.actors.length };
    }
    const sorted = this.sorted.get(doc, '', () => [...doc.actors].sort((a, b) => collator.compare(a.kind, b.kind) || collator.compare(a.name, b.name)));
    const chosen = request.kind ? sorted.filter(ofKind) : sorted;
    return { actors: chosen.slice(offset, offset + limit), total: chosen.length, all: doc.actors.length };
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

  async linkChart(doc: CaseDocument, filter: EventFilter, asOf: PartialDate | null, includeNeighbours: boolean): Promise<ResponseOf<'actors:link-chart'>> {
    const graph = linkChartGraph({ actors: doc.actors, relationships: doc.relationships, events: await this.masks.events(doc, filter), filter, asOf, includeNeighbours });
    return capGraph(graph, LINK_NODE_LIMIT, LINK_EDGE_LIMIT);
  }
}

/** The names of the other ends of an actor's relationships. */
function otherEnds(actorId: string, relationships: readonly Relationship[], get: (id: string) => Actor | undefined): Array<{ id: string; name: string }> {
  const ids = new Set(relationships.map((r) => (r.sourceActorId === actorId ? r.targetActorId : r.sourceActorId)));
  return [...ids].flatMap((id) => {
    const other = get(id);
    return other ? [{ id, name: other.name }] : [];
  });
}
