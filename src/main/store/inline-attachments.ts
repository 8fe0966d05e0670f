import type { BlobStore } from './blobs';
import { StoreError } from './store-error';

/**
 * Cases of schema 3 and before kept attachment bytes inside the document (`contentBase64`), in the
 * attachments collection and in the audit history's changes of it. Opening one moves the bytes
 * into the case's blob folder (one blob per SHA-256) and takes them out of the records, in place,
 * so the document is of the current shape. With no blob store (a read-only open), nothing is
 * written: the bytes are put in `kept` (by SHA-256) and the next writable open moves them.
 *
 * Returns how many distinct files were moved.
 */
export async function moveInlineAttachments(doc: Record<string, unknown>, blobs: BlobStore | null, path: string, kept?: Map<string, Buffer>): Promise<number> {
  const records: Array<Record<string, unknown>> = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['contentBase64'] === 'string') records.push(value as Record<string, unknown>);
  };
  for (const record of asArray(doc['attachments'])) collect(record);
  for (const entry of asArray(doc['history'])) {
    for (const change of asArray((entry as Record<string, unknown>)['changes'])) {
      const c = change as Record<string, unknown>;
      if (c['collection'] !== 'attachments') continue;
      collect(c['before']);
      collect(c['after']);
    }
  }
  const moved = new Set<string>();
  for (const record of records) {
    const sha256 = String(record['sha256']);
    if (blobs && !moved.has(sha256)) {
      const bytes = Buffer.from(record['contentBase64'] as string, 'base64');
      const added = await blobs.add(oneChunk(bytes));
      if (added.sha256 !== sha256) {
        throw new StoreError('CORRUPT_STORE', `${path} holds a file “${String(record['name'])}” whose bytes do not match its SHA-256 (${sha256.slice(0, 12)}…). It was written by a faulty version; restore the case from a copy. Nothing was changed.`);
      }
      moved.add(sha256);
    } else if (!blobs && kept && !kept.has(sha256)) {
      // A read-only open writes nothing: the bytes stay in memory, for listing and extracting.
      kept.set(sha256, Buffer.from(record['contentBase64'] as string, 'base64'));
    }
    delete record['contentBase64'];
  }
  return moved.size;
}

async function* oneChunk(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield bytes;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Every file the case can still reach: its attachments and every version of one in the audit
 * history (an undo or redo can bring any of them back). What is not here may be swept.
 */
export function reachableBlobs(doc: { attachments: ReadonlyArray<{ sha256: string }>; history: ReadonlyArray<{ changes: ReadonlyArray<{ collection: string; before?: unknown; after?: unknown }> }> }): Set<string> {
  const out = new Set(doc.attachments.map((a) => a.sha256));
  for (const entry of doc.history) {
    for (const change of entry.changes) {
      if (change.collection !== 'attachments') continue;
      for (const record of [change.before, change.after]) {
        const sha256 = (record as { sha256?: unknown } | null | undefined)?.sha256;
        if (typeof sha256 === 'string') out.add(sha256);
      }
    }
  }
  return out;
}
