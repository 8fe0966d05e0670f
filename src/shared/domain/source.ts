import { z } from 'zod';
import { Id } from './ids';
import { Marking } from './marking';
import { PartialDate } from './partial-date';

export const SourceKind = z.enum([
  'journal-article',
  'news-report',
  'official-statement',
  'group-propaganda',
  'dataset',
  'court-record',
  'field-report',
  'other',
]);
export type SourceKind = z.infer<typeof SourceKind>;

/** Admiralty source reliability: A completely reliable … F cannot be judged. */
export const Reliability = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export type Reliability = z.infer<typeof Reliability>;

export const Attachment = z
  .object({
    name: z.string().min(1).max(300),
    mediaType: z.string().max(100),
    size: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type Attachment = z.infer<typeof Attachment>;

export const Source = z
  .object({
    id: Id,
    title: z.string().min(1, 'a source needs a title').max(1_000),
    /** Who issued the work: a press, an agency, a ministry, a research centre. */
    publisher: z.string().max(300).optional(),
    /** Where the work appeared: the journal, newspaper, broadcaster or website (a citation's container). */
    outlet: z.string().max(300).optional(),
    /** Journal volume, issue and page range, as printed ("12", "3", "45–67"). */
    volume: z.string().max(50).optional(),
    issue: z.string().max(50).optional(),
    pages: z.string().max(50).optional(),
    /**
     * Persons as "Family, Given" ("Karimi, Laila"); an entry without a comma is read as an
     * organisation or a name that does not split ("United Nations Security Council", "Abu Omar").
     */
    authors: z.array(z.string().max(200)),
    /** When the work was published. */
    date: PartialDate.optional(),
    kind: SourceKind,
    /** BCP 47 language tag of the source text. */
    language: z.string().max(20),
    reliability: Reliability,
    /** Kept as text for the record; the app never opens it. */
    url: z.string().max(2_000).optional(),
    /** When the analyst last read the work at `url` (citation styles print it for online works). */
    accessed: PartialDate.optional(),
    attachment: Attachment.optional(),
    marking: Marking,
  })
  .strict();
export type Source = z.infer<typeof Source>;

/** "  Karimi ,Laila " → "Karimi, Laila": one space between words, ", " after the family name, no stray commas at the ends. */
export function tidyAuthorName(name: string): string {
  return name.replace(/\s+/g, ' ').replace(/\s*,\s*/g, ', ').replace(/^[\s,]+|[\s,]+$/g, '');
}
