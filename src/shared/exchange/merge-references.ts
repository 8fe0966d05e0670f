import type { Actor } from '../domain/actor';
import type { CaseDocument } from '../domain/case';
import type { AnyRecord, CollectionName } from '../domain/collections';
import { referencesOf } from '../domain/references';
import type { Exchanged } from './canonical';
import type { IncomingPayload } from './manifest';
import type { MergePlan, ReferencedDeleteConflict, Referrer } from './merge-plan';
import { labelOf } from './selection';

const REFERRING = ['events', 'actors', 'relationships', 'series', 'matrixRows'] as const;

/**
 * Deletes in the file (their tombstones) of actors, sources and ACH matrices our own records still point at:
 * such a delete would leave our records pointing at nothing. Finds, in one pass over our
 * records, what points at each doomed record, keeps that list on the plan (the merge checks it
 * again against the final records), and turns each delete our records still need after the
 * merge as planned into a 'still-referenced' choice.
 */
export function planReferencedDeletes(plan: MergePlan, ours: Pick<CaseDocument, Exchanged>, incoming: IncomingPayload): void {
  const doomed = new Map<string, { collection: CollectionName; id: string; label: string; record: AnyRecord }>();
  const referred = (c: CollectionName) => c === 'actors' || c === 'sources' || c === 'matrices';
  for (const d of plan.deleted) if (referred(d.collection)) doomed.set(`${d.collection}/${d.id}`, { ...d, record: d.before });
  for (const c of plan.conflicts) if (c.kind === 'edit-vs-delete' && referred(c.collection)) doomed.set(c.key, c);
  if (doomed.size === 0) return;
  for (const collection of REFERRING) {
    for (const record of ours[collection] as AnyRecord[]) {
      for (const ref of referencesOf(collection, record)) {
        const key = `${ref.collection}/${ref.id}`;
        if (!doomed.has(key)) continue;
        const list = (plan.referrers[key] ??= []);
        if (list.at(-1)?.record !== record) list.push({ collection, record });
      }
    }
  }
  const merged = new Map(plan.changed.map((c) => [`${c.collection}/${c.id}`, c.merged]));
  // Records the file deletes too (an ACH matrix's rows go with it) no longer point at anything.
  const going = new Set(plan.deleted.map((d) => `${d.collection}/${d.id}`));
  for (const [key, target] of doomed) {
    const still = (plan.referrers[key] ?? []).filter((r) => !going.has(`${r.collection}/${r.record.id}`) && pointsAt(r.collection, merged.get(`${r.collection}/${r.record.id}`) ?? r.record, key));
    if (still.length === 0) continue;
    plan.deleted = plan.deleted.filter((d) => `${d.collection}/${d.id}` !== key);
    plan.conflicts = plan.conflicts.filter((c) => c.key !== key);
    const survivor = target.collection === 'actors' ? survivorIn(incoming, target.id) : undefined;
    const conflict: ReferencedDeleteConflict = {
      kind: 'still-referenced',
      key,
      collection: target.collection,
      id: target.id,
      label: target.label,
      record: target.record,
      referrers: still.map((r) => ({ collection: r.collection, id: r.record.id, label: labelOf(r.record) })),
      options: survivor ? ['ours', 'theirs'] : ['ours'],
    };
    if (survivor) conflict.survivor = survivor;
    plan.conflicts.push(conflict);
  }
}

/** True when `record` (of `collection`) points at `key` (`collection/id`). */
export function pointsAt(collection: CollectionName, record: AnyRecord, key: string): boolean {
  return referencesOf(collection, record).some((ref) => `${ref.collection}/${ref.id}` === key);
}

/** The actor their file says absorbed `id`: one carrying an alias "merged from actor … (id)". */
function survivorIn(incoming: IncomingPayload, id: string): { id: string; label: string } | undefined {
  const marker = `(${id})`;
  const found = incoming.records.actors.find((a: Actor) => a.id !== id && a.aliases.some((alias) => alias.provenance?.includes(marker)));
  return found ? { id: found.id, label: found.name } : undefined;
}

/** Referrers of every doomed record, for the merge's final check. */
export type ReferrerIndex = Readonly<Record<string, readonly Referrer[]>>;
