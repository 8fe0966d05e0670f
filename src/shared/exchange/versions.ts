import type { AuditEntry } from '../domain/audit';
import type { AnyRecord, CollectionName } from '../domain/collections';
import { canonicalJson, type HashText } from './canonical';

/** Short version hash of a record: 96 bits of the runtime's hash over its canonical JSON. */
export function versionHasher(hash: HashText): (record: AnyRecord) => string {
  const cache = new WeakMap<object, string>();
  return (record) => {
    let h = cache.get(record);
    if (h === undefined) {
      h = hash(canonicalJson(record)).slice(0, 24);
      cache.set(record, h);
    }
    return h;
  };
}

export interface RecordHistory {
  collection: CollectionName;
  /** Every version the history holds, oldest first, with its hash. */
  versions: Array<{ hash: string; record: AnyRecord }>;
  /** True when the last change in the history deleted the record. */
  deleted: boolean;
}

/**
 * Walks the audit history once and collects, for the ids asked for (all when `ids` is absent),
 * each record's versions in order. This is what "common version" is computed from.
 */
export function recordHistories(history: readonly AuditEntry[], versionOf: (r: AnyRecord) => string, ids?: ReadonlySet<string>): Map<string, RecordHistory> {
  const out = new Map<string, RecordHistory>();
  const add = (collection: CollectionName, id: string, record: AnyRecord | null, deleted: boolean): void => {
    let entry = out.get(id);
    if (!entry) {
      entry = { collection, versions: [], deleted: false };
      out.set(id, entry);
    }
    entry.deleted = deleted;
    if (!record) return;
    const hash = versionOf(record);
    if (entry.versions.at(-1)?.hash !== hash) entry.versions.push({ hash, record });
  };
  for (const entry of history) {
    for (const change of entry.changes) {
      if (ids && !ids.has(change.id)) continue;
      // Saved views and attachment bytes are case housekeeping; written reports are not exchanged yet.
      if (change.collection === 'views' || change.collection === 'attachments' || change.collection === 'reports') continue;
      if (change.op === 'put') {
        if (change.before) add(change.collection, change.id, change.before as AnyRecord, false);
        add(change.collection, change.id, change.after as AnyRecord, false);
      } else {
        add(change.collection, change.id, change.before as AnyRecord, true);
      }
    }
  }
  return out;
}
