/**
 * The case service's edits as pure steps (services/case-service.ts commits them): what a put, a
 * delete or an undo/redo changes and the summary its audit entry gets, the checks a batch must
 * pass, the undo state the window shows, and the notices an opened case brings. A step throws a
 * StoreError to refuse; the store's commit then writes nothing.
 */
import { strayRatingIn } from '../../shared/ach/stray';
import { currentUndoRedo, inverseChanges } from '../../shared/domain/apply';
import type { AuditEntry, Change } from '../../shared/domain/audit';
import type { CaseDocument } from '../../shared/domain/case';
import type { AnyRecord, CollectionName } from '../../shared/domain/collections';
import { danglingReferences, orphanedByDeletes, referencesOf, referrersOf } from '../../shared/domain/references';
import type { OpenCase, PutRequest } from '../../shared/ipc/contract';
import type { CaseStore } from '../store/case-store';
import { StoreError } from '../store/store-error';
import { recordLabel, recordNoun } from '../../shared/text/format';

type Records = CaseStore['records'];
export interface Step {
  summary: string;
  changes: Change[];
  undoes?: number;
}

export function putStep(request: PutRequest, records: Records): Step {
  const { collection, record } = request;
  const dangling = danglingReferences(collection, record, records);
  if (dangling.length > 0) {
    const first = dangling[0];
    throw new StoreError('VALIDATION', `This ${recordNoun(collection)} points at a missing ${first ? `${recordNoun(first.collection)} (${first.id}, in ${first.at})` : 'record'}. Pick an existing one; nothing was saved.`);
  }
  const before = (records.get(collection, record.id) as AnyRecord | undefined) ?? null;
  const change = { op: 'put', collection, id: record.id, before, after: record } as Change;
  const stray = strayRatingIn([change], (c, id) => records.get(c, id));
  if (stray) throw new StoreError('VALIDATION', stray);
  return { summary: `${before ? 'Edited' : 'Added'} ${recordNoun(collection)} “${labelOf(record, records)}”`, changes: [change] };
}

export function removeStep(collection: CollectionName, id: string, records: Records, doc: CaseDocument | null): Step {
  const before = records.get(collection, id) as AnyRecord | undefined;
  if (!before) throw new StoreError('NOT_FOUND', `No ${recordNoun(collection)} with id ${id}; it may have been deleted already.`);
  const referrers = doc ? referrersOf(doc, collection, id) : [];
  if (referrers.length > 0) {
    throw new StoreError(
      'CONFLICT',
      `“${labelOf(before, records)}” is still referred to by ${referrers.length} record(s) (first: ${referrers[0]?.id}). Remove those references first; nothing was deleted.`,
    );
  }
  return { summary: `Deleted ${recordNoun(collection)} “${labelOf(before, records)}”`, changes: [{ op: 'delete', collection, id, before } as Change] };
}

/** Every reference must resolve within the case as it will be after the batch. */
export function checkChanges(records: Records, doc: CaseDocument | null, changes: readonly Change[]): void {
  const added = new Set(changes.filter((c) => c.op === 'put').map((c) => `${c.collection}/${c.id}`));
  const removed = new Set(changes.filter((c) => c.op === 'delete').map((c) => `${c.collection}/${c.id}`));
  for (const change of changes) {
    if (change.op !== 'put') continue;
    for (const ref of referencesOf(change.collection, change.after)) {
      const key = `${ref.collection}/${ref.id}`;
      const present = added.has(key) || (records.has(ref.collection, ref.id) && !removed.has(key));
      if (!present) {
        throw new StoreError('VALIDATION', `${recordNoun(change.collection)} ${change.id} points at a missing ${recordNoun(ref.collection)} (${ref.id}, in ${ref.at}); nothing was saved.`);
      }
    }
  }
  const stray = strayRatingIn(changes, (c, id) => records.get(c, id));
  if (stray) throw new StoreError('VALIDATION', stray);
  const orphan = doc ? orphanedByDeletes(doc, changes) : null;
  if (orphan) {
    throw new StoreError(
      'VALIDATION',
      `${recordNoun(orphan.collection)} ${orphan.id} still points at the deleted ${recordNoun(orphan.ref.collection)} (${orphan.ref.id}, in ${orphan.ref.at}); nothing was saved. Re-point or remove that reference in the same step.`,
    );
  }
}

/** The step that undoes (or redoes) the entry the history's undo state points at. */
export function reverseStep(history: readonly AuditEntry[], direction: 'undo' | 'redo'): Step {
  const target = currentUndoRedo(history)[direction];
  const entry = target === null ? undefined : findEntry(history, target);
  if (!entry) throw new StoreError('CONFLICT', direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
  return { summary: `${direction === 'undo' ? 'Undo' : 'Redo'}: ${baseLabel(entry.summary)}`, changes: inverseChanges(entry.changes), undoes: entry.seq };
}

export function undoStateOf(history: readonly AuditEntry[]): OpenCase['undo'] {
  const state = currentUndoRedo(history);
  const undo = state.undo === null ? undefined : findEntry(history, state.undo);
  const redo = state.redo === null ? undefined : findEntry(history, state.redo);
  return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo ? baseLabel(undo.summary) : null, redoLabel: redo ? baseLabel(redo.summary) : null };
}

export function openNotices(store: CaseStore): string[] {
  const notices: string[] = [];
  if (store.report.migratedFrom.length > 0) {
    notices.push(`This case was written by an older version (schema ${store.report.migratedFrom[0]}); it was upgraded and saved in the new format. The file as it was is kept as ${store.path}.bak until the next save.`);
  }
  if (store.report.movedAttachments) notices.push(`${store.report.movedAttachments} file(s) kept inside the older case were moved into ${store.blobs.dir}, encrypted.`);
  if (store.report.sweptBlobs) notices.push(`Removed ${store.report.sweptBlobs} file(s) that no record and no undo step used any more (left by uploads that never finished).`);
  if (store.report.blobNotice) notices.push(store.report.blobNotice);
  if (store.report.tookOverLock) notices.push(`A lock left behind was cleared: ${store.report.tookOverLock}.`);
  if (store.report.setAsideDuplicates.length > 0) {
    const seqs = store.report.setAsideDuplicates.join(', ');
    notices.push(`The journal held two copies of edit ${seqs}: the first had failed to save and was reported as not saved at the time, so it was set aside; the confirmed edit is kept.`);
  }
  if (store.report.discardedTornTail) {
    notices.push('An edit that was being written when the app last stopped had not finished; it was never confirmed and has been set aside. Every confirmed edit is here.');
  }
  return notices;
}

/** What an entry did, without the "Undo: " / "Redo: " prefixes that reversing it again would otherwise stack up. */
function baseLabel(summary: string): string {
  return summary.replace(/^(?:(?:Undo|Redo): )+/, '');
}

function findEntry(history: readonly AuditEntry[], seq: number): AuditEntry | undefined {
  // Seqs grow with position, so search from the end, where undo targets are.
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    if (entry?.seq === seq) return entry;
    if (entry && entry.seq < seq) break;
  }
  return undefined;
}

/** A record's name for a summary or message, a relationship by its actors' names (see recordLabel). */
function labelOf(record: AnyRecord, records: { get: (collection: 'actors', id: string) => unknown }): string {
  const text = recordLabel(record, (id) => (records.get('actors', id) as { name?: string } | undefined)?.name);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
