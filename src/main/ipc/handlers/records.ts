import type { CaseDocument } from '../../../shared/domain/case';
import type { CollectionName } from '../../../shared/domain/collections';
import { PAGE_LIMIT } from '../../../shared/ipc/bounds';
import { err, ok, type Result } from '../../../shared/ipc/result';
import type { Handlers, RequestValue } from '../guard';
import type { HandlerContext } from './context';

type RecordChannels =
  | 'records:events'
  | 'records:actors'
  | 'records:relationships'
  | 'records:sources'
  | 'records:series'
  | 'records:put'
  | 'records:delete'
  | 'history:undo'
  | 'history:redo'
  | 'history:list';

type PageOf<C extends CollectionName> = { records: CaseDocument[C]; total: number };

/** A page of a collection, or the records with the given ids that exist. */
function page<C extends CollectionName>(ctx: HandlerContext, collection: C, request: RequestValue<'records:events'>): Result<PageOf<C>> {
  const doc = ctx.cases.document;
  const index = ctx.cases.records;
  if (!doc || !index) return err('NO_CASE_OPEN', 'No case is open. Open or create a case first.');
  const list = doc[collection];
  if (request.ids) {
    const records = request.ids.flatMap((id) => index.get(collection, id) ?? []) as CaseDocument[C];
    return ok({ records, total: list.length });
  }
  const offset = request.offset ?? 0;
  return ok({ records: list.slice(offset, offset + (request.limit ?? PAGE_LIMIT)) as CaseDocument[C], total: list.length });
}

export function recordHandlers(ctx: HandlerContext): Pick<Handlers, RecordChannels> {
  return {
    'records:events': async (request) => page(ctx, 'events', request),
    'records:actors': async (request) => page(ctx, 'actors', request),
    'records:relationships': async (request) => page(ctx, 'relationships', request),
    'records:sources': async (request) => page(ctx, 'sources', request),
    'records:series': async (request) => page(ctx, 'series', request),
    'records:put': (request) => ctx.cases.put(request),
    'records:delete': ({ collection, id }) => ctx.cases.remove(collection, id),
    'history:undo': () => ctx.cases.undo(),
    'history:redo': () => ctx.cases.redo(),
    'history:list': async ({ limit }) => {
      const history = ctx.cases.history(limit);
      if (!history.ok) return history;
      return ok({
        items: history.value.map((e) => ({ seq: e.seq, at: e.at, by: e.by, kind: e.kind, summary: e.summary, changeCount: e.changes.length })),
      });
    },
  };
}
