import { ok, type Result } from '../../../shared/ipc/result';
import type { Handlers } from '../guard';
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

function wrap<T>(result: Result<T>): Result<{ records: T }> {
  return result.ok ? ok({ records: result.value }) : result;
}

export function recordHandlers(ctx: HandlerContext): Pick<Handlers, RecordChannels> {
  return {
    'records:events': async () => wrap(ctx.cases.list('events')),
    'records:actors': async () => wrap(ctx.cases.list('actors')),
    'records:relationships': async () => wrap(ctx.cases.list('relationships')),
    'records:sources': async () => wrap(ctx.cases.list('sources')),
    'records:series': async () => wrap(ctx.cases.list('series')),
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
