import { attachmentId, type StoredAttachment } from '../domain/attachment';
import type { CaseDocument } from '../domain/case';
import { referencesOf } from '../domain/references';
import type { PayloadRecords } from './manifest';
import type { LeftOut } from './selection';

export interface FileSelection {
  /** The files that travel, once each (two sources may carry the same file), in source order. */
  files: StoredAttachment[];
  /** Their total size in bytes. */
  bytes: number;
  /** Sources that leave without their file, and why. */
  leftOut: LeftOut[];
}

/**
 * Which files an export carries. A whole-case export carries the file of every source it
 * carries. A filtered selection carries only the files of sources that the selected events cite
 * (directly, in a claim or for a participant): the other sources still leave, as every actor
 * does, but their files — often the bulk of a case — stay behind, and the preview lists each.
 * A source whose file this case does not hold (it arrived without it) leaves without it too.
 */
export function filesForExport(doc: Pick<CaseDocument, 'attachments'>, records: PayloadRecords, filtered: boolean): FileSelection {
  const stored = new Map(doc.attachments.map((a) => [a.id, a]));
  const cited = filtered ? new Set(records.events.flatMap((e) => referencesOf('events', e).filter((r) => r.collection === 'sources').map((r) => r.id))) : null;
  const carried = new Map<string, StoredAttachment>();
  const behind: Array<{ sourceId: string; title: string; name: string; sha256: string; reason: string }> = [];
  for (const source of records.sources) {
    const attachment = source.attachment;
    if (!attachment) continue;
    const file = stored.get(attachmentId(attachment.sha256));
    if (!file) behind.push({ sourceId: source.id, title: source.title, name: attachment.name, sha256: attachment.sha256, reason: 'this case does not hold it (the source arrived without it)' });
    else if (cited && !cited.has(source.id)) behind.push({ sourceId: source.id, title: source.title, name: attachment.name, sha256: attachment.sha256, reason: 'no event in the selection cites this source' });
    else if (!carried.has(file.sha256)) carried.set(file.sha256, file);
  }
  const files = [...carried.values()];
  // The same file on a selected source travels after all: it is not left out.
  const leftOut = behind
    .filter((b) => !carried.has(b.sha256))
    .map((b): LeftOut => ({ collection: 'sources', id: b.sourceId, label: b.title, reason: `leaves without its file “${b.name}”: ${b.reason}` }));
  return { files, bytes: files.reduce((sum, f) => sum + f.size, 0), leftOut };
}
