import type { Citation } from './citation';
import type { AnyCaseRecord, AnyRecord, CaseCollectionName, CollectionName } from './collections';
import type { CaseIndex } from './apply';
import type { Change } from './audit';
import type { CaseDocument } from './case';
import { participantsOf, type Event } from './event';
import type { Actor } from './actor';
import type { AchRow } from './ach';
import type { Relationship } from './relationship';
import type { Series } from './series';

export interface Reference {
  collection: CollectionName;
  id: string;
  /** Where in the referring record, for messages: "responsibility[0].actorId". */
  at: string;
}

function citationRefs(citations: readonly Citation[], at: string): Reference[] {
  return citations.map((c, i) => ({ collection: 'sources', id: c.sourceId, at: `${at}[${i}].sourceId` }));
}

/** Every record another record points at. */
export function referencesOf(collection: CaseCollectionName, record: AnyCaseRecord): Reference[] {
  switch (collection) {
    case 'events': {
      const e = record as Event;
      return [
        ...citationRefs(e.citations, 'citations'),
        ...e.responsibility.flatMap((claim, i) => [
          { collection: 'actors' as const, id: claim.actorId, at: `responsibility[${i}].actorId` },
          ...(claim.byActorId ? [{ collection: 'actors' as const, id: claim.byActorId, at: `responsibility[${i}].byActorId` }] : []),
          ...citationRefs(claim.citations, `responsibility[${i}].citations`),
        ]),
        ...participantsOf(e).flatMap((part, i) => [
          { collection: 'actors' as const, id: part.actorId, at: `participants[${i}].actorId` },
          ...citationRefs(part.citations, `participants[${i}].citations`),
        ]),
      ];
    }
    case 'actors': {
      const a = record as Actor;
      return [
        ...citationRefs(a.citations, 'citations'),
        ...a.aliases.flatMap((alias, i) => citationRefs(alias.citations, `aliases[${i}].citations`)),
        ...(a.status ? citationRefs(a.status.citations, 'status.citations') : []),
      ];
    }
    case 'relationships': {
      const r = record as Relationship;
      return [
        { collection: 'actors', id: r.sourceActorId, at: 'sourceActorId' },
        { collection: 'actors', id: r.targetActorId, at: 'targetActorId' },
        ...citationRefs(r.citations, 'citations'),
      ];
    }
    case 'series': {
      const s = record as Series;
      return [...(s.actorId ? [{ collection: 'actors' as const, id: s.actorId, at: 'actorId' }] : []), ...citationRefs(s.citations, 'citations')];
    }
    // A row's cites are not references: deleting a cited record flags the row instead (docs/ach.md).
    case 'matrixRows':
      return [{ collection: 'matrices', id: (record as AchRow).matrixId, at: 'matrixId' }];
    // A source's attachment is found by its SHA-256, not referenced: a source exported without its file stays valid.
    // A report's citations are not references either: deleting a cited record leaves a broken citation to check.
    case 'reports':
    case 'matrices':
    case 'sources':
    case 'views':
    case 'attachments':
      return [];
  }
}

/** References of `record` whose target is not in the case. */
export function danglingReferences(collection: CaseCollectionName, record: AnyCaseRecord, records: CaseIndex): Reference[] {
  return referencesOf(collection, record).filter((ref) => !records.has(ref.collection, ref.id));
}

/** The collections whose records point at others. */
const REFERRING = ['events', 'actors', 'relationships', 'series', 'matrixRows'] as const;
type Referring = (typeof REFERRING)[number];

/** Records that point at (collection, id): what a delete would leave dangling. */
export function referrersOf(doc: CaseDocument, collection: CollectionName, id: string): Array<{ collection: CollectionName; id: string }> {
  const found: Array<{ collection: CollectionName; id: string }> = [];
  for (const name of REFERRING) {
    for (const record of doc[name] as AnyRecord[]) {
      if (referencesOf(name, record).some((ref) => ref.collection === collection && ref.id === id)) {
        found.push({ collection: name, id: record.id });
      }
    }
  }
  return found;
}

/** Collections whose records can point at each kind a batch may delete. */
const REFERRED_BY: Partial<Record<CaseCollectionName, Referring[]>> = {
  actors: ['events', 'relationships', 'series'],
  sources: ['events', 'actors', 'relationships', 'series'],
  matrices: ['matrixRows'],
};

/**
 * The first record the batch leaves untouched that points at a record the batch deletes. Records
 * the batch puts were checked through their new version; the rest are read in one pass over
 * only the collections that can point at what is deleted, so a batch without such deletes costs nothing.
 */
export function orphanedByDeletes(doc: CaseDocument, changes: readonly Change[]): { collection: CollectionName; id: string; ref: Reference } | null {
  const deleted = new Set<string>();
  const scan = new Set<Referring>();
  for (const change of changes) {
    const referrers = REFERRED_BY[change.collection];
    if (change.op !== 'delete' || !referrers) continue;
    deleted.add(`${change.collection}/${change.id}`);
    for (const name of referrers) scan.add(name);
  }
  if (deleted.size === 0) return null;
  const touched = new Set(changes.map((c) => `${c.collection}/${c.id}`));
  for (const name of scan) {
    for (const record of doc[name] as AnyRecord[]) {
      if (touched.has(`${name}/${record.id}`)) continue;
      for (const ref of referencesOf(name, record)) {
        if (deleted.has(`${ref.collection}/${ref.id}`)) return { collection: name, id: record.id, ref };
      }
    }
  }
  return null;
}
