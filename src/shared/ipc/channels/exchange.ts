import { EventFilter } from '../../domain/filters';
import { z } from 'zod';
import { Marking } from '../../domain/marking';
import { Empty, StorePath } from './common';

const Key = z.object({ name: z.string(), fingerprint: z.string(), ageRecipient: z.string().optional() });
const LeftOutItem = z.object({ collection: z.string(), id: z.string(), label: z.string(), reason: z.string() });
const Counts = z.record(z.string(), z.number());
const Resolution = z.enum(['ours', 'theirs', 'both']);

/** Entries of each list in a review answer, and most in one `exchange:review-page`: the lists grow with the file. */
export const REVIEW_PAGE = 100;
/** Fields listed for one changed record. */
export const REVIEW_FIELDS = 50;

const ConflictView = z.object({
  key: z.string(),
  kind: z.enum(['field', 'delete-vs-edit', 'edit-vs-delete', 'still-referenced', 'needed-by-theirs']),
  collection: z.string(),
  id: z.string(),
  label: z.string(),
  field: z.string().optional(),
  /** JSON text of each side's value (rendered as text). */
  ours: z.string(),
  theirs: z.string(),
  options: z.array(Resolution).max(3),
});

const AddedView = z.object({ collection: z.string(), id: z.string(), label: z.string() });
const ChangedView = z.object({ collection: z.string(), id: z.string(), label: z.string(), fields: z.array(z.string()).max(REVIEW_FIELDS) });
const DeletedView = z.object({ collection: z.string(), id: z.string(), label: z.string() });


/**
 * A received file, verified, and the merge planned against the open case. The lists hold their
 * first REVIEW_PAGE entries (`totals` says how many there are); the rest come a page at a time
 * from `exchange:review-page`, so the answer does not grow with the file.
 */
const MergeReview = z.object({
  token: z.string(),
  signer: z.object({ name: z.string(), fingerprint: z.string(), trust: z.enum(['self', 'partner', 'unknown']) }),
  caseName: z.string(),
  sequence: z.number(),
  createdAt: z.string(),
  warnings: z.array(z.string()).max(10),
  totals: z.object({ added: z.number(), changed: z.number(), deleted: z.number(), conflicts: z.number() }),
  added: z.array(AddedView).max(REVIEW_PAGE),
  changed: z.array(ChangedView).max(REVIEW_PAGE),
  deleted: z.array(DeletedView).max(REVIEW_PAGE),
  conflicts: z.array(ConflictView).max(REVIEW_PAGE),
  unchanged: z.number(),
  oursNewer: z.number(),
  /** What the merge does not take as it came, or brings back (ACH rows, hypotheses, ratings), in words. */
  notes: z.array(z.object({ collection: z.string(), id: z.string(), label: z.string(), note: z.string() })).max(REVIEW_PAGE + 1),
});
export const ReviewList = z.enum(['added', 'changed', 'deleted', 'conflicts']);
export type ReviewList = z.infer<typeof ReviewList>;

/** How far a running export or open has got (pushed as `exchange:progress`). */
export const ExchangeProgress = z.object({
  operation: z.enum(['export', 'open', 'merge']),
  /**
   * records: serialising them (done/total records); writing, reading: the file (bytes); keeping:
   * making the received files durable (files); planning: comparing with the case; applying: the
   * merge's changes (records); done: finished, failed or cancelled.
   */
  phase: z.enum(['records', 'writing', 'reading', 'keeping', 'planning', 'applying', 'done']),
  done: z.number(),
  total: z.number(),
});
export type ExchangeProgress = z.infer<typeof ExchangeProgress>;

/** Case-file exchange: keys, export with preview, open (verify) and merge with review. */
export const exchangeChannels = {
  /**
   * `self.nameChosen`: false while the identity still carries the OS user's name as a suggestion;
   * the app asks for a name before the first export.
   */
  'exchange:keys': {
    request: Empty,
    response: z.object({ self: Key.extend({ publicKeyText: z.string(), nameChosen: z.boolean() }), partners: z.array(Key) }),
  },
  /** Names your exchange identity: what partners see on your public key and on case files you sign. */
  'exchange:set-name': {
    request: z.object({ name: z.string().trim().min(1).max(200).regex(/^\P{Cc}*$/u, 'one line, without control characters') }).strict(),
    response: z.object({ name: z.string() }),
  },
  'exchange:import-key': {
    request: z.object({ text: z.string().min(1).max(10_000), name: z.string().max(200).optional() }).strict(),
    response: Key,
  },
  'exchange:preview': {
    request: z.object({ maxMarking: Marking, filter: EventFilter.optional() }).strict(),
    /** `attachments`: files the export carries, `attachmentBytes` their total size. */
    response: z.object({ counts: Counts, attachments: z.number(), attachmentBytes: z.number(), leftOut: z.array(LeftOutItem) }),
  },
  'exchange:export': {
    request: z
      .object({ path: StorePath, maxMarking: Marking, filter: EventFilter.optional(), recipients: z.array(z.string().max(200)).max(50), passphrase: z.string().min(8).max(1_024).optional(), allowWeakPassphrase: z.boolean().optional(), includeSelf: z.boolean().optional() })
      .strict(),
    response: z.object({ path: z.string(), size: z.number(), sequence: z.number(), counts: Counts, attachments: z.number(), leftOut: z.number() }),
  },
  /**
   * Writes the case as a STIX 2.1 bundle (JSON) up to a marking, optionally only the filtered
   * selection: the same cut and left-out list as `exchange:export` (see `exchange:preview`).
   */
  'exchange:export-stix': {
    request: z.object({ path: StorePath, maxMarking: Marking, filter: EventFilter.optional() }).strict(),
    response: z.object({ path: z.string(), objects: z.number(), counts: Counts, leftOut: z.number() }),
  },
  /** Cancels a running export, open or merge: nothing is written, merged or kept. */
  'exchange:cancel': { request: Empty, response: Empty },
  /** A native open dialog for a received file (Electron); null when there is none or it was cancelled. */
  'exchange:pick-file': { request: Empty, response: z.object({ path: z.string().nullable() }) },
  /** A native save dialog for the exported file (Electron); null when there is none or it was cancelled. */
  'exchange:pick-save-path': { request: z.object({ suggestedName: z.string().min(1).max(200), format: z.enum(['casefile', 'stix']).optional() }).strict(), response: z.object({ path: z.string().nullable() }) },
  'exchange:open': {
    request: z.object({ path: StorePath, passphrase: z.string().max(1_024).optional() }).strict(),
    response: MergeReview,
  },
  /** One page of a review's list (its entries from `offset`, at most REVIEW_PAGE); only that list is set. */
  'exchange:review-page': {
    request: z.object({ token: z.string().max(100), list: ReviewList, offset: z.number().int().min(0), limit: z.number().int().min(1).max(REVIEW_PAGE).optional() }).strict(),
    response: z.object({ total: z.number(), added: z.array(AddedView).max(REVIEW_PAGE).optional(), changed: z.array(ChangedView).max(REVIEW_PAGE).optional(), deleted: z.array(DeletedView).max(REVIEW_PAGE).optional(), conflicts: z.array(ConflictView).max(REVIEW_PAGE).optional() }),
  },
  /** Applies a reviewed merge (conflicts not named in `resolutions` keep ours); exchange:cancel stops it before anything is written. */
  'exchange:merge': {
    request: z.object({ token: z.string().max(100), resolutions: z.record(z.string(), Resolution) }).strict(),
    response: z.object({
      seq: z.number().nullable(),
      summary: z.string(),
      /** What was left out, at most REVIEW_PAGE lines (the last says how many more). */
      skipped: z.array(z.string()).max(REVIEW_PAGE + 1),
      /** Set when nothing was applied because the case changed since the review in a way that changes the merge: review this again. */
      replanned: z.object({ differences: z.array(z.string()).max(REVIEW_PAGE + 1), review: MergeReview }).optional(),
    }),
  },
} as const;

