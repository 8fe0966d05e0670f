import { eventMatches } from '../../../shared/domain/filters';
import { referrersOf } from '../../../shared/domain/references';
import { err, ok } from '../../../shared/ipc/result';
import { projectEvents, type TimelineColumns } from '../../../shared/timeline/projection';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type ViewsChannels =
  | 'timeline:events'
  | 'timeline:facets'
  | 'timeline:event'
  | 'views:list'
  | 'views:put'
  | 'views:delete'
  | 'sources:citing';

const NO_CASE = 'No case is open. Open or create a case first.';

const unfiltered = new WeakMap<object, { historyLength: number; columns: TimelineColumns }>();

/** Timeline projection, saved views and "who cites this source". */
export function viewsHandlers(ctx: HandlerContext): Pick<Handlers, ViewsChannels> {
  const doc = () => ctx.cases.document;
  return {
    'timeline:events': async ({ filter }) => {
      const d = doc();
      if (!d) return err('NO_CASE_OPEN', NO_CASE);
      if (Object.keys(filter).length > 0) return ok({ columns: projectEvents(d.events.filter((e) => eventMatches(e, filter))), total: d.events.length });
      // The unfiltered projection is reused until the next edit (every edit, undo or redo adds a history entry).
      const cached = unfiltered.get(d);
      if (cached && cached.historyLength === d.history.length) return ok({ columns: cached.columns, total: d.events.length });
      const columns = projectEvents(d.events);
      unfiltered.set(d, { historyLength: d.history.length, columns });
      return ok({ columns, total: d.events.length });
    },
    'timeline:facets': async () => {
      const d = doc();
      if (!d) return err('NO_CASE_OPEN', NO_CASE);
      const sets = { countries: new Set<string>(), provinces: new Set<string>(), attackTypes: new Set<string>(), targetTypes: new Set<string>() };
      for (const e of d.events) {
        sets.countries.add(e.location.country);
        if (e.location.admin1) sets.provinces.add(e.location.admin1);
        if (e.attackType) sets.attackTypes.add(e.attackType);
        if (e.targetType) sets.targetTypes.add(e.targetType);
      }
      const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
      return ok({ countries: sorted(sets.countries), provinces: sorted(sets.provinces), attackTypes: sorted(sets.attackTypes), targetTypes: sorted(sets.targetTypes) });
    },
    'timeline:event': async ({ id }) => {
      const event = doc()?.events.find((e) => e.id === id);
      return event ? ok({ event }) : err('NOT_FOUND', `No event with id ${id}; it may have been deleted or undone.`);
    },
    'views:list': async () => {
      const d = doc();
      return d ? ok({ views: d.views }) : err('NO_CASE_OPEN', NO_CASE);
    },
    'views:put': ({ view }) =>
      ctx.cases.commitBatch('edit', (records) => {
        const before = records.get('views', view.id) ?? null;
        return { summary: `${before ? 'Updated' : 'Saved'} view “${view.name}”`, changes: [{ op: 'put', collection: 'views', id: view.id, before, after: view }] };
      }),
    'views:delete': ({ id }) =>
      ctx.cases.commitBatch('edit', (records) => {
        const before = records.get('views', id);
        if (!before) return { summary: 'Nothing to delete', changes: [] };
        return { summary: `Deleted view “${before.name}”`, changes: [{ op: 'delete', collection: 'views', id, before }] };
      }),
    'sources:citing': async ({ sourceId }) => {
      const d = doc();
      if (!d) return err('NO_CASE_OPEN', NO_CASE);
      const byId = new Map<string, string>();
      const records = referrersOf(d, 'sources', sourceId).map((ref) => {
        const list = d[ref.collection] as ReadonlyArray<{ id: string; title?: string; name?: string; type?: string }>;
        let label = byId.get(ref.id);
        if (label === undefined) {
          const found = list.find((r) => r.id === ref.id);
          label = found?.title ?? found?.name ?? found?.type ?? ref.id;
          byId.set(ref.id, label);
        }
        return { collection: ref.collection, id: ref.id, label };
      });
      return ok({ records });
    },
  };
}
