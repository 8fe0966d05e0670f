import type { Change } from '../domain/audit';
import type { CaseDocument } from '../domain/case';
import type { Marking } from '../domain/marking';
import type { AnyRecord, CollectionName } from '../domain/collections';
import { referencesOf } from '../domain/references';
import type { StixDecodeResult } from '../formats/stix';
import type { ImportPlan, PlanCounts, PlannedRow } from './plan';
import { foldName, sameJson } from './text';
import { uncut, type Keeps } from '../exchange/cut';
import { recordNoun } from '../text/format';

type StixCollection = 'sources' | 'actors' | 'relationships' | 'events' | 'series';
/** Referenced collections first, so each put finds what it points at. */
const ORDER: readonly StixCollection[] = ['sources', 'actors', 'relationships', 'events', 'series'];

function labelOf(record: AnyRecord): string {
  if ('title' in record && typeof record.title === 'string') return record.title;
  if ('name' in record && typeof record.name === 'string') return record.name;
  return record.id;
}

/**
 * Plans a STIX bundle's records against the case: add new ids, update changed ones, skip equal
 * ones. Records pointing at something neither the bundle nor the case holds are skipped (and
 * listed), so the commit never fails on a dangling reference. Actors named like an existing
 * actor of another id are flagged as possible duplicates.
 */
export function buildStixPlan(decoded: StixDecodeResult, doc: Pick<CaseDocument, StixCollection>, fileName: string, marking?: Marking): ImportPlan & { dangling: string[] } {
  const present = new Set<string>();
  for (const c of ORDER) for (const r of doc[c] as AnyRecord[]) present.add(`${c}/${r.id}`);
  for (const c of ORDER) for (const r of decoded.records[c] as AnyRecord[]) present.add(`${c}/${r.id}`);
  const carried = new Set<string>();
  for (const c of ORDER) for (const r of decoded.records[c] as AnyRecord[]) carried.add(`${c}/${r.id}`);
  const inBundle: Keeps = (c, id) => carried.has(`${c}/${id}`);
  const actorNames = new Map<string, string>();
  for (const a of doc.actors) for (const n of [a.name, ...a.aliases.map((x) => x.name)]) actorNames.set(foldName(n), a.id);

  const changes: Change[] = [];
  const rows: PlannedRow[] = [];
  const dangling: string[] = [];
  const counts: PlanCounts = { add: 0, update: 0, unchanged: 0, duplicate: 0, actorsMatched: 0, actorsNew: 0, sourcesNew: 0, missing: 0, recategorised: 0, responsibilityChanged: 0 };
  let line = 0;
  for (const collection of ORDER) {
    const existingById = new Map((doc[collection] as AnyRecord[]).map((r) => [r.id, r]));
    for (const record of decoded.records[collection] as AnyRecord[]) {
      line++;
      const base = { line, title: `${recordNoun(collection)}: ${labelOf(record)}`, date: '', eventId: record.id };
      const missingRef = referencesOf(collection as CollectionName, record).find((ref) => !present.has(`${ref.collection}/${ref.id}`));
      if (missingRef) {
        dangling.push(`${record.id} points at ${missingRef.id} (${missingRef.at}), which neither the bundle nor the case holds`);
        present.delete(`${collection}/${record.id}`);
        counts.duplicate++;
        rows.push({ ...base, status: 'duplicate', duplicateOf: `missing ${missingRef.id}` });
        continue;
      }
      const before = existingById.get(record.id) ?? null;
      // A bundle cut at a marking (our own GREEN export) lacks our pointers to what it does not
      // carry; that is not a removal, so those parts of ours stay (as in a .casefile merge).
      const after = before ? uncut(collection, record, before, inBundle) : record;
      if (before && sameJson(before, after)) {
        counts.unchanged++;
        rows.push({ ...base, status: 'unchanged' });
        continue;
      }
      const sameName = collection === 'actors' && !before ? actorNames.get(foldName(labelOf(record))) : undefined;
      if (collection === 'actors' && !before) counts.actorsNew++;
      if (collection === 'sources' && !before) counts.sourcesNew++;
      counts[before ? 'update' : 'add']++;
      rows.push({ ...base, status: before ? 'update' : 'add', ...(sameName ? { duplicateOf: sameName } : {}) });
      changes.push({ op: 'put', collection, id: record.id, before, after } as Change);
    }
  }
  const summary = `Imported ${fileName} (STIX): ${counts.add} added, ${counts.update} updated, ${counts.unchanged + counts.duplicate} skipped${marking ? `; objects without a marking marked ${marking}` : ''}`;
  return { changes, rows, counts, missing: [], notes: [], proposals: [], marking: marking ?? null, summary, dangling };
}
