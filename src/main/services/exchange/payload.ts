import type { CaseDocument } from '../../../shared/domain/case';
import type { AnyRecord } from '../../../shared/domain/collections';
import type { EventFilter } from '../../../shared/domain/filters';
import { isWithinMarking, type Marking } from '../../../shared/domain/marking';
import { EXCHANGED, cutRecord, exportCap, keepsAt, recordHistories, selectForExport, type CasePayload, type Exchanged, type LeftOut, type PayloadRecords, type RecordHistory } from '../../../shared/exchange';

/**
 * What an export carries: the selected records (cut at the file's marking), the version hashes
 * of each as this file would carry it, and the tombstones of records deleted since.
 */
export function exportPayload(doc: CaseDocument, maxMarking: Marking, filter: EventFilter | undefined, versionOf: (record: AnyRecord) => string): { records: PayloadRecords; leftOut: LeftOut[]; payload: CasePayload } {
  const { records, leftOut } = selectForExport(doc, maxMarking, filter);
  const exported = new Set(EXCHANGED.flatMap((c) => records[c].map((r) => r.id)));
  const histories = recordHistories(doc.history, versionOf);
  // Every listed hash is of a version as this file would carry it: cut down the same way as the
  // copies sent, and versions that would not leave at all are not listed (docs/exchange-format.md).
  const cap = exportCap(maxMarking, filter);
  const keeps = keepsAt(doc, cap);
  const cutHashes = (history: RecordHistory): string[] => {
    const out: string[] = [];
    for (const v of history.versions) {
      const cut = cutRecord(history.collection as Exchanged, v.record, cap, keeps);
      const hash = cut && versionOf(cut);
      if (hash && out.at(-1) !== hash) out.push(hash);
    }
    return out;
  };
  const versions: Record<string, string[]> = {};
  const tombstones: CasePayload['tombstones'] = [];
  for (const [id, history] of histories) {
    if (!(EXCHANGED as readonly string[]).includes(history.collection)) continue;
    if (exported.has(id)) versions[id] = cutHashes(history);
    else if (history.deleted) {
      const last = history.versions.at(-1)?.record;
      if (last && 'marking' in last && isWithinMarking(last.marking, cap)) tombstones.push({ collection: history.collection, id, versions: cutHashes(history) });
    }
  }
  for (const collection of EXCHANGED) {
    for (const record of records[collection]) {
      const list = (versions[record.id] ??= []);
      const current = versionOf(record);
      if (list.at(-1) !== current) list.push(current);
    }
  }
  return { records, leftOut, payload: { records, versions, tombstones } };
}
