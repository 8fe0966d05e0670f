import type { Actor } from '../../../shared/domain/actor';
import type { CaseDocument } from '../../../shared/domain/case';
import { participantsOf, type Event } from '../../../shared/domain/event';
import { isWithinMarking, TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import { referrersOf } from '../../../shared/domain/references';
import type { Source } from '../../../shared/domain/source';
import { PAGE_LIMIT, TIMELINE_LIST_LIMIT } from '../../../shared/ipc/bounds';
import { FACET_LIMIT } from '../../../shared/ipc/channels/views';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/ipc/result';
import type { CaseViews } from '../../services/views';
import { VersionedCache } from '../../services/views/versioned';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type ViewsChannels =
  | 'timeline:summary'
  | 'timeline:window'
  | 'timeline:tiles'
  | 'timeline:list'
  | 'timeline:event'
  | 'timeline:facets'
  | 'views:list'
  | 'views:put'
  | 'views:delete'
  | 'sources:citing'
  | 'sources:list';

const NO_CASE = 'No case is open. Open or create a case first.';

type Facets = ResponseOf<'timeline:facets'>;

/** The timeline's queries (answered by CaseViews), the filter pickers' values, saved views and the sources panel. */
export function viewsHandlers(ctx: HandlerContext, views: CaseViews): Pick<Handlers, ViewsChannels> {
  const facets = new VersionedCache<Facets>(TLP_LEVELS.length + 1);
  views.onClear(() => facets.clear());
  const withDoc = async <T>(work: (doc: CaseDocument) => T | Promise<T>): Promise<Result<T>> => {
    const doc = ctx.cases.document;
    return doc ? ok(await work(doc)) : err('NO_CASE_OPEN', NO_CASE);
  };
  return {
    'timeline:summary': (query) => withDoc((doc) => views.timeline.summary(doc, query)),
    'timeline:window': ({ from, to, ...query }) => withDoc((doc) => views.timeline.window(doc, query, from, to)),
    'timeline:tiles': ({ unit, tiles, ...query }) => withDoc((doc) => views.timeline.tiles(doc, query, unit, tiles)),
    'timeline:list': ({ from, to, limit, offset, ...query }) => withDoc((doc) => views.timeline.list(doc, query, from, to, Math.min(limit, TIMELINE_LIST_LIMIT), offset ?? 0)),
    'timeline:event': async ({ id }) => {
      const event = ctx.cases.records?.get('events', id);
      if (!event) return err('NOT_FOUND', `No event with id ${id}; it may have been deleted or undone.`);
      return ok({ event, actors: namedActors(event, (actorId) => ctx.cases.records?.get('actors', actorId)).slice(0, PAGE_LIMIT) });
    },
    // A value found only in events above the filter's marking is not offered: it would name what the cut hides.
    'timeline:facets': ({ maxMarking }) => withDoc((doc) => facets.get(doc, maxMarking ?? '', () => facetsOf(doc.events, maxMarking))),
    'views:list': () => withDoc((doc) => ({ views: doc.views.slice(0, PAGE_LIMIT) })),
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
    'sources:citing': ({ sourceId }) =>
      withDoc((doc) => {
        const records = referrersOf(doc, 'sources', sourceId);
        return {
          records: records.slice(0, PAGE_LIMIT).map((ref) => {
            const found = ctx.cases.records?.get(ref.collection, ref.id) as { title?: string; name?: string; type?: string } | undefined;
            return { collection: ref.collection, id: ref.id, label: found?.title ?? found?.name ?? found?.type ?? ref.id };
          }),
          total: records.length,
        };
      }),
    'sources:list': ({ text, offset, limit }) =>
      withDoc((doc) => {
        const matching = sourcesMatching(doc.sources, text ?? '');
        const from = offset ?? 0;
        return { sources: matching.slice(from, from + (limit ?? PAGE_LIMIT)), total: matching.length };
      }),
  };
}

/** The actors an event names: its claims, who made them, its targets and participants. */
function namedActors(event: Event, get: (id: string) => Actor | undefined): Actor[] {
  const ids = new Set([...event.responsibility.flatMap((c) => (c.byActorId ? [c.actorId, c.byActorId] : [c.actorId])), ...participantsOf(event).map((p) => p.actorId)]);
  return [...ids].flatMap((id) => get(id) ?? []);
}

function facetsOf(events: readonly Event[], maxMarking: Marking | undefined): Facets {
  const keys = ['countries', 'provinces', 'attackTypes', 'targetTypes', 'acledEventTypes', 'subEventTypes', 'disorderTypes', 'sourceScales', 'admin2s', 'admin3s'] as const;
  const sets = Object.fromEntries(keys.map((k) => [k, new Set<string>()])) as Record<(typeof keys)[number], Set<string>>;
  const interactions = new Set<number>();
  const perCountry = new Map<string, number>();
  let civilianTargeting = false;
  const add = (set: Set<string>, value: string | undefined) => value !== undefined && set.add(value);
  for (const e of events) {
    if (maxMarking && !isWithinMarking(e.marking, maxMarking)) continue;
    sets.countries.add(e.location.country);
    perCountry.set(e.location.country, (perCountry.get(e.location.country) ?? 0) + 1);
    add(sets.provinces, e.location.admin1);
    add(sets.attackTypes, e.attackType);
    add(sets.targetTypes, e.targetType);
    add(sets.admin2s, e.location.admin2);
    add(sets.admin3s, e.location.admin3);
    const a = e.acled;
    if (!a) continue;
    add(sets.acledEventTypes, a.eventType);
    add(sets.subEventTypes, a.subEventType);
    add(sets.disorderTypes, a.disorderType);
    add(sets.sourceScales, a.sourceScale);
    if (a.interaction !== undefined) interactions.add(a.interaction);
    if (a.civilianTargeting !== undefined) civilianTargeting = true;
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b)).slice(0, FACET_LIMIT);
  const lists = Object.fromEntries(keys.map((k) => [k, sorted(sets[k])])) as Record<(typeof keys)[number], string[]>;
  const topCountry = [...perCountry].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  return { ...lists, interactions: [...interactions].sort((a, b) => a - b), civilianTargeting, topCountry };
}

/** Sources whose title, outlet, publisher or an author holds every word of `text` (case-insensitive), by title. */
export function sourcesMatching(sources: readonly Source[], text: string): Source[] {
  const words = text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const found = words.length === 0 ? [...sources] : sources.filter((s) => {
    const hay = [s.title, s.outlet ?? '', s.publisher ?? '', ...s.authors].join(' ').toLocaleLowerCase();
    return words.every((w) => hay.includes(w));
  });
  return found.sort((a, b) => a.title.localeCompare(b.title));
}
