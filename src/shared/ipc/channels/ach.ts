import { z } from 'zod';
import { AchMatrix, AchRow, CitableCollection, SentAchRow, Level, Rating } from '../../domain/ach';
import { Id } from '../../domain/ids';
import { Marking } from '../../domain/marking';
import { Reliability } from '../../domain/source';
import { Empty } from './common';

const CommitResponse = z.object({ seq: z.number().int(), summary: z.string() });

export const CiteStatusSchema = z.object({
  key: z.string(),
  collection: CitableCollection,
  id: z.string(),
  claimId: z.string().optional(),
  label: z.string(),
  marking: Marking.nullable(),
  state: z.enum(['ok', 'deleted', 'merged', 'claim-withdrawn']),
  mergedInto: z.object({ id: z.string(), label: z.string() }).optional(),
});

/** Matrices listed, and rows a matrix view answers with: one answer never grows past these. */
export const ACH_MATRIX_LIMIT = 500;
export const ACH_ROW_LIMIT = 2_000;
/** Sources behind a row, and its flags: a row cites at most 50 records. */
const ACH_SUPPORT_LIMIT = 500;

export const RowStatusSchema = z.object({
  cites: z.array(CiteStatusSchema).max(50),
  support: z.array(z.object({ sourceId: z.string(), label: z.string(), reliability: Reliability, credibility: z.number(), grade: Level, marking: Marking, via: z.string() })).max(ACH_SUPPORT_LIMIT),
  proposed: Level.nullable(),
  credibility: Level,
  overridden: z.boolean(),
  weight: z.number(),
  flags: z.array(z.string()).max(ACH_SUPPORT_LIMIT),
});

export const MatrixSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  marking: Marking,
  hypotheses: z.number().int(),
  rows: z.number().int(),
  flagged: z.number().int(),
  lead: z.string().nullable(),
});
export type MatrixSummary = z.infer<typeof MatrixSummarySchema>;

export const CiteHitSchema = z.object({
  collection: CitableCollection,
  id: z.string(),
  label: z.string(),
  marking: Marking,
  claims: z.array(z.object({ id: z.string(), label: z.string() })).max(50).optional(),
});
export type CiteHitValue = z.infer<typeof CiteHitSchema>;

const Cell = z.object({ rowId: Id, hypothesisId: Id }).strict();

export const ACH_EXPORT_FORMATS = ['csv', 'xlsx', 'svg'] as const;

/**
 * ACH matrices (docs/ach.md). `ach:get` answers with each row's status worked out in main from
 * the whole case (what it cites, the sources behind it, its proposed credibility and flags); the
 * renderer scores from the weights, so a rating change re-scores without a round trip. Every
 * edit is one journaled, undoable step.
 */
export const achChannels = {
  'ach:list': { request: Empty, response: z.object({ matrices: z.array(MatrixSummarySchema).max(ACH_MATRIX_LIMIT) }) },
  'ach:get': {
    request: z.object({ id: Id }).strict(),
    response: z.object({ matrix: AchMatrix, rows: z.array(z.object({ row: AchRow, status: RowStatusSchema })).max(ACH_ROW_LIMIT) }),
  },
  'ach:put-matrix': { request: z.object({ matrix: AchMatrix }).strict(), response: CommitResponse },
  'ach:delete-matrix': { request: z.object({ id: Id }).strict(), response: CommitResponse },
  'ach:put-row': { request: z.object({ row: SentAchRow }).strict(), response: CommitResponse },
  'ach:delete-row': { request: z.object({ id: Id }).strict(), response: CommitResponse },
  /** Rates a cell (value null clears it) and/or sets its note ('' removes it). */
  'ach:cell': { request: Cell.extend({ value: Rating.nullable().optional(), note: z.string().max(2_000).optional() }).strict(), response: CommitResponse },
  /** Settles a disagreement: pick -1 keeps the cell's rating, n takes the n-th other; keep leaves both on record. */
  'ach:resolve': {
    request: Cell.extend({ choice: z.union([z.object({ pick: z.number().int().min(-1).max(19) }).strict(), z.object({ keep: z.literal(true) }).strict()]) }).strict(),
    response: CommitResponse,
  },
  /** Marks a flagged row as reviewed: what it rests on now becomes its basis. */
  'ach:review': { request: z.object({ rowId: Id }).strict(), response: CommitResponse },
  'ach:cite-search': {
    request: z.object({ query: z.string().max(300), limit: z.number().int().min(1).max(200).optional() }).strict(),
    response: z.object({ hits: z.array(CiteHitSchema).max(200) }),
  },
  /** The matrix as CSV, XLSX or SVG, cut at `maxMarking` in main (PNG is drawn from the SVG). */
  'ach:export': {
    request: z.object({ id: Id, format: z.enum(ACH_EXPORT_FORMATS), maxMarking: Marking }).strict(),
    response: z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string(), width: z.number(), height: z.number(), marking: Marking, withheld: z.number().int() }),
  },
} as const;
