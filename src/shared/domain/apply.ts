import type { AuditEntry, Change } from './audit';
import type { CaseDocument } from './case';
import { CASE_COLLECTION_NAMES as COLLECTION_NAMES, type AnyCaseRecord as AnyRecord, type CaseCollectionName as CollectionName } from './collections';

/**
 * Position of every record in its collection array, so applying one change costs O(1)
 * whatever the size of the case. Array order carries no meaning (views sort), which lets a
 * delete move the last record into the freed slot.
 */
export class CaseIndex {
  private readonly positions = new Map<CollectionName, Map<string, number>>();

  constructor(private readonly doc: CaseDocument) {
    for (const name of COLLECTION_NAMES) {
      const map = new Map<string, number>();
      (doc[name] as AnyRecord[]).forEach((record, i) => map.set(record.id, i));
      this.positions.set(name, map);
    }
  }

  get<C extends CollectionName>(collection: C, id: string): CaseDocument[C][number] | undefined {
    const i = this.map(collection).get(id);
    return i === undefined ? undefined : (this.doc[collection][i] as CaseDocument[C][number]);
  }

  has(collection: CollectionName, id: string): boolean {
    return this.map(collection).has(id);
  }

  /** Applies the changes of one audit entry in order, and records the entry in the history. */
  applyEntry(entry: AuditEntry): void {
    for (const change of entry.changes) this.applyChange(change);
    this.doc.history.push(entry);
  }

  /**
   * Applies an entry that is not yet durable (group commit: the next edit of its batch is built
   * on it) and returns what takes the case back exactly: the records as they were, not the
   * entry's own `before`, which a builder may have got wrong.
   */
  applyEntryUndoable(entry: AuditEntry): () => void {
    const prior = entry.changes.map((change) => ({ change, was: this.get(change.collection, change.id) as AnyRecord | undefined }));
    this.applyEntry(entry);
    return () => {
      if (this.doc.history.at(-1) !== entry) throw new Error(`edit ${entry.seq} is not the last in the history; it cannot be taken back`);
      this.doc.history.pop();
      for (const { change, was } of prior.reverse()) {
        this.applyChange(was === undefined ? { op: 'delete', collection: change.collection, id: change.id, before: change.op === 'put' ? change.after : change.before } as Change : ({ op: 'put', collection: change.collection, id: change.id, before: null, after: was } as Change));
      }
    };
  }

  applyChange(change: Change): void {
    const list = this.doc[change.collection] as AnyRecord[];
    const map = this.map(change.collection);
    const at = map.get(change.id);
    if (change.op === 'put') {
      if (at === undefined) {
        map.set(change.id, list.length);
        list.push(change.after);
      } else {
        list[at] = change.after;
      }
      return;
    }
    if (at === undefined) return;
    const last = list.length - 1;
    if (at !== last) {
      const moved = list[last] as AnyRecord;
      list[at] = moved;
      map.set(moved.id, at);
    }
    list.pop();
    map.delete(change.id);
  }

  private map(collection: CollectionName): Map<string, number> {
    const map = this.positions.get(collection);
    if (!map) throw new Error(`unknown collection ${collection}`);
    return map;
  }
}

/** The changes that take the case back to how it was before `changes` were applied. */
export function inverseChanges(changes: readonly Change[]): Change[] {
  return [...changes].reverse().map((change): Change => {
    if (change.op === 'delete') return { op: 'put', collection: change.collection, id: change.id, before: null, after: change.before };
    if (change.before === null) return { op: 'delete', collection: change.collection, id: change.id, before: change.after };
    return { op: 'put', collection: change.collection, id: change.id, before: change.after, after: change.before };
  });
}

/**
 * Reads the undo and redo stacks out of the history, so they survive a restart.
 * Edits push onto the undo stack and clear redo; an undo moves its target to redo; a redo
 * moves back. Returns the seq of the entry to reverse next for each direction.
 */
export function undoRedoState(history: readonly AuditEntry[]): { undo: number | null; redo: number | null } {
  const done: number[] = [];
  const undone: number[] = [];
  for (const entry of history) {
    if (entry.kind === 'undo') {
      done.pop();
      undone.push(entry.seq);
    } else if (entry.kind === 'redo') {
      undone.pop();
      done.push(entry.seq);
    } else if (entry.kind !== 'create') {
      done.push(entry.seq);
      undone.length = 0;
    }
  }
  return { undo: done.at(-1) ?? null, redo: undone.at(-1) ?? null };
}

const undoMemo = new WeakMap<readonly AuditEntry[], { length: number; last: AuditEntry | undefined; state: { undo: number | null; redo: number | null } }>();

/**
 * `undoRedoState` of a history, remembered until the history changes at its end (an edit
 * appended, or an unsaved batch taken back): every status poll and every edit's notice would
 * otherwise walk the whole history.
 */
export function currentUndoRedo(history: readonly AuditEntry[]): { undo: number | null; redo: number | null } {
  const last = history.at(-1);
  const memo = undoMemo.get(history);
  if (memo && memo.length === history.length && memo.last === last) return memo.state;
  const state = undoRedoState(history);
  undoMemo.set(history, { length: history.length, last, state });
  return state;
}
