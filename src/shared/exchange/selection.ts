import type { CaseDocument } from '../domain/case';
import type { AnyRecord, CollectionName, CollectionRecords } from '../domain/collections';
import type { Exchanged } from './canonical';
import { eventMatches, type EventFilter } from '../domain/filters';
import { isWithinMarking, type Marking } from '../domain/marking';
import { referencesOf } from '../domain/references';
import { cutRecord, keepsAt, withoutPointers } from './cut';
import type { PayloadRecords } from './manifest';
import { recordLabel } from '../text/format';

export interface LeftOut {
  collection: CollectionName;
  id: string;
  label: string;
  reason: string;
}

export interface Selection {
  records: PayloadRecords;
  leftOut: LeftOut[];
}

/**
 * What leaves in an export: records within `maxMarking` (and, for events, matching the filter).
 * A kept record that points at a left-out one leaves without that pointer (a citation of a
 * withheld source, a claim or participant naming a withheld actor); a relationship whose end is
 * withheld stays behind (one citing a withheld source leaves without that citation). Every such
 * cut is listed, so the preview says exactly what does not leave.
 */
export function selectForExport(doc: Pick<CaseDocument, Exchanged> & Partial<Pick<CaseDocument, 'history'>>, cap: Marking, filter?: EventFilter): Selection {
  const maxMarking = exportCap(cap, filter);
  const leftOut: LeftOut[] = [];
  const kept = new Set<string>();
  const records: PayloadRecords = { events: [], actors: [], relationships: [], sources: [], series: [], matrices: [], matrixRows: [] };
  // ACH rows are cut as every version of them is hashed (cutRecord), so the copy sent is the copy hashed.
  let caseKeeps: ReturnType<typeof keepsAt> | null = null;
  // Order matters: things are referred to only by collections after them.
  const order: Exchanged[] = ['sources', 'actors', 'relationships', 'series', 'events', 'matrices', 'matrixRows'];
  for (const collection of order) {
    for (const record of doc[collection] as CollectionRecords[Exchanged][]) {
      const reason = whyLeftOut(collection, record, maxMarking, filter);
      if (reason) {
        leftOut.push({ collection, id: record.id, label: labelOf(record), reason });
        continue;
      }
      if (collection === 'matrixRows') {
        const row = record as CollectionRecords['matrixRows'];
        const out = cutRecord(collection, row, maxMarking, (caseKeeps ??= keepsAt({ history: [], ...doc }, maxMarking)));
        if (!out) {
          leftOut.push({ collection, id: row.id, label: labelOf(row), reason: `belongs to matrix ${row.matrixId}, which is left out` });
          continue;
        }
        if (out.cites.length < row.cites.length) leftOut.push({ collection, id: row.id, label: labelOf(row), reason: `leaves without ${row.cites.length - out.cites.length} cite(s) of withheld records` });
        records.matrixRows.push(out);
        continue;
      }
      const missing = referencesOf(collection, record).filter((ref) => !kept.has(`${ref.collection}/${ref.id}`));
      const end = collection === 'relationships' ? missing.find((ref) => ref.collection === 'actors') : undefined;
      if (end) {
        leftOut.push({ collection, id: record.id, label: labelOf(record), reason: `links ${end.id}, which is left out` });
        continue;
      }
      const out = missing.length > 0 ? withoutPointers(record, (c, id) => kept.has(`${c}/${id}`)) : record;
      if (missing.length > 0) {
        leftOut.push({ collection, id: record.id, label: labelOf(record), reason: `leaves without ${missing.length} pointer(s) to withheld records (${missing.map((m) => m.id).join(', ')})` });
      }
      kept.add(`${collection}/${record.id}`);
      (records[collection] as AnyRecord[]).push(out);
    }
  }
  return { records, leftOut };
}

/**
 * The marking an export is cut at: its own cap, or the filter's marking when a filtered selection
 * sets a stricter one. A marking is a release decision, not a topic: it holds for every record
 * (actors, sources, series, relationships), not only for the events the filter picks.
 */
export function exportCap(cap: Marking, filter?: EventFilter): Marking {
  return filter?.maxMarking && !isWithinMarking(cap, filter.maxMarking) ? filter.maxMarking : cap;
}

function whyLeftOut(collection: Exchanged, record: CollectionRecords[Exchanged], maxMarking: Marking, filter?: EventFilter): string | null {
  if (!isWithinMarking(record.marking, maxMarking)) return `marked ${record.marking}, above ${maxMarking}`;
  if (collection === 'events' && filter && !eventMatches(record as PayloadRecords['events'][number], filter)) return 'outside the selection';
  return null;
}

export function labelOf(record: AnyRecord): string {
  return recordLabel(record);
}
