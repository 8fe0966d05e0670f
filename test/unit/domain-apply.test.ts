import { describe, expect, it } from 'vitest';
import { prng } from '../../bench/generate';
import { CaseIndex, currentUndoRedo, inverseChanges, undoRedoState } from '../../src/shared/domain/apply';
import type { AuditEntry, Change } from '../../src/shared/domain/audit';
import { emptyCase, type CaseDocument } from '../../src/shared/domain/case';
import type { Event } from '../../src/shared/domain/event';
import { plainActor, plainEvent } from '../helpers/records';

const newDoc = (): CaseDocument => emptyCase('case--apply', 'apply', '2025-01-01T00:00:00.000Z');
const put = (index: CaseIndex, record: Event): Change => ({ op: 'put', collection: 'events', id: record.id, before: (index.get('events', record.id) as Event | undefined) ?? null, after: record });
const del = (index: CaseIndex, id: string): Change => ({ op: 'delete', collection: 'events', id, before: index.get('events', id)! });
const entry = (seq: number, kind: AuditEntry['kind'], changes: Change[] = [], undoes?: number): AuditEntry => ({
  seq,
  at: '2025-01-01T00:00:00.000Z',
  by: 'tester',
  summary: `${kind} ${seq}`,
  kind,
  changes,
  ...(undoes === undefined ? {} : { undoes }),
});

/** The index agrees with the array: every record found at its own position, no strays. */
function expectConsistent(doc: CaseDocument, index: CaseIndex, model: Map<string, string>): void {
  expect(doc.events).toHaveLength(model.size);
  expect(new Set(doc.events.map((e) => e.id)).size).toBe(doc.events.length);
  for (const event of doc.events) expect(index.get('events', event.id)).toBe(event);
  for (const [id, title] of model) {
    expect(index.has('events', id)).toBe(true);
    expect(index.get('events', id)?.title).toBe(title);
  }
}

describe('CaseIndex', () => {
  it('indexes the records a document already has', () => {
    const doc = newDoc();
    doc.events.push(plainEvent('event--a', 'A'), plainEvent('event--b', 'B'));
    doc.actors.push(plainActor('actor--a', 'Actor A'));
    const index = new CaseIndex(doc);
    expect(index.get('events', 'event--b')?.title).toBe('B');
    expect(index.get('actors', 'actor--a')?.name).toBe('Actor A');
    expect(index.has('actors', 'event--a')).toBe(false); // collections are separate
    expect(index.get('events', 'event--zzz')).toBeUndefined();
  });

  it('put adds at the end, or replaces in place', () => {
    const doc = newDoc();
    const index = new CaseIndex(doc);
    index.applyChange(put(index, plainEvent('event--a', 'A')));
    index.applyChange(put(index, plainEvent('event--b', 'B')));
    index.applyChange(put(index, plainEvent('event--a', 'A2')));
    expect(doc.events.map((e) => [e.id, e.title])).toEqual([
      ['event--a', 'A2'],
      ['event--b', 'B'],
    ]);
  });

  it('delete moves the last record into the freed slot and keeps the index right', () => {
    const doc = newDoc();
    const index = new CaseIndex(doc);
    for (const id of ['a', 'b', 'c', 'd']) index.applyChange(put(index, plainEvent(`event--${id}`, id)));
    index.applyChange(del(index, 'event--b'));
    expect(doc.events.map((e) => e.id)).toEqual(['event--a', 'event--d', 'event--c']);
    expect(index.get('events', 'event--d')?.title).toBe('d');
    expect(index.has('events', 'event--b')).toBe(false);
    // Then editing the moved record changes it where it now is, not a stale slot.
    index.applyChange(put(index, plainEvent('event--d', 'd2')));
    expect(doc.events.map((e) => e.title)).toEqual(['a', 'd2', 'c']);
    // Deleting the last, then the only ones left.
    index.applyChange(del(index, 'event--c'));
    index.applyChange(del(index, 'event--a'));
    index.applyChange(del(index, 'event--d'));
    expect(doc.events).toEqual([]);
    // Deleting what is not there changes nothing.
    index.applyChange({ op: 'delete', collection: 'events', id: 'event--gone', before: plainEvent('event--gone', 'x') });
    expect(doc.events).toEqual([]);
  });

  it('stays consistent through a long random run of puts and deletes', () => {
    const rand = prng(42);
    const doc = newDoc();
    const index = new CaseIndex(doc);
    const model = new Map<string, string>();
    for (let step = 0; step < 3000; step++) {
      const id = `event--r${Math.floor(rand() * 60)}`;
      if (rand() < 0.4 && model.has(id)) {
        index.applyChange(del(index, id));
        model.delete(id);
      } else {
        const title = `t${step}`;
        index.applyChange(put(index, plainEvent(id, title)));
        model.set(id, title);
      }
      if (step % 100 === 0) expectConsistent(doc, index, model);
    }
    expectConsistent(doc, index, model);
    // A fresh index over the same array agrees with the incremental one.
    const rebuilt = new CaseIndex(doc);
    for (const id of model.keys()) expect(rebuilt.get('events', id)).toBe(index.get('events', id));
  });

  it('applyEntry applies every change in order and records the entry in the history', () => {
    const doc = newDoc();
    const index = new CaseIndex(doc);
    const a = plainEvent('event--a', 'A');
    const e = entry(1, 'edit', [
      { op: 'put', collection: 'events', id: a.id, before: null, after: a },
      { op: 'put', collection: 'events', id: a.id, before: a, after: { ...a, title: 'A2' } },
      { op: 'put', collection: 'actors', id: 'actor--x', before: null, after: plainActor('actor--x', 'X') },
    ]);
    index.applyEntry(e);
    expect(doc.events.map((x) => x.title)).toEqual(['A2']);
    expect(doc.actors).toHaveLength(1);
    expect(doc.history).toEqual([e]);
  });
});

describe('inverseChanges', () => {
  const snapshot = (doc: CaseDocument) => new Map(doc.events.map((e) => [e.id, structuredClone(e)]));

  it('maps each kind of change to its opposite, in reverse order', () => {
    const a = plainEvent('event--a', 'A');
    const a2 = { ...a, title: 'A2' };
    const changes: Change[] = [
      { op: 'put', collection: 'events', id: a.id, before: null, after: a },
      { op: 'put', collection: 'events', id: a.id, before: a, after: a2 },
      { op: 'delete', collection: 'events', id: a.id, before: a2 },
    ];
    expect(inverseChanges(changes)).toEqual([
      { op: 'put', collection: 'events', id: a.id, before: null, after: a2 },
      { op: 'put', collection: 'events', id: a.id, before: a2, after: a },
      { op: 'delete', collection: 'events', id: a.id, before: a },
    ]);
    expect(inverseChanges(inverseChanges(changes))).toEqual(changes);
  });

  it('applying the inverse restores the case exactly (random entries)', () => {
    const rand = prng(7);
    const doc = newDoc();
    const index = new CaseIndex(doc);
    for (let i = 0; i < 30; i++) index.applyChange(put(index, plainEvent(`event--s${i}`, `seed ${i}`)));
    for (let round = 0; round < 200; round++) {
      const before = snapshot(doc);
      const changes: Change[] = [];
      const n = 1 + Math.floor(rand() * 5);
      for (let k = 0; k < n; k++) {
        const id = `event--s${Math.floor(rand() * 40)}`;
        const change = index.has('events', id) && rand() < 0.4 ? del(index, id) : put(index, plainEvent(id, `r${round}.${k}`));
        index.applyChange(change); // later changes in one entry see the earlier ones
        changes.push(change);
      }
      for (const change of inverseChanges(changes)) index.applyChange(change);
      expect(snapshot(doc)).toEqual(before);
      // …and re-applying the original changes redoes them (swap-remove order does not matter).
      const afterUndo = snapshot(doc);
      for (const change of changes) index.applyChange(change);
      for (const change of inverseChanges(changes)) index.applyChange(change);
      expect(snapshot(doc)).toEqual(afterUndo);
    }
  });
});

describe('undoRedoState', () => {
  const state = (history: AuditEntry[]) => undoRedoState(history);

  it('nothing to undo in an empty or freshly created case', () => {
    expect(state([])).toEqual({ undo: null, redo: null });
    expect(state([entry(1, 'create')])).toEqual({ undo: null, redo: null });
  });

  it('follows edit / undo / redo / edit', () => {
    const h: AuditEntry[] = [entry(1, 'edit'), entry(2, 'edit')];
    expect(state(h)).toEqual({ undo: 2, redo: null });
    h.push(entry(3, 'undo', [], 2));
    expect(state(h)).toEqual({ undo: 1, redo: 3 }); // redo reverses the undo entry
    h.push(entry(4, 'redo', [], 3));
    expect(state(h)).toEqual({ undo: 4, redo: null }); // undo next reverses the redo
    h.push(entry(5, 'undo', [], 4));
    expect(state(h)).toEqual({ undo: 1, redo: 5 });
    h.push(entry(6, 'edit'));
    expect(state(h)).toEqual({ undo: 6, redo: null }); // a new edit clears redo
  });

  it('undo everything, then redo everything, in order', () => {
    const h: AuditEntry[] = [entry(1, 'edit'), entry(2, 'import'), entry(3, 'merge')];
    h.push(entry(4, 'undo', [], 3));
    h.push(entry(5, 'undo', [], 2));
    h.push(entry(6, 'undo', [], 1));
    expect(state(h)).toEqual({ undo: null, redo: 6 });
    h.push(entry(7, 'redo', [], 6));
    expect(state(h)).toEqual({ undo: 7, redo: 5 });
    h.push(entry(8, 'redo', [], 5));
    expect(state(h)).toEqual({ undo: 8, redo: 4 });
    h.push(entry(9, 'redo', [], 4));
    expect(state(h)).toEqual({ undo: 9, redo: null });
  });

  it('undo and redo through the index give back each earlier state', () => {
    const doc = newDoc();
    const index = new CaseIndex(doc);
    const titles = () => doc.events.map((e) => `${e.id}:${e.title}`).sort();
    let seq = 0;
    const commit = (kind: AuditEntry['kind'], changes: Change[], undoes?: number) => {
      const e = entry(++seq, kind, changes, undoes);
      index.applyEntry(e);
      return e;
    };
    const reverse = (direction: 'undo' | 'redo') => {
      const target = undoRedoState(doc.history)[direction];
      const original = doc.history.find((h) => h.seq === target)!;
      commit(direction, inverseChanges(original.changes), original.seq);
    };

    const s0 = titles();
    commit('edit', [put(index, plainEvent('event--a', 'A'))]);
    const s1 = titles();
    commit('edit', [put(index, plainEvent('event--a', 'A2')), put(index, plainEvent('event--b', 'B'))]);
    const s2 = titles();
    commit('edit', [del(index, 'event--a')]);
    const s3 = titles();

    reverse('undo');
    expect(titles()).toEqual(s2);
    reverse('undo');
    expect(titles()).toEqual(s1);
    reverse('redo');
    expect(titles()).toEqual(s2);
    reverse('redo');
    expect(titles()).toEqual(s3);
    expect(undoRedoState(doc.history).redo).toBeNull();
    reverse('undo');
    reverse('undo');
    reverse('undo');
    expect(titles()).toEqual(s0);
    expect(undoRedoState(doc.history).undo).toBeNull();
  });
});

describe('applyEntryUndoable (an unsaved entry of a group commit taken back)', () => {
  it('gives back the records and history exactly, even when the entry says a wrong `before`', () => {
    const doc = newDoc();
    const index = new CaseIndex(doc);
    index.applyEntry(entry(1, 'edit', [put(index, plainEvent('event--a', 'A')), put(index, plainEvent('event--b', 'B'))]));
    const before = JSON.parse(JSON.stringify(doc)) as CaseDocument;
    // `before: null` for a record that exists: taking back must restore it, not delete it.
    const wrong: Change = { op: 'put', collection: 'events', id: 'event--a', before: null, after: plainEvent('event--a', 'A2') };
    const takeBack = index.applyEntryUndoable(entry(2, 'edit', [wrong, del(index, 'event--b'), put(index, plainEvent('event--c', 'C'))]));
    expect(index.get('events', 'event--a')?.title).toBe('A2');
    takeBack();
    const byId = (d: CaseDocument) => [...d.events].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(doc)).toEqual(byId(before));
    expect(doc.history).toEqual(before.history);
    expectConsistent(doc, index, new Map([['event--a', 'A'], ['event--b', 'B']]));
  });
});

describe('currentUndoRedo', () => {
  it('agrees with undoRedoState as the history grows and an unsaved entry is taken back', () => {
    const doc = newDoc();
    const index = new CaseIndex(doc);
    const check = () => expect(currentUndoRedo(doc.history)).toEqual(undoRedoState(doc.history));
    check();
    index.applyEntry(entry(1, 'edit', [put(index, plainEvent('event--a', 'A'))]));
    check();
    const takeBack = index.applyEntryUndoable(entry(2, 'undo', inverseChanges(doc.history[0]!.changes), 1));
    check();
    takeBack();
    check();
    index.applyEntry(entry(2, 'edit', [put(index, plainEvent('event--b', 'B'))]));
    check();
    expect(currentUndoRedo(doc.history)).toEqual({ undo: 2, redo: null });
  });
});
