import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AchService } from '../../src/main/services/ach-service';
import { AchMatrix as MatrixSchema, type AchCell, type AchMatrix, type AchRow } from '../../src/shared/domain/ach';
import type { Change } from '../../src/shared/domain/audit';
import { EXAMPLE, exampleCase } from '../helpers/ach';
import { exportFile, ok, team, type Team } from '../helpers/exchange';
import { removeTempDirs, tempDir } from '../helpers/store';

/**
 * ACH merges over several rounds between analysts (docs/ach.md, "Several analysts"): a hypothesis
 * one side removed, the matrix's bound on hypotheses, whose rating a file may replace in `others`,
 * and who wrote a joined note. From hostile review 17b; each case failed before its fix.
 */
afterAll(removeTempDirs);

const [H1, H2, H3] = EXAMPLE.h;
const E1 = EXAMPLE.rows[0];

let sent = 0;
async function send(from: Team, to: Team, maxMarking: 'TLP:RED' | 'TLP:GREEN' = 'TLP:RED') {
  const key = (await to.exchange.publicKey()).ageRecipient;
  const file = await exportFile(from.exchange, { maxMarking, recipients: [key] });
  const out = join(tempDir('ach-merge-rounds'), `sent-${++sent}.casefile`);
  writeFileSync(out, file.bytes);
  return to.exchange.open(out);
}

/** Opens and merges a file, taking the first option of every conflict. */
async function deliver(from: Team, to: Team) {
  const { opened, plan } = await send(from, to);
  await to.exchange.merge(opened, plan, Object.fromEntries(plan.conflicts.map((c) => [c.key, c.options[0]!])));
}

async function pair(name: string) {
  const alice = await team(`alice-${name}`, exampleCase());
  const bob = await team(`bob-${name}`);
  const first = await send(alice, bob);
  await bob.exchange.merge(first.opened, first.plan, {});
  return { alice, bob, a: new AchService(alice.cases), b: new AchService(bob.cases) };
}

const matrix = (t: Team) => t.cases.records!.get('matrices', EXAMPLE.matrixId) as AchMatrix;
const row = (t: Team, id: string = E1) => t.cases.records!.get('matrixRows', id) as AchRow;
const h3Column = (t: Team) => EXAMPLE.rows.map((id) => row(t, id).ratings[H3]?.value ?? null);

async function rawPut(t: Team, after: AchRow) {
  const before = t.cases.records!.get('matrixRows', after.id) ?? null;
  return ok(await t.cases.commitBatch('edit', () => ({ summary: 'raw', changes: [{ op: 'put', collection: 'matrixRows', id: after.id, before, after } as Change] })));
}

describe('a hypothesis the partner removed', () => {
  it('Bob, who got the file at GREEN without the AMBER row E4, removes H3: H3 stays whole (all four ratings), the lead does not flip, and the review says it was rated in a row Bob did not receive', async () => {
    const doc = exampleCase();
    doc.matrixRows = doc.matrixRows.map((r) => (r.id === EXAMPLE.rows[3] ? { ...r, marking: 'TLP:AMBER' } : r));
    const alice = await team('amber-alice', doc);
    const bob = await team('amber-bob');
    const first = await send(alice, bob, 'TLP:GREEN');
    await bob.exchange.merge(first.opened, first.plan, {});
    expect(bob.cases.records!.get('matrixRows', EXAMPLE.rows[3])).toBeUndefined();
    const leadBefore = new AchService(alice.cases).view(EXAMPLE.matrixId).scores.lead;
    ok(await new AchService(bob.cases).putMatrix({ ...matrix(bob), hypotheses: matrix(bob).hypotheses.filter((h) => h.id !== H3) }));
    const back = await send(bob, alice, 'TLP:GREEN');
    const notes = back.plan.notes.map((n) => n.note);
    await alice.exchange.merge(back.opened, back.plan, {});
    expect(matrix(alice).hypotheses.map((h) => h.id)).toContain(H3);
    expect(h3Column(alice)).toEqual(['II', 'I', 'NA', 'C']);
    expect(new AchService(alice.cases).view(EXAMPLE.matrixId).scores.lead).toBe(leadBefore);
    expect(notes.some((n) => /Hypothesis 3/.test(n) && /rated in rows the sender did not receive \(“E4”\)/.test(n))).toBe(true);
    // Alice did not rate H3 since she sent the file: no note may claim anyone did.
    expect(notes.filter((n) => /rated on the other since|rated here since/.test(n))).toEqual([]);
    for (const t of [alice, bob]) await t.cases.close();
  });

  it('Alice rated H3 on E1 since she sent the file and Bob removed H3: H3 stays with all her ratings, and the review says she rated it since', async () => {
    const { alice, bob, a, b } = await pair('since');
    ok(await a.setCell(E1, H3, { value: 'N' }));
    ok(await b.putMatrix({ ...matrix(bob), hypotheses: matrix(bob).hypotheses.filter((h) => h.id !== H3) }));
    const back = await send(bob, alice);
    const notes = back.plan.notes.map((n) => n.note);
    await alice.exchange.merge(back.opened, back.plan, {});
    expect(h3Column(alice)).toEqual(['N', 'I', 'NA', 'C']);
    expect(notes.some((n) => /rated here since the copy the sender changed \(“E1”\)/.test(n))).toBe(true);
    expect(notes.filter((n) => /did not receive/.test(n))).toEqual([]);
    for (const t of [alice, bob]) await t.cases.close();
  });

  it('a hypothesis the partner removed that nothing of ours needs goes', async () => {
    const { alice, bob, b } = await pair('gone');
    ok(await b.putMatrix({ ...matrix(bob), hypotheses: matrix(bob).hypotheses.filter((h) => h.id !== H3) }));
    await deliver(bob, alice);
    expect(matrix(alice).hypotheses.map((h) => h.id)).toEqual([H1, H2]);
    expect(h3Column(alice)).toEqual([null, null, null, null]);
    for (const t of [alice, bob]) await t.cases.close();
  });
});

describe('hypotheses added on both sides past the bound of 40', () => {
  it('the review says before the merge which of theirs cannot be added; ours stay, the matrix stays valid, and their ratings of those are reported, not dropped unsaid', async () => {
    const { alice, bob, a, b } = await pair('forty');
    const more = (who: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `hypothesis--${who}${i}`, statement: `${who} ${i}` }));
    ok(await a.putMatrix({ ...matrix(alice), hypotheses: [...matrix(alice).hypotheses, ...more('alice', 37)] }));
    ok(await b.putMatrix({ ...matrix(bob), hypotheses: [...matrix(bob).hypotheses, ...more('bob', 37)] }));
    ok(await b.setCell(E1, 'hypothesis--bob0', { value: 'II', note: 'Bob: the decisive rating' }));
    ok(await b.setCell(E1, H1, { value: 'CC' }));
    const back = await send(bob, alice);
    const matrixNote = back.plan.notes.find((n) => n.id === EXAMPLE.matrixId && /cannot be added/.test(n.note));
    expect(matrixNote?.note).toMatch(/37 of the sender's hypotheses cannot be added.*“bob 0”/);
    expect(back.plan.notes.some((n) => n.id === E1 && /II for “bob 0”/.test(n.note))).toBe(true);
    const outcome = await alice.exchange.merge(back.opened, back.plan, {});
    expect(outcome.skipped.filter((s) => /not valid/.test(s))).toEqual([]);
    expect(outcome.skipped.some((s) => s.includes(E1) && s.includes('hypothesis--bob0'))).toBe(true);
    expect(MatrixSchema.safeParse(matrix(alice)).success).toBe(true);
    expect(matrix(alice).hypotheses.filter((h) => h.id.startsWith('hypothesis--alice'))).toHaveLength(37);
    expect(matrix(alice).hypotheses).toHaveLength(40);
    // The rest of Bob's matrix change still arrives: his rating of a hypothesis that fits.
    expect(row(alice).ratings[H1]?.others?.map((o) => o.value) ?? [row(alice).ratings[H1]?.value]).toContain('CC');
    for (const t of [alice, bob]) await t.cases.close();
  });
});

describe('whose rating a file may replace in `others`', () => {
  it("Bob's file cannot erase Carol's differing rating from Alice's cell by naming himself carol", async () => {
    const { alice, bob } = await pair('impersonate');
    const carolRating = { value: 'II' as const, by: 'carol', note: "Carol's reasoning" };
    await rawPut(alice, { ...row(alice), ratings: { ...row(alice).ratings, [H1]: { ...(row(alice).ratings[H1] as AchCell), others: [carolRating] } } });
    // `by` is free text in the file.
    await rawPut(bob, { ...row(bob), ratings: { ...row(bob).ratings, [H1]: { value: 'N', by: 'carol' } } });
    await deliver(bob, alice);
    expect(row(alice).ratings[H1]?.others).toContainEqual(carolRating);
    for (const t of [alice, bob]) await t.cases.close();
  });

  it("20 made-up analysts in a file do not push Carol's rating out of Alice's cell, and the review names what was left out", async () => {
    const { alice, bob } = await pair('flood');
    const carolRating = { value: 'II' as const, by: 'carol' };
    await rawPut(alice, { ...row(alice), ratings: { ...row(alice).ratings, [H1]: { value: 'I', by: 'alice', others: [carolRating] } } });
    const madeUp = Array.from({ length: 20 }, (_, i) => ({ value: 'NA' as const, by: `made-up-${i}` }));
    await rawPut(bob, { ...row(bob), ratings: { ...row(bob).ratings, [H1]: { value: 'CC', by: 'bob', others: madeUp } } });
    const back = await send(bob, alice);
    await alice.exchange.merge(back.opened, back.plan, {});
    const others = row(alice).ratings[H1]?.others ?? [];
    expect(others).toHaveLength(20);
    expect(others[0]).toEqual(carolRating);
    // Bob's own rating (the signer's) is kept before those he forwarded.
    expect(others).toContainEqual({ value: 'CC', by: 'bob' });
    expect(back.plan.notes.some((n) => n.id === E1 && /2 rating\(s\) from their file left out \(NA by made-up-0, NA by made-up-1\).*ours first/.test(n.note))).toBe(true);
    for (const t of [alice, bob]) await t.cases.close();
  });

  it('a newer rating by the same signer still replaces their older one', async () => {
    const { alice, bob, a, b } = await pair('newer');
    ok(await a.setCell(E1, H2, { value: 'N' }));
    ok(await b.setCell(E1, H2, { value: 'CC' }));
    await deliver(bob, alice);
    expect(row(alice).ratings[H2]?.others?.map((o) => o.value)).toEqual(['CC']);
    ok(await b.setCell(E1, H2, { value: 'II' }));
    await deliver(bob, alice);
    expect(row(alice).ratings[H2]?.others?.map((o) => o.value)).toEqual(['II']);
    for (const t of [alice, bob]) await t.cases.close();
  });

  it('a rating Alice settled ("keep ours") does not come back when Carol forwards Bob\'s old rating (A→B→A→C)', async () => {
    const { alice, bob, a, b } = await pair('abac');
    const carol = await team('carol-abac');
    ok(await a.setCell(E1, H2, { value: 'N' }));
    ok(await b.setCell(E1, H2, { value: 'CC' }));
    const r1 = await send(bob, alice);
    await alice.exchange.merge(r1.opened, r1.plan, {});
    expect(row(alice).ratings[H2]?.others?.map((o) => o.value)).toEqual(['CC']);
    ok(await a.resolveCell(E1, H2, { pick: -1 }));
    const r2 = await send(bob, carol);
    await carol.exchange.merge(r2.opened, r2.plan, {});
    const r3 = await send(carol, alice);
    await alice.exchange.merge(r3.opened, r3.plan, {});
    expect(row(alice).ratings[H2]?.others).toBeUndefined();
    for (const t of [alice, bob, carol]) await t.cases.close();
  });
});

describe('joined notes', () => {
  it("Bob's note on Alice's rating (same value) joins hers credited to Bob, the file's signer, not to the cell's rater", async () => {
    const { alice, bob, a, b } = await pair('who');
    ok(await a.setCell(E1, H2, { note: 'Alice: the FSB line' }));
    ok(await b.setCell(E1, H2, { note: 'Bob: the claim came late' }));
    await deliver(bob, alice);
    const note = row(alice).ratings[H2]?.note ?? '';
    expect(note).toContain('— bob-who: Bob: the claim came late');
    expect(note.startsWith('Alice: the FSB line')).toBe(true);
    for (const t of [alice, bob]) await t.cases.close();
  });

  it('one rating, three notes, rounds A→B→C→A→B→C…: each note appears once in each case, and nothing arrives as a disagreement', async () => {
    const alice = await team('n-alice', exampleCase());
    const bob = await team('n-bob');
    const carol = await team('n-carol');
    await deliver(alice, bob);
    await deliver(alice, carol);
    ok(await new AchService(alice.cases).setCell(E1, H2, { note: 'A-note' }));
    ok(await new AchService(bob.cases).setCell(E1, H2, { note: 'B-note' }));
    ok(await new AchService(carol.cases).setCell(E1, H2, { note: 'C-note' }));
    const ring: Array<[Team, Team]> = [[alice, bob], [bob, carol], [carol, alice], [alice, carol], [carol, bob], [bob, alice]];
    for (let round = 0; round < 2; round++) for (const [from, to] of ring) await deliver(from, to);
    for (const t of [alice, bob, carol]) {
      const c = row(t).ratings[H2]!;
      const count = (s: string) => (c.note ?? '').split(s).length - 1;
      expect({ value: c.value, a: count('A-note'), b: count('B-note'), c: count('C-note'), others: c.others?.length ?? 0 }).toEqual({ value: 'I', a: 1, b: 1, c: 1, others: 0 });
    }
    for (const t of [alice, bob, carol]) await t.cases.close();
  });
});
