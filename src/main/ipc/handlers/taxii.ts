import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../shared/exchange';
import { TAXII_PAGE, type TaxiiProgress } from '../../../shared/ipc/channels/taxii';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { asStoreError } from '../../services/case-service';
import { TaxiiService, type PullReview } from '../../services/taxii/taxii-service';
import { FAILURE_CODES, type TaxiiResult } from '../../services/taxii/types';
import { StoreError } from '../../store/store-error';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type TaxiiChannels = 'taxii:connections' | 'taxii:add-connection' | 'taxii:remove-connection' | 'taxii:collections' | 'taxii:push-preview' | 'taxii:push' | 'taxii:pull' | 'taxii:apply' | 'taxii:cancel';

/**
 * TAXII channels (docs/taxii.md). Secrets stay in main: connections go out as ConnectionInfo, and
 * push/pull name a connection by id. A pull is reviewed by token, like a received .casefile.
 */
export function taxiiHandlers(ctx: HandlerContext): Pick<Handlers, TaxiiChannels> {
  const taxii = new TaxiiService(ctx.cases);
  const reviews = new Map<string, PullReview>();
  const running = new Set<AbortController>();
  const tracked = async <T>(operation: TaxiiProgress['operation'], work: (signal: AbortSignal, onProgress: (p: Omit<TaxiiProgress, 'operation'>) => void) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    running.add(controller);
    try {
      return await work(controller.signal, (p) => ctx.emit?.('taxii:progress', { operation, ...p }));
    } finally {
      running.delete(controller);
      ctx.emit?.('taxii:progress', { operation, phase: 'done', done: 1, total: 1 });
    }
  };
  const attempt = async <T>(work: () => Promise<T>): Promise<Result<T>> => {
    try {
      return ok(await work());
    } catch (error) {
      const failure = asStoreError(error);
      return err(failure.code, failure.message);
    }
  };
  /** A TAXII failure as the app's error value. */
  const value = <T, R>(result: TaxiiResult<T>, map: (v: T) => R): Result<R> => (result.ok ? ok(map(result.value)) : err(FAILURE_CODES[result.error.kind], result.error.message));
  return {
    'taxii:connections': () => attempt(async () => ({ connections: await taxii.connections() })),
    'taxii:add-connection': async (request) => {
      const added = await attempt(() => taxii.addConnection({ label: request.label, discoveryUrl: request.discoveryUrl, auth: request.auth, ...(request.caPem ? { caPem: request.caPem } : {}) }));
      return added.ok ? value(added.value, (info) => info) : added;
    },
    'taxii:remove-connection': (request) => attempt(async () => ({ removed: await taxii.removeConnection(request.id) })),
    'taxii:collections': async (request) => {
      const endpoint = await attempt(() => taxii.endpoint(request.connectionId));
      if (!endpoint.ok) return endpoint;
      const listed = await tracked('pull', (signal) => taxii.listCollections(endpoint.value, signal));
      return value(listed, (l) => ({
        title: l.title,
        apiRoots: l.apiRoots.slice(0, 50).map((r) =>
          'root' in r
            ? { url: r.root.url, title: r.root.title, maxContentLength: r.root.maxContentLength, collections: r.collections.slice(0, 1_000).map((c) => ({ id: c.id, title: c.title, ...(c.description ? { description: c.description } : {}), canRead: c.canRead, canWrite: c.canWrite })) }
            : { url: r.url, error: r.error.message, collections: [] },
        ),
      }));
    },
    'taxii:push-preview': (request) =>
      attempt(async () => {
        const p = await taxii.previewPush(request.apiRootUrl, request.collectionId, { maxMarking: request.maxMarking, ...(request.filter ? { filter: request.filter } : {}) });
        return { toSend: p.toSend, skipped: p.skipped, leftOutTotal: p.leftOut.length, leftOut: p.leftOut.slice(0, TAXII_PAGE) };
      }),
    'taxii:push': async (request) => {
      const endpoint = await attempt(() => taxii.endpoint(request.connectionId));
      if (!endpoint.ok) return endpoint;
      const pushed = await attempt(() => tracked('push', (signal, onProgress) => taxii.push(endpoint.value, request.collectionId, { maxMarking: request.maxMarking, ...(request.filter ? { filter: request.filter } : {}), signal, onProgress })));
      if (!pushed.ok) return pushed;
      return value(pushed.value, (r) => ({
        sent: r.sent,
        skipped: r.skipped,
        failedTotal: r.failed.length,
        failed: r.failed.slice(0, TAXII_PAGE),
        pending: r.pending.length,
        leftOut: r.leftOut.length,
        ...(r.error ? { error: r.error.message } : {}),
      }));
    },
    'taxii:pull': async (request) => {
      const endpoint = await attempt(() => taxii.endpoint(request.connectionId));
      if (!endpoint.ok) return endpoint;
      const pulled = await attempt(() => tracked('pull', (signal, onProgress) => taxii.pull(endpoint.value, request.collectionId, { signal, onProgress })));
      if (!pulled.ok) return pulled;
      return value(pulled.value, (review) => {
        const token = randomUUID();
        // One review at a time per window is what the merge review shows; older ones are dropped.
        reviews.clear();
        reviews.set(token, review);
        const plan = review.plan;
        return {
          token,
          received: review.received,
          totals: { added: plan.added.length, changed: plan.changed.length, conflicts: plan.conflicts.length, unmapped: review.unmapped.length },
          added: plan.added.slice(0, TAXII_PAGE).map((a) => ({ collection: a.collection, id: a.record.id, label: 'title' in a.record ? a.record.title : 'name' in a.record ? a.record.name : a.record.id })),
          changed: plan.changed.slice(0, TAXII_PAGE).map((c) => ({ collection: c.collection, id: c.id, label: c.label, fields: c.fields.slice(0, 50) })),
          conflicts: plan.conflicts.slice(0, TAXII_PAGE).map((c) => ({
            key: c.key,
            kind: c.kind,
            label: c.label,
            ...(c.kind === 'field' ? { field: c.field, ours: canonicalJson(c.ours), theirs: canonicalJson(c.theirs) } : { ours: '', theirs: '' }),
            options: c.options,
          })),
          unmapped: review.unmapped.slice(0, TAXII_PAGE),
          unchanged: plan.unchanged,
          oursNewer: plan.oursNewer,
        };
      });
    },
    'taxii:apply': (request) =>
      attempt(async () => {
        const review = reviews.get(request.token);
        if (!review) throw new StoreError('NOT_FOUND', 'This pull is no longer open for review; pull again. Nothing was merged.');
        const outcome = await taxii.applyPull(review, request.resolutions, { dryRun: request.dryRun === true });
        if (!request.dryRun && !outcome.stale) reviews.delete(request.token);
        const skipped = outcome.skipped.length > TAXII_PAGE ? [...outcome.skipped.slice(0, TAXII_PAGE), `… and ${outcome.skipped.length - TAXII_PAGE} more`] : outcome.skipped;
        return { seq: outcome.seq, summary: outcome.summary, skipped, ...(outcome.stale ? { stale: outcome.stale.differences.slice(0, TAXII_PAGE) } : {}) };
      }),
    'taxii:cancel': async () => {
      for (const controller of running) controller.abort();
      return ok({});
    },
  };
}
