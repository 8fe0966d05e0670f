import { z } from 'zod';
import { Citation } from './citation';
import { Confidence } from './event';
import { Id } from './ids';
import { Marking } from './marking';
import { PartialDate } from './partial-date';

export const RELATIONSHIP_TYPES = [
  'member-of',
  'leader-of',
  'affiliate-of',
  'media-arm-of',
  'allied-with',
  'defected-from',
  'split-from',
  'condemned',
  'targeted',
  'killed-by',
  'recruited-for',
  'ideologue-of',
] as const;

/** A built-in type, or a user-defined one written as `custom:<words>`. */
export const RelationshipType = z.union([
  z.enum(RELATIONSHIP_TYPES),
  z.string().regex(/^custom:[a-z0-9 -]{1,60}$/, 'user-defined types look like "custom:funded by"'),
]);
export type RelationshipType = z.infer<typeof RelationshipType>;

/** A directed, dated, sourced link: source --type--> target. */
export const Relationship = z
  .object({
    id: Id,
    type: RelationshipType,
    sourceActorId: Id,
    targetActorId: Id,
    from: PartialDate.optional(),
    to: PartialDate.optional(),
    confidence: Confidence,
    description: z.string().max(5_000).optional(),
    marking: Marking,
    citations: z.array(Citation),
  })
  .strict();
export type Relationship = z.infer<typeof Relationship>;
