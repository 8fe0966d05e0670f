import { randomUUID } from 'node:crypto';
import { TAXII_PAGE, type TaxiiProgress } from '../../../shared/ipc/channels/taxii';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { asStoreError } from '../../services/case-service';
import { TaxiiService, type PullReview, type PushReport } from '../../services/taxii/taxii-service';
import { FAILURE_CODES, type TaxiiResult } from '../../services/taxii/types';
import { StoreError } from '../../store/store-error';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';
import { isPullList, pullPage, pullReviewView, pushPage, pushReportView, RecentByToken } from './taxii-views';

type TaxiiChannels = 'taxii:connections' | 'taxii:add-connection' | 'taxii:remove-connection' | 'taxii:collections' | 'taxii:push-preview' | 'taxii:push' | 'taxii:pull' | 'taxii:review-page' | 'taxii:apply' | 'taxii:cancel';

/**
 * TAXII channels (docs/taxii.md). Secrets stay in main: connections go out as ConnectionInfo, and
 * push/pull name a connection by id. A pull is reviewed by token, like a received .casefile.
 */
export function taxiiHandlers(ctx: HandlerContext): Pick<Handlers, TaxiiChannels> {
  const taxii = new TaxiiService(ctx.cases, {}, { sealer: ctx.host.secretSealer ?? null });
  // A few at a time, so a second window's pull or push does not close this one's review.
  const reviews = new RecentByToken<PullReview>(4);
  const pushes = new RecentByToken<PushReport>(4);
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
        return { toSend: p.toSend, skipped: p.skipped, leftOutTotal: p.leftOut.length, leftOut: p.leftOut };
      }),
    'taxii:push': async (request) => {
      const endpoint = await attempt(() => taxii.endpoint(request.connectionId));
      if (!endpoint.ok) return endpoint;
      const pushed = await attempt(() => tracked('push', (signal, onProgress) => taxii.push(endpoint.value, request.collectionId, { maxMarking: request.maxMarking, ...(request.filter ? { filter: request.filter } : {}), signal, onProgress })));
      if (!pushed.ok) return pushed;
      return value(pushed.value, (report) => {
        const token = randomUUID();
        pushes.set(token, report);
        return pushReportView(token, report);
      });
    },
    'taxii:pull': async (request) => {
      const endpoint = await attempt(() => taxii.endpoint(request.connectionId));
      if (!endpoint.ok) return endpoint;
      const pulled = await attempt(() => tracked('pull', (signal, onProgress) => taxii.pull(endpoint.value, request.collectionId, { signal, onProgress })));
      if (!pulled.ok) return pulled;
      return value(pulled.value, (review) => {
        const token = randomUUID();
        reviews.set(token, review);
        return pullReviewView(token, review);
      });
    },
    'taxii:review-page': (request) =>
      attempt(async () => {
        const limit = request.limit ?? TAXII_PAGE;
        if (isPullList(request.list)) {
          const review = reviews.get(request.token);
          if (!review) throw new StoreError('NOT_FOUND', 'This pull is no longer open for review; pull again.');
          return pullPage(review, request.list, request.offset, limit);
        }
        const report = pushes.get(request.token);
        if (!report) throw new StoreError('NOT_FOUND', 'This push report is no longer kept; push again to see what the server holds (unchanged objects are skipped).');
        return pushPage(report, request.list, request.offset, limit);
      }),
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
