import { z } from 'zod';
import { ActorKind } from '../../domain/actor';
import { Id } from '../../domain/ids';

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
  reasons: z.array(z.string()),
});

export const actorChannels = {
  /** Ranked search across every name, alias and transliteration of the case's actors. */
  'actors:search': {
    request: z.object({ text: z.string().max(300), limit: z.number().int().min(1).max(500).optional() }).strict(),
    response: z.object({ hits: z.array(ActorHitSchema) }),
  },
  /** Pairs of actors whose names collide once normalised and transliterated. */
  'actors:duplicates': {
    request: z.object({ limit: z.number().int().min(1).max(1_000).optional() }).strict(),
    response: z.object({ suggestions: z.array(DuplicateSuggestionSchema) }),
  },
  /** Merges `mergeId` into `keepId` as one undoable step. */
  'actors:merge': {
    request: z.object({ keepId: Id, mergeId: Id }).strict(),
    response: z.object({
      seq: z.number().int(),
      summary: z.string(),
      moved: z.object({ claims: z.number().int(), participants: z.number().int(), relationships: z.number().int(), series: z.number().int() }),
      removedSelfLinks: z.number().int(),
    }),
  },
} as const;
