import type { Change } from '../domain/audit';
import { SentAchRow } from '../domain/ach';
import { COLLECTION_SCHEMAS, type AnyRecord, type CollectionName } from '../domain/collections';
import { renameActors } from '../domain/actor-merge';
import { newId, type IdPrefix } from '../domain/ids';
import { referencesOf } from '../domain/references';
import { canonicalJson } from './canonical';
import type { MergePlan, Resolution } from './merge-plan';
import { pointsAt } from './merge-references';

/**
 * What a merged record is checked against. A row may still carry leftover cells of hypotheses
 * removed before the bounds (older merges kept them): receivedRows drops those right after, so
 * they must not make the row count as invalid here.
 */
const MERGED_SCHEMAS = { ...COLLECTION_SCHEMAS, matrixRows: SentAchRow };

export interface ResolvedMerge {
  changes: Change[];
  /** What was not applied and why (a delete still referred to, a resolution that made an invalid record). */
  skipped: string[];
  counts: { added: number; changed: number; deleted: number; conflictsResolved: number };
}

/**
 * Turns a reviewed plan into changes for one audit entry. Unresolved conflicts keep ours.
 * `both` joins lists (without duplicates) and keeps both descriptions, the incoming one marked
 * with `from` (who sent it).
 */
export function resolveMerge(plan: MergePlan, resolutions: Readonly<Record<string, Resolution>>, from: string, has: (collection: CollectionName, id: string) => boolean): ResolvedMerge {
  // What the plan already knows it cannot take (say, hypotheses beyond a matrix's bound and their ratings).
  const skipped: string[] = plan.notes.filter((n) => n.leftOut).map((n) => `${n.collection}/${n.id}: ${n.note}`);
  const puts = new Map<string, { collection: CollectionName; id: string; before: AnyRecord | null; after: AnyRecord }>();
  const deletes = new Map<string, { collection: CollectionName; id: string; before: AnyRecord }>();
  const key = (c: CollectionName, id: string): string => `${c}/${id}`;
  for (const a of plan.added) puts.set(key(a.collection, a.record.id), { collection: a.collection, id: a.record.id, before: null, after: a.record });
  for (const c of plan.changed) puts.set(key(c.collection, c.id), { collection: c.collection, id: c.id, before: c.before, after: c.merged });
  for (const d of plan.deleted) deletes.set(key(d.collection, d.id), d);
  const renamed = new Map<string, string>();
  let conflictsResolved = 0;
  for (const conflict of plan.conflicts) {
    // A choice the conflict does not offer (say 'both' for hypotheses, whose ids must stay unique) keeps ours.
    const asked = resolutions[conflict.key];
    const choice = asked && conflict.options.includes(asked) ? asked : 'ours';
    if (asked) conflictsResolved++;
    if (conflict.kind === 'delete-vs-edit' || conflict.kind === 'needed-by-theirs') {
      // Comes back from their copy; else it stays deleted, and what needs it is left out below.
      if (choice !== 'ours') puts.set(conflict.key, { collection: conflict.collection, id: conflict.id, before: null, after: conflict.record });
      continue;
    }
    if (conflict.kind === 'edit-vs-delete') {
      if (choice !== 'ours') deletes.set(conflict.key, { collection: conflict.collection, id: conflict.id, before: conflict.record });
      continue;
    }
    if (conflict.kind === 'still-referenced') {
      // Kept unless they chose to re-point our references to the actor the partner kept.
      if (choice === 'theirs' && conflict.survivor) {
        renamed.set(conflict.id, conflict.survivor.id);
        deletes.set(conflict.key, { collection: conflict.collection, id: conflict.id, before: conflict.record });
      } else {
        skipped.push(`${conflict.key}: not deleted, ${conflict.referrers.length} of our records still point at it`);
      }
      continue;
    }
    const put = puts.get(key(conflict.collection, conflict.id));
    if (conflict.kind !== 'field' || !put || choice === 'ours') continue;
    const after = { ...(put.after as unknown as Record<string, unknown>) };
    after[conflict.field] = choice === 'theirs' ? conflict.theirs : both(conflict.ours, conflict.theirs, from);
    if (after[conflict.field] === undefined) delete after[conflict.field];
    put.after = after as unknown as AnyRecord;
  }
  if (renamed.size > 0) repoint(plan, puts, deletes, renamed, has);
  leaveOutDangling(puts, has, skipped);
  const changes: Change[] = [];
  for (const [k, put] of puts) {
    if (put.before && canonicalJson(put.before) === canonicalJson(put.after)) continue;
    const valid = MERGED_SCHEMAS[put.collection].safeParse(put.after);
    if (!valid.success) {
      skipped.push(`${k}: the merged record is not valid (${valid.error.issues[0]?.message ?? 'invalid'}); ours was kept`);
      continue;
    }
    changes.push({ op: 'put', collection: put.collection, id: put.id, before: put.before, after: put.after } as Change);
  }
  const referenced = new Set<string>();
  for (const c of changes) if (c.op === 'put') for (const ref of referencesOf(c.collection, c.after)) referenced.add(key(ref.collection, ref.id));
  let deleted = 0;
  for (const [k, d] of deletes) {
    // Our records the merge leaves as they are must not be left pointing at nothing either.
    const ourReferrer = (plan.referrers[k] ?? []).some((r) => !puts.has(key(r.collection, r.record.id)) && !deletes.has(key(r.collection, r.record.id)) && pointsAt(r.collection, r.record, k));
    if (referenced.has(k) || ourReferrer) {
      skipped.push(`${k}: not deleted, merged records still refer to it`);
      continue;
    }
    if (!has(d.collection, d.id)) continue;
    changes.push({ op: 'delete', collection: d.collection, id: d.id, before: d.before } as Change);
    deleted++;
  }
  const added = changes.filter((c) => c.op === 'put' && c.before === null).length;
  return { changes, skipped, counts: { added, changed: changes.length - added - deleted, deleted, conflictsResolved } };
}

type Puts = Map<string, { collection: CollectionName; id: string; before: AnyRecord | null; after: AnyRecord }>;

/**
 * Leaves out every write that would point at a record neither the case nor the merge holds (one
 * we deleted and chose not to restore), until none does: a changed record then stays as ours is,
 * a new one is not added. Each is listed, so the rest of the file merges instead of being refused.
 */
function leaveOutDangling(puts: Puts, has: (collection: CollectionName, id: string) => boolean, skipped: string[]): void {
  for (let again = true; again; ) {
    again = false;
    for (const [k, put] of puts) {
      const missing = referencesOf(put.collection, put.after).find((ref) => !puts.has(`${ref.collection}/${ref.id}`) && !has(ref.collection, ref.id));
      if (!missing) continue;
      puts.delete(k);
      skipped.push(`${k}: left out, it points at ${missing.collection}/${missing.id}, which is not in this case (deleted here and not restored)`);
      again = true;
    }
  }
}

/** Resolutions for every conflict from one preference (the CLI's --prefer): 'both' restores what their records need. */
export function resolutionsFor(plan: MergePlan, prefer: Resolution): Record<string, Resolution> {
  return Object.fromEntries(
    plan.conflicts.map((c): [string, Resolution] => {
      if (c.options.includes(prefer)) return [c.key, prefer];
      const restores = c.kind === 'needed-by-theirs' || (c.kind === 'delete-vs-edit' && (c.neededBy?.length ?? 0) > 0);
      return [c.key, prefer === 'both' && restores ? 'theirs' : 'ours'];
    }),
  );
}

/** Every record the merge writes, and each of ours that points at a renamed actor, names its survivor instead. */
function repoint(plan: MergePlan, puts: Puts, deletes: Map<string, { collection: CollectionName; id: string; before: AnyRecord }>, renamed: ReadonlyMap<string, string>, has: (collection: CollectionName, id: string) => boolean): void {
  const rename = (id: string): string => renamed.get(id) ?? id;
  for (const [from] of renamed) {
    for (const r of plan.referrers[`actors/${from}`] ?? []) {
      const k = `${r.collection}/${r.record.id}`;
      if (!puts.has(k)) puts.set(k, { collection: r.collection, id: r.record.id, before: r.record, after: r.record });
    }
  }
  for (const [k, put] of puts) {
    const after = renameActors(put.collection, put.after, rename);
    if (after) {
      put.after = after;
      continue;
    }
    // A link between the two actors would link the survivor to itself: it goes, as in an actor merge.
    puts.delete(k);
    if (put.before && has(put.collection, put.id)) deletes.set(k, { collection: put.collection, id: put.id, before: put.before });
  }
}

function both(ours: unknown, theirs: unknown, from: string): unknown {
  if (Array.isArray(ours) || Array.isArray(theirs)) return joinLists((ours as unknown[]) ?? [], (theirs as unknown[]) ?? []);
  if (typeof ours === 'string' && typeof theirs === 'string') return `${ours}\n\n[${from}] ${theirs}`;
  return theirs ?? ours;
}

/**
 * Both lists, each item once. An incoming item with an id (a claim) that one of ours already
 * uses for different content is a different statement: it is kept under a new id, otherwise as
 * sent (who made it, its citations), unless ours already holds it under another id (a repeat merge).
 */
function joinLists(ours: readonly unknown[], theirs: readonly unknown[]): unknown[] {
  const seen = new Set(ours.map((item) => canonicalJson(item)));
  const withoutId = (item: unknown): string => canonicalJson({ ...(item as Record<string, unknown>), id: undefined });
  const ids = new Set(ours.flatMap(idOf));
  const oursWithoutIds = new Set(ours.filter((item) => idOf(item).length > 0).map(withoutId));
  const out = [...ours];
  for (const item of theirs) {
    const key = canonicalJson(item);
    if (seen.has(key)) continue;
    seen.add(key);
    const [id] = idOf(item);
    if (id === undefined || !ids.has(id)) {
      out.push(item);
      if (id !== undefined) ids.add(id);
      continue;
    }
    if (oursWithoutIds.has(withoutId(item))) continue;
    out.push({ ...(item as Record<string, unknown>), id: newId(id.slice(0, id.indexOf('--')) as IdPrefix) });
  }
  return out;
}

function idOf(item: unknown): string[] {
  const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.includes('--') ? [id] : [];
}
