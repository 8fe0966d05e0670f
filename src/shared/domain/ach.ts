import { z } from 'zod';
import { Id } from './ids';
import { Marking } from './marking';

/**
 * Analysis of Competing Hypotheses (Heuer), kept in the case (schema 5). A matrix (collection
 * `matrices`) holds the question and its hypotheses in column order; its evidence rows are records
 * of their own (collection `matrixRows`), so rating one cell journals one small row, not the whole
 * matrix, and a row can carry its own marking and stay behind in an export. Scores: docs/ach.md.
 */

/** Very consistent, consistent, neutral, inconsistent, very inconsistent, not applicable. */
export const RATINGS = ['CC', 'C', 'N', 'I', 'II', 'NA'] as const;
export const Rating = z.enum(RATINGS);
export type Rating = z.infer<typeof Rating>;

/** Credibility and relevance of a row. */
export const LEVELS = ['high', 'medium', 'low'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

/** The most hypotheses a matrix has, and so the most cells a row rates. */
export const MAX_HYPOTHESES = 40;
/** The most records a row cites, and so the most its basis has seen. */
export const MAX_CITES = 50;
/** The most sources a row's basis holds grades of (many may stand behind one cited event). */
export const MAX_SUPPORT = 2_000;
/**
 * The most cells a row may carry where it is received, not stored: a row saved before the bound
 * above can still hold cells of hypotheses since removed (older merges kept them). Those cells
 * are never shown nor scored; a row edit and a merge drop them, so they must not refuse the row.
 */
export const MAX_RECEIVED_RATINGS = 1_000;

/** One column: a hypothesis, stated briefly. */
export const Hypothesis = z
  .object({
    id: Id,
    statement: z.string().trim().min(1, 'state the hypothesis').max(300),
    description: z.string().max(5_000).optional(),
  })
  .strict();
export type Hypothesis = z.infer<typeof Hypothesis>;

export const AchMatrix = z
  .object({
    id: Id,
    /** The question the matrix weighs, e.g. "Who directed the March 2024 Moscow attack?". */
    title: z.string().trim().min(1, 'a matrix needs a question').max(500),
    description: z.string().max(20_000).optional(),
    /** In column order. */
    hypotheses: z.array(Hypothesis).max(MAX_HYPOTHESES),
    marking: Marking,
  })
  .strict()
  .refine((m) => new Set(m.hypotheses.map((h) => h.id)).size === m.hypotheses.length, { message: 'two hypotheses share an id', path: ['hypotheses'] });
export type AchMatrix = z.infer<typeof AchMatrix>;

export const CITABLE = ['events', 'sources', 'actors', 'relationships'] as const;
export const CitableCollection = z.enum(CITABLE);
export type CitableCollection = z.infer<typeof CitableCollection>;

/**
 * A case record a row rests on. Not a reference the store enforces: deleting the record is
 * allowed, and the row is flagged instead (docs/ach.md, "Alive").
 */
export const AchCite = z
  .object({
    collection: CitableCollection,
    id: Id,
    /** One responsibility claim of the cited event. */
    claimId: Id.optional(),
    /** For a cited source: how credible the information taken from it is (Admiralty 1 confirmed … 6 cannot be judged). */
    credibility: z.number().int().min(1).max(6).optional(),
    locator: z.string().max(500).optional(),
  })
  .strict()
  .refine((c) => c.claimId === undefined || c.collection === 'events', { message: 'only an event has claims', path: ['claimId'] })
  .refine((c) => (c.collection === 'sources') === (c.credibility !== undefined), { message: 'a cited source needs the credibility of the information (1–6), and only a source has one', path: ['credibility'] });
export type AchCite = z.infer<typeof AchCite>;

/** One analyst's rating of a cell. */
export const AchRating = z
  .object({
    value: Rating,
    note: z.string().max(2_000).optional(),
    /** Who rated it. */
    by: z.string().max(200).optional(),
  })
  .strict();
export type AchRating = z.infer<typeof AchRating>;

/**
 * A rated cell. `others` are differing ratings of the same cell by other analysts, arrived in a
 * merge: the disagreement stays visible until the team resolves it (picks one) or keeps it on record.
 */
export const AchCell = AchRating.extend({
  others: z.array(AchRating).max(20).optional(),
  /** The team chose to keep the disagreement on record. */
  kept: z.boolean().optional(),
}).strict();
export type AchCell = z.infer<typeof AchCell>;

/**
 * What the row rested on when it was last reviewed: a digest of each cited record (key
 * `collection/id`, `events/id#claimId` for a claim) and the grade of each source behind it
 * (`source--x` → "B2", several "B2 C3"). Comparing it with the case now is what flags the row.
 * Local bookkeeping: it never leaves in an exported file.
 */
export const RowBasis = z
  .object({
    seen: z.record(z.string().max(400), z.string().max(40)).refine((seen) => Object.keys(seen).length <= MAX_CITES, { message: `a row's basis sees at most ${MAX_CITES} records (one per cite)` }),
    support: z.record(z.string().max(200), z.string().max(200)).refine((support) => Object.keys(support).length <= MAX_SUPPORT, { message: `a row's basis grades at most ${MAX_SUPPORT} sources` }),
    proposed: Level.nullable(),
    /**
     * Sources behind the row past MAX_SUPPORT (by id order) whose grades are not listed, only
     * counted: `proposed` still weighs them all. Absent when every source is listed.
     */
    unlisted: z.number().int().min(1).optional(),
  })
  .strict();
export type RowBasis = z.infer<typeof RowBasis>;

const rowSchema = (maxRatings: number, message: string) =>
  z
    .object({
      id: Id,
      matrixId: Id,
      /** The evidence or assumption, in the analyst's words. */
      title: z.string().trim().min(1, 'say what the evidence is').max(1_000),
      /** An assumption cites nothing and is shown as the analyst's own. */
      kind: z.enum(['evidence', 'assumption']),
      cites: z.array(AchCite).max(MAX_CITES),
      relevance: Level,
      /** The analyst's credibility, overriding the one proposed from the cited sources. */
      credibility: Level.optional(),
      /**
       * Keyed by hypothesis id; a hypothesis without a cell is not rated yet (counted as NA). Only
       * hypotheses of the row's matrix (checked where a row is written: `strayRatings`), so at most
       * as many as a matrix has.
       */
      ratings: z.record(Id, AchCell).refine((ratings) => Object.keys(ratings).length <= maxRatings, { message }),
      /** Rows sort by position (then id). */
      position: z.number().finite(),
      marking: Marking,
      basis: RowBasis.optional(),
    })
    .strict()
    .refine((r) => r.kind === 'evidence' || r.cites.length === 0, { message: 'an assumption cites no records; make it evidence to cite them', path: ['cites'] });
export const AchRow = rowSchema(MAX_HYPOTHESES, `a row rates at most ${MAX_HYPOTHESES} hypotheses (the most a matrix has)`);
/**
 * A row as an edit request or a partner's file sends it: it may still carry leftover cells of
 * removed hypotheses (MAX_RECEIVED_RATINGS), which the row edit and the merge drop before storing.
 */
export const SentAchRow = rowSchema(MAX_RECEIVED_RATINGS, `a row carries at most ${MAX_RECEIVED_RATINGS} cells`);
export type AchRow = z.infer<typeof AchRow>;

export const RATING_LABELS: Record<Rating, string> = {
  CC: 'very consistent',
  C: 'consistent',
  N: 'neutral',
  I: 'inconsistent',
  II: 'very inconsistent',
  NA: 'not applicable',
};

export const LEVEL_LABELS: Record<Level, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** The key of a cite in a row's basis. */
export function citeKey(cite: Pick<AchCite, 'collection' | 'id' | 'claimId'>): string {
  return `${cite.collection}/${cite.id}${cite.claimId ? `#${cite.claimId}` : ''}`;
}

/**
 * Hypothesis ids `row` rates that its matrix does not have and `before` (the row as it stood)
 * did not rate either: what a write may not add. A cell left over from before is not the
 * writer's doing and must not block an edit of the row.
 */
export function strayRatings(row: Pick<AchRow, 'ratings'>, matrix: Pick<AchMatrix, 'hypotheses'> | undefined, before?: Pick<AchRow, 'ratings'> | null): string[] {
  const known = new Set(matrix?.hypotheses.map((h) => h.id));
  return Object.keys(row.ratings).filter((id) => !known.has(id) && !(before && Object.hasOwn(before.ratings, id)));
}

/** Rows of one matrix, in their order. */
export function rowsOf(rows: readonly AchRow[], matrixId: string): AchRow[] {
  return rows.filter((r) => r.matrixId === matrixId).sort(byPosition);
}

export function byPosition(a: AchRow, b: AchRow): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
