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

const PullReview = z.object({
  token: z.string(),
  received: z.number(),
  totals: z.object({ added: z.number(), changed: z.number(), conflicts: z.number(), unmapped: z.number() }),
  added: z.array(z.object({ collection: z.string(), id: z.string(), label: z.string() })).max(TAXII_PAGE),
  changed: z.array(z.object({ collection: z.string(), id: z.string(), label: z.string(), fields: z.array(z.string()).max(50) })).max(TAXII_PAGE),
  conflicts: z.array(z.object({ key: z.string(), kind: z.string(), label: z.string(), field: z.string().optional(), ours: z.string(), theirs: z.string(), options: z.array(Resolution).max(3) })).max(TAXII_PAGE),
  /** Pulled objects the codec could not map to a record: listed, never dropped silently. */
  unmapped: z.array(z.object({ id: z.string(), type: z.string(), reason: z.string() })).max(TAXII_PAGE),
  unchanged: z.number(),
  oursNewer: z.number(),
});

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
  /** What a push would send and skip, and the left-out list (as for file export), computed offline. */
  'taxii:push-preview': {
    request: z.object({ ...Target, apiRootUrl: z.string().min(1).max(2_000), maxMarking: Marking, filter: EventFilter.optional() }).strict(),
    response: z.object({ toSend: z.number(), skipped: z.number(), leftOutTotal: z.number(), leftOut: z.array(LeftOutItem).max(TAXII_PAGE) }),
  },
  'taxii:push': {
    request: z.object({ ...Target, maxMarking: Marking, filter: EventFilter.optional() }).strict(),
    response: z.object({
      sent: z.number(),
      skipped: z.number(),
      failedTotal: z.number(),
      failed: z.array(z.object({ id: z.string(), type: z.string(), name: z.string(), message: z.string() })).max(TAXII_PAGE),
      pending: z.number(),
      leftOut: z.number(),
      /** Set when the push stopped part-way: `sent` says exactly what went. */
      error: z.string().optional(),
    }),
  },
  /** Pulls since the cursor and plans the merge; the case is not touched until taxii:apply. */
  'taxii:pull': { request: z.object(Target).strict(), response: PullReview },
  /** Applies a reviewed pull as one undoable step (conflicts not named keep ours); the cursor moves only here. */
  'taxii:apply': {
    request: z.object({ token: z.string().max(100), resolutions: z.record(z.string(), Resolution), dryRun: z.boolean().optional() }).strict(),
    response: z.object({ seq: z.number().nullable(), summary: z.string(), skipped: z.array(z.string()).max(TAXII_PAGE + 1), stale: z.array(z.string()).max(TAXII_PAGE).optional() }),
  },
  /** Cancels a running push or pull: a cancelled pull leaves the case untouched. */
  'taxii:cancel': { request: Empty, response: Empty },
} as const;
