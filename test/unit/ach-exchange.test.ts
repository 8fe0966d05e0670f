import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AchService } from '../../src/main/services/ach-service';
import { mergeRatings } from '../../src/shared/ach/merge-ratings';
import type { AchRow } from '../../src/shared/domain/ach';
import { selectForExport } from '../../src/shared/exchange';
import { EXAMPLE, exampleCase } from '../helpers/ach';
import { ok, team, type Team } from '../helpers/exchange';
import { removeTempDirs } from '../helpers/store';

afterAll(removeTempDirs);

const [H1, H2, H3] = EXAMPLE.h;
const [E1, E2] = EXAMPLE.rows;

/** The example case with E2 and its source marked AMBER. */
function markedCase() {
  const doc = exampleCase();
  doc.matrixRows[1] = { ...doc.matrixRows[1]!, marking: 'TLP:AMBER' };
  doc.sources = doc.sources.map((s) => (s.id === 'source--b' ? { ...s, marking: 'TLP:AMBER' } : s));
  doc.events = doc.events.map((e) => (e.id === 'event--e3' ? { ...e, marking: 'TLP:AMBER' } : e));
  doc.matrixRows[0] = { ...doc.matrixRows[0]!, cites: [...doc.matrixRows[0]!.cites, { collection: 'sources', id: 'source--b', credibility: 2 }] };
  doc.matrixRows[2] = { ...doc.matrixRows[2]!, cites: [...doc.matrixRows[2]!.cites, { collection: 'sources', id: 'source--d', credibility: 3 }] };
  return doc;
}

describe('ACH matrices in a .casefile: the marking cut', () => {
  it('rows above the cap stay behind, cites of withheld records are cut, and no row carries its basis', () => {
    const doc = markedCase();
    const { records, leftOut } = selectForExport(doc, 'TLP:GREEN');
    expect(records.matrices.map((m) => m.id)).toEqual([EXAMPLE.matrixId]);
    expect(records.matrixRows.map((r) => r.id)).toEqual([E1, EXAMPLE.rows[2], EXAMPLE.rows[3]]);
    expect(records.matrixRows.every((r) => r.basis === undefined)).toBe(true);
    // E1 cited the AMBER source: that cite stays behind; E3's event is AMBER: only its CLEAR source leaves.
    expect(records.matrixRows[0]?.cites).toEqual([{ collection: 'events', id: 'event--e1' }]);
    expect(records.matrixRows[1]?.cites).toEqual([{ collection: 'sources', id: 'source--d', credibility: 3 }]);
    expect(leftOut.filter((l) => l.collection === 'matrixRows').map((l) => [l.id, l.reason])).toEqual([
      [E1, 'leaves without 1 cite(s) of withheld records'],
      [E2, 'marked TLP:AMBER, above TLP:GREEN'],
      [EXAMPLE.rows[2], 'leaves without 1 cite(s) of withheld records'],
    ]);
    // Nothing of a withheld record's content or digest is in what leaves.
    const text = JSON.stringify(records.matrixRows);
    expect(text).not.toContain('source--b');
    expect(text).not.toContain('event--e3');
  });

  it('a matrix above the cap takes its rows with it', () => {
    const doc = exampleCase();
    doc.matrices[0] = { ...doc.matrices[0]!, marking: 'TLP:AMBER' };
    const { records, leftOut } = selectForExport(doc, 'TLP:GREEN');
    expect(records.matrices).toEqual([]);
    expect(records.matrixRows).toEqual([]);
    expect(leftOut.filter((l) => l.collection === 'matrixRows')).toHaveLength(4);
  });
});

describe('merging ACH ratings cell by cell', () => {
  const cell = (value: 'C' | 'I' | 'II' | 'N', by: string) => ({ value, by });

  it('takes the side that changed a cell; keeps both, visibly, where both rated it differently', () => {
    const base = { [H1]: cell('C', 'alice'), [H2]: cell('N', 'alice') };
    const ours = { [H1]: cell('I', 'alice'), [H2]: cell('N', 'alice') };
    const theirs = { [H1]: cell('II', 'bob'), [H2]: cell('C', 'bob'), [H3]: cell('I', 'bob') };
    expect(mergeRatings(ours, theirs, base).ratings).toEqual({ [H1]: { value: 'I', by: 'alice', others: [{ value: 'II', by: 'bob' }] }, [H2]: cell('C', 'bob'), [H3]: cell('I', 'bob') });
  });

  it('without a common version, a cell only one side rated is taken, one both rated the same is not a disagreement', () => {
    expect(mergeRatings({ [H1]: cell('C', 'alice') }, { [H1]: cell('C', 'bob'), [H2]: cell('I', 'bob') }, undefined).ratings).toEqual({ [H1]: cell('C', 'alice'), [H2]: cell('I', 'bob') });
  });

  it('a resolution on one side carries over when the other side left the disagreement as it was', () => {
    const disputed = { [H1]: { value: 'I' as const, by: 'alice', others: [{ value: 'II' as const, by: 'bob' }] } };
    expect(mergeRatings(disputed, { [H1]: cell('II', 'bob') }, disputed).ratings).toEqual({ [H1]: cell('II', 'bob') });
  });
});

async function send(from: Team, to: Team) {
  const key = (await to.exchange.publicKey()).ageRecipient;
  const out = join(mkdtempSync(join(tmpdir(), 'cf-ach-send-')), 'sent.casefile');
  await from.exchange.exportCasefile({ out, maxMarking: 'TLP:RED', recipients: [key] });
  return to.exchange.open(out);
}

describe('two analysts rate one matrix and exchange it', () => {
  it('every rating arrives; the cell both rated differently shows both; the team resolves or keeps it', async () => {
    const alice = await team('alice-ach', exampleCase());
    const bob = await team('bob-ach');
    const first = await send(alice, bob);
    expect((await bob.exchange.merge(first.opened, first.plan, {})).seq).not.toBeNull();
    const bobAch = new AchService(bob.cases);
    const aliceAch = new AchService(alice.cases);
    // Rows that arrive are reviewed against Bob's case: none is flagged.
    expect(bobAch.view(EXAMPLE.matrixId).rows.flatMap((r) => r.status.flags)).toEqual([]);

    ok(await bobAch.setCell(E1, H1, { value: 'CC', note: 'Bob reads it as strong support' }));
    ok(await bobAch.setCell(E2, H3, { value: 'II' }));
    ok(await aliceAch.setCell(E1, H1, { value: 'I' }));

    const back = await send(bob, alice);
    expect(back.plan.conflicts).toEqual([]);
    expect(back.plan.changed.map((c) => [c.id, c.fields])).toEqual([
      [E1, ['ratings']],
      [E2, ['ratings']],
    ]);
    const outcome = await alice.exchange.merge(back.opened, back.plan, {});
    expect(outcome.seq).not.toBeNull();
    const rows = () => Object.fromEntries(aliceAch.view(EXAMPLE.matrixId).rows.map((r) => [r.row.id, r.row] as const)) as Record<string, AchRow>;
    expect(rows()[E1]?.ratings[H1]).toEqual({ value: 'I', by: 'alice-ach', others: [{ value: 'CC', by: 'bob-ach', note: 'Bob reads it as strong support' }] });
    expect(rows()[E2]?.ratings[H3]).toEqual({ value: 'II', by: 'bob-ach' });
    // Rows whose records did not change are not flagged by the merge.
    expect(aliceAch.view(EXAMPLE.matrixId).rows.flatMap((r) => r.status.flags)).toEqual([]);

    ok(await aliceAch.resolveCell(E1, H1, { keep: true }));
    expect(rows()[E1]?.ratings[H1]?.kept).toBe(true);
    ok(await aliceAch.resolveCell(E1, H1, { pick: 0 }));
    expect(rows()[E1]?.ratings[H1]).toEqual({ value: 'CC', by: 'bob-ach', note: 'Bob reads it as strong support' });
    expect(alice.cases.document!.history.at(-1)?.summary).toBe('Resolved “E1” against H1: CC (by bob-ach)');

    // Alice's resolution goes back to Bob as a plain change of his row.
    const again = await send(alice, bob);
    expect(again.plan.conflicts).toEqual([]);
    await bob.exchange.merge(again.opened, again.plan, {});
    expect(bobAch.view(EXAMPLE.matrixId).rows[0]?.row.ratings[H1]).toEqual({ value: 'CC', by: 'bob-ach', note: 'Bob reads it as strong support' });
    await alice.cases.close();
    await bob.cases.close();
  });
});
