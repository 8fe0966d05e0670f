import type { Actor } from '../../../shared/domain/actor';
import { ActorMergeError, planActorMerge, type ActorMergePlan } from '../../../shared/domain/actor-merge';
import type { CaseDocument } from '../../../shared/domain/case';
import { findDuplicateActors } from '../../../shared/domain/duplicates';
import type { ActorHit } from '../../../shared/ipc/channels/actors';
import { err, ok } from '../../../shared/ipc/result';
import { actorNameIndex, type NameIndex } from '../../../shared/names';
import { StoreError } from '../../store/store-error';
import type { Handlers } from '../guard';
import type { HandlerContext } from './context';

type ActorChannels = 'actors:search' | 'actors:duplicates' | 'actors:merge';

/** A name index kept while the case does not change; any commit grows the history and so invalidates it. */
export function cachedActorIndex(): (doc: CaseDocument) => NameIndex {
  let cached: { doc: CaseDocument; version: number; index: NameIndex } | null = null;
  return (doc) => {
    const version = doc.history.length;
    if (!cached || cached.doc !== doc || cached.version !== version) cached = { doc, version, index: actorNameIndex(doc.actors) };
    return cached.index;
  };
}

/** Search hits with each actor's name and kind. */
export function searchActors(doc: CaseDocument, index: NameIndex, text: string, limit: number): ActorHit[] {
  const byId = new Map<string, Actor>(doc.actors.map((a) => [a.id, a]));
  return index.search(text, limit).flatMap((hit) => {
    const actor = byId.get(hit.id);
    return actor ? [{ id: actor.id, name: actor.name, kind: actor.kind, score: hit.score, matchedName: hit.matchedName }] : [];
  });
}

export function actorHandlers(ctx: HandlerContext): Pick<Handlers, ActorChannels> {
  const indexOf = cachedActorIndex();
  const noCase = () => err('NO_CASE_OPEN', 'No case is open. Open or create a case first.');
  return {
    'actors:search': async ({ text, limit }) => {
      const doc = ctx.cases.document;
      if (!doc) return noCase();
      return ok({ hits: searchActors(doc, indexOf(doc), text, limit ?? 50) });
    },
    'actors:duplicates': async ({ limit }) => {
      const doc = ctx.cases.document;
      if (!doc) return noCase();
      return ok({ suggestions: findDuplicateActors(doc.actors, limit ?? 200) });
    },
    'actors:merge': async ({ keepId, mergeId }) => {
      let plan: ActorMergePlan | null = null;
      const committed = await ctx.cases.commitBatch('merge', () => {
        const doc = ctx.cases.document;
        if (!doc) throw new StoreError('NO_CASE_OPEN', 'No case is open. Open or create a case first.');
        try {
          plan = planActorMerge(doc, keepId, mergeId);
        } catch (error) {
          if (error instanceof ActorMergeError) throw new StoreError('VALIDATION', error.message);
          throw error;
        }
        return { summary: plan.summary, changes: plan.changes };
      });
      if (!committed.ok) return committed;
      const done = plan as ActorMergePlan | null;
      return ok({ ...committed.value, moved: done?.moved ?? { claims: 0, participants: 0, relationships: 0, series: 0 }, removedSelfLinks: done?.removedSelfLinks.length ?? 0 });
    },
  };
}
