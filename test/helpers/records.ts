import type { CaseStore } from '../../src/main/store/case-store';
import type { Actor } from '../../src/shared/domain/actor';
import type { StoredAttachment } from '../../src/shared/domain/attachment';
import type { AuditEntry, Change } from '../../src/shared/domain/audit';
import type { AnyRecord, CollectionName } from '../../src/shared/domain/collections';
import type { Event } from '../../src/shared/domain/event';
import type { Source } from '../../src/shared/domain/source';

/** Small record builders and store edits, free of vitest so child processes can use them. */

/** A minimal valid event that references nothing. */
export function plainEvent(id: string, title: string, extra: Partial<Event> = {}): Event {
  return {
    id,
    title,
    category: 'attack',
    date: { value: '2024-03-22', precision: 'day' },
    location: { country: 'RU', admin1: 'Moscow Oblast', place: 'Krasnogorsk', geoPrecision: 'exact' },
    scope: 'external',
    tags: [],
    marking: 'TLP:AMBER',
    responsibility: [],
    citations: [],
    ...extra,
  };
}

export function plainActor(id: string, name: string, extra: Partial<Actor> = {}): Actor {
  return { id, kind: 'organisation', name, aliases: [], roles: [], nationality: [], tags: [], marking: 'TLP:GREEN', citations: [], ...extra };
}

export function plainSource(id: string, title: string): Source {
  return { id, title, authors: [], kind: 'news-report', language: 'en', reliability: 'B', marking: 'TLP:CLEAR' };
}

/** Builds the audit entry that puts `record`, as CaseService does. */
export function putEntry(records: CaseStore['records'], seq: number, collection: CollectionName, record: AnyRecord, summary = 'edit'): AuditEntry {
  const before = (records.get(collection, record.id) as AnyRecord | undefined) ?? null;
  const change = { op: 'put', collection, id: record.id, before, after: record } as Change;
  return { seq, at: new Date().toISOString(), by: 'tester', summary, kind: 'edit', changes: [change] };
}

/** Commits one put through the store and returns the acknowledged seq. */
export async function putRecord(store: CaseStore, collection: CollectionName, record: AnyRecord): Promise<number> {
  const entry = await store.commit((records, seq) => putEntry(records, seq, collection, record));
  return entry.seq;
}

export async function putEvent(store: CaseStore, id: string, title: string): Promise<number> {
  return putRecord(store, 'events', plainEvent(id, title));
}


/** Commits the record of a file added to the store's blob folder, as AttachmentService does; returns the seq. */
export async function putAttachment(store: CaseStore, record: StoredAttachment): Promise<number> {
  const entry = await store.commit((records, seq) => ({
    seq,
    at: new Date().toISOString(),
    by: 'tester',
    summary: 'attach',
    kind: 'edit',
    changes: [{ op: 'put', collection: 'attachments', id: record.id, before: records.get('attachments', record.id) ?? null, after: record } as Change],
  }));
  return entry.seq;
}
