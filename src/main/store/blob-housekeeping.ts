import type { AuditEntry } from '../../shared/domain/audit';
import type { BlobStore } from './blobs';
import { holdsBlobs, readOwner, removeLeftoverBlobTemps, sweepDecision, writeOwner, type BlobOwner } from './blobs/owner';
import type { FileSystem } from './file-system';

/**
 * Removes files no record and no undo step can reach (an upload whose edit never came), but only
 * in this case's own folder and only when this copy is not older than the last edit that referred
 * to a file there (blobs/owner.ts): an older copy (a restored .bak) or another case under the
 * same name must never delete what a newer or other copy needs. The caller holds the case's lock
 * and no add of this process is in flight for it (one writer; a switch ends its uploads), so no
 * grace period is needed. A failure is reported, never a reason not to open.
 */
export async function sweepOnOpen(fs: FileSystem, blobs: BlobStore, caseId: string, seq: number, reachable: ReadonlySet<string>, adopted: boolean): Promise<{ swept: number; message?: string }> {
  const dir = blobs.dir;
  try {
    await removeLeftoverBlobTemps(fs, dir);
    const owner = await readOwner(fs, dir);
    const decision = adopted ? ({ sweep: true } as const) : sweepDecision(owner, await holdsBlobs(fs, dir), caseId, seq);
    if (!decision.sweep) return decision.why === 'no-folder' ? { swept: 0 } : { swept: 0, message: keptNotice(decision.why, dir, decision.owner, seq) };
    const swept = await blobs.sweep(reachable, { graceMs: 0 });
    if ((!owner || owner.seq < seq) && (await holdsBlobs(fs, dir)) !== null) await writeOwner(fs, dir, { caseId, seq: Math.max(owner?.seq ?? 0, seq) });
    return { swept: swept.removed };
  } catch (error) {
    return { swept: 0, message: `Unused files beside the case could not be cleaned up (${(error as Error).message}). The case opened as usual and nothing was removed.` };
  }
}

/**
 * Before an edit that refers to files is written: record that this case, at this edit, needs the
 * folder's files, so an older copy opened later keeps them. Written first, so a crash between the
 * two leaves the record ahead (a sweep skipped), never behind (a file lost).
 */
export async function noteBlobReferences(fs: FileSystem, dir: string, caseId: string, entry: AuditEntry): Promise<void> {
  if (!entry.changes.some((c) => c.collection === 'attachments' && c.op === 'put')) return;
  if ((await holdsBlobs(fs, dir)) === null) return;
  const owner = await readOwner(fs, dir);
  // Another case's folder: leave its record alone, so this case never sweeps that case's files.
  if (owner && owner.caseId !== caseId) return;
  if (owner && owner.seq >= entry.seq) return;
  await writeOwner(fs, dir, { caseId, seq: entry.seq });
}

function keptNotice(why: 'unknown-owner' | 'other-case' | 'older-copy', dir: string, owner: BlobOwner | null, seq: number): string {
  if (why === 'older-copy') {
    return `This copy of the case ends at edit ${seq}, but files beside it were referred to up to edit ${owner?.seq ?? '?'}: it is an older copy (a restored .bak, or a journal set aside). Files it does not use were kept in ${dir}, in case a newer copy needs them.`;
  }
  if (why === 'other-case') return `${dir} holds files of another case (its case file was renamed or moved). None of them will be removed; move that folder to its own case file.`;
  return `${dir} holds files with no record of which case they belong to; none were removed.`;
}
