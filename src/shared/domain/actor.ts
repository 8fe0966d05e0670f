import { z } from 'zod';
import { Citation } from './citation';
import { Id } from './ids';
import { isScriptCode, LANGUAGE_TAG_MAX, languageTagProblem } from './language-tag';
import { Marking } from './marking';
import { PartialDate } from './partial-date';

export const ActorKind = z.enum(['organisation', 'faction', 'person', 'media-outlet', 'state-body']);
export type ActorKind = z.infer<typeof ActorKind>;

/** The script a name is written in: any ISO 15924 code (Latn, Arab, Cyrl, Ethi, Hebr, Deva…). */
export const Script = z.string().refine(isScriptCode, 'script must be an ISO 15924 code such as Latn, Arab, Cyrl or Ethi');
export type Script = z.infer<typeof Script>;

/** Any registered BCP 47 tag (so, am, fa-AF, uz-Latn, ps-Arab-AF); the registry check is in ./language-tag. */
export const LanguageTag = z
  .string()
  .max(LANGUAGE_TAG_MAX)
  .superRefine((tag, ctx) => {
    const problem = languageTagProblem(tag);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const Alias = z
  .object({
    name: z.string().min(1).max(300),
    language: LanguageTag,
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
