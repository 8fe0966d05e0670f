import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AchService } from '../../src/main/services/ach-service';
import type { AchRow } from '../../src/shared/domain/ach';
import { EXAMPLE, exampleCase } from '../helpers/ach';
import { exportFile, ok, team, type Team } from '../helpers/exchange';
import { removeTempDirs, tempDir } from '../helpers/store';

/** Hostile review 17b: notes of one rating joined over many rounds between three analysts. */
afterAll(removeTempDirs);

const H2 = EXAMPLE.h[1];
const E1 = EXAMPLE.rows[0];
let sent = 0;
async function send(from: Team, to: Team) {
  const key = (await to.exchange.publicKey()).ageRecipient;
  const file = await exportFile(from.exchange, { maxMarking: 'TLP:RED', recipients: [key] });
  const out = join(tempDir('rev17b-notes'), `sent-${++sent}.casefile`);
  writeFileSync(out, file.bytes);
  const opened = await to.exchange.open(out);
  await to.exchange.merge(opened.opened, opened.plan, Object.fromEntries(opened.plan.conflicts.map((c) => [c.key, c.options[0]!])));
}
const cell = (t: Team) => (t.cases.records!.get('matrixRows', E1) as AchRow).ratings[H2];

describe('review17b: one rating, three notes, many rounds', () => {
  it('each note appears once in each case after rounds A→B→C→A→B→C…, and nothing arrives as a disagreement', async () => {
    const alice = await team('n-alice', exampleCase());
    const bob = await team('n-bob');
    const carol = await team('n-carol');
    await send(alice, bob);
    await send(alice, carol);
    // All three keep E1/H2 at I, each with their own note.
    ok(await new AchService(alice.cases).setCell(E1, H2, { note: 'A-note' }));
    ok(await new AchService(bob.cases).setCell(E1, H2, { note: 'B-note' }));
    ok(await new AchService(carol.cases).setCell(E1, H2, { note: 'C-note' }));
    const ring: Array<[Team, Team]> = [[alice, bob], [bob, carol], [carol, alice], [alice, carol], [carol, bob], [bob, alice]];
    for (let round = 0; round < 2; round++) for (const [from, to] of ring) await send(from, to);
    for (const t of [alice, bob, carol]) {
      const c = cell(t)!;
      const count = (s: string) => (c.note ?? '').split(s).length - 1;
      console.log('rev17b notes', t.path.split('/').pop(), JSON.stringify(c));
      expect.soft({ value: c.value, a: count('A-note'), b: count('B-note'), c: count('C-note'), others: c.others?.length ?? 0 }).toEqual({ value: 'I', a: 1, b: 1, c: 1, others: 0 });
    }
    for (const t of [alice, bob, carol]) await t.cases.close();
  });
});

describe('review17b: who wrote a joined note', () => {
  it("Bob's note on Alice's rating (same value) joins hers credited to Bob, not to the cell's rater", async () => {
    const alice = await team('w-alice', exampleCase());
    const bob = await team('w-bob');
    await send(alice, bob);
    ok(await new AchService(alice.cases).setCell(E1, H2, { note: 'Alice: the FSB line' }));
    ok(await new AchService(bob.cases).setCell(E1, H2, { note: 'Bob: the claim came late' }));
    await send(bob, alice);
    const note = cell(alice)!.note ?? '';
    console.log('rev17b joined note:', JSON.stringify(note));
    expect(note).toContain('— w-bob: Bob: the claim came late');
    for (const t of [alice, bob]) await t.cases.close();
  });
});
