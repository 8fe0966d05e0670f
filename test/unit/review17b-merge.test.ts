import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AchService } from '../../src/main/services/ach-service';
import { AchMatrix as MatrixSchema, type AchCell, type AchMatrix, type AchRow } from '../../src/shared/domain/ach';
import type { Change } from '../../src/shared/domain/audit';
import { EXAMPLE, exampleCase } from '../helpers/ach';
import { exportFile, ok, team, type Team } from '../helpers/exchange';
import { removeTempDirs, tempDir } from '../helpers/store';

/** Hostile review 17b: ACH merges between analysts. Each `it` asserts the RIGHT behaviour. */
afterAll(removeTempDirs);

const [H1, H2] = EXAMPLE.h;
const E1 = EXAMPLE.rows[0];

let sent = 0;
async function send(from: Team, to: Team, maxMarking: 'TLP:RED' | 'TLP:GREEN' = 'TLP:RED') {
  const key = (await to.exchange.publicKey()).ageRecipient;
  const file = await exportFile(from.exchange, { maxMarking, recipients: [key] });
  const out = join(tempDir('rev17b-merge'), `sent-${++sent}.casefile`);
  writeFileSync(out, file.bytes);
  return to.exchange.open(out);
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

async function rawPut(t: Team, after: AchRow) {
  const before = t.cases.records!.get('matrixRows', after.id) ?? null;
  return ok(await t.cases.commitBatch('edit', () => ({ summary: 'raw', changes: [{ op: 'put', collection: 'matrixRows', id: after.id, before, after } as Change] })));
}

describe('review17b: hypotheses added on both sides', () => {
  it('each analyst adds hypotheses up to the bound of 40: the review says before the merge what will not fit, and no rating is dropped unsaid', async () => {
    const { alice, bob, a, b } = await pair('forty');
    const more = (who: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `hypothesis--${who}${i}`, statement: `${who} ${i}` }));
    ok(await a.putMatrix({ ...matrix(alice), hypotheses: [...matrix(alice).hypotheses, ...more('alice', 37)] }));
    ok(await b.putMatrix({ ...matrix(bob), hypotheses: [...matrix(bob).hypotheses, ...more('bob', 37)] }));
    ok(await b.setCell(E1, 'hypothesis--bob0', { value: 'II', note: 'Bob: the decisive rating' }));
    const back = await send(bob, alice);
    // The review the analyst approves must say the matrix will not merge (a conflict or a note).
    const warned = [...back.plan.conflicts.map((c) => c.key), ...back.plan.notes.map((n) => `${n.id}: ${n.note}`)].filter((t) => t.includes(EXAMPLE.matrixId));
    expect.soft(warned.length, 'plan shows nothing about the matrix that will be skipped').toBeGreaterThan(0);
    const outcome = await alice.exchange.merge(back.opened, back.plan, Object.fromEntries(back.plan.conflicts.map((c) => [c.key, c.options[0]!])));
    console.log('rev17b forty: skipped =', JSON.stringify(outcome.skipped), '; E1 cells =', Object.keys(row(alice).ratings).length);
    expect(MatrixSchema.safeParse(matrix(alice)).success).toBe(true);
    // Bob's rating of his own hypothesis: kept, or at least named in what the merge says it skipped.
    const kept = row(alice).ratings['hypothesis--bob0'];
    const said = outcome.skipped.some((s) => s.includes(E1) || s.includes('hypothesis--bob0'));
    expect.soft({ kept: kept?.value ?? null, said }).not.toEqual({ kept: null, said: false });
    for (const t of [alice, bob]) await t.cases.close();
  });
});

describe("review17b: one analyst's rating in `others` is keyed by the free-text `by`", () => {
  it("Bob's file cannot erase Carol's differing rating from Alice's cell by naming himself carol", async () => {
    const { alice, bob } = await pair('impersonate');
    // Alice's cell already records Carol's differing rating (as a merge from Carol leaves it).
    const carolRating = { value: 'II' as const, by: 'carol', note: "Carol's reasoning" };
    await rawPut(alice, { ...row(alice), ratings: { ...row(alice).ratings, [H1]: { ...(row(alice).ratings[H1] as AchCell), others: [carolRating] } } });
    // Bob rates H1 differently, writing `by: carol` (the field is free text in the file).
    await rawPut(bob, { ...row(bob), ratings: { ...row(bob).ratings, [H1]: { value: 'N', by: 'carol' } } });
    const back = await send(bob, alice);
    await alice.exchange.merge(back.opened, back.plan, {});
    const others = row(alice).ratings[H1]?.others ?? [];
    expect(others).toContainEqual(carolRating);
    await alice.cases.close();
    await bob.cases.close();
  });
});

describe('review17b: A→B→A→C rounds', () => {
  it('a rating Alice settled ("keep ours") does not come back when Carol forwards Bob\'s old rating', async () => {
    const { alice, bob, a } = await pair('abac');
    const carol = await team('carol-abac');
    const b = new AchService(bob.cases);
    // Alice rates E1/H2 N, Bob rates it CC; Alice merges and keeps hers.
    ok(await a.setCell(E1, H2, { value: 'N' }));
    ok(await b.setCell(E1, H2, { value: 'CC' }));
    const r1 = await send(bob, alice);
    await alice.exchange.merge(r1.opened, r1.plan, {});
    expect(row(alice).ratings[H2]?.others?.map((o) => o.value)).toEqual(['CC']);
    ok(await a.resolveCell(E1, H2, { pick: -1 }));
    // Bob also sent his file to Carol earlier; Carol (who never touches the cell) sends hers to Alice.
    const r2 = await send(bob, carol);
    await carol.exchange.merge(r2.opened, r2.plan, {});
    const r3 = await send(carol, alice);
    await alice.exchange.merge(r3.opened, r3.plan, {});
    expect(row(alice).ratings[H2]?.others).toBeUndefined();
    for (const t of [alice, bob, carol]) await t.cases.close();
  });
});

describe('review17b: a row above the file\'s marking and a hypothesis the partner removes', () => {
  it("Bob (who got Alice's file at GREEN, without her AMBER row) removes H3: H3 is either gone or whole (not back with only the AMBER row's C, which makes it the lead), and the plan does not claim Alice rated it since", async () => {
    const doc = exampleCase();
    doc.matrixRows = doc.matrixRows.map((r) => (r.id === EXAMPLE.rows[3] ? { ...r, marking: 'TLP:AMBER' } : r));
    const alice = await team('amber-alice', doc);
    const bob = await team('amber-bob');
    const first = await send(alice, bob, 'TLP:GREEN');
    await bob.exchange.merge(first.opened, first.plan, {});
    expect(bob.cases.records!.get('matrixRows', EXAMPLE.rows[3])).toBeUndefined();
    const b = new AchService(bob.cases);
    ok(await b.putMatrix({ ...matrix(bob), hypotheses: matrix(bob).hypotheses.filter((h) => h.id !== EXAMPLE.h[2]) }));
    const back = await send(bob, alice, 'TLP:GREEN');
    const notes = back.plan.notes.map((n) => n.note);
    console.log('rev17b amber: notes =', JSON.stringify(notes));
    await alice.exchange.merge(back.opened, back.plan, {});
    console.log('rev17b amber: alice hypotheses =', matrix(alice).hypotheses.map((h) => h.id).join(','));
    const h3 = EXAMPLE.h[2];
    const h3Cells = EXAMPLE.rows.map((id) => row(alice, id).ratings[h3]?.value ?? null);
    const lead = new AchService(alice.cases).view(EXAMPLE.matrixId).scores.lead;
    console.log('rev17b amber: H3 cells E1..E4 =', JSON.stringify(h3Cells), 'lead =', lead);
    // Either Bob's removal takes effect (H3 gone) or H3 stays whole: never a column back with only some of its ratings.
    expect.soft(h3Cells.every((v) => v === null) || JSON.stringify(h3Cells) === JSON.stringify(['II', 'I', 'NA', 'C']), `H3 cells ${JSON.stringify(h3Cells)}`).toBe(true);
    // Alice never touched H3 or E4 since she sent it: the note must not say it was "rated on the other since".
    expect.soft(notes.filter((n) => /rated on the other since/.test(n))).toEqual([]);
    for (const t of [alice, bob]) await t.cases.close();
  });
});
