import type { CaseDocument } from '../domain/case';
import type { Citation } from '../domain/citation';
import type { AnyRecord, CollectionName, CollectionRecords } from '../domain/collections';
import type { Exchanged } from './canonical';
import { eventMatches, type EventFilter } from '../domain/filters';
import { isWithinMarking, type Marking } from '../domain/marking';
import { referencesOf } from '../domain/references';
import type { PayloadRecords } from './manifest';

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
 * withheld stays behind. Every such cut is listed, so the preview says exactly what does not leave.
 */
export function selectForExport(doc: Pick<CaseDocument, Exchanged>, maxMarking: Marking, filter?: EventFilter): Selection {
  const leftOut: LeftOut[] = [];
  const kept = new Set<string>();
  const records: PayloadRecords = { events: [], actors: [], relationships: [], sources: [], series: [] };
  // Order matters: things are referred to only by collections after them.
  const order: Exchanged[] = ['sources', 'actors', 'relationships', 'series', 'events'];
  for (const collection of order) {
    for (const record of doc[collection] as CollectionRecords[Exchanged][]) {
      const reason = whyLeftOut(collection, record, maxMarking, filter);
      if (reason) {
        leftOut.push({ collection, id: record.id, label: labelOf(record), reason });
        continue;
      }
      const missing = referencesOf(collection, record).filter((ref) => !kept.has(`${ref.collection}/${ref.id}`));
      if (missing.length > 0 && collection === 'relationships') {
        leftOut.push({ collection, id: record.id, label: labelOf(record), reason: `links ${missing[0]?.id}, which is left out` });
        continue;
      }
      const out = missing.length > 0 ? stripped(record, kept) : record;
      if (missing.length > 0) {
        leftOut.push({ collection, id: record.id, label: labelOf(record), reason: `leaves without ${missing.length} pointer(s) to withheld records (${missing.map((m) => m.id).join(', ')})` });
      }
      kept.add(`${collection}/${record.id}`);
      (records[collection] as AnyRecord[]).push(out);
    }
  }
  return { records, leftOut };
}

function whyLeftOut(collection: Exchanged, record: CollectionRecords[Exchanged], maxMarking: Marking, filter?: EventFilter): string | null {
  if (!isWithinMarking(record.marking, maxMarking)) return `marked ${record.marking}, above ${maxMarking}`;
  if (collection === 'events' && filter && !eventMatches(record as PayloadRecords['events'][number], filter)) return 'outside the selection';
  return null;
}

/** A copy without citations of withheld sources, claims or participants naming withheld actors, or links to them. */
function stripped<R extends CollectionRecords[Exchanged]>(record: R, kept: Set<string>): R {
  const has = (collection: string, id: string): boolean => kept.has(`${collection}/${id}`);
  const cite = <T extends { citations: Citation[] }>(x: T): T => ({ ...x, citations: x.citations.filter((c) => has('sources', c.sourceId)) });
  const copy: Record<string, unknown> = { ...record };
  if ('citations' in record) copy['citations'] = record.citations.filter((c) => has('sources', c.sourceId));
  if ('aliases' in record) copy['aliases'] = record.aliases.map(cite);
  if ('status' in record && record.status) copy['status'] = cite(record.status);
  if ('responsibility' in record) {
    copy['responsibility'] = record.responsibility
      .filter((claim) => has('actors', claim.actorId))
      .map((claim) => {
        const c = cite(claim);
        if (c.byActorId && !has('actors', c.byActorId)) delete (c as { byActorId?: string }).byActorId;
        return c;
      });
  }
  if ('participants' in record && record.participants) copy['participants'] = record.participants.filter((p) => has('actors', p.actorId)).map(cite);
  if ('actorId' in record && record.actorId && !has('actors', record.actorId)) delete copy['actorId'];
  return copy as R;
}

export function labelOf(record: AnyRecord): string {
  return 'title' in record ? record.title : 'name' in record ? record.name : record.type;
}
