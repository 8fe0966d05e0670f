import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseService, type CaseServiceOptions } from '../../src/main/services/case-service';
import { journalPathOf } from '../../src/main/store/case-store';
import { journalPrefix } from '../../src/main/store/journal';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import type { Event } from '../../src/shared/domain/event';
import type { Result } from '../../src/shared/ipc/result';
import { V1_FILE, V1_PASSPHRASE } from '../fixtures/stores/make-v1';
import { FaultyFileSystem } from '../helpers/faulty-fs';
import { newCase, PASSPHRASE, plainActor, plainEvent, plainSource, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

type Emitted = Array<{ name: string; payload: unknown }>;

function service(options: Partial<CaseServiceOptions> = {}): { svc: CaseService; emitted: Emitted } {
  const emitted: Emitted = [];
  // No idle fold unless a test asks: services left open on purpose (a simulated crash) must stay still.
  const svc = new CaseService({ user: 'analyst@example', foldAfterIdleMs: 2 ** 31 - 1, emit: (name, payload) => emitted.push({ name, payload }), ...options });
  return { svc, emitted };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function failure<T>(result: Result<T>): { code: string; message: string } {
  expect(result.ok, 'expected an error result').toBe(false);
  return (result as { ok: false; error: { code: string; message: string } }).error;
}

/** A fresh case with one source and one actor, open in a fresh service. */
/**
 * What a crash leaves on disk: the store's files closed and its lock gone (the process died),
 * with no fold. A second CaseService in this process may then open the case, as a restarted app would.
 */
async function crash(svc: CaseService): Promise<void> {
  await svc['store']?.close();
}

async function openCase(options: Partial<CaseServiceOptions> = {}) {
  const path = join(tempDir('service'), 'case.cfcase');
  const doc = newCase('Service case');
  doc.sources.push(plainSource('source--wire', 'Wire report'));
  doc.actors.push(plainActor('actor--iskp', 'Islamic State Khorasan Province'));
  const { svc, emitted } = service(options);
  const opened = value(await svc.create(path, PASSPHRASE, doc));
  return { svc, emitted, path, opened };
}

const claimBy = (actorId: string): Partial<Event> => ({
  responsibility: [{ id: 'claim--1', actorId, kind: 'claimed', confidence: 'high', citations: [{ sourceId: 'source--wire', credibility: 2 }] }],
});
const journalSize = (path: string) => statSync(journalPathOf(path)).size;
const titleOf = (svc: CaseService, id: string) => value(svc.list('events')).find((e) => e.id === id)?.title;

describe('CaseService editing', () => {
  it('names a relationship in its toast by its human label and its actors, not the raw type "media-arm-of"', async () => {
    const { svc } = await openCase();
    value(await svc.put({ collection: 'actors', record: plainActor('actor--amaq', 'Amaq') }));
    const relationship = { id: 'relationship--1', type: 'media-arm-of' as const, sourceActorId: 'actor--amaq', targetActorId: 'actor--iskp', confidence: 'high' as const, citations: [], marking: 'TLP:CLEAR' as const };
    expect(value(await svc.put({ collection: 'relationships', record: relationship })).summary).toBe('Added relationship “Amaq — media arm of → Islamic State Khorasan Province”');
    expect(value(await svc.remove('relationships', 'relationship--1')).summary).toBe('Deleted relationship “Amaq — media arm of → Islamic State Khorasan Province”');
    await svc.close();
  });

  it('put adds then edits, remove deletes; each is one numbered, summarised, journaled edit', async () => {
    const { svc, path, opened } = await openCase();
    expect(opened.counts).toMatchObject({ events: 0, actors: 1, sources: 1 });
    expect(opened.undo).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });

    expect(value(await svc.put({ collection: 'events', record: plainEvent('event--a', 'Kabul airport bombing', claimBy('actor--iskp')) }))).toEqual({ seq: 1, summary: 'Added event “Kabul airport bombing”' });
    expect(value(await svc.put({ collection: 'events', record: plainEvent('event--a', 'Kabul airport Abbey Gate bombing', claimBy('actor--iskp')) }))).toEqual({
      seq: 2,
      summary: 'Edited event “Kabul airport Abbey Gate bombing”',
    });
    expect(value(await svc.put({ collection: 'events', record: plainEvent('event--b', 'Second') }))).toMatchObject({ seq: 3 });
    expect(value(await svc.remove('events', 'event--b'))).toEqual({ seq: 4, summary: 'Deleted event “Second”' });
    expect(value(svc.list('events')).map((e) => e.title)).toEqual(['Kabul airport Abbey Gate bombing']);
    expect(value(svc.history(10)).map((h) => [h.seq, h.by, h.kind])).toEqual([
      [4, 'analyst@example', 'edit'],
      [3, 'analyst@example', 'edit'],
      [2, 'analyst@example', 'edit'],
      [1, 'analyst@example', 'edit'],
    ]);
    expect(svc.summary()?.autosave.journalEdits).toBe(4);
    expect(journalSize(path)).toBeGreaterThan(journalPrefix(opened.id).length);
    await svc.close();
  });

  it('a dangling reference is refused with VALIDATION and nothing is persisted', async () => {
    const { svc, path } = await openCase();
    await svc.put({ collection: 'events', record: plainEvent('event--ok', 'fine') });
    const size = journalSize(path);
    const historyBefore = value(svc.history(100)).length;

    const error = failure(await svc.put({ collection: 'events', record: plainEvent('event--bad', 'Points at a ghost', claimBy('actor--ghost')) }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('missing actor (actor--ghost, in responsibility[0].actorId)');
    expect(error.message).toMatch(/nothing was saved/);
    const badSource = failure(await svc.put({ collection: 'events', record: plainEvent('event--bad2', 'Cites nothing real', { citations: [{ sourceId: 'source--gone', credibility: 3 }] }) }));
    expect(badSource.code).toBe('VALIDATION');

    expect(journalSize(path)).toBe(size);
    expect(value(svc.history(100))).toHaveLength(historyBefore);
    expect(value(svc.list('events')).map((e) => e.id)).toEqual(['event--ok']);
    // The next valid edit takes the next seq: the refused ones used none.
    expect(value(await svc.put({ collection: 'events', record: plainEvent('event--ok2', 'fine too') })).seq).toBe(2);
    await svc.close();
  });

  it('deleting a referenced actor is refused with CONFLICT; a missing record with NOT_FOUND', async () => {
    const { svc, path } = await openCase();
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'Claimed attack', claimBy('actor--iskp')) });
    const size = journalSize(path);
    const error = failure(await svc.remove('actors', 'actor--iskp'));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/still referred to by 1 record\(s\) \(first: event--a\)/);
    expect(error.message).toMatch(/nothing was deleted/);
    const sourceError = failure(await svc.remove('sources', 'source--wire'));
    expect(sourceError.code).toBe('CONFLICT');
    expect(journalSize(path)).toBe(size);
    expect(value(svc.list('actors'))).toHaveLength(1);

    expect(failure(await svc.remove('events', 'event--never')).code).toBe('NOT_FOUND');
    // Once nothing refers to it, the delete goes through.
    await svc.remove('events', 'event--a');
    expect(value(await svc.remove('actors', 'actor--iskp')).summary).toBe('Deleted actor “Islamic State Khorasan Province”');
    await svc.close();
  });

  it('a batch whose delete would leave records the batch does not touch pointing at nothing is refused whole', async () => {
    const { svc, path } = await openCase();
    value(await svc.put({ collection: 'actors', record: plainActor('actor--other', 'Other') }));
    value(await svc.put({ collection: 'events', record: plainEvent('event--a', 'Claimed attack', claimBy('actor--iskp')) }));
    value(await svc.put({ collection: 'events', record: plainEvent('event--b', 'Cited', { citations: [{ sourceId: 'source--wire', credibility: 3 }] }) }));
    const size = journalSize(path);
    const actor = value(svc.list('actors')).find((a) => a.id === 'actor--iskp')!;
    const error = failure(await svc.commitBatch('merge', () => ({ summary: 'merge', changes: [{ op: 'delete', collection: 'actors', id: actor.id, before: actor }] })));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/event event--a still points at the deleted actor \(actor--iskp, in responsibility\[0\]\.actorId\); nothing was saved/);
    const source = value(svc.list('sources'))[0]!;
    expect(failure(await svc.commitBatch('import', () => ({ summary: 'import', changes: [{ op: 'delete', collection: 'sources', id: source.id, before: source }] }))).code).toBe('VALIDATION');
    expect(journalSize(path)).toBe(size);
    expect(value(svc.list('actors'))).toHaveLength(2);
    // The same delete together with the change that re-points the referrer goes through.
    const event = value(svc.list('events')).find((e) => e.id === 'event--a')!;
    const repointed = { ...event, responsibility: [{ ...event.responsibility[0]!, actorId: 'actor--other' }] };
    value(await svc.commitBatch('merge', () => ({ summary: 'merge', changes: [{ op: 'put', collection: 'events', id: event.id, before: event, after: repointed }, { op: 'delete', collection: 'actors', id: actor.id, before: actor }] })));
    expect(value(svc.list('actors')).map((a) => a.id)).toEqual(['actor--other']);
    await svc.close();
  });

  it('announces each change and each autosave state', async () => {
    const { svc, emitted } = await openCase();
    emitted.length = 0;
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'A') });
    const changed = emitted.find((e) => e.name === 'case:changed');
    expect(changed?.payload).toMatchObject({ seq: 1, counts: { events: 1, actors: 1 }, undo: { canUndo: true, undoLabel: 'Added event “A”' } });
    expect(emitted.filter((e) => e.name === 'case:autosave').at(-1)?.payload).toMatchObject({ state: 'saved', journalEdits: 1 });
    await svc.close();
  });

  it('without an open case every operation says so', async () => {
    const { svc } = service();
    expect(failure(svc.list('events')).code).toBe('NO_CASE_OPEN');
    expect(failure(await svc.put({ collection: 'events', record: plainEvent('event--a', 'A') })).code).toBe('NO_CASE_OPEN');
    expect(failure(await svc.undo()).code).toBe('NO_CASE_OPEN');
    expect(failure(await svc.fold()).code).toBe('NO_CASE_OPEN');
    expect(svc.summary()).toBeNull();
    expect(value(await svc.close())).toEqual({});
  });

  it('open errors come back as results with the store code', async () => {
    const { svc, path } = await openCase();
    await svc.close();
    expect(failure(await svc.open(path, { passphrase: 'not it' })).code).toBe('WRONG_PASSPHRASE');
    expect(failure(await svc.open(`${path}.nope`, { passphrase: PASSPHRASE })).code).toBe('NOT_FOUND');
    expect(svc.isOpen).toBe(false);
  });
});

describe('CaseService undo and redo', () => {
  it('undo and redo walk the history, with labels', async () => {
    const { svc } = await openCase();
    expect(failure(await svc.undo())).toEqual({ code: 'CONFLICT', message: 'Nothing to undo.' });
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'First title') });
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'Second title') });
    expect(svc.summary()?.undo).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Edited event “Second title”', redoLabel: null });

    expect(value(await svc.undo())).toEqual({ seq: 3, summary: 'Undo: Edited event “Second title”' });
    expect(titleOf(svc, 'event--a')).toBe('First title');
    expect(svc.summary()?.undo).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Added event “First title”', redoLabel: 'Edited event “Second title”' });

    expect(value(await svc.undo()).summary).toBe('Undo: Added event “First title”');
    expect(value(svc.list('events'))).toEqual([]);
    expect(failure(await svc.undo()).message).toBe('Nothing to undo.');

    expect(value(await svc.redo()).summary).toBe('Redo: Added event “First title”');
    expect(titleOf(svc, 'event--a')).toBe('First title');
    expect(value(await svc.redo()).summary).toBe('Redo: Edited event “Second title”');
    expect(titleOf(svc, 'event--a')).toBe('Second title');
    expect(failure(await svc.redo())).toEqual({ code: 'CONFLICT', message: 'Nothing to redo.' });

    // A new edit after an undo clears redo.
    await svc.undo();
    await svc.put({ collection: 'events', record: plainEvent('event--b', 'Other') });
    expect(svc.summary()?.undo.canRedo).toBe(false);
    const history = value(svc.history(100));
    // The first undo of "Edited …" (seq 3) undid entry 2; the latest one undid its redo (seq 6).
    expect(history.filter((h) => h.summary === 'Undo: Edited event “Second title”').map((h) => h.undoes)).toEqual([6, 2]);
    await svc.close();
  });

  it('labels do not stack up over repeated undo and redo', async () => {
    const { svc } = await openCase();
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'First title') });
    for (let i = 0; i < 3; i++) {
      expect(value(await svc.undo()).summary).toBe('Undo: Added event “First title”');
      expect(svc.summary()?.undo).toMatchObject({ undoLabel: null, redoLabel: 'Added event “First title”' });
      expect(value(await svc.redo()).summary).toBe('Redo: Added event “First title”');
      expect(svc.summary()?.undo).toMatchObject({ undoLabel: 'Added event “First title”', redoLabel: null });
    }
    await svc.close();
  });

  it('undo/redo state survives a restart, folded or replayed from the journal', async () => {
    const { svc, path } = await openCase();
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'v1') });
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'v2') });
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'v3') });
    await svc.undo(); // back to v2; redo would bring v3
    await svc.close(); // folds

    const second = service().svc;
    const reopened = value(await second.open(path, { passphrase: PASSPHRASE }));
    expect(reopened.undo).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Edited event “v2”', redoLabel: 'Edited event “v3”' });
    expect(titleOf(second, 'event--a')).toBe('v2');
    await second.undo(); // back to v1, recorded in the journal only
    // A restart without a clean close: the next process replays the journal.
    await crash(second);
    const third = service().svc;
    const replayed = value(await third.open(path, { passphrase: PASSPHRASE }));
    expect(replayed.autosave.journalEdits).toBe(1);
    expect(replayed.undo).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Added event “v1”', redoLabel: 'Edited event “v2”' });
    expect(titleOf(third, 'event--a')).toBe('v1');
    await third.redo();
    await third.redo();
    expect(titleOf(third, 'event--a')).toBe('v3');
    await third.close();
  });
});

describe('CaseService autosave', () => {
  it('folds the journal into the snapshot after an idle spell', async () => {
    const { svc, path, emitted } = await openCase({ foldAfterIdleMs: 40 });
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'A') });
    await svc.put({ collection: 'events', record: plainEvent('event--b', 'B') });
    expect(layoutOf(readFileSync(path), path).header.journalSeq).toBe(0);
    const deadline = Date.now() + 5_000;
    while (svc.summary()?.autosave.lastFoldAt === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    expect(layoutOf(readFileSync(path), path).header.journalSeq).toBe(2);
    expect(journalSize(path)).toBe(journalPrefix(svc.summary()!.id).length);
    expect(svc.summary()?.autosave).toMatchObject({ state: 'saved', journalEdits: 0 });
    const states = emitted.filter((e) => e.name === 'case:autosave').map((e) => (e.payload as { state: string }).state);
    expect(states.slice(-2)).toEqual(['folding', 'saved']);
    await svc.close();
  });

  it('the idle timer restarts with each edit (no fold while the analyst is typing)', async () => {
    const { svc, path } = await openCase({ foldAfterIdleMs: 1_000 });
    for (let i = 0; i < 5; i++) {
      await svc.put({ collection: 'events', record: plainEvent('event--a', `A${i}`) });
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(layoutOf(readFileSync(path), path).header.journalSeq).toBe(0);
    await svc.close();
    expect(layoutOf(readFileSync(path), path).header.journalSeq).toBe(5);
  });

  it('folds at once when the journal passes its size threshold', async () => {
    const { svc, path } = await openCase({ foldJournalBytes: 1 });
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'A') });
    const deadline = Date.now() + 5_000;
    while (layoutOf(readFileSync(path), path).header.journalSeq !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(layoutOf(readFileSync(path), path).header.journalSeq).toBe(1);
    await svc.close();
  });

  it('a fold that fails (disk full) reports an error state; edits stay safe in the journal', async () => {
    const fs = new FaultyFileSystem();
    const { svc, path } = await openCase({ fs });
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'kept') });
    fs.inject({ op: 'createExclusive', code: 'ENOSPC' });
    const folded = failure(await svc.fold());
    expect(folded.code).toBe('DISK_FULL');
    expect(svc.summary()?.autosave).toMatchObject({ state: 'error' });
    expect(svc.summary()?.autosave.message).toMatch(/disk is full/);
    const closed = failure(await svc.close());
    expect(closed.code).toBe('DISK_FULL');
    expect(closed.message).toMatch(/Your edits are kept in the journal/);
    expect(svc.isOpen).toBe(false);

    const again = service().svc;
    value(await again.open(path, { passphrase: PASSPHRASE }));
    expect(titleOf(again, 'event--a')).toBe('kept');
    await again.close();
  });
});

describe('CaseService notices', () => {
  it('says when a case was upgraded from an older version', async () => {
    const path = join(tempDir('service-v1'), 'v1.cfcase');
    copyFileSync(V1_FILE, path);
    const { svc } = service();
    const opened = value(await svc.open(path, { passphrase: V1_PASSPHRASE }));
    expect(opened.notices).toHaveLength(1);
    expect(opened.notices[0]).toMatch(/older version \(schema 1\)/);
    await svc.close();
  });

  it('says when an unfinished edit was set aside', async () => {
    const { svc, path } = await openCase();
    await svc.put({ collection: 'events', record: plainEvent('event--a', 'A') });
    await svc.put({ collection: 'events', record: plainEvent('event--b', 'B') });
    const second = service().svc;
    // Simulate the crash: the app stopped mid-append (no close, no fold).
    await crash(svc);
    const journal = readFileSync(journalPathOf(path));
    writeFileSync(journalPathOf(path), journal.subarray(0, journal.length - 10));
    const opened = value(await second.open(path, { passphrase: PASSPHRASE }));
    expect(opened.notices.join(' ')).toMatch(/had not finished/);
    expect(opened.counts.events).toBe(1);
    await second.close();
  });
});
