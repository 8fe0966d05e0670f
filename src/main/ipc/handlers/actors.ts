import type { Actor } from '../../../shared/domain/actor';
import { ActorMergeError, planActorMerge, type ActorMergePlan } from '../../../shared/domain/actor-merge';
import type { CaseDocument } from '../../../shared/domain/case';
import { findDuplicateActors } from '../../../shared/domain/duplicates';
import { isWithinMarking, type Marking } from '../../../shared/domain/marking';
import type { ActorHit } from '../../../shared/ipc/channels/actors';
import { err, ok, type Result } from '../../../shared/ipc/result';
import type { NameIndex } from '../../../shared/names';
import type { CaseViews } from '../../services/views';
import { StoreError } from '../../store/store-error';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type ActorChannels = 'actors:search' | 'actors:list' | 'actors:detail' | 'actors:profile' | 'actors:link-chart' | 'actors:duplicates' | 'actors:merge-preview' | 'actors:merge';

/** Search hits with each actor's name and kind; with `maxMarking`, only actors within it (a view's pickers). */
export function searchActors(index: NameIndex, get: (id: string) => Actor | undefined, text: string, limit: number, maxMarking?: Marking): ActorHit[] {
  const hits = index.search(text, maxMarking ? Number.POSITIVE_INFINITY : limit).flatMap((hit) => {
    const actor = get(hit.id);
    if (!actor || (maxMarking && !isWithinMarking(actor.marking, maxMarking))) return [];
    return [{ id: actor.id, name: actor.name, kind: actor.kind, score: hit.score, matchedName: hit.matchedName }];
  });
  return hits.slice(0, limit);
}

const NO_CASE = 'No case is open. Open or create a case first.';

/** The merge plan, with the merge's own refusals as VALIDATION errors. */
function planMerge(doc: CaseDocument, keepId: string, mergeId: string): ActorMergePlan {
  try {
    return planActorMerge(doc, keepId, mergeId);
  } catch (error) {
    if (error instanceof ActorMergeError) throw new StoreError('VALIDATION', error.message);
    throw error;
  }
}

export function actorHandlers(ctx: HandlerContext, views: CaseViews): Pick<Handlers, ActorChannels> {
  const get = (id: string) => ctx.cases.records?.get('actors', id);
  const withDoc = async <T>(work: (doc: CaseDocument) => Result<T>): Promise<Result<T>> => {
    const doc = ctx.cases.document;
    if (!doc) return err('NO_CASE_OPEN', NO_CASE);
    try {
      return work(doc);
    } catch (error) {
      if (error instanceof StoreError) return err(error.code, error.message);
      throw error;
    }
  };
  const withActor = <T>(id: string, work: (doc: CaseDocument, actor: Actor) => T) =>
    withDoc((doc) => {
      const actor = get(id);
      return actor ? ok(work(doc, actor)) : err('NOT_FOUND', `No actor with id ${id}; it may have been deleted or merged.`);
    });
  return {
    'actors:search': ({ text, limit, maxMarking }) => withDoc((doc) => ok({ hits: searchActors(views.actors.index(doc), get, text, limit ?? 50, maxMarking) })),
    'actors:list': (request) => withDoc((doc) => ok(views.actors.list(doc, get, request))),
    'actors:detail': ({ id }) => withActor(id, (doc, actor) => views.actors.detail(doc, actor, get)),
    'actors:profile': ({ id }) => withActor(id, (doc, actor) => views.actors.profile(doc, actor, get)),
    'actors:link-chart': async ({ filter, asOf, includeNeighbours, expand, focusOnly }) => {
      const doc = ctx.cases.document;
      return doc ? ok(await views.actors.linkChart(doc, filter, asOf ?? null, includeNeighbours, { expand: expand ?? [], focusOnly: focusOnly === true })) : err('NO_CASE_OPEN', NO_CASE);
    },
    'actors:duplicates': ({ limit }) =>
      withDoc((doc) => {
        const suggestions = findDuplicateActors(doc.actors, limit ?? 200).map((s) => ({ ...s, reasons: s.reasons.slice(0, 20) }));
        const ids = new Set(suggestions.flatMap((s) => s.actorIds));
        return ok({ suggestions, actors: [...ids].flatMap((id) => get(id) ?? []) });
      }),
    'actors:merge-preview': ({ keepId, mergeId }) =>
      withDoc((doc) => {
        const plan = planMerge(doc, keepId, mergeId);
        return ok({ moved: plan.moved, removedSelfLinks: plan.removedSelfLinks.length });
      }),
    'actors:merge': async ({ keepId, mergeId }) => {
      let plan: ActorMergePlan | null = null;
      const committed = await ctx.cases.commitBatch('merge', () => {
        const doc = ctx.cases.document;
        if (!doc) throw new StoreError('NO_CASE_OPEN', NO_CASE);
        plan = planMerge(doc, keepId, mergeId);
        return { summary: plan.summary, changes: plan.changes };
      });
      if (!committed.ok) return committed;
      const done = plan as ActorMergePlan | null;
      return ok({ ...committed.value, moved: done?.moved ?? { claims: 0, participants: 0, relationships: 0, series: 0 }, removedSelfLinks: done?.removedSelfLinks.length ?? 0 });
    },
  };
}
