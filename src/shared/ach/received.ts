import type { AchRow, CitableCollection } from '../domain/ach';
import type { Change } from '../domain/audit';
import { caseLookup, type AchLookup, type CitableRecords } from './lookup';
import { basisOf } from './resolve';

type RowPut = Extract<Change, { op: 'put' }> & { after: AchRow };

const unstampedRow = (c: Change): c is RowPut => c.op === 'put' && c.collection === 'matrixRows' && (c.after as AchRow).basis === undefined;

/**
 * Rows a merge brings in arrive without a basis (it never leaves its case). Each is given the
 * basis of the case as it will stand after the merge, so it is flagged only when something it
 * rests on changes here later. Returns the changes with those rows stamped.
 */
export function stampReceivedRows(changes: readonly Change[], get: AchLookup['get']): Change[] {
  if (!changes.some(unstampedRow)) return [...changes];
  const after = new Map<string, unknown>();
  for (const c of changes) after.set(`${c.collection}/${c.id}`, c.op === 'put' ? c.after : null);
  const overlay = <C extends CitableCollection>(collection: C, id: string): CitableRecords[C] | undefined => {
    const key = `${collection}/${id}`;
    return after.has(key) ? ((after.get(key) ?? undefined) as CitableRecords[C] | undefined) : get(collection, id);
  };
  const lookup = caseLookup(overlay, []);
  return changes.map((c): Change => (unstampedRow(c) ? { ...c, after: { ...c.after, basis: basisOf(c.after, lookup) } } : c));
}
