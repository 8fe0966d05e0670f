import type { Change } from '../domain/audit';
import { COLLECTION_SCHEMAS, type AnyRecord, type CollectionName } from '../domain/collections';
import { newId, type IdPrefix } from '../domain/ids';
import { referencesOf } from '../domain/references';
import { canonicalJson } from './canonical';
import type { MergePlan, Resolution } from './merge-plan';

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
  const skipped: string[] = [];
  const puts = new Map<string, { collection: CollectionName; id: string; before: AnyRecord | null; after: AnyRecord }>();
  const deletes = new Map<string, { collection: CollectionName; id: string; before: AnyRecord }>();
  const key = (c: CollectionName, id: string): string => `${c}/${id}`;
  for (const a of plan.added) puts.set(key(a.collection, a.record.id), { collection: a.collection, id: a.record.id, before: null, after: a.record });
  for (const c of plan.changed) puts.set(key(c.collection, c.id), { collection: c.collection, id: c.id, before: c.before, after: c.merged });
  for (const d of plan.deleted) deletes.set(key(d.collection, d.id), d);
  let conflictsResolved = 0;
  for (const conflict of plan.conflicts) {
    const choice = resolutions[conflict.key] ?? 'ours';
    if (resolutions[conflict.key]) conflictsResolved++;
    if (conflict.kind === 'delete-vs-edit') {
      if (choice !== 'ours') puts.set(conflict.key, { collection: conflict.collection, id: conflict.id, before: null, after: conflict.record });
      continue;
    }
    if (conflict.kind === 'edit-vs-delete') {
      if (choice !== 'ours') deletes.set(conflict.key, { collection: conflict.collection, id: conflict.id, before: conflict.record });
      continue;
    }
    const put = puts.get(key(conflict.collection, conflict.id));
    if (conflict.kind !== 'field' || !put || choice === 'ours') continue;
    const after = { ...(put.after as unknown as Record<string, unknown>) };
    after[conflict.field] = choice === 'theirs' ? conflict.theirs : both(conflict.ours, conflict.theirs, from);
    if (after[conflict.field] === undefined) delete after[conflict.field];
    put.after = after as unknown as AnyRecord;
  }
  const changes: Change[] = [];
  for (const [k, put] of puts) {
    if (put.before && canonicalJson(put.before) === canonicalJson(put.after)) continue;
    const valid = COLLECTION_SCHEMAS[put.collection].safeParse(put.after);
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
    if (referenced.has(k)) {
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
