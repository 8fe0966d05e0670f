import { Low } from 'lowdb';
import type { CaseIndex } from '../../shared/domain/apply';
import type { AuditEntry, Change } from '../../shared/domain/audit';
import { caseCounts, type CaseDocument } from '../../shared/domain/case';
import type { CollectionName } from '../../shared/domain/collections';
import type { AutosaveState, EventName, EventPayload, OpenCase, PutRequest } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/ipc/result';
import { identityIfExists } from '../store/case-identity';
import type { BlobStore } from '../store/blobs';
import { CaseStore, type OpenProgress, type StoreOptions, type Unlock } from '../store/case-store';
import type { FileSystem } from '../store/file-system';
import { StoreError } from '../store/store-error';
import { checkChanges, openNotices, putStep, removeStep, reverseStep, undoStateOf } from './case-edits';

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
    return this.commit('edit', (records) => putStep(request, records));
  }

  async remove(collection: CollectionName, id: string): Promise<Result<{ seq: number; summary: string }>> {
    return this.commit('edit', (records) => removeStep(collection, id, records, this.db?.data ?? null));
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
      checkChanges(records, this.db?.data ?? null, built.changes);
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
      checkChanges(this.store.records, this.db?.data ?? null, built.changes);
      return ok({ summary: built.summary, changes: built.changes.length });
    } catch (error) {
      const failure = asStoreError(error);
      return err(failure.code, failure.message);
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
    return this.commit(direction, () => reverseStep(this.db?.data.history ?? [], direction));
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
    return undoStateOf(this.db?.data.history ?? []);
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
