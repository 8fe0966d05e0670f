import { canonicalJson } from './canonical';
import type { Conflict, MergePlan } from './merge-plan';

/**
 * What differs between the plan the analyst reviewed and the plan made again at Apply, in words,
 * one line per record: empty when Apply would do exactly what was reviewed (an edit elsewhere in
 * the case changes nothing here). See docs/exchange-format.md ("Review, then Apply").
 */
export function planDifferences(reviewed: MergePlan, now: MergePlan): string[] {
  const out: string[] = [];
  const compare = <T>(what: string, before: Map<string, T>, after: Map<string, T>, label: (t: T) => string, show: (t: T) => string): void => {
    for (const [key, b] of before) {
      const a = after.get(key);
      if (a === undefined) out.push(`“${label(b)}” is no longer ${what}`);
      else if (show(a) !== show(b)) out.push(`“${label(a)}”: ${what} differently (${describe(a)})`);
    }
    for (const [key, a] of after) if (!before.has(key)) out.push(`“${label(a)}” is now ${what}${describe(a) ? ` (${describe(a)})` : ''}`);
  };
  const added = (p: MergePlan) => new Map(p.added.map((a) => [`${a.collection}/${a.record.id}`, a]));
  compare('new', added(reviewed), added(now), (a) => labelOf(a.record), (a) => canonicalJson(a.record));
  const changed = (p: MergePlan) => new Map(p.changed.map((c) => [`${c.collection}/${c.id}`, c]));
  // What the analyst saw of a changed record is which fields arrive; our other edits since are kept by the new plan.
  compare('changed', changed(reviewed), changed(now), (c) => c.label, (c) => canonicalJson(c.fields));
  const deleted = (p: MergePlan) => new Map(p.deleted.map((d) => [`${d.collection}/${d.id}`, d]));
  compare('deleted', deleted(reviewed), deleted(now), (d) => d.label, (d) => canonicalJson(d.before));
  const conflicts = (p: MergePlan) => new Map(p.conflicts.map((c) => [c.key, c]));
  compare('a conflict', conflicts(reviewed), conflicts(now), (c) => c.label, conflictText);
  return out;
}

function describe(item: unknown): string {
  if (item && typeof item === 'object' && 'fields' in item && Array.isArray(item.fields)) return item.fields.join(', ');
  if (item && typeof item === 'object' && 'kind' in item && typeof item.kind === 'string') return conflictWhat(item as Conflict);
  return '';
}

function conflictWhat(c: Conflict): string {
  return c.kind === 'field' ? c.field : c.kind;
}

function conflictText(c: Conflict): string {
  if (c.kind === 'field') return canonicalJson([c.field, c.ours, c.theirs, c.options]);
  if (c.kind === 'still-referenced') return canonicalJson([c.kind, c.record, c.referrers, c.survivor ?? null, c.options]);
  if (c.kind === 'needed-by-theirs' || c.kind === 'delete-vs-edit') return canonicalJson([c.kind, c.record, c.neededBy ?? [], c.options]);
  return canonicalJson([c.kind, c.record, c.options]);
}

function labelOf(record: { id: string } & Partial<Record<'title' | 'name' | 'type', string>>): string {
  return record.title ?? record.name ?? record.type ?? record.id;
}
