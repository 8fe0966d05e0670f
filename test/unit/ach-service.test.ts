import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AchService } from '../../src/main/services/ach-service';
import { listLookup } from '../../src/shared/ach/lookup';
import { basisOf } from '../../src/shared/ach/resolve';
import { CaseService } from '../../src/main/services/case-service';
import { planActorMerge } from '../../src/shared/domain/actor-merge';
import type { AchRow } from '../../src/shared/domain/ach';
import type { Event } from '../../src/shared/domain/event';
import type { Result } from '../../src/shared/ipc/result';
import { EXAMPLE, exampleCase, exampleMatrix, exampleRow } from '../helpers/ach';
import { PASSPHRASE, plainActor, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function open(rows = true): Promise<{ cases: CaseService; ach: AchService; path: string }> {
  const path = join(tempDir('ach'), 'case.cfcase');
  const cases = new CaseService({ user: 'analyst@example', foldAfterIdleMs: 2 ** 31 - 1 });
  const doc = exampleCase({ rows });
  doc.actors = [plainActor('actor--a', 'Group A'), plainActor('actor--b', 'Group B')];
  doc.events[0] = { ...doc.events[0]!, responsibility: [{ id: 'claim--e1-a', actorId: 'actor--a', kind: 'claimed', confidence: 'high', citations: [{ sourceId: 'source--b', credibility: 2 }] }] };
  // The rows were reviewed against the case as it is now.
  doc.matrixRows = doc.matrixRows.map((row) => ({ ...row, basis: basisOf(row, listLookup(doc)) }));
  value(await cases.create(path, PASSPHRASE, doc));
  return { cases, ach: new AchService(cases), path };
}

const flagsOf = (ach: AchService, rowId: string) => ach.view(EXAMPLE.matrixId).rows.find((r) => r.row.id === rowId)?.status.flags ?? [];

describe('ACH edits are journaled, undoable case edits with audit history', () => {
  it('builds a matrix step by step; each step is one history entry and Ctrl+Z takes back one', async () => {
    const { cases, ach, path } = await open(false);
    value(await ach.putMatrix({ ...exampleMatrix(), hypotheses: exampleMatrix().hypotheses.slice(0, 2) }));
    value(await ach.putMatrix(exampleMatrix()));
    value(await ach.putRow(exampleRow(0, { cites: [{ collection: 'events', id: 'event--e1' }], relevance: 'high' })));
    value(await ach.setCell(EXAMPLE.rows[0], EXAMPLE.h[0], { value: 'C' }));
    value(await ach.setCell(EXAMPLE.rows[0], EXAMPLE.h[0], { note: 'fits the pattern' }));
    const summaries = value(cases.history(10)).map((e) => e.summary);
    expect(summaries.slice(0, 5)).toEqual([
      'Noted the rating of “E1” against H1',
      'Rated “E1” against H1: C (consistent)',
      'Added evidence “E1” in “Who is behind the attack?”',
      'Added hypothesis “Hypothesis 3” to “Who is behind the attack?”',
      'Added ACH matrix “Who is behind the attack?”',
    ]);
    const cell = () => ach.view(EXAMPLE.matrixId).rows[0]?.row.ratings[EXAMPLE.h[0]];
    expect(cell()).toEqual({ value: 'C', by: 'analyst@example', note: 'fits the pattern' });
    value(await cases.undo());
    expect(cell()).toEqual({ value: 'C', by: 'analyst@example' });
    value(await cases.undo());
    expect(cell()).toBeUndefined();
    value(await cases.redo());
    // Everything survives closing and opening again (journal replay, then a fold).
    value(await cases.close());
    value(await cases.open(path, { passphrase: PASSPHRASE }));
    expect(cell()).toEqual({ value: 'C', by: 'analyst@example' });
    value(await cases.fold());
    value(await cases.close());
    value(await cases.open(path, { passphrase: PASSPHRASE }));
    expect(cases.document?.matrices).toEqual([exampleMatrix()]);
    expect(cell()).toEqual({ value: 'C', by: 'analyst@example' });
    await cases.close();
  });

  it('removing a hypothesis removes its ratings in the same step; deleting a matrix takes its rows', async () => {
    const { cases, ach } = await open();
    const matrix = exampleMatrix();
    value(await ach.putMatrix({ ...matrix, hypotheses: matrix.hypotheses.filter((h) => h.id !== EXAMPLE.h[2]) }));
    expect(cases.document?.matrixRows.some((r) => r.ratings[EXAMPLE.h[2]])).toBe(false);
    value(await cases.undo());
    // E3 rates H3 as NA, which is a rating too.
    expect(cases.document?.matrixRows.filter((r) => r.ratings[EXAMPLE.h[2]]).length).toBe(4);
    value(await ach.deleteMatrix(EXAMPLE.matrixId));
    expect(cases.document?.matrixRows).toEqual([]);
    expect(value(cases.history(1))[0]?.summary).toBe('Deleted ACH matrix “Who is behind the attack?” (4 rows)');
    value(await cases.undo());
    expect(cases.document?.matrixRows).toHaveLength(4);
    await cases.close();
  });

  it('refuses a cite of a record the case does not hold, and a note on an unrated cell, saying what to do', async () => {
    const { cases, ach } = await open();
    const bad = await ach.putRow(exampleRow(0, { id: 'row--new', cites: [{ collection: 'events', id: 'event--nowhere' }] }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/not in this case.*nothing was saved/) } });
    value(await ach.putRow(exampleRow(0, { id: 'row--blank', position: 9 })));
    expect(await ach.setCell('row--blank', EXAMPLE.h[0], { note: 'x' })).toMatchObject({ ok: false, error: { message: /Rate the cell before/ } });
    await cases.close();
  });
});

describe('ACH rows are alive: a change to what they rest on flags them, and the scores move', () => {
  it('a re-graded source flags every row it stands behind, recomputes the proposal and the weight; review clears it', async () => {
    const { cases, ach } = await open();
    const leadBefore = ach.view(EXAMPLE.matrixId).scores.lead;
    const source = cases.document!.sources.find((s) => s.id === 'source--b')!;
    value(await cases.put({ collection: 'sources', record: { ...source, reliability: 'D' } }));
    expect(flagsOf(ach, EXAMPLE.rows[0])).toEqual(['source “Source B” re-graded B → D', 'proposed credibility High → Low']);
    expect(flagsOf(ach, EXAMPLE.rows[1])).toEqual([]);
    const view = ach.view(EXAMPLE.matrixId);
    expect(view.rows[0]?.status).toMatchObject({ proposed: 'low', weight: 1 });
    // E1 weighs 1 now: H1's inconsistency 1 is no longer alone below H2's (4 → 1): tie broken by consistency.
    expect(view.scores.hypotheses.map((h) => h.inconsistency)).toEqual([1, 1, 4]);
    expect(leadBefore).toBe(EXAMPLE.h[0]);
    expect(view.scores.lead).toBe(EXAMPLE.h[1]);
    value(await ach.review(EXAMPLE.rows[0]));
    expect(flagsOf(ach, EXAMPLE.rows[0])).toEqual([]);
    // Undoing the review flags it again; undoing the re-grade too leaves nothing to flag.
    value(await cases.undo());
    expect(flagsOf(ach, EXAMPLE.rows[0])).toHaveLength(2);
    value(await cases.undo());
    expect(flagsOf(ach, EXAMPLE.rows[0])).toEqual([]);
    expect(ach.view(EXAMPLE.matrixId).scores.lead).toBe(EXAMPLE.h[0]);
    await cases.close();
  });

  it('a deleted event does not block the delete; its rows are flagged with its name', async () => {
    const { cases, ach } = await open();
    value(await cases.remove('events', 'event--e2'));
    expect(flagsOf(ach, EXAMPLE.rows[1])).toEqual(['“Event event--e2” was deleted', 'source “Source C” no longer supports it', 'proposed credibility Medium → none']);
    expect(ach.view(EXAMPLE.matrixId).rows[1]?.status.weight).toBe(2);
    await cases.close();
  });

  it('a withdrawn claim and a merged actor flag the rows that cite them', async () => {
    const { cases, ach } = await open();
    const row: AchRow = exampleRow(0, { id: 'row--claim', cites: [{ collection: 'events', id: 'event--e1', claimId: 'claim--e1-a' }, { collection: 'actors', id: 'actor--b' }], position: 5 });
    value(await ach.putRow(row));
    expect(flagsOf(ach, 'row--claim')).toEqual([]);
    const e1 = cases.document!.events.find((e) => e.id === 'event--e1') as Event;
    value(await cases.put({ collection: 'events', record: { ...e1, responsibility: [] } }));
    const plan = planActorMerge(cases.document!, 'actor--a', 'actor--b');
    value(await cases.commitBatch('merge', () => ({ summary: plan.summary, changes: plan.changes })));
    expect(flagsOf(ach, 'row--claim')).toEqual(['the claim it cites was withdrawn (a claim in “Event event--e1”)', '“Group B” was merged into “Group A”', 'source “Source B” no longer supports it', 'proposed credibility High → none']);
    await cases.close();
  });
});
