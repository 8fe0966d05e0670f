import { z } from 'zod';
import { EventFilter } from '../../domain/filters';
import { Marking } from '../../domain/marking';
import { Empty } from './common';

/**
 * TAXII 2.1 (docs/taxii.md). The renderer never receives a secret: a connection comes back as
 * ConnectionInfo (`hasSecret`, `hasCa`); the password or token only travels renderer → main once,
 * when the connection is added. All network calls are made by the main process.
 */

/** Entries of each list in an answer; the totals say how many there are. */
export const TAXII_PAGE = 100;

const ConnectionInfo = z.object({
  id: z.string(),
  label: z.string(),
  discoveryUrl: z.string(),
  authKind: z.enum(['none', 'basic', 'bearer']),
  user: z.string().optional(),
  hasSecret: z.boolean(),
  /** Where the secret is kept (never the secret): this OS account's keychain, or the case's encrypted keyring. */
  secretStore: z.enum(['os-keychain', 'case-keyring']).optional(),
  hasCa: z.boolean(),
  addedAt: z.string(),
});

const Auth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('basic'), user: z.string().min(1).max(1_000), password: z.string().max(10_000) }).strict(),
  z.object({ kind: z.literal('bearer'), token: z.string().min(1).max(10_000) }).strict(),
]);

const Collection = z.object({ id: z.string(), title: z.string(), description: z.string().optional(), canRead: z.boolean(), canWrite: z.boolean() });
const LeftOutItem = z.object({ collection: z.string(), id: z.string(), label: z.string(), reason: z.string() });
const Resolution = z.enum(['ours', 'theirs', 'both']);
const Target = { connectionId: z.string().min(1).max(200), collectionId: z.string().min(1).max(500) };

/** How far a push or pull has got (pushed as `taxii:progress`). */
export const TaxiiProgress = z.object({
  operation: z.enum(['push', 'pull']),
  phase: z.enum(['connecting', 'sending', 'receiving', 'planning', 'done']),
  done: z.number(),
  total: z.number(),
});
export type TaxiiProgress = z.infer<typeof TaxiiProgress>;

const AddedView = z.object({ collection: z.string(), id: z.string(), label: z.string() });
const ChangedView = z.object({ collection: z.string(), id: z.string(), label: z.string(), fields: z.array(z.string()).max(50) });
const ConflictView = z.object({ key: z.string(), kind: z.string(), label: z.string(), field: z.string().optional(), ours: z.string(), theirs: z.string(), options: z.array(Resolution).max(3) });
const UnmappedView = z.object({ id: z.string(), type: z.string(), reason: z.string() });
/** One object of a push by type and name; `message` is the server's reason for a failed one. */
const PushedView = z.object({ id: z.string(), type: z.string(), name: z.string(), message: z.string().optional() });

const PullReview = z.object({
  token: z.string(),
  received: z.number(),
  totals: z.object({ added: z.number(), changed: z.number(), conflicts: z.number(), unmapped: z.number() }),
  added: z.array(AddedView).max(TAXII_PAGE),
  changed: z.array(ChangedView).max(TAXII_PAGE),
  conflicts: z.array(ConflictView).max(TAXII_PAGE),
  /** Pulled objects the codec could not map to a record: listed, never dropped silently. */
  unmapped: z.array(UnmappedView).max(TAXII_PAGE),
  unchanged: z.number(),
  oursNewer: z.number(),
});

/** The lists of a pull review and of a push report; `taxii:review-page` pages through any of them. */
export const TaxiiList = z.enum(['added', 'changed', 'conflicts', 'unmapped', 'sent', 'failed', 'unknown', 'pending']);
export type TaxiiList = z.infer<typeof TaxiiList>;

export const taxiiChannels = {
  'taxii:connections': { request: Empty, response: z.object({ connections: z.array(ConnectionInfo).max(200) }) },
  'taxii:add-connection': {
    request: z.object({ label: z.string().max(300), discoveryUrl: z.string().min(1).max(2_000), auth: Auth, caPem: z.string().max(200_000).optional() }).strict(),
    response: ConnectionInfo,
  },
  'taxii:remove-connection': { request: z.object({ id: z.string().min(1).max(200) }).strict(), response: z.object({ removed: z.boolean() }) },
  /** Discovery, API roots (with max_content_length) and their collections with read/write rights. */
  'taxii:collections': {
    request: z.object({ connectionId: Target.connectionId }).strict(),
    response: z.object({
      title: z.string(),
      apiRoots: z.array(z.object({ url: z.string(), title: z.string().optional(), maxContentLength: z.number().optional(), error: z.string().optional(), collections: z.array(Collection).max(1_000) })).max(50),
    }),
  },
  /** What a push would send and skip, and the whole left-out list (as `exchange:preview` gives it for file export), computed offline. */
  'taxii:push-preview': {
    request: z.object({ ...Target, apiRootUrl: z.string().min(1).max(2_000), maxMarking: Marking, filter: EventFilter.optional() }).strict(),
    response: z.object({ toSend: z.number(), skipped: z.number(), leftOutTotal: z.number(), leftOut: z.array(LeftOutItem) }),
  },
  'taxii:push': {
    request: z.object({ ...Target, maxMarking: Marking, filter: EventFilter.optional() }).strict(),
    /**
     * Exactly which objects went: `sent` (confirmed stored), `failed` (refused, with the server's
     * reason), `unknown` (the server did not say; sent again next push), `pending` (not finished
     * when we stopped asking). Each list holds its first TAXII_PAGE entries; `token` pages the rest.
     */
    response: z.object({
      token: z.string(),
      sent: z.number(),
      sentObjects: z.array(PushedView).max(TAXII_PAGE),
      skipped: z.number(),
      failedTotal: z.number(),
      failed: z.array(PushedView).max(TAXII_PAGE),
      unknownTotal: z.number(),
      unknown: z.array(PushedView).max(TAXII_PAGE),
      pendingTotal: z.number(),
      pending: z.array(PushedView).max(TAXII_PAGE),
      leftOut: z.number(),
      /** Set when the push stopped part-way: `sent` says exactly what went. */
      error: z.string().optional(),
    }),
  },
  /** Pulls since the cursor and plans the merge; the case is not touched until taxii:apply. */
  'taxii:pull': { request: z.object(Target).strict(), response: PullReview },
  /**
   * One page of a pull review's list (added, changed, conflicts, unmapped) or a push report's
   * (sent, failed, unknown, pending), like `exchange:review-page`: `limit` entries from `offset`.
   */
  'taxii:review-page': {
    request: z.object({ token: z.string().max(100), list: TaxiiList, offset: z.number().int().min(0), limit: z.number().int().min(1).max(TAXII_PAGE).optional() }).strict(),
    response: z.object({
      total: z.number(),
      added: z.array(AddedView).max(TAXII_PAGE).optional(),
      changed: z.array(ChangedView).max(TAXII_PAGE).optional(),
      conflicts: z.array(ConflictView).max(TAXII_PAGE).optional(),
      unmapped: z.array(UnmappedView).max(TAXII_PAGE).optional(),
      objects: z.array(PushedView).max(TAXII_PAGE).optional(),
    }),
  },
  /** Applies a reviewed pull as one undoable step (conflicts not named keep ours); the cursor moves only here. */
  'taxii:apply': {
    request: z.object({ token: z.string().max(100), resolutions: z.record(z.string(), Resolution), dryRun: z.boolean().optional() }).strict(),
    response: z.object({ seq: z.number().nullable(), summary: z.string(), skipped: z.array(z.string()).max(TAXII_PAGE + 1), stale: z.array(z.string()).max(TAXII_PAGE).optional() }),
  },
  /** Cancels a running push or pull: a cancelled pull leaves the case untouched. */
  'taxii:cancel': { request: Empty, response: Empty },
} as const;
