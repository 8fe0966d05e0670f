import type { CaseDocument } from '../domain/case';
import type { AnyRecord, CollectionName } from '../domain/collections';
import { referencesOf } from '../domain/references';
import { EXCHANGED, type Exchanged } from './canonical';
import type { MergePlan, NeededConflict } from './merge-plan';
import { labelOf } from './selection';

type Named = { collection: CollectionName; id: string; label: string };

/**
 * Records their file would write that point at a record we do not hold and the merge does not
 * bring: typically an actor we deleted whose copy at their side is one we had (so it stays
 * deleted), named by a new event of theirs. Without a choice such a merge could never be applied.
 * Each such record becomes a 'needed-by-theirs' choice — restore it from their copy ('theirs'), or
 * leave out the records that need it ('ours') — or, when it is already a delete-vs-edit conflict,
 * that conflict lists the records that need it. A restored copy is checked the same way (it may
 * cite a source we deleted too). `theirCopy` is their record as the plan reads it; records their
 * file does not hold cannot be restored: what needs them is left out at Apply and listed.
 */
export function planNeededRecords(plan: MergePlan, ours: Pick<CaseDocument, Exchanged>, theirCopy: (collection: CollectionName, id: string) => AnyRecord | undefined): void {
  const held = new Set<string>();
  // Every collection a record can point at: actors and sources, and (an ACH row) its matrix.
  for (const collection of EXCHANGED) for (const r of ours[collection]) held.add(`${collection}/${r.id}`);
  for (const a of plan.added) held.add(`${a.collection}/${a.record.id}`);
  const needers = new Map<string, Named[]>();
  const queue: Array<{ collection: CollectionName; record: AnyRecord; label: string }> = [];
  for (const a of plan.added) queue.push({ collection: a.collection, record: a.record, label: labelOf(a.record) });
  const merged = new Map(plan.changed.map((c) => [`${c.collection}/${c.id}`, c]));
  for (const c of plan.changed) queue.push({ collection: c.collection, record: c.merged, label: c.label });
  for (const c of plan.conflicts) {
    if (c.kind === 'delete-vs-edit') queue.push({ collection: c.collection, record: c.record, label: c.label });
    // A field conflict resolved 'theirs' (or 'both') may bring a pointer too.
    const changed = c.kind === 'field' ? merged.get(`${c.collection}/${c.id}`) : undefined;
    if (c.kind === 'field' && changed) queue.push({ collection: c.collection, record: { ...changed.merged, [c.field]: c.theirs } as AnyRecord, label: c.label });
  }
  const restorable = new Map<string, AnyRecord>();
  for (let i = 0; i < queue.length; i++) {
    const { collection, record, label } = queue[i] as (typeof queue)[number];
    for (const ref of referencesOf(collection, record)) {
      const key = `${ref.collection}/${ref.id}`;
      if (held.has(key)) continue;
      const list = needers.get(key) ?? [];
      if (!list.some((n) => n.collection === collection && n.id === record.id)) list.push({ collection, id: record.id, label });
      needers.set(key, list);
      if (restorable.has(key)) continue;
      const copy = theirCopy(ref.collection, ref.id);
      if (!copy) continue;
      restorable.set(key, copy);
      queue.push({ collection: ref.collection, record: copy, label: labelOf(copy) });
    }
  }
  for (const [key, neededBy] of needers) {
    const existing = plan.conflicts.find((c) => c.key === key);
    if (existing?.kind === 'delete-vs-edit') {
      existing.neededBy = neededBy;
      continue;
    }
    const record = restorable.get(key);
    if (!record || existing) continue;
    const [collection] = key.split('/') as [CollectionName];
    const conflict: NeededConflict = { kind: 'needed-by-theirs', key, collection, id: record.id, label: labelOf(record), record, neededBy, options: ['ours', 'theirs'] };
    plan.conflicts.push(conflict);
  }
}
