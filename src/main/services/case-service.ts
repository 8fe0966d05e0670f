import { Low } from 'lowdb';
import { strayRatingIn } from '../../shared/ach/stray';
import { currentUndoRedo, inverseChanges, type CaseIndex } from '../../shared/domain/apply';
import type { AuditEntry, Change } from '../../shared/domain/audit';
import { caseCounts, type CaseDocument } from '../../shared/domain/case';
import type { AnyRecord, CollectionName } from '../../shared/domain/collections';
import { danglingReferences, orphanedByDeletes, referencesOf, referrersOf } from '../../shared/domain/references';
import type { AutosaveState, EventName, EventPayload, OpenCase, PutRequest } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/ipc/result';
import { identityIfExists } from '../store/case-identity';
import type { BlobStore } from '../store/blobs';
import { CaseStore, type OpenProgress, type StoreOptions, type Unlock } from '../store/case-store';
import type { FileSystem } from '../store/file-system';
import { StoreError } from '../store/store-error';
import { recordLabel, recordNoun } from '../../shared/text/format';

export interface CaseServiceOptions {
  /** Who the audit history names for edits made here. */
  user: string;
  /** Fold the journal into the snapshot after this long without edits. */
  foldAfterIdleMs?: number;
  /** …or as soon as the journal grows past this many bytes. */
  foldJournalBytes?: number;
  fs?: FileSystem;
  emit?: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
}

export type Emit = NonNullable<CaseServiceOptions['emit']>;

/** The open case: every read and edit of it, its autosave and its undo history. */
export class CaseService {
  private current: CaseStore | null = null;
  private switches = 0;
  private readonly switchListeners = new Set<() => void>();
  private lifecycle: Promise<unknown> = Promise.resolve();
  private db: Low<CaseDocument> | null = null;
  private notices: string[] = [];
  private foldTimer: NodeJS.Timeout | null = null;
  private autosave: AutosaveState = { state: 'saved', journalEdits: 0, lastEditAt: null, lastFoldAt: null };

  constructor(private readonly options: CaseServiceOptions) {}

  /**
   * Moves on whenever the open case changes: opened, created, closed, reopened, switched. A plan
   * made for one value (an import preview, a received file's merge plan) must not be applied
   * under another — not even to a case with the same id or path, which may hold other edits.
   */
  get generation(): number {
    return this.switches;
  }

  /** Calls `listener` (synchronously) whenever the generation moves on; returns the unsubscribe. */
  onSwitch(listener: () => void): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  // The open case's store. Every assignment goes through here, so no path that opens, closes or
  // switches a case can leave the generation (and the plans bound to it) behind.
  private get store(): CaseStore | null {
    return this.current;
  }

  private set store(next: CaseStore | null) {
    if (next === this.current) return;
    this.current = next;
    this.switches++;
    for (const listener of this.switchListeners) listener();
    // Every window learns that the open case changed, and shows what is open now.
    this.options.emit?.('case:opened', { generation: next ? this.switches : null });
  }

  /** Who the audit history names for edits made here (also who rates an ACH cell). */
  get user(): string {
    return this.options.user;
  }

  get isOpen(): boolean {
    return this.store !== null;
  }

  get path(): string | null {
    return this.store?.path ?? null;
  }

  /** The open case's files (attachments), as encrypted blobs beside it. */
  get blobs(): BlobStore | null {
    return this.store?.blobs ?? null;
  }

  /** Look-ups by id in the open case. */
  get records(): CaseIndex | null {
    return this.store?.records ?? null;
  }

  /** The open document, for read-only services (exports, analytics). */
  get document(): CaseDocument | null {
    return this.db?.data ?? null;
  }

  async open(path: string, unlock: Unlock, options: { takeOverLock?: boolean; onProgress?: (p: OpenProgress) => void } = {}): Promise<Result<OpenCase>> {
    // The app's unlock dialog follows along through the push event; the CLI passes its own printer.
    const emit = throttledProgress(this.options.emit);
    const onProgress = (p: OpenProgress) => {
      emit(p);
      options.onProgress?.(p);
    };
    return this.inTurn(() => this.attach(() => CaseStore.open(path, unlock, { ...this.storeOptions(), ...(options.takeOverLock !== undefined ? { takeOverLock: options.takeOverLock } : {}), onProgress }), path));
  }

  /** The open case's data key, for the OS keychain wrap; never leaves the main process. */
  dataKey(): Buffer | null {
    return this.store?.exportDataKey() ?? null;
  }

  async create(path: string, passphrase: string, doc: CaseDocument): Promise<Result<OpenCase>> {
    return this.inTurn(() => this.attach(() => CaseStore.create(path, passphrase, doc, this.storeOptions()), path));
  }

  async close(): Promise<Result<Record<string, never>>> {
    return this.inTurn(() => this.closeNow());
  }

  private async closeNow(): Promise<Result<Record<string, never>>> {
    if (!this.store) return ok({});
    // Nothing journaled since the last save: leave the snapshot and its .bak as they are (a close
    // must not push the previous generation, or the pre-migration original, out of the .bak).
    const folded = this.autosave.journalEdits > 0 ? await this.fold() : ok({ ...this.autosave });
    await this.store.close();
    this.store = null;
    this.db = null;
    this.clearFoldTimer();
    if (folded.ok) return ok({});
    // A lock taken over elsewhere: this window's later edits were refused, and the journal belongs to the new holder now.
    if (folded.error.code === 'LOCKED') return err('LOCKED', folded.error.message);
    return err(folded.error.code, `${folded.error.message} Your edits are kept in the journal and will be replayed next time.`);
  }

  /**
   * Opening, creating and closing take turns: two windows (or a window and a quit) asking at once
   * must not both attach a store, or leave one open and locked with nothing referring to it.
   */
  private inTurn<T>(task: () => Promise<T>): Promise<T> {
    const run = this.lifecycle.then(task, task);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  summary(): OpenCase | null {
    if (!this.store || !this.db) return null;
    const doc = this.db.data;
    return {
      generation: this.generation,
      id: doc.id,
      name: doc.name,
      path: this.store.path,
      counts: caseCounts(doc),
      autosave: { ...this.autosave },
      undo: this.undoState(),
      notices: [...this.notices],
    };
  }

  list<C extends CollectionName>(collection: C): Result<CaseDocument[C]> {
    if (!this.db) return noCase();
    return ok(this.db.data[collection]);
  }

  async put(request: PutRequest): Promise<Result<{ seq: number; summary: string }>> {
    return this.commit('edit', (records) => {
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
    });
  }

  async remove(collection: CollectionName, id: string): Promise<Result<{ seq: number; summary: string }>> {
    return this.commit('edit', (records) => {
      const before = records.get(collection, id) as AnyRecord | undefined;
      if (!before) throw new StoreError('NOT_FOUND', `No ${recordNoun(collection)} with id ${id}; it may have been deleted already.`);
      const referrers = this.db ? referrersOf(this.db.data, collection, id) : [];
      if (referrers.length > 0) {
        throw new StoreError(
          'CONFLICT',
          `“${labelOf(before, records)}” is still referred to by ${referrers.length} record(s) (first: ${referrers[0]?.id}). Remove those references first; nothing was deleted.`,
        );
      }
      return { summary: `Deleted ${recordNoun(collection)} “${labelOf(before, records)}”`, changes: [{ op: 'delete', collection, id, before } as Change] };
    });
  }

  /**
   * Applies many changes as one audit entry, so an import or a merge is one step to undo.
   * `build` sees the case as it stands; every reference must resolve within the case as it
   * will be after the batch, or nothing is written.
   */
  async commitBatch(
    kind: 'import' | 'merge' | 'edit',
    build: (records: CaseStore['records']) => { summary: string; changes: Change[] },
  ): Promise<Result<{ seq: number; summary: string }>> {
    return this.commit(kind, (records) => {
      const built = build(records);
      this.checkChanges(records, built.changes);
      return built;
    });
  }

  /**
   * A dry run of `commitBatch`: runs `build` against the case as it stands and checks the batch
   * exactly as `commitBatch` would, writing nothing. So a preview and the real step agree.
   */
  checkBatch(build: (records: CaseStore['records']) => { summary: string; changes: Change[] }): Result<{ summary: string; changes: number }> {
    if (!this.store) return noCase();
    try {
      const built = build(this.store.records);
      this.checkChanges(this.store.records, built.changes);
      return ok({ summary: built.summary, changes: built.changes.length });
    } catch (error) {
      const failure = asStoreError(error);
      return err(failure.code, failure.message);
    }
  }

  /** Every reference must resolve within the case as it will be after the batch. */
  private checkChanges(records: CaseStore['records'], changes: readonly Change[]): void {
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
    const orphan = this.db ? orphanedByDeletes(this.db.data, changes) : null;
    if (orphan) {
      throw new StoreError(
        'VALIDATION',
        `${recordNoun(orphan.collection)} ${orphan.id} still points at the deleted ${recordNoun(orphan.ref.collection)} (${orphan.ref.id}, in ${orphan.ref.at}); nothing was saved. Re-point or remove that reference in the same step.`,
      );
    }
  }

  async undo(): Promise<Result<{ seq: number; summary: string }>> {
    return this.reverse('undo');
  }

  async redo(): Promise<Result<{ seq: number; summary: string }>> {
    return this.reverse('redo');
  }

  history(limit: number): Result<AuditEntry[]> {
    if (!this.db) return noCase();
    return ok(this.db.data.history.slice(-limit).reverse());
  }

  /** Folds the journal into a new snapshot now (lowdb's write). */
  async fold(): Promise<Result<AutosaveState>> {
    if (!this.db || !this.store) return noCase();
    this.clearFoldTimer();
    this.setAutosave({ state: 'folding' });
    try {
      await this.db.write();
      this.setAutosave({ state: 'saved', journalEdits: 0, lastFoldAt: new Date().toISOString(), message: undefined });
      return ok({ ...this.autosave });
    } catch (error) {
      const failure = asStoreError(error);
      this.setAutosave({ state: 'error', message: failure.message });
      return err(failure.code, failure.message);
    }
  }

  private async reverse(direction: 'undo' | 'redo'): Promise<Result<{ seq: number; summary: string }>> {
    return this.commit(direction, () => {
      const history = this.db?.data.history ?? [];
      const target = currentUndoRedo(history)[direction];
      const entry = target === null ? undefined : findEntry(history, target);
      if (!entry) throw new StoreError('CONFLICT', direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
      return { summary: `${direction === 'undo' ? 'Undo' : 'Redo'}: ${baseLabel(entry.summary)}`, changes: inverseChanges(entry.changes), undoes: entry.seq };
    });
  }

  private async commit(
    kind: AuditEntry['kind'],
    build: (records: CaseStore['records']) => { summary: string; changes: Change[]; undoes?: number },
  ): Promise<Result<{ seq: number; summary: string }>> {
    const store = this.store;
    if (!store) return noCase();
    try {
      const entry = await store.commit((records, seq) => {
        const built = build(records);
        return { seq, at: new Date().toISOString(), by: this.options.user, kind, ...built };
      });
      this.afterCommit(store);
      return ok({ seq: entry.seq, summary: entry.summary });
    } catch (error) {
      const failure = asStoreError(error);
      return err(failure.code, failure.message);
    }
  }

  private afterCommit(store: CaseStore): void {
    this.setAutosave({ state: this.autosave.state === 'error' ? 'error' : 'saved', journalEdits: this.autosave.journalEdits + 1, lastEditAt: new Date().toISOString() });
    const summary = this.summary();
    if (summary) this.options.emit?.('case:changed', { seq: store.sequence, counts: summary.counts, undo: summary.undo });
    this.clearFoldTimer();
    if (store.journalSize > (this.options.foldJournalBytes ?? 16 * 1024 * 1024)) {
      void this.fold();
    } else {
      this.foldTimer = setTimeout(() => void this.fold(), this.options.foldAfterIdleMs ?? 5_000);
      this.foldTimer.unref();
    }
  }

  private async attach(openStore: () => Promise<CaseStore>, path: string): Promise<Result<OpenCase>> {
    // Reopening the case that is open, under any spelling of its path: close it first (one
    // writer, one lock). Switching to another case: open that one first, so a wrong passphrase
    // leaves the current case open.
    if (this.store && this.store.identity.key === (await identityIfExists(path))?.key) {
      const closed = await this.closeNow();
      if (!closed.ok) return closed;
    }
    let store: CaseStore;
    try {
      store = await openStore();
    } catch (error) {
      const failure = asStoreError(error);
      return err(failure.code, failure.message);
    }
    if (this.store) {
      const closed = await this.closeNow();
      if (!closed.ok) {
        await store.close();
        return closed;
      }
    }
    this.store = store;
    this.db = new Low<CaseDocument>(store, store.document);
    await this.db.read();
    this.notices = openNotices(store);
    // Edits replayed from the journal wait for the next fold, unless opening already folded them
    // (an upgrade): a close must then leave the .bak holding the file as it was.
    this.autosave = { state: 'saved', journalEdits: store.report.foldedOnOpen ? 0 : store.report.replayed, lastEditAt: null, lastFoldAt: null };
    const summary = this.summary();
    return summary ? ok(summary) : err('INTERNAL', 'The case opened but could not be summarised.');
  }

  private undoState(): OpenCase['undo'] {
    const history = this.db?.data.history ?? [];
    const state = currentUndoRedo(history);
    const undo = state.undo === null ? undefined : findEntry(history, state.undo);
    const redo = state.redo === null ? undefined : findEntry(history, state.redo);
    return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo ? baseLabel(undo.summary) : null, redoLabel: redo ? baseLabel(redo.summary) : null };
  }

  private setAutosave(patch: Partial<AutosaveState>): void {
    this.autosave = { ...this.autosave, ...patch };
    this.options.emit?.('case:autosave', { ...this.autosave });
  }

  private clearFoldTimer(): void {
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = null;
  }

  private storeOptions(): StoreOptions {
    return this.options.fs ? { fs: this.options.fs } : {};
  }
}

function openNotices(store: CaseStore): string[] {
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

function noCase<T>(): Result<T> {
  return err('NO_CASE_OPEN', 'No case is open. Open or create a case first.');
}

export function asStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  return new StoreError('INTERNAL', `Unexpected failure: ${(error as Error)?.message ?? String(error)}. Nothing was changed; please report this.`);
}

/** Open progress for the renderer, at most ten pushes a second (a phase change always goes out). */
function throttledProgress(emit: Emit | undefined): (p: OpenProgress) => void {
  let last = 0;
  let phase = '';
  return (p) => {
    const now = Date.now();
    if (!emit || (p.phase === phase && now - last < 100 && p.done < p.total)) return;
    last = now;
    phase = p.phase;
    emit('case:open-progress', p);
  };
}
