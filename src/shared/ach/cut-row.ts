import type { AchRow, CitableCollection } from '../domain/ach';

/**
 * A row as it leaves the case (an exported file, a product at a marking): without its basis
 * (local bookkeeping: digests of the records it rests on) and without cites of records that do
 * not leave. A claim is cited by event and claim id; without `claimKept` no claim cite leaves. The
 * same object when nothing is taken, so cached version hashes stay valid.
 */
export function cutRow(row: AchRow, keeps: (collection: CitableCollection, id: string) => boolean, claimKept?: (eventId: string, claimId: string) => boolean): AchRow {
  const cites = row.cites.filter((c) => keeps(c.collection, c.id) && (c.claimId === undefined || (claimKept?.(c.id, c.claimId) ?? false)));
  if (cites.length === row.cites.length && row.basis === undefined) return row;
  const { basis: _local, ...rest } = row;
  return cites.length === row.cites.length ? rest : { ...rest, cites };
}
