import { afterAll, describe, expect, it } from 'vitest';
import { AchService } from '../../src/main/services/ach-service';
import { mergeHypotheses } from '../../src/shared/ach/merge-hypotheses';
import { MAX_OTHERS } from '../../src/shared/ach/merge-ratings';
import { AchCell, AchRow, type AchMatrix } from '../../src/shared/domain/ach';
import type { Change } from '../../src/shared/domain/audit';
import { EXAMPLE, exampleCase } from '../helpers/ach';
import { exportFile, ok, team, type Team } from '../helpers/exchange';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

/**
 * Regressions of the hostile review of ACH merging (issue #17): what a partner's matrix does to
 * ours when it merges. Each test is a user-level round: Alice and Bob exchange .casefile files.
 */
afterAll(removeTempDirs);

const [H1, H2, H3] = EXAMPLE.h;
const [E1] = EXAMPLE.rows;

let sent = 0;
async function send(from: Team, to: Team) {
  const key = (await to.exchange.publicKey()).ageRecipient;
  const file = await exportFile(from.exchange, { maxMarking: 'TLP:RED', recipients: [key] });
  const out = join(tempDir('ach-merge'), `sent-${++sent}.casefile`);
  writeFileSync(out, file.bytes);
  return to.exchange.open(out);
}

/** Alice holds the worked example; Bob has merged her file, so both share every record's version. */
async function pair(name: string): Promise<{ alice: Team; bob: Team; a: AchService; b: AchService }> {
  const alice = await team(`alice-${name}`, exampleCase());
  const bob = await team(`bob-${name}`);
  const first = await send(alice, bob);
  await bob.exchange.merge(first.opened, first.plan, {});
  return { alice, bob, a: new AchService(alice.cases), b: new AchService(bob.cases) };
}

async function close(...teams: Team[]) {
  for (const t of teams) await t.cases.close();
}

const row = (t: Team, id = E1) => t.cases.records!.get('matrixRows', id) as AchRow;
const matrix = (t: Team) => t.cases.records!.get('matrices', EXAMPLE.matrixId) as AchMatrix;
const cell = (t: Team, h: string): AchCell | undefined => row(t).ratings[h];

/** A write no honest edit makes (a modified client, or many rounds); the records stay schema-valid. */
async function rawPut(t: Team, collection: 'matrixRows' | 'matrices', after: AchRow | AchMatrix) {
  const before = t.cases.records!.get(collection, after.id) ?? null;
  return ok(await t.cases.commitBatch('edit', () => ({ summary: 'raw', changes: [{ op: 'put', collection, id: after.id, before, after } as Change] })));
}

/** Every rating a matrix's rows hold is for a hypothesis the matrix shows. */
function invisibleRatings(t: Team): string[] {
  const shown = new Set(matrix(t).hypotheses.map((h) => h.id));
  return t.cases.document!.matrixRows.filter((r) => r.matrixId === EXAMPLE.matrixId).flatMap((r) => Object.keys(r.ratings).filter((h) => !shown.has(h)).map((h) => `${r.id}/${h}`));
}

describe('ACH merge: a row never moves between matrices', () => {
  it("a partner's file that puts our row in another matrix leaves it in ours, and the plan says so", async () => {
    const { alice, bob, b } = await pair('move');
    ok(await b.putMatrix({ id: 'matrix--bob', title: 'Bob question', hypotheses: [{ id: 'hypothesis--x', statement: 'X' }], marking: 'TLP:CLEAR' }));
    await rawPut(bob, 'matrixRows', { ...row(bob), matrixId: 'matrix--bob', title: 'E1 (moved by Bob)' });
    const back = await send(bob, alice);
    await alice.exchange.merge(back.opened, back.plan, {});
    expect(row(alice).matrixId).toBe(EXAMPLE.matrixId);
    expect(back.plan.notes.some((n) => n.id === E1 && /another matrix/.test(n.note))).toBe(true);
    // The rest of Bob's edit of the row still arrives.
    expect(row(alice).title).toBe('E1 (moved by Bob)');
    expect(new AchService(alice.cases).view(EXAMPLE.matrixId).rows).toHaveLength(4);
    await close(alice, bob);
  });
});

describe('ACH merge: both analysts changed the hypotheses', () => {
  async function bothAdd(name: string, aliceEdit: (m: AchMatrix) => AchMatrix) {
    const t = await pair(name);
    ok(await t.a.putMatrix(aliceEdit(matrix(t.alice))));
    ok(await t.b.putMatrix({ ...matrix(t.bob), hypotheses: [...matrix(t.bob).hypotheses, { id: 'hypothesis--bob', statement: 'Bob: a fourth explanation' }] }));
    ok(await t.b.setCell(E1, 'hypothesis--bob', { value: 'CC', note: 'bob rates his H' }));
    if (matrix(t.alice).hypotheses.some((h) => h.id === 'hypothesis--alice')) ok(await t.a.setCell(E1, 'hypothesis--alice', { value: 'II', note: 'alice rates her H' }));
    const back = await send(t.bob, t.alice);
    return { ...t, back };
  }
  const addAlice = (m: AchMatrix): AchMatrix => ({ ...m, hypotheses: [...m.hypotheses, { id: 'hypothesis--alice', statement: 'Alice: another explanation' }] });

  it('each adds one: both columns arrive without a choice to make, each once, with every rating', async () => {
    const { alice, bob, back } = await bothAdd('add', addAlice);
    expect(back.plan.conflicts).toEqual([]);
    await alice.exchange.merge(back.opened, back.plan, {});
    expect(matrix(alice).hypotheses.map((h) => h.id)).toEqual([H1, H2, H3, 'hypothesis--alice', 'hypothesis--bob']);
    expect(cell(alice, 'hypothesis--bob')).toMatchObject({ value: 'CC', note: 'bob rates his H' });
    expect(cell(alice, 'hypothesis--alice')).toMatchObject({ value: 'II', note: 'alice rates her H' });
    expect(invisibleRatings(alice)).toEqual([]);
    await close(alice, bob);
  });

  it('one rewords H1, the other adds one: H1 once, reworded; the new column and its ratings arrive', async () => {
    const reword = (m: AchMatrix): AchMatrix => ({ ...m, hypotheses: m.hypotheses.map((h) => (h.id === H1 ? { ...h, statement: 'H1 reworded by Alice' } : h)) });
    const { alice, bob, back } = await bothAdd('reword', reword);
    // Whatever the analyst picks for any choice offered, no column is doubled.
    await alice.exchange.merge(back.opened, back.plan, Object.fromEntries(back.plan.conflicts.map((c) => [c.key, c.options.includes('both') ? 'both' : 'theirs'])));
    expect(matrix(alice).hypotheses.map((h) => [h.id, h.statement])).toEqual([
      [H1, 'H1 reworded by Alice'],
      [H2, 'Hypothesis 2'],
      [H3, 'Hypothesis 3'],
      ['hypothesis--bob', 'Bob: a fourth explanation'],
    ]);
    expect(invisibleRatings(alice)).toEqual([]);
    await close(alice, bob);
  });

  it('both reword H1 differently: one choice of wording, H1 stays one column either way', async () => {
    for (const choice of ['ours', 'theirs'] as const) {
      const t = await pair(`wording-${choice}`);
      ok(await t.a.putMatrix({ ...matrix(t.alice), hypotheses: matrix(t.alice).hypotheses.map((h) => (h.id === H1 ? { ...h, statement: 'Alice wording' } : h)) }));
      ok(await t.b.putMatrix({ ...matrix(t.bob), hypotheses: matrix(t.bob).hypotheses.map((h) => (h.id === H1 ? { ...h, statement: 'Bob wording' } : h)) }));
      const back = await send(t.bob, t.alice);
      expect(back.plan.conflicts.map((c) => [c.key, c.options])).toEqual([[`matrices/${EXAMPLE.matrixId}/hypotheses`, ['ours', 'theirs']]]);
      await t.alice.exchange.merge(back.opened, back.plan, { [`matrices/${EXAMPLE.matrixId}/hypotheses`]: choice });
      expect(matrix(t.alice).hypotheses.map((h) => [h.id, h.statement])).toEqual([
        [H1, choice === 'ours' ? 'Alice wording' : 'Bob wording'],
        [H2, 'Hypothesis 2'],
        [H3, 'Hypothesis 3'],
      ]);
      await close(t.alice, t.bob);
    }
  });

  it('we removed H3 while the partner rated it: H3 comes back with the rating, and the plan says so', async () => {
    const { alice, bob, a, b } = await pair('removed');
    ok(await b.setCell(E1, H3, { value: 'CC', note: 'bob thinks H3 fits' }));
    ok(await a.putMatrix({ ...matrix(alice), hypotheses: matrix(alice).hypotheses.filter((h) => h.id !== H3) }));
    const back = await send(bob, alice);
    await alice.exchange.merge(back.opened, back.plan, {});
    expect(matrix(alice).hypotheses.map((h) => h.id)).toEqual([H1, H2, H3]);
    expect(cell(alice, H3)).toMatchObject({ value: 'CC', note: 'bob thinks H3 fits' });
    expect(back.plan.notes.some((n) => n.id === EXAMPLE.matrixId && /Hypothesis 3/.test(n.note))).toBe(true);
    expect(invisibleRatings(alice)).toEqual([]);
    await close(alice, bob);
  });

  it('we removed H3 and the partner did not touch it: it stays removed', async () => {
    const { alice, bob, a, b } = await pair('removed-quiet');
    ok(await b.setCell(E1, H1, { value: 'N' }));
    ok(await a.putMatrix({ ...matrix(alice), hypotheses: matrix(alice).hypotheses.filter((h) => h.id !== H3) }));
    const back = await send(bob, alice);
    await alice.exchange.merge(back.opened, back.plan, {});
    expect(matrix(alice).hypotheses.map((h) => h.id)).toEqual([H1, H2]);
    expect(invisibleRatings(alice)).toEqual([]);
    await close(alice, bob);
  });
});

describe('ACH merge: ratings cell by cell', () => {
  it("the same rating with different notes keeps the partner's note too", async () => {
    const { alice, bob, a, b } = await pair('notes');
    ok(await b.setCell(E1, H2, { value: 'CC', note: 'Bob: FSB statement contradicts the timeline' }));
    ok(await a.setCell(E1, H2, { value: 'CC', note: 'Alice: claim video matches ISK-K production' }));
    const back = await send(bob, alice);
    await alice.exchange.merge(back.opened, back.plan, {});
    const merged = cell(alice, H2)!;
    expect(merged.value).toBe('CC');
    expect(merged.others).toBeUndefined();
    expect(merged.note).toContain('Alice: claim video matches ISK-K production');
    expect(merged.note).toContain('Bob: FSB statement contradicts the timeline');
    // Merged again (Bob resends, or it comes back through Bob) the notes are not repeated.
    const again = await send(bob, alice);
    await alice.exchange.merge(again.opened, again.plan, {});
    expect(cell(alice, H2)!.note!.split('Bob: FSB').length).toBe(2);
    await close(alice, bob);
  });

  it('"keep ours" sticks: the same partner file, or their next one with that rating unchanged, does not bring it back', async () => {
    const { alice, bob, a, b } = await pair('keep');
    ok(await b.setCell(E1, H1, { value: 'CC' }));
    ok(await a.setCell(E1, H1, { value: 'I' }));
    const back = await send(bob, alice);
    await alice.exchange.merge(back.opened, back.plan, {});
    expect(cell(alice, H1)?.others?.map((o) => o.value)).toEqual(['CC']);
    ok(await a.resolveCell(E1, H1, { pick: -1 }));
    const again = await send(bob, alice);
    await alice.exchange.merge(again.opened, again.plan, {});
    expect(cell(alice, H1)).toEqual({ value: 'I', by: 'alice-keep' });
    // The next round: Bob merges Alice's file, keeps his own rating, edits elsewhere and sends again.
    const round = await send(alice, bob);
    await bob.exchange.merge(round.opened, round.plan, {});
    if (cell(bob, H1)?.others?.length) ok(await b.resolveCell(E1, H1, { pick: -1 }));
    ok(await b.setCell(E1, H2, { value: 'N' }));
    const next = await send(bob, alice);
    await alice.exchange.merge(next.opened, next.plan, {});
    expect(cell(alice, H1)).toEqual({ value: 'I', by: 'alice-keep' });
    expect(cell(alice, H2)?.value).toBe('N');
    // Until Bob changes that rating again: then the disagreement is back, with his new rating only.
    ok(await b.setCell(E1, H1, { value: 'C' }));
    const changed = await send(bob, alice);
    await alice.exchange.merge(changed.opened, changed.plan, {});
    expect(cell(alice, H1)?.others).toEqual([{ value: 'C', by: 'bob-keep' }]);
    await close(alice, bob);
  });

  it('a merge taken back (undo) and merged again brings its ratings again', async () => {
    const { alice, bob, a, b } = await pair('undo');
    ok(await b.setCell(E1, H1, { value: 'CC' }));
    ok(await a.setCell(E1, H1, { value: 'I' }));
    const back = await send(bob, alice);
    await alice.exchange.merge(back.opened, back.plan, {});
    ok(await alice.cases.undo());
    expect(cell(alice, H1)).toEqual({ value: 'I', by: 'alice-undo' });
    const again = await send(bob, alice);
    await alice.exchange.merge(again.opened, again.plan, {});
    expect(cell(alice, H1)?.others).toEqual([{ value: 'CC', by: 'bob-undo' }]);
    await close(alice, bob);
  });

  it('a partner who changes their rating replaces their old one; one who clears it leaves `others`', async () => {
    const { alice, bob, a, b } = await pair('withdraw');
    ok(await b.setCell(E1, H1, { value: 'CC' }));
    ok(await a.setCell(E1, H1, { value: 'I' }));
    let file = await send(bob, alice);
    await alice.exchange.merge(file.opened, file.plan, {});
    ok(await a.resolveCell(E1, H1, { keep: true }));
    ok(await b.setCell(E1, H1, { value: 'II' }));
    file = await send(bob, alice);
    await alice.exchange.merge(file.opened, file.plan, {});
    expect(cell(alice, H1)?.others).toEqual([{ value: 'II', by: 'bob-withdraw' }]);
    ok(await b.setCell(E1, H1, { value: null }));
    file = await send(bob, alice);
    await alice.exchange.merge(file.opened, file.plan, {});
    expect(cell(alice, H1)).toEqual({ value: 'I', by: 'alice-withdraw' });
    await close(alice, bob);
  });

  it('more than 20 differing ratings: the merge is kept, bounded to 20 (the signer own rating first, then the newest forwarded), the plan names what was left out, the case reopens', async () => {
    const { alice, bob, a } = await pair('many');
    const others = Array.from({ length: 20 }, (_, i) => ({ value: (['C', 'N', 'II', 'NA'] as const)[i % 4]!, by: `analyst-${i}`, note: `n${i}` }));
    await rawPut(bob, 'matrixRows', { ...row(bob), title: 'E1 retitled by Bob', ratings: { ...row(bob).ratings, [H1]: { value: 'CC', by: 'bob-many', others } } });
    ok(await a.setCell(E1, H1, { value: 'I' }));
    const back = await send(bob, alice);
    const out = await alice.exchange.merge(back.opened, back.plan, {});
    expect(out.skipped.filter((s) => /not valid/.test(s))).toEqual([]);
    expect(row(alice).title).toBe('E1 retitled by Bob');
    const merged = cell(alice, H1)!;
    expect(merged.value).toBe('I');
    expect(merged.others).toHaveLength(20);
    // Bob's own rating is the newest; the oldest of those he forwarded is the one left out.
    expect(merged.others!.at(-1)).toEqual({ value: 'CC', by: 'bob-many' });
    expect(merged.others!.some((o) => o.by === 'analyst-0')).toBe(false);
    expect(AchRow.safeParse(row(alice)).success).toBe(true);
    expect(back.plan.notes.some((n) => n.id === E1 && /1 rating\(s\) from their file left out \(C by analyst-0\)/.test(n.note))).toBe(true);
    await alice.cases.close();
    ok(await alice.cases.open(alice.path, { passphrase: PASSPHRASE }));
    expect(cell(alice, H1)?.others).toHaveLength(20);
    await close(alice, bob);
  });
});

describe('ACH merge rules, directly', () => {
  const h = (id: string, statement = id) => ({ id: `hypothesis--${id}`, statement });

  it('the bound on kept ratings is the schema bound', () => {
    const others = (n: number) => Array.from({ length: n }, (_, i) => ({ value: 'C' as const, by: `a${i}` }));
    expect(AchCell.safeParse({ value: 'I', others: others(MAX_OTHERS) }).success).toBe(true);
    expect(AchCell.safeParse({ value: 'I', others: others(MAX_OTHERS + 1) }).success).toBe(false);
  });

  it('hypotheses: only they reordered, their order; each side adds one after the column it follows', () => {
    const base = [h('a'), h('b'), h('c')];
    expect(mergeHypotheses(base, [h('c'), h('a'), h('b')], base).value.map((x) => x.id)).toEqual(['hypothesis--c', 'hypothesis--a', 'hypothesis--b']);
    const ours = [h('a'), h('x'), h('b'), h('c')];
    const theirs = [h('a'), h('b'), h('y'), h('c')];
    expect(mergeHypotheses(ours, theirs, base).value.map((x) => x.id)).toEqual(['hypothesis--a', 'hypothesis--x', 'hypothesis--b', 'hypothesis--y', 'hypothesis--c']);
  });

  it('hypotheses: removed on one side and reworded on the other stays; without a common version nothing is dropped', () => {
    const base = [h('a'), h('b')];
    expect(mergeHypotheses([h('a')], [h('a'), h('b', 'b reworded')], base).value).toEqual([h('a'), h('b', 'b reworded')]);
    expect(mergeHypotheses([h('a')], [h('b')], undefined).value).toEqual([h('a'), h('b')]);
  });
});
