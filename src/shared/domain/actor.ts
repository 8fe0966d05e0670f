import { z } from 'zod';
import { Citation } from './citation';
import { Id } from './ids';
import { Marking } from './marking';
import { PartialDate } from './partial-date';

export const ActorKind = z.enum(['organisation', 'faction', 'person', 'media-outlet', 'state-body']);
export type ActorKind = z.infer<typeof ActorKind>;

/** Scripts the analysts work in; language tags are BCP 47 (ps, fa-AF, tg, uz-Latn, ru, en, ar). */
export const Script = z.enum(['Latn', 'Arab', 'Cyrl']);
export type Script = z.infer<typeof Script>;

export const Alias = z
  .object({
    name: z.string().min(1).max(300),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language must be a BCP 47 tag such as ps or uz-Latn'),
    script: Script,
    transliteration: z.string().max(300).optional(),
    /** Where the alias came from, e.g. a merged actor or an imported file. */
    provenance: z.string().max(300).optional(),
    citations: z.array(Citation),
  })
  .strict();
export type Alias = z.infer<typeof Alias>;

export const ActorStatus = z
  .object({
    value: z.enum(['active', 'deceased', 'detained', 'defunct', 'unknown']),
    /** When a source reported this status ("active as of 2024"); not when the actor began. */
    from: PartialDate.optional(),
    citations: z.array(Citation),
  })
  .strict();
export type ActorStatus = z.infer<typeof ActorStatus>;

export const Actor = z
  .object({
    id: Id,
    kind: ActorKind,
    name: z.string().min(1, 'an actor needs a name').max(300),
    aliases: z.array(Alias),
    status: ActorStatus.optional(),
    roles: z.array(z.string().max(200)),
    /** ISO 3166-1 alpha-2 codes. */
    nationality: z.array(z.string().regex(/^[A-Z]{2}$/)),
    description: z.string().max(20_000).optional(),
    tags: z.array(z.string().max(100)),
    marking: Marking,
    citations: z.array(Citation),
  })
  .strict();
export type Actor = z.infer<typeof Actor>;
