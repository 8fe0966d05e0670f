import { z } from 'zod';
import { Actor, ActorKind } from '../../domain/actor';
import { EventCategory, Location } from '../../domain/event';
import { EventFilter } from '../../domain/filters';
import { Id } from '../../domain/ids';
import { Marking } from '../../domain/marking';
import { PartialDate } from '../../domain/partial-date';
import { Relationship } from '../../domain/relationship';
import { Source } from '../../domain/source';
import { PAGE_LIMIT } from '../bounds';

export const ActorHitSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: ActorKind,
  /** Higher is closer; 1 is every word spelled as in a name. */
  score: z.number(),
  /** The name or alias that matched, as written. */
  matchedName: z.string(),
});
export type ActorHit = z.infer<typeof ActorHitSchema>;

export const DuplicateSuggestionSchema = z.object({
  actorIds: z.tuple([z.string(), z.string()]),
  score: z.number(),
  reasons: z.array(z.string()).max(20),
});

/** Most characters of a description a row of the actor list carries; `actors:detail` has the whole text. */
export const LIST_DESCRIPTION_CHARS = 280;

/** One row of the actor list: the actor, its description cut to LIST_DESCRIPTION_CHARS (`descriptionCut`). */
export const ActorListRow = Actor.extend({ description: z.string().max(LIST_DESCRIPTION_CHARS + 1).optional(), descriptionCut: z.literal(true).optional() });
export type ActorListRow = z.infer<typeof ActorListRow>;

/** Most actors the link chart lays out, and most relationships between them. */
export const LINK_NODE_LIMIT = 1_500;
export const LINK_EDGE_LIMIT = 4_000;

const Named = z.object({ id: z.string(), name: z.string() });
const Moved = z.object({ claims: z.number().int(), participants: z.number().int(), relationships: z.number().int(), series: z.number().int() });

/** One event of an actor's profile: what the profile's table and timeline show. */
export const ProfileEventSchema = z.object({
  id: z.string(),
  title: z.string(),
  date: PartialDate,
  category: EventCategory,
  location: Location,
  /** The strongest tie: perpetrator, target or participant. */
  role: z.enum(['perpetrator', 'target', 'participant']),
  /** Every tie in words: "claimed", "made the claim", "target". */
  ties: z.array(z.string()).max(20),
});
export type ProfileEvent = z.infer<typeof ProfileEventSchema>;

export const actorChannels = {
  /** Ranked search across every name, alias and transliteration of the case's actors. */
  'actors:search': {
    /** `maxMarking`: only actors within it (a picker in a view cut at that marking). */
    request: z.object({ text: z.string().max(300), limit: z.number().int().min(1).max(500).optional(), maxMarking: Marking.optional() }).strict(),
    response: z.object({ hits: z.array(ActorHitSchema).max(500) }),
  },
  /**
   * A page of the actor list: by kind and name, or ranked by a search across every spelling
   * (`matched` names the spelling each was found by), optionally of one kind. A page holds up to
   * `limit` rows and stops early when more would not fit one answer; `next` is where the next
   * page starts (null after the last).
   */
  'actors:list': {
    request: z
      .object({ text: z.string().max(300).optional(), kind: ActorKind.optional(), offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(PAGE_LIMIT).optional() })
      .strict(),
    response: z.object({
      actors: z.array(ActorListRow).max(PAGE_LIMIT),
      matched: z.array(z.object({ id: z.string(), name: z.string() })).max(PAGE_LIMIT).optional(),
      /** Actors the search and kind select (every match, not only the pages sent). */
      total: z.number().int(),
      next: z.number().int().nullable(),
      /** Actors in the case. */
      all: z.number().int(),
    }),
  },
  /** One actor, its relationships (the first page) and the names of their other ends. */
  'actors:detail': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ actor: Actor, relationships: z.array(Relationship).max(PAGE_LIMIT), relationshipsTotal: z.number().int(), names: z.array(Named).max(PAGE_LIMIT) }),
  },
  /** An actor's profile: its events (the first page, by date; every event counted), relationships and the sources it is cited by. */
  'actors:profile': {
    request: z.object({ id: Id }).strict(),
    response: z.object({
      actor: Actor,
      events: z.array(ProfileEventSchema).max(PAGE_LIMIT),
      eventsTotal: z.number().int(),
      /** Events per role, over all of them. */
      roles: z.object({ perpetrator: z.number().int(), target: z.number().int(), participant: z.number().int() }),
      relationships: z.array(Relationship).max(PAGE_LIMIT),
      names: z.array(Named).max(PAGE_LIMIT),
      sources: z.array(z.object({ source: Source, supports: z.array(z.string()).max(50) })).max(PAGE_LIMIT),
    }),
  },
  /** The link chart's actors and relationships under the shared filters and an "as of" date, cut to what a chart can lay out. */
  'actors:link-chart': {
    /**
     * `expand`: actors the analyst expanded, shown with every actor one relationship away;
     * `focusOnly`: show just those, not what the filters select (a focus actor's network).
     */
    request: z
      .object({ filter: EventFilter, asOf: PartialDate.optional(), includeNeighbours: z.boolean(), expand: z.array(z.string().max(200)).max(LINK_NODE_LIMIT).optional(), focusOnly: z.boolean().optional() })
      .strict(),
    response: z.object({
      nodes: z.array(z.object({ id: z.string(), label: z.string(), kind: ActorKind, hidden: z.number().int().optional() })).max(LINK_NODE_LIMIT),
      edges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string(), type: z.string() })).max(LINK_EDGE_LIMIT),
      totalNodes: z.number().int(),
      totalEdges: z.number().int(),
    }),
  },
  /** Pairs of actors whose names collide once normalised and transliterated, with those actors. */
  'actors:duplicates': {
    request: z.object({ limit: z.number().int().min(1).max(PAGE_LIMIT).optional() }).strict(),
    response: z.object({ suggestions: z.array(DuplicateSuggestionSchema).max(PAGE_LIMIT), actors: z.array(Actor).max(2 * PAGE_LIMIT) }),
  },
  /** What merging `mergeId` into `keepId` would move, worked out without writing anything. */
  'actors:merge-preview': {
    request: z.object({ keepId: Id, mergeId: Id }).strict(),
    response: z.object({ moved: Moved, removedSelfLinks: z.number().int() }),
  },
  /** Merges `mergeId` into `keepId` as one undoable step. */
  'actors:merge': {
    request: z.object({ keepId: Id, mergeId: Id }).strict(),
    response: z.object({ seq: z.number().int(), summary: z.string(), moved: Moved, removedSelfLinks: z.number().int() }),
  },
} as const;
